//! `CreditCode`: the unified social credit code of GB 32100-2015.
//!
//! The check character is computed here independently from the standard:
//! the 31 characters are the digits and the capital letters without I, O,
//! S, V, Z, valued 0..=30 in that order; position i (0-based, of the first
//! 17) weighs 3^i mod 31; the check character's value is 31 minus the
//! weighted sum mod 31, with 31 written as `0`.

use jiceng_org::{CreditCode, Error};
use proptest::prelude::*;

/// The example code printed in GB 32100-2015.
const EXAMPLE: &str = "91350100M000100Y43";

/// The characters GB 32100-2015 allows, in value order.
fn charset() -> Vec<char> {
    ('0'..='9')
        .chain(('A'..='Z').filter(|c| !"IOSVZ".contains(*c)))
        .collect()
}

fn value_of(c: char) -> u32 {
    charset()
        .iter()
        .position(|&x| x == c)
        .map(|p| u32::try_from(p).unwrap())
        .unwrap_or_else(|| panic!("{c:?} is not a GB 32100 character"))
}

/// The check character for the first 17 characters, by the standard.
fn check_char(first17: &str) -> char {
    assert_eq!(first17.chars().count(), 17);
    let mut weight = 1u32;
    let mut sum = 0u32;
    for c in first17.chars() {
        sum += value_of(c) * weight;
        weight = weight * 3 % 31;
    }
    let v = 31 - sum % 31;
    charset()[usize::try_from(v % 31).unwrap()]
}

fn with_char_at(s: &str, pos: usize, c: char) -> String {
    s.chars()
        .enumerate()
        .map(|(i, x)| if i == pos { c } else { x })
        .collect()
}

#[test]
fn the_charset_has_31_characters() {
    let cs = charset();
    assert_eq!(cs.len(), 31);
    assert_eq!(
        cs.iter().collect::<String>(),
        "0123456789ABCDEFGHJKLMNPQRTUWXY"
    );
}

#[test]
fn the_weights_are_powers_of_three_mod_31() {
    // The weights the standard prints, from 3^i mod 31.
    let printed = [
        1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
    ];
    let mut w = 1u32;
    for p in printed {
        assert_eq!(w, p);
        w = w * 3 % 31;
    }
}

#[test]
fn the_standard_example_is_valid() {
    assert_eq!(check_char(&EXAMPLE[..17]), '3');
    let c: CreditCode = EXAMPLE.parse().unwrap();
    assert_eq!(c.as_str(), EXAMPLE);
    assert_eq!(c.to_string(), EXAMPLE);
    assert_eq!(c.division_gb2260(), "350100");
}

#[test]
fn every_single_character_change_is_detected() {
    let cs = charset();
    let mut tried = 0;
    for pos in 0..18 {
        for &c in &cs {
            if EXAMPLE.chars().nth(pos) == Some(c) {
                continue;
            }
            let changed = with_char_at(EXAMPLE, pos, c);
            let err = changed.parse::<CreditCode>().expect_err(&format!(
                "{changed} (position {}) should be invalid",
                pos + 1
            ));
            assert!(matches!(err, Error::InvalidCreditCode { .. }), "{err:?}");
            assert!(err.to_string().contains(&changed), "{err}");
            tried += 1;
        }
    }
    assert_eq!(tried, 18 * 30);
}

#[test]
fn a_wrong_check_character_is_named_as_such() {
    let err = "91350100M000100Y44".parse::<CreditCode>().unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("check character"), "{msg}");
    assert!(msg.contains("91350100M000100Y44"), "{msg}");
}

#[test]
fn lowercase_is_rejected() {
    assert!(EXAMPLE.to_lowercase().parse::<CreditCode>().is_err());
    // Lowercase the one letter at a time: M (position 9), Y (position 16).
    for pos in [8, 15] {
        let c = EXAMPLE.chars().nth(pos).unwrap().to_ascii_lowercase();
        let s = with_char_at(EXAMPLE, pos, c);
        let err = s.parse::<CreditCode>().unwrap_err();
        assert!(err.to_string().contains(&s), "{err}");
    }
    // Valid codes whose check character is a letter, that letter written
    // in lowercase.
    let mut letters = 0;
    for last in charset() {
        let first17 = format!("91350100M000100Y{last}");
        let check = check_char(&first17);
        let upper = format!("{first17}{check}");
        assert!(upper.parse::<CreditCode>().is_ok(), "{upper}");
        if check.is_ascii_alphabetic() {
            let lower = format!("{first17}{}", check.to_ascii_lowercase());
            assert!(lower.parse::<CreditCode>().is_err(), "{lower}");
            letters += 1;
        }
    }
    // The 31 choices of the 17th character give each check value once.
    assert_eq!(letters, 21);
}

#[test]
fn the_letters_i_o_s_v_z_are_rejected_everywhere() {
    for bad in ['I', 'O', 'S', 'V', 'Z'] {
        for pos in 0..18 {
            let s = with_char_at(EXAMPLE, pos, bad);
            let err = s
                .parse::<CreditCode>()
                .expect_err(&format!("{s} should be invalid"));
            assert!(err.to_string().contains(&s), "{err}");
        }
    }
}

