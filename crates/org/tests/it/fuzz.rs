//! Fuzz targets: the division and credit code parsers and the registry
//! build, on structure-aware hostile input.
//!
//! Each target generates inputs near the valid ones (valid codes with
//! characters replaced, inserted, deleted or repeated; full-width digits,
//! ideographic spaces, Chinese text, long strings) and compares every answer
//! with a deliberately simple reference model written from the rules:
//!
//! * a division code, read as a string: 12 ASCII digits (or 6, padded with
//!   zeros), surrounding whitespace trimmed; the first two digits a GB/T
//!   2260 province; nothing but zeros after a zero city group; no village
//!   digits under a zero township group (统计用区划代码编制规则). Its level is
//!   where the trailing zero groups begin, its parent the code with its
//!   lowest nonzero group zeroed.
//! * a credit code: 18 characters of the GB 32100-2015 alphabet, positions
//!   3–8 digits, the weighted sum with weights 3^i mod 31 plus the check
//!   character's value divisible by 31.
//! * a registry: every problem counted by kind from the lists; once built,
//!   every query answered by scanning the lists.
//!
//! CI runs proptest's default number of cases. For a long run, with
//! overflow checks on:
//! `PROPTEST_CASES=1000000 cargo test --profile fuzz -p jiceng-org --test it fuzz_`

use jiceng_org::{CreditCode, DivisionCode, Error, Level};
use proptest::prelude::*;

mod registry;

// ------------------------------------------------------------ generators

/// Characters a hostile file may hold where a code is expected.
fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range('0', '9'),
        2 => proptest::char::range('A', 'Z'),
        1 => proptest::char::range('a', 'z'),
        1 => prop::sample::select(vec![
            ' ', '\t', '\n', '\u{3000}', '\u{A0}', '\u{FEFF}', '\0', '-', '+', '.',
            '０', '１', '９', 'Ｙ', '省', '县', '镇', '村', 'é', '😀', '\u{0301}',
        ]),
        1 => any::<char>(),
    ]
}

/// One edit of a string.
#[derive(Debug, Clone)]
enum Edit {
    Replace(usize, char),
    Insert(usize, char),
    Delete(usize),
    Truncate(usize),
    Repeat(usize),
    Pad(String, String),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (any::<usize>(), hostile_char()).prop_map(|(i, c)| Edit::Replace(i, c)),
        2 => (any::<usize>(), hostile_char()).prop_map(|(i, c)| Edit::Insert(i, c)),
        2 => any::<usize>().prop_map(Edit::Delete),
        1 => any::<usize>().prop_map(Edit::Truncate),
        1 => (2usize..200).prop_map(Edit::Repeat),
        1 => ("[ \t\u{3000}\u{A0}]{0,3}", "[ \t\u{3000}\u{A0}\n]{0,3}")
            .prop_map(|(a, b)| Edit::Pad(a, b)),
    ]
}

/// `s` with the edits applied, positions taken modulo the current length.
fn apply(s: &str, edits: &[Edit]) -> String {
    let mut cs: Vec<char> = s.chars().collect();
    for e in edits {
        let n = cs.len();
        match e {
            Edit::Replace(i, c) if n > 0 => cs[i % n] = *c,
            Edit::Insert(i, c) => cs.insert(i % (n + 1), *c),
            Edit::Delete(i) if n > 0 => {
                cs.remove(i % n);
            }
            Edit::Truncate(i) => cs.truncate(i % (n + 1)),
            Edit::Repeat(k) => cs = cs.iter().copied().cycle().take(n * k).collect(),
            Edit::Pad(a, b) => {
                cs = a
                    .chars()
                    .chain(cs.iter().copied())
                    .chain(b.chars())
                    .collect();
            }
            _ => {}
        }
    }
    cs.into_iter().collect()
}

/// The GB/T 2260 province-level prefixes, from the standard's table.
const PROVINCES: [&str; 34] = [
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41",
    "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71",
    "81", "82",
];

/// A valid code's digits: a province, then nonzero groups down to a random
/// level, zeros below; sometimes a town of a city without counties.
fn valid_code_text() -> impl Strategy<Value = String> {
    (
        prop::sample::select(PROVINCES.to_vec()),
        1u32..=99,
        1u32..=99,
        1u32..=999,
        1u32..=999,
        0usize..6,
    )
        .prop_map(|(pp, cc, dd, ttt, vvv, depth)| match depth {
            0 => format!("{pp}0000000000"),
            1 => format!("{pp}{cc:02}00000000"),
            2 => format!("{pp}{cc:02}{dd:02}000000"),
            3 => format!("{pp}{cc:02}{dd:02}{ttt:03}000"),
            4 => format!("{pp}{cc:02}{dd:02}{ttt:03}{vvv:03}"),
            // A town, or a village, of a city without counties.
            _ => format!("{pp}{cc:02}00{ttt:03}{:03}", vvv % 2 * vvv),
        })
}

