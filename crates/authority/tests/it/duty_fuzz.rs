//! Fuzz targets for the duty-list formats: mutations of the bundled
//! sample's duty items, duty lists and assessments (in TOML and JSON), then
//! every duty query with extreme dates. Nothing may panic, and the gaps a
//! township's list shows agree with the gaps the check reports.
//!
//! The long run:
//! `PROPTEST_CASES=1000000 cargo test --profile fuzz -p jiceng-authority --test it fuzz_duty`.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use jiceng_authority::{BUNDLED_HEBEI_SAMPLE, DutyKind, FindingKind, Ledger, LedgerFile};
use jiceng_org::Level;
use proptest::prelude::*;

const TOKENS: &[&str] = &[
    "\n[[duty]]\n",
    "\n[[duty_list]]\n",
    "\n[[assessment]]\n",
    "\"",
    "[",
    "]",
    "{",
    "}",
    ",",
    "=",
    "\n",
    "kind = \"上级收回事项\"\n",
    "kind = \"配合履职事项\"\n",
    "kind = \"basic\"\n",
    "kind = \"责任状\"\n",
    "template = \"hb-duty-template-2021\"\n",
    "template = \"qiu-duty-2021\"\n",
    "province = \"130000000000\"\n",
    "county = \"130430000000\"\n",
    "townships = [\"130430104000\", \"130430104000\"]\n",
    "removes = [\"QX-01\"]\n",
    "changes = [{ code = \"QX-01\", kind = \"returned\" }]\n",
    "powers = [\"HB-CF-011\", \"HB-CF-011\", \"NOPE\"]\n",
    "lead = \"\"\n",
    "duty = \"QX-01\"\n",
    "effective_until = \"2021-10-01\"\n",
    "9999-12-31",
    "0001-01-01",
    "+262142-12-31",
    "QX-01",
    "HB-ZZ-001",
    "HB-CF-011",
    "130430104000",
    "\u{0}",
    "🦀",
];

/// The sample split at its first duty item: the powers stay intact, the
/// duties are mutated.
fn split() -> (&'static str, &'static str) {
    let at = BUNDLED_HEBEI_SAMPLE.find("\n[[duty]]").unwrap_or(0);
    BUNDLED_HEBEI_SAMPLE.split_at(at)
}

fn mutate(text: &str, mutations: &[(u8, u16, u16)], long: &str) -> String {
    let mut s = text.to_owned();
    for &(kind, at, arg) in mutations {
        let mut pos = s.len() * usize::from(at) / 1000;
        while pos > 0 && !s.is_char_boundary(pos) {
            pos -= 1;
        }
        match kind % 3 {
            0 => s.insert_str(pos, TOKENS[usize::from(arg) % TOKENS.len()]),
            1 => {
                let mut end = (pos + usize::from(arg) % 300).min(s.len());
                while !s.is_char_boundary(end) {
                    end -= 1;
                }
                s.replace_range(pos..end, "");
            }
            _ => s.insert_str(pos, long),
        }
    }
    s
}

fn dates() -> Vec<NaiveDate> {
    let mut out = vec![NaiveDate::MIN, NaiveDate::MAX];
    for s in ["2021-10-01", "2021-12-01", "2022-03-01", "2024-01-01"] {
        out.extend(s.parse::<NaiveDate>().ok());
    }
    out
}

/// Every duty query; the gaps of each township's list (basic duties with a
/// power not held) must be the check's duty-without-power findings there.
fn exercise(ledger: &Ledger) {
    let towns: Vec<_> = ledger
        .registry()
        .divisions()
        .iter()
        .filter(|d| d.code.level() == Level::Township)
        .map(|d| d.code)
        .collect();
    for date in dates() {
        let found = ledger.check_duties(date);
        let _ = ledger.assessment_report(date);
        for &t in &towns {
            let Ok(list) = ledger.duties_of(t, date) else {
                continue;
            };
            let _ = ledger.duty_diff(t, date);
            let from_list: BTreeSet<(String, String)> = list
                .iter()
                .filter(|x| x.kind == DutyKind::Basic)
                .flat_map(|x| {
                    x.powers
                        .iter()
                        .filter(|p| !p.held_by_township)
                        .map(|p| (x.code.clone(), p.code.clone()))
                })
                .collect();
            let gaps: BTreeSet<(String, String)> = ledger
                .duty_gaps(t, date)
                .unwrap_or_default()
                .into_iter()
                .map(|f| {
                    (
                        f.location.duty.unwrap_or_default(),
                        f.location.item.unwrap_or_default(),
                    )
                })
                .collect();
            assert_eq!(from_list, gaps, "{t} {date}");
            let checked: BTreeSet<(String, String)> = found
                .iter()
                .filter(|f| {
                    f.kind == FindingKind::DutyWithoutPower
                        && f.location.division.as_deref() == Some(&t.to_string())
                })
                .map(|f| {
                    (
                        f.location.duty.clone().unwrap_or_default(),
                        f.location.item.clone().unwrap_or_default(),
                    )
                })
                .collect();
            if found.len() < jiceng_authority::MAX_FINDINGS {
                assert_eq!(checked, gaps, "{t} {date}");
            }
        }
    }
}

