//! Fuzz targets: mutations of the bundled Hebei sample, in TOML and in
//! JSON, then every query with extreme arguments. Nothing may panic.
//!
//! CI runs proptest's default number of cases (`PROPTEST_CASES` overrides
//! it). The long run:
//! `PROPTEST_CASES=1000000 cargo test --profile fuzz -p jiceng-authority --test it fuzz_`.

use std::sync::OnceLock;

use chrono::NaiveDate;
use jiceng_authority::{BUNDLED_HEBEI_SAMPLE, CheckOptions, Ledger, LedgerFile};
use proptest::prelude::*;

/// Pieces a mutation inserts: structure, extreme dates and numbers, long
/// and non-ASCII strings, references to the sample's own codes.
const TOKENS: &[&str] = &[
    "\n[[instrument]]\n",
    "\n[[division]]\n",
    "\n[[body]]\n",
    "\n[[item]]\n",
    "\"",
    "'",
    "[",
    "]",
    "{",
    "}",
    ",",
    "=",
    "\n",
    "9999-12-31",
    "0001-01-01",
    "-262143-01-01",
    "+262142-12-31",
    "2021-07-15",
    "2024-02-29",
    "2023-02-29",
    "18446744073709551615",
    "-1",
    "0",
    "4294967295",
    "130430000000",
    "130430104000",
    "441900003000",
    "130000000000",
    "999999999999",
    "130430-zhzf",
    "130430-gov",
    "HB-CF-001",
    "qiu-devolution-2022",
    "devolution",
    "revocation",
    "entrustment",
    "concentration",
    "evaluation",
    "guidance_list",
    "county = \"130430000000\"\n",
    "effective_until = \"2022-03-01\"\n",
    "effective_until = 2000-01-01\n",
    "tag = \"economically-developed\"\n",
    "level = \"township\"\n",
    "处罚",
    "行政许可",
    "邱县综合行政执法局",
    "\u{0}",
    "\u{feff}",
    "🦀",
    "é",
];

fn sample_json() -> &'static str {
    static JSON: OnceLock<String> = OnceLock::new();
    JSON.get_or_init(|| {
        LedgerFile::from_toml_str(BUNDLED_HEBEI_SAMPLE, "sample")
            .map(|f| f.to_json_string())
            .unwrap_or_default()
    })
}

/// One mutation: (kind, position per mille, token or length).
type Mutation = (u8, u16, u16);

fn mutate(text: &str, mutations: &[Mutation], long: &str) -> String {
    let mut s = text.to_owned();
    for &(kind, at, arg) in mutations {
        let mut pos = s.len() * usize::from(at) / 1000;
        while pos > 0 && !s.is_char_boundary(pos) {
            pos -= 1;
        }
        match kind % 4 {
            0 => s.insert_str(pos, TOKENS[usize::from(arg) % TOKENS.len()]),
            1 => {
                let mut end = (pos + usize::from(arg) % 200).min(s.len());
                while !s.is_char_boundary(end) {
                    end -= 1;
                }
                s.replace_range(pos..end, "");
            }
            2 => s.insert_str(pos, long),
            _ => {
                // Duplicate a line elsewhere: a second copy of a field or a
                // table header.
                let lines: Vec<&str> = s.lines().collect();
                if lines.is_empty() {
                    continue;
                }
                let line = lines[usize::from(arg) % lines.len()].to_owned();
                s.insert_str(pos, &format!("\n{line}\n"));
            }
        }
    }
    s
}

fn extreme_dates() -> Vec<NaiveDate> {
    let mut out = vec![NaiveDate::MIN, NaiveDate::MAX];
    for s in [
        "1900-01-01",
        "2021-07-14",
        "2021-07-15",
        "2022-03-01",
        "2024-06-01",
        "9999-12-31",
    ] {
        if let Ok(d) = s.parse() {
            out.push(d);
        }
    }
    out
}