#[test]
fn other_characters_are_rejected() {
    for bad in ['-', ' ', '*', '#', '\0'] {
        for pos in [0, 8, 17] {
            let s = with_char_at(EXAMPLE, pos, bad);
            assert!(s.parse::<CreditCode>().is_err(), "{s:?}");
        }
    }
    // Letters in the division part (positions 3–8), even with a check
    // character that balances the sum.
    let first17 = "9135010AM000100Y4";
    let s = format!("{first17}{}", check_char(first17));
    let err = s.parse::<CreditCode>().unwrap_err();
    assert!(err.to_string().contains(&s), "{err}");
}

#[test]
fn wrong_lengths_are_rejected() {
    for s in [
        "",
        "9",
        "91350100M000100Y4",
        "91350100M000100Y430",
        "91350100M000100Y43 ",
        " 91350100M000100Y43",
        "91350100M000100Y4391350100M000100Y43",
    ] {
        let err = s
            .parse::<CreditCode>()
            .expect_err(&format!("{s:?} should be rejected"));
        assert!(
            err.to_string().contains(&format!("{s:?}")),
            "the error should name {s:?}: {err}"
        );
    }
}

#[test]
fn non_ascii_text_is_rejected() {
    for s in [
        // 18 characters, the last a fullwidth digit (20 bytes).
        "91350100M000100Y4３",
        // 6 characters of 3 bytes: 18 bytes.
        "统一社会信用",
        "９１３５０１００Ｍ０００１００Ｙ４３",
    ] {
        let err = s
            .parse::<CreditCode>()
            .expect_err(&format!("{s:?} should be rejected"));
        assert!(err.to_string().contains(s), "{err}");
    }
}

/// Regression: the length was checked in bytes but reported in characters,
/// so an 18-character code with one full-width digit was told it "has 18
/// characters, not 18"; and a non-ASCII byte was shown as a garbled
/// character.
#[test]
fn non_ascii_characters_are_named_and_counted_as_characters() {
    let err = "91350100M000100Y4３".parse::<CreditCode>().unwrap_err();
    assert!(
        err.to_string().contains("character '３' at position 18"),
        "{err}"
    );
    let err = "统一社会信用".parse::<CreditCode>().unwrap_err();
    assert!(
        err.to_string().contains("has 6 characters, not 18"),
        "{err}"
    );
}

#[test]
fn serde_json_is_a_string() {
    let c: CreditCode = EXAMPLE.parse().unwrap();
    let json = serde_json::to_string(&c).unwrap();
    assert_eq!(json, format!("\"{EXAMPLE}\""));
    assert_eq!(serde_json::from_str::<CreditCode>(&json).unwrap(), c);
    assert!(serde_json::from_str::<CreditCode>("\"91350100M000100Y44\"").is_err());
}

fn allowed_char() -> impl Strategy<Value = char> {
    prop::sample::select(charset())
}

fn digit() -> impl Strategy<Value = char> {
    prop::sample::select(('0'..='9').collect::<Vec<_>>())
}

proptest! {
    #[test]
    fn codes_with_the_standard_check_character_are_accepted(
        head in prop::collection::vec(allowed_char(), 2),
        division in prop::collection::vec(digit(), 6),
        org in prop::collection::vec(allowed_char(), 9),
    ) {
        let first17: String = head.iter().chain(&division).chain(&org).collect();
        let s = format!("{first17}{}", check_char(&first17));
        let c = s.parse::<CreditCode>();
        prop_assert!(c.is_ok(), "{} rejected: {:?}", s, c);
        let c = c.unwrap();
        prop_assert_eq!(c.as_str(), s.as_str());
        prop_assert_eq!(c.division_gb2260(), &s[2..8]);

        // Any other check character is refused.
        for other in charset() {
            if other != check_char(&first17) {
                let t = format!("{first17}{other}");
                prop_assert!(t.parse::<CreditCode>().is_err(), "{} accepted", t);
            }
        }
    }

    #[test]
    fn a_single_change_to_a_valid_code_is_detected(
        head in prop::collection::vec(allowed_char(), 2),
        division in prop::collection::vec(digit(), 6),
        org in prop::collection::vec(allowed_char(), 9),
        pos in 0usize..18,
        replacement in allowed_char(),
    ) {
        let first17: String = head.iter().chain(&division).chain(&org).collect();
        let s = format!("{first17}{}", check_char(&first17));
        prop_assume!(s.chars().nth(pos) != Some(replacement));
        let changed = with_char_at(&s, pos, replacement);
        prop_assert!(changed.parse::<CreditCode>().is_err(), "{} accepted", changed);
    }
}

/// A kilobyte of code came back whole in its error, and a party's code is
/// read from case files, which are hostile input.
#[test]
fn a_kilobyte_code_is_cut_to_sixty_characters_in_its_error() {
    let long = "9".repeat(1000);
    let e = long.parse::<CreditCode>().unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "invalid unified social credit code \"{}…\": has 1000 characters, not 18",
            "9".repeat(60)
        )
    );
}