/// Division code text: valid codes (12 or 6 digits), their mutations, and
/// arbitrary strings, some long.
fn code_text() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => valid_code_text(),
        1 => valid_code_text().prop_map(|s| s[..6].to_owned()),
        6 => (valid_code_text(), prop::collection::vec(edit(), 1..4))
            .prop_map(|(s, e)| apply(&s, &e)),
        1 => "[0-9]{0,14}",
        1 => ".{0,40}",
    ]
}

/// The GB 32100-2015 alphabet, in value order.
const CREDIT_CHARSET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/// A valid credit code built from the standard: 17 characters (positions
/// 3–8 digits) and the check character computed here.
fn valid_credit_text() -> impl Strategy<Value = String> {
    let alphabet: Vec<char> = CREDIT_CHARSET.chars().collect();
    let any_char = prop::sample::select(alphabet);
    let digit = proptest::char::range('0', '9');
    (
        prop::collection::vec(any_char.clone(), 2),
        prop::collection::vec(digit, 6),
        prop::collection::vec(any_char, 9),
    )
        .prop_map(|(a, b, c)| {
            let first17: String = a.into_iter().chain(b).chain(c).collect();
            let check = reference_check_char(&first17);
            format!("{first17}{check}")
        })
}

fn credit_text() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => valid_credit_text(),
        6 => (valid_credit_text(), prop::collection::vec(edit(), 1..4))
            .prop_map(|(s, e)| apply(&s, &e)),
        1 => "[0-9A-Z]{17,19}",
        1 => ".{0,40}",
    ]
}

// ------------------------------------------------------- reference models

/// A division code read by the rules, as its 12 digits, or `None`.
fn reference_code(s: &str) -> Option<String> {
    let t = s.trim();
    if !(t.len() == 12 || t.len() == 6) || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let full = format!("{t:0<12}");
    if !PROVINCES.contains(&&full[0..2]) {
        return None;
    }
    if &full[2..4] == "00" && &full[4..] != "00000000" {
        return None;
    }
    if &full[6..9] == "000" && &full[9..] != "000" {
        return None;
    }
    Some(full)
}

/// Where each level's digits end in the 12.
fn prefix_len(level: Level) -> usize {
    match level {
        Level::Province => 2,
        Level::City => 4,
        Level::County => 6,
        Level::Township => 9,
        Level::Village => 12,
    }
}

/// The level of valid digits: the first level after which only zeros follow.
fn reference_level(full: &str) -> Level {
    let levels = [Level::Province, Level::City, Level::County, Level::Township];
    levels
        .into_iter()
        .find(|&l| full[prefix_len(l)..].bytes().all(|b| b == b'0'))
        .unwrap_or(Level::Village)
}

fn zeros_after(full: &str, len: usize) -> String {
    format!("{:0<12}", &full[..len])
}

/// The parent's digits: the lowest nonzero group zeroed.
fn reference_parent(full: &str) -> Option<String> {
    match reference_level(full) {
        Level::Province => None,
        Level::City => Some(zeros_after(full, 2)),
        Level::County => Some(zeros_after(full, 4)),
        // A town of a city without counties (zero county group) sits under
        // the city: zeroing the township group gives the city's code.
        Level::Township => Some(zeros_after(full, 6)),
        Level::Village => Some(zeros_after(full, 9)),
    }
}

/// The ancestor's digits at `level`: none below the code's own level, and
/// no county for a town of a city without counties.
fn reference_at(full: &str, level: Level) -> Option<String> {
    if level > reference_level(full) || (level == Level::County && &full[4..6] == "00") {
        return None;
    }
    Some(zeros_after(full, prefix_len(level)))
}

fn reference_check_char(first17: &str) -> char {
    let mut weight = 1u32;
    let mut sum = 0u32;
    for c in first17.chars() {
        let v = CREDIT_CHARSET.find(c).expect("a charset character") as u32;
        sum += v * weight;
        weight = weight * 3 % 31;
    }
    CREDIT_CHARSET
        .chars()
        .nth(((31 - sum % 31) % 31) as usize)
        .expect("31 characters")
}

