//! Unified social credit codes (GB 32100-2015) on the parties.
//!
//! Known-valid codes: the standard's own example, and codes whose check
//! character was worked with a separate implementation of the standard's
//! rule (values 0–9, A–H, J–N, P, Q, R, T, U, W, X, Y = 0–30; weights 3^i
//! mod 31; check = 31 − sum mod 31, with 31 written 0).

use jiceng_enforcement::Party;
use jiceng_org::CreditCode;

const VALID: [&str; 5] = [
    "91350100M000100Y43",
    "91130430MA0C11111L",
    "12130000000000000U",
    "91110108551385082Q",
    "52130430MA0D12345A",
];

const CHARSET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

#[test]
fn known_valid_codes_pass() {
    for c in VALID {
        assert!(c.parse::<CreditCode>().is_ok(), "{c}");
        let json = format!(r#"{{"kind": "organisation", "name": "x", "credit_code": "{c}"}}"#);
        assert!(serde_json::from_str::<Party>(&json).is_ok(), "{c}");
    }
}

#[test]
fn every_single_character_corruption_fails() {
    // The weights 3^i mod 31 are never 0 mod 31 and 31 is prime, so any one
    // changed value changes the sum mod 31: every corruption is caught.
    let mut tried = 0;
    for c in VALID {
        for i in 0..18 {
            for r in CHARSET.chars().chain("IOSVZa-".chars()) {
                let mut chars: Vec<char> = c.chars().collect();
                if chars[i] == r {
                    continue;
                }
                chars[i] = r;
                let bad: String = chars.into_iter().collect();
                assert!(bad.parse::<CreditCode>().is_err(), "{bad} (from {c})");
                tried += 1;
            }
        }
    }
    // 5 codes × 18 positions × (31 − 1 + 7) replacements.
    assert_eq!(tried, 5 * 18 * 37);
}

/// Pinned by mutation testing: a party's name and the statute's words for
/// its kind (行政处罚法第五十一条: "对公民处以二百元以下、对法人或者其他组织处以
/// 三千元以下罚款").
#[test]
fn party_names_and_the_statutes_words_for_kinds() {
    use jiceng_enforcement::PartyKind;
    let citizen: Party = serde_json::from_str(r#"{"kind": "citizen", "name": "张三"}"#).unwrap();
    assert_eq!(
        (citizen.name(), citizen.kind()),
        ("张三", PartyKind::Citizen)
    );
    let org: Party =
        serde_json::from_str(r#"{"kind": "organisation", "name": "示例加工厂"}"#).unwrap();
    assert_eq!(
        (org.name(), org.kind()),
        ("示例加工厂", PartyKind::Organisation)
    );
    assert_eq!(PartyKind::Citizen.zh(), "公民");
    assert_eq!(PartyKind::Organisation.zh(), "法人或者其他组织");
}