/// Every query of the ledger with extreme arguments; only the absence of
/// panics is asserted, with the laws that hold for any ledger.
fn exercise(ledger: &Ledger) {
    for as_of in [
        None,
        Some(NaiveDate::MIN),
        Some(NaiveDate::MAX),
        "2025-06-01".parse().ok(),
    ] {
        for interval in [0, 365, u32::MAX] {
            let _ = ledger.check(&CheckOptions {
                as_of,
                evaluation_interval_days: interval,
            });
        }
    }
    let items: Vec<String> = ledger
        .items()
        .iter()
        .take(6)
        .map(|i| i.code.clone())
        .collect();
    let divisions: Vec<String> = ledger
        .registry()
        .divisions()
        .iter()
        .step_by(7)
        .take(12)
        .map(|d| d.code.to_string())
        .collect();
    for date in extreme_dates() {
        for item in items.iter().map(String::as_str).chain(["", "🦀"]) {
            for division in divisions
                .iter()
                .map(String::as_str)
                .chain(["", "x", "000000000000"])
            {
                if let Ok(h) = ledger.holder(item, division, date) {
                    let last = h.explanation.last().map(|s| &s.holder);
                    assert_eq!(last, Some(&h.holder), "{item} {division} {date}");
                    let id = ledger.item_id(item).unwrap_or(jiceng_authority::ItemId(0));
                    if let Some(div) = division
                        .parse()
                        .ok()
                        .and_then(|c| ledger.registry().division_id(c))
                    {
                        let fast = ledger.holder_id(id, div, date);
                        assert_eq!(
                            fast.map(|b| ledger.registry().body_at(b).code.clone()),
                            Some(h.holder.code.clone())
                        );
                    }
                }
                let _ = ledger.timeline(item, division);
            }
            for d in ledger.registry().divisions().iter().step_by(11).take(8) {
                let _ = ledger.powers(d.code, date);
                let _ = ledger.devolved_to(d.code, date);
            }
        }
        for b in ledger.registry().bodies().iter().step_by(13).take(4) {
            let _ = ledger.powers_of(&b.code, date);
        }
        let _ = ledger.stats(date);
    }
    let a = ledger.snapshot(NaiveDate::MIN);
    let b = ledger.snapshot(NaiveDate::MAX);
    assert_eq!(a.diff(&b).apply(&a), b);
    // An out-of-range handle answers nothing rather than panicking.
    if let Some(div) = ledger.registry().divisions().first() {
        if let Some(id) = ledger.registry().division_id(div.code) {
            assert_eq!(
                ledger.holder_id(jiceng_authority::ItemId(u32::MAX), id, NaiveDate::MAX),
                None
            );
        }
    }
}

fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    prop::collection::vec((any::<u8>(), 0u16..=1000, any::<u16>()), 1..6)
}

fn long_string() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9\\-]{0,40}",
        "\\PC{0,30}",
        (1usize..5000).prop_map(|n| "镇".repeat(n)),
    ]
}

proptest! {
    #[test]
    fn fuzz_toml_mutations_of_the_sample(m in mutations(), long in long_string()) {
        let text = mutate(BUNDLED_HEBEI_SAMPLE, &m, &long);
        if let Ok(ledger) = Ledger::from_text(&text, "fuzz.toml") {
            exercise(&ledger);
        }
    }

    #[test]
    fn fuzz_json_mutations_of_the_sample(m in mutations(), long in long_string()) {
        let text = mutate(sample_json(), &m, &long);
        if let Ok(ledger) = Ledger::from_text(&text, "fuzz.json") {
            exercise(&ledger);
        }
    }
}

#[test]
fn the_unmutated_sample_is_exercised() {
    let ledger = Ledger::hebei_sample();
    exercise(&ledger);
    exercise(
        &Ledger::from_text(sample_json(), "sample.json").unwrap_or_else(|_| Ledger::hebei_sample()),
    );
}
