//! Fuzz targets for the case format (issue 9's convention): mutations of
//! the bundled sample cases, extreme dates and amounts, long and non-ASCII
//! strings. After each successful parse, the main queries run with extreme
//! arguments; nothing may panic. `PROPTEST_CASES` sets the count; the long
//! run is `PROPTEST_CASES=1000000 cargo test --profile fuzz -p
//! jiceng-enforcement --test it fuzz_`.

use chrono::{Days, NaiveDate};
use jiceng_calendar::{Calendar, CoveragePolicy};
use jiceng_enforcement::{
    BUNDLED_SAMPLE_CASES, Metrics, Options, PenaltyCase, evaluate, explain, limitation, surcharge,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Evaluates on strict and provisional calendars at extreme dates; any
/// result is fine, a panic is not.
fn exercise(case: &PenaltyCase) {
    let strict = Calendar::china_mainland();
    let prov = strict.with_policy(CoveragePolicy::Provisional);
    let mut m = Metrics::default();
    for at in [
        NaiveDate::MIN,
        NaiveDate::from_ymd_opt(1, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(),
        NaiveDate::from_ymd_opt(9999, 12, 31).unwrap(),
        NaiveDate::MAX,
    ] {
        for cal in [&strict, &prov] {
            if let Ok(e) = evaluate(case, at, cal, &Options::default()) {
                m.add(&e);
                let _ = explain(case, &e);
                let _ = serde_json::to_string(&e);
            }
        }
    }
    let _ = m.summary();
}

/// A mutation of a text: a replaced span.
fn mutate(text: &str, at: usize, len: usize, with: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let at = at % (chars.len() + 1);
    let end = (at + len).min(chars.len());
    chars.splice(at..end, with.chars());
    chars.into_iter().collect()
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\"2025-02-29\"".to_owned()),
        Just("\"9999-12-31\"".to_owned()),
        Just("\"+262142-12-31\"".to_owned()),
        Just("\"-1\"".to_owned()),
        Just("\"79228162514264337593543950335\"".to_owned()),
        Just("\"0.001\"".to_owned()),
        Just("\"closed\"".to_owned()),
        Just("\"decided\"".to_owned()),
        Just("\"paid\"".to_owned()),
        Just("\"hearing_scheduled\"".to_owned()),
        Just("\"36600d\"".to_owned()),
        Just("\"0wd\"".to_owned()),
        Just("邱县综合行政执法局".repeat(50)),
        Just("{}".to_owned()),
        Just("[]".to_owned()),
        Just("null".to_owned()),
        "[ -~]{0,12}",
    ]
}

proptest! {
    /// Mutated sample cases parse or are refused; parsed ones evaluate
    /// without panicking.
    #[test]
    fn fuzz_case_lines(line in 0usize..4, at in 0usize..2000, len in 0usize..20, with in piece()) {
        let base = BUNDLED_SAMPLE_CASES.lines().nth(line).unwrap_or("{}");
        let text = mutate(base, at, len, &with);
        let derived = serde_json::from_str::<PenaltyCase>(&text);
        match PenaltyCase::from_json(&text) {
            Ok(case) => {
                // The line reader accepts only what serde accepts, the same.
                prop_assert_eq!(derived.as_ref().ok(), Some(&case));
                exercise(&case);
            }
            Err(e) => {
                // A refusal quotes at most 60 characters of a value and a
                // key, plus serde's list of what it expected.
                let m = e.to_string();
                prop_assert!(m.chars().count() <= 700, "{m}");
            }
        }
        if let Ok(case) = derived {
            exercise(&case);
        }
    }

    /// The money and limitation rules at extreme dates and amounts.
    #[test]
    fn fuzz_money_and_limitation(fen in any::<i64>(), scale in 0u32..6, a in any::<i32>(), b in any::<i32>()) {
        let day = |n: i32| NaiveDate::from_num_days_from_ce_opt(n % 3_000_000).unwrap_or(NaiveDate::MIN);
        let fine = Decimal::new(fen, scale);
        if let Ok(s) = surcharge(fine, day(a), day(b)) {
            prop_assert!(s.surcharge <= fine);
        }
        let _ = limitation(day(a), day(b), fen % 2 == 0);
        let _ = limitation(NaiveDate::MAX - Days::new(1), NaiveDate::MAX, true);
    }
}