fn reference_credit(s: &str) -> bool {
    let cs: Vec<char> = s.chars().collect();
    cs.len() == 18
        && cs.iter().all(|&c| CREDIT_CHARSET.contains(c))
        && cs[2..8].iter().all(char::is_ascii_digit)
        && reference_check_char(&cs[..17].iter().collect::<String>()) == cs[17]
}

// ------------------------------------------------------------ the targets

proptest! {
    #[test]
    fn fuzz_division_code_parse(s in code_text()) {
        let parsed = s.parse::<DivisionCode>();
        let reference = reference_code(&s);
        prop_assert_eq!(parsed.is_ok(), reference.is_some(), "{:?}: {:?}", s, parsed);
        match (parsed, reference) {
            (Ok(code), Some(full)) => {
                prop_assert_eq!(code.to_string(), full.clone());
                prop_assert_eq!(code.get(), full.parse::<u64>().unwrap());
                prop_assert_eq!(code.gb2260(), full[..6].parse::<u32>().unwrap());
                prop_assert_eq!(code.level(), reference_level(&full));
                prop_assert_eq!(code.parent().map(|p| p.to_string()), reference_parent(&full));
                for level in [Level::Province, Level::City, Level::County, Level::Township, Level::Village] {
                    prop_assert_eq!(code.at(level).map(|a| a.to_string()), reference_at(&full, level));
                    if let Some(a) = code.at(level) {
                        prop_assert!(a.contains(code));
                    }
                }
                prop_assert_eq!(full.parse::<DivisionCode>(), Ok(code));
                let json = serde_json::to_string(&code).unwrap();
                prop_assert_eq!(serde_json::from_str::<DivisionCode>(&json).unwrap(), code);
                let ttt: u32 = full[6..9].parse().unwrap();
                let vvv: u32 = full[9..].parse().unwrap();
                let township = (code.level() == Level::Township).then_some(ttt);
                prop_assert_eq!(code.township_range().is_some(), township.is_some());
                let village = (code.level() == Level::Village).then_some(vvv);
                prop_assert_eq!(code.village_range().is_some(), village.is_some());
            }
            (Err(Error::InvalidCode { code, reason }), None) => {
                // The error names the text as given (its first 60
                // characters) and says what is wrong.
                let shown = match s.char_indices().nth(60) {
                    Some((i, _)) => format!("{}…", &s[..i]),
                    None => s.clone(),
                };
                prop_assert_eq!(code, shown);
                prop_assert!(!reason.is_empty());
            }
            (other, _) => prop_assert!(false, "unexpected {:?}", other),
        }
    }

    #[test]
    fn fuzz_division_code_from_numbers(
        n in prop_oneof![
            any::<u64>(),
            0u64..2_000_000_000_000,
            Just(u64::MAX),
            Just(999_999_999_999u64),
            Just(1_000_000_000_000u64),
            Just(0u64),
        ],
    ) {
        let reference = (n < 1_000_000_000_000)
            .then(|| reference_code(&format!("{n:012}")))
            .flatten();
        let made = DivisionCode::new(n);
        prop_assert_eq!(made.is_ok(), reference.is_some(), "{}: {:?}", n, made);
        if let Ok(code) = made {
            prop_assert_eq!(code.get(), n);
        }
    }

    #[test]
    fn fuzz_credit_code_parse(s in credit_text()) {
        let parsed = s.parse::<CreditCode>();
        prop_assert_eq!(parsed.is_ok(), reference_credit(&s), "{:?}: {:?}", s, parsed);
        match parsed {
            Ok(code) => {
                prop_assert_eq!(code.as_str(), s.as_str());
                prop_assert_eq!(code.to_string(), s.clone());
                prop_assert_eq!(code.division_gb2260(), &s[2..8]);
                let json = serde_json::to_string(&code).unwrap();
                prop_assert_eq!(serde_json::from_str::<CreditCode>(&json).unwrap(), code);
            }
            Err(Error::InvalidCreditCode { code, reason }) => {
                // The code as given, its first 60 characters and `…`
                // where it was longer.
                let shown: String = s.chars().take(60).collect();
                let cut = s.chars().count() > 60;
                prop_assert_eq!(code, if cut { format!("{shown}…") } else { shown });
                prop_assert!(!reason.is_empty());
            }
            Err(other) => prop_assert!(false, "unexpected {:?}", other),
        }
    }
}
