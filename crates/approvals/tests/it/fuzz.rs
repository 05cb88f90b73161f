//! Fuzz targets (issue 9): structure-aware mutations of case lines, and
//! extreme evaluation dates, through every public entry point that takes
//! outside data. Nothing may panic; every answer is either a value or a
//! typed error.
//!
//! CI runs proptest's default number of cases; the long run is
//! `PROPTEST_CASES=1000000 cargo test --profile fuzz -p jiceng-approvals --test it fuzz_`.

use chrono::NaiveDate;
use jiceng_approvals::{Breakdown, Case, Options, evaluate, explain};
use jiceng_calendar::{Calendar, CoveragePolicy};
use proptest::prelude::*;

use crate::laws::{build, spec};

/// Case lines as the files write them: the seeds the mutations start from.
const SEEDS: [&str; 4] = [
    r#"{"id":"SC-1","item":"HB-XK-003","body":"fwzx","channel":"counter","promised":"7wd","events":[{"date":"2025-09-22","kind":"received"},{"date":"2025-09-22","kind":"accepted"},{"date":"2025-10-13","kind":"decided","outcome":"granted"}]}"#,
    r#"{"id":"H","preliminary_review":true,"expires":"2025-06-30","handling":"on_the_spot","events":[{"date":"2025-03-03","kind":"received"},{"date":"2025-03-05","kind":"incomplete_notice"},{"date":"2025-03-07","kind":"supplemented"},{"date":"2025-03-10","kind":"accepted"},{"date":"2025-03-11","kind":"forwarded"},{"date":"2025-03-12","kind":"hearing_notified"},{"date":"2025-03-13","kind":"hearing_requested"},{"date":"2025-03-14","kind":"hearing_scheduled","hearing_date":"2025-03-25"},{"date":"2025-03-25","kind":"hearing_held"}]}"#,
    r#"{"id":"X","joint":true,"statutory":"45wd","extension":"15wd","delivery":"10wd","events":[{"date":"2025-01-20","kind":"received"},{"date":"2025-01-21","kind":"suspended","reason":"expert_review"},{"date":"2025-01-22","kind":"extended","approved_by":"县长","role":"government_head","length":"20wd"},{"date":"2025-02-10","kind":"resumed"},{"date":"2025-03-10","kind":"decided","outcome":"refused"}]}"#,
    r#"{"id":"W","events":[{"date":"2024-12-31","kind":"received"},{"date":"2025-01-02","kind":"rejected","reason":"不属于本机关职权范围"}]}"#,
];

/// Replacement text: extreme dates and numbers, long and non-ASCII
/// strings, JSON punctuation.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("+262142-12-31".to_owned()),
        Just("-262143-01-01".to_owned()),
        Just("0000-01-01".to_owned()),
        Just("9999-12-31".to_owned()),
        Just("2025-02-29".to_owned()),
        Just("4294967295wd".to_owned()),
        Just("18446744073709551616wd".to_owned()),
        Just("0wd".to_owned()),
        Just("99999999y".to_owned()),
        Just("1e309".to_owned()),
        Just("-1".to_owned()),
        Just("null".to_owned()),
        Just("\"".to_owned()),
        Just("{".to_owned()),
        Just("]".to_owned()),
        Just("行政许可法第四十二条".repeat(50)),
        Just("\u{0}\u{feff}\u{202e}".to_owned()),
        "[a-z_]{0,12}",
        "\\PC{0,40}",
    ]
}

/// A seed with one to three slices replaced by pieces.
fn mutated() -> impl Strategy<Value = String> {
    (
        0..SEEDS.len(),
        proptest::collection::vec((any::<prop::sample::Index>(), 0usize..12, piece()), 1..4),
    )
        .prop_map(|(i, edits)| {
            let mut s = SEEDS[i].to_owned();
            for (at, len, text) in edits {
                let mut start = at.index(s.len() + 1);
                while !s.is_char_boundary(start) {
                    start -= 1;
                }
                let mut end = (start + len).min(s.len());
                while !s.is_char_boundary(end) {
                    end += 1;
                }
                s.replace_range(start..end, &text);
            }
            s
        })
}

/// Evaluation dates at the edges: inside coverage, outside it, and the
/// ends of chrono's range.
fn at() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        Just(NaiveDate::MIN),
        Just(NaiveDate::MAX),
        Just(NaiveDate::from_ymd_opt(1999, 12, 31).unwrap()),
        Just(NaiveDate::from_ymd_opt(2099, 1, 1).unwrap()),
        (0i64..6000).prop_map(
            |d| NaiveDate::from_ymd_opt(2010, 1, 1).unwrap() + chrono::Days::new(d as u64)
        ),
    ]
}

/// Runs every entry point on a case; none may panic.
fn exercise(c: &Case, at: NaiveDate) {
    let strict = Calendar::china_mainland();
    let lenient = strict.with_policy(CoveragePolicy::Provisional);
    for cal in [&strict, &lenient] {
        let opts = Options::default();
        if let Ok(e) = evaluate(c, at, cal, &opts) {
            let mut b = Breakdown::default();
            b.add(c, &e);
            let _ = b.total.summary();
            let _ = serde_json::to_string(&e);
        }
        if let Ok(ex) = explain(c, at, cal, &opts) {
            let _ = serde_json::to_string(&ex);
        }
    }
}

proptest! {
    #[test]
    fn fuzz_case_lines(text in mutated(), at in at()) {
        match Case::from_json(&text) {
            Ok(c) => {
                // A line read is written back and read again unchanged.
                let again = Case::from_json(&serde_json::to_string(&c).unwrap());
                prop_assert_eq!(again.as_ref(), Ok(&c));
                exercise(&c, at);
            }
            Err(e) => {
                // The message names a field and is bounded.
                let m = e.to_string();
                prop_assert!(m.starts_with("field `"), "{}", m);
                prop_assert!(m.len() < 4000, "{} bytes", m.len());
            }
        }
    }

    #[test]
    fn fuzz_generated_logs_at_extreme_dates(s in spec(), at in at()) {
        exercise(&build(&s), at);
    }
}