fn mutations() -> impl Strategy<Value = Vec<(u8, u16, u16)>> {
    proptest::collection::vec((any::<u8>(), 0u16..1000, any::<u16>()), 0..6)
}

fn long_string() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-z]{0,8}".prop_map(|s| s.repeat(500)),
        Just("职".repeat(3000)),
    ]
}

proptest! {
    #[test]
    fn fuzz_duty_toml_mutations(m in mutations(), long in long_string()) {
        let (head, tail) = split();
        let text = format!("{head}{}", mutate(tail, &m, &long));
        if let Ok(ledger) = Ledger::from_text(&text, "fuzz.toml") {
            exercise(&ledger);
        }
    }

    #[test]
    fn fuzz_duty_json_mutations(m in mutations(), long in long_string()) {
        let (head, tail) = split();
        let text = format!("{head}{}", mutate(tail, &m, &long));
        if let Ok(file) = LedgerFile::from_toml_str(&text, "fuzz.toml") {
            let json = file.to_json_string();
            let back = Ledger::from_text(&json, "fuzz.json");
            prop_assert!(back.is_ok(), "{:?}", back.err());
            if let Ok(ledger) = back {
                exercise(&ledger);
            }
        }
    }
}

#[test]
fn the_unmutated_sample_is_exercised_and_round_trips() {
    let ledger = Ledger::hebei_sample();
    exercise(&ledger);
    let file = LedgerFile::from_toml_str(BUNDLED_HEBEI_SAMPLE, "s").unwrap();
    let back = LedgerFile::from_json_str(&file.to_json_string(), "s.json").unwrap();
    assert_eq!(back, file);
    let back = LedgerFile::from_toml_str(&file.to_toml_string(), "s.toml").unwrap();
    assert_eq!(back, file);
}

/// The published schema covers the duty tables: every key of every duty,
/// duty list and assessment of the sample is a property of its definition,
/// and every kind spelling the schema lists parses.
#[test]
fn the_schema_covers_the_duty_formats() {
    let schema: serde_json::Value = serde_json::from_str(&LedgerFile::schema()).unwrap();
    let file = LedgerFile::from_toml_str(BUNDLED_HEBEI_SAMPLE, "s").unwrap();
    let sample: serde_json::Value = serde_json::from_str(&file.to_json_string()).unwrap();
    for (table, def) in [
        ("duty", "DutyItem"),
        ("duty_list", "DutyList"),
        ("assessment", "Assessment"),
    ] {
        assert!(schema["properties"][table].is_object(), "{table}");
        let props = schema["$defs"][def]["properties"].as_object().unwrap();
        let required = schema["$defs"][def]["required"].as_array().unwrap();
        let rows = sample[table].as_array().unwrap();
        assert!(!rows.is_empty(), "{table}");
        for row in rows {
            let row = row.as_object().unwrap();
            for k in row.keys() {
                assert!(props.contains_key(k), "{def} lacks {k}");
            }
            for r in required {
                assert!(row.contains_key(r.as_str().unwrap()), "{table} lacks {r}");
            }
        }
    }
    for s in schema["$defs"]["DutyKind"]["enum"].as_array().unwrap() {
        let kind: DutyKind = serde_json::from_value(s.clone()).unwrap();
        let _ = kind;
    }
    // The sample's Chinese spellings are in the schema.
    let text = schema.to_string();
    for s in [
        "基本履职事项",
        "配合履职事项",
        "上级收回事项",
        "考核事项",
        "责任状",
    ] {
        assert!(text.contains(s), "{s}");
    }
}
