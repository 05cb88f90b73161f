//! Fuzz targets (issue 9) for the catalogue format: structure-aware
//! mutations of the bundled Suning catalogue, in TOML and in JSON, then
//! every query with extreme arguments. Nothing may panic; every answer is
//! a value or a typed error.
//!
//! CI runs proptest's default number of cases; the long run is
//! `PROPTEST_CASES=1000000 cargo test --profile fuzz -p jiceng-approvals --test it fuzz_catalogue`.

use chrono::NaiveDate;
use jiceng_approvals::{
    BUNDLED_SUNING_CATALOGUE, Case, Catalogue, Channel, Inline, check_catalogue,
};
use jiceng_authority::{Ledger, PowerCategory};
use proptest::prelude::*;

/// Replacement text: extreme dates, periods and money, long and non-ASCII
/// strings, TOML and JSON punctuation, and the names of the fields.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("+262142-12-31".to_owned()),
        Just("0000-01-01".to_owned()),
        Just("9999-12-31".to_owned()),
        Just("2024-02-30".to_owned()),
        Just("4294967295wd".to_owned()),
        Just("0wd".to_owned()),
        Just("36600y".to_owned()),
        Just("79228162514264337593543950335.99".to_owned()),
        Just("-0.001".to_owned()),
        Just("130000000000".to_owned()),
        Just("999999999999".to_owned()),
        Just("\n[[entry]]\n".to_owned()),
        Just("\nuntil = \"2022-07-01\"\n".to_owned()),
        Just("\ntemplate = true\n".to_owned()),
        Just("\nwithdrawn = true\n".to_owned()),
        Just("\"".to_owned()),
        Just("{".to_owned()),
        Just("]".to_owned()),
        Just("on_the_spot".to_owned()),
        Just("village_proxy".to_owned()),
        Just("办事指南".repeat(200)),
        Just("\u{0}\u{feff}\u{202e}|".to_owned()),
        "[a-z_]{0,12}",
        "\\PC{0,40}",
    ]
}

/// `text` with one to three slices replaced by pieces.
fn mutate(text: &str, edits: Vec<(prop::sample::Index, usize, String)>) -> String {
    let mut s = text.to_owned();
    for (at, len, piece) in edits {
        let mut start = at.index(s.len() + 1);
        while !s.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (start + len).min(s.len());
        while !s.is_char_boundary(end) {
            end += 1;
        }
        s.replace_range(start..end, &piece);
    }
    s
}

fn edits() -> impl Strategy<Value = Vec<(prop::sample::Index, usize, String)>> {
    proptest::collection::vec((any::<prop::sample::Index>(), 0usize..16, piece()), 1..4)
}

/// Days at the edges and inside the story.
fn day() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        Just(NaiveDate::MIN),
        Just(NaiveDate::MAX),
        Just(NaiveDate::from_ymd_opt(2022, 7, 1).unwrap()),
        Just(NaiveDate::from_ymd_opt(2023, 6, 30).unwrap()),
        Just(NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()),
    ]
}

/// Every query, on every place and item the catalogue mentions and a few
/// it does not.
fn exercise(cat: &Catalogue, d: NaiveDate, ledger: &Ledger) {
    let mut places: Vec<String> = cat
        .file()
        .entry
        .iter()
        .map(|e| e.division.to_string())
        .collect();
    places.extend(["130926103200".to_owned(), "x".to_owned(), String::new()]);
    places.sort();
    places.dedup();
    let mut codes: Vec<String> = cat.file().entry.iter().map(|e| e.code.clone()).collect();
    codes.sort();
    codes.dedup();
    codes.truncate(20);
    for p in places.iter().take(20) {
        if let Ok(code) = p.parse() {
            for ch in [None, Some(Channel::VillageProxy)] {
                let _ = cat.offered(code, d, Some(PowerCategory::Licensing), ch);
            }
            let other = "130926102000".parse().unwrap();
            let _ = cat.diff(code, d, other, NaiveDate::MAX);
        }
        for c in &codes {
            if let Ok(g) = cat.guide(p, c, d) {
                let md = g.markdown();
                // A guide is bounded by its item: no table row is broken
                // by a `|` in a name.
                prop_assert_no_pipe(&md);
                let _ = serde_json::to_string(&g);
            }
        }
    }
    let _ = check_catalogue(cat, Some(ledger));
}

fn prop_assert_no_pipe(md: &str) {
    for line in md
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| 材料名称"))
    {
        assert_eq!(line.matches(" | ").count(), 3, "{line}");
    }
}

proptest! {
    #[test]
    fn fuzz_catalogue_toml(e in edits(), d in day()) {
        let text = mutate(BUNDLED_SUNING_CATALOGUE, e);
        if let Ok(cat) = Catalogue::from_str_auto(&text, "f.toml") {
            exercise(&cat, d, &Ledger::hebei_sample());
        }
    }

    #[test]
    fn fuzz_catalogue_json(e in edits(), d in day()) {
        let json = serde_json::to_string_pretty(Catalogue::suning_sample().file()).unwrap();
        let text = mutate(&json, e);
        if let Ok(cat) = Catalogue::from_str_auto(&text, "f.json") {
            exercise(&cat, d, &Ledger::hebei_sample());
        }
    }

    #[test]
    fn fuzz_catalogue_case_lines(e in edits()) {
        let seed = r#"{"id":"A","item":"HBFW-XK-003","division":"130926103000","promised":"5wd","events":[{"date":"2024-03-01","kind":"received"}]}"#;
        let line = mutate(seed, e);
        if let (Ok(mut case), Ok(inline)) = (Case::from_json(&line), Inline::from_json(&line)) {
            let _ = Catalogue::suning_sample().apply(&mut case, &inline);
        }
    }
}

#[test]
fn fuzz_catalogue_json_round_trip() {
    // The bundled catalogue written as JSON reads back to the same file.
    let cat = Catalogue::suning_sample();
    let json = serde_json::to_string(cat.file()).unwrap();
    let back = Catalogue::from_str_auto(&json, "x.json").unwrap();
    assert_eq!(back.file(), cat.file());
}
