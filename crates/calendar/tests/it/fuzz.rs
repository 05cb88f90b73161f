//! Fuzz targets: structure-aware generators of the inputs this crate takes
//! from outside (calendar and overlay files, periods, suspension intervals,
//! working-hours specs). After each successful parse they call the main
//! queries with extreme arguments and compare with a day-by-day reference
//! where one exists; nothing may panic.
//!
//! CI runs them with proptest's default case count. The long run, with
//! overflow checks on:
//! `PROPTEST_CASES=1000000 cargo test --profile fuzz -p jiceng-calendar --test it fuzz_`.
//! Failures persist in `tests/proptest-regressions/fuzz.txt` (committed).

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, Weekday};
use jiceng_calendar::{
    BUNDLED_CHINA_MAINLAND, BUNDLED_GUANGXI_OVERLAY, Calendar, CalendarFile, CoveragePolicy, Error,
    FileKind, Period, PeriodOptions, Suspension, SuspensionPolicy, WorkingHours,
};
use proptest::prelude::*;

use crate::d;
use crate::model::{Model, Refused};

/// Strings that stress a parser: extreme dates and numbers, long and
/// non-ASCII text, TOML punctuation.
fn nasty() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("-262143-01-01".to_owned()),
        Just("+262142-12-31".to_owned()),
        Just("+200000-01-01".to_owned()),
        Just("0000-01-01".to_owned()),
        Just("9999-12-31".to_owned()),
        Just("2025-02-29".to_owned()),
        Just("2025-01-01..1000-01-01".to_owned()),
        Just("1000-01-01..9999-12-31".to_owned()),
        Just("4294967295".to_owned()),
        Just("-2147483649".to_owned()),
        Just("18446744073709551615".to_owned()),
        Just("春节春节春节".repeat(50)),
        Just("\u{0}\u{202e}\u{feff}".to_owned()),
        Just("[[notice]]".to_owned()),
        Just("\"".to_owned()),
        Just("x".repeat(5000)),
        "[ -~]{0,20}",
        "\\PC{0,10}",
        (1949i32..3000, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
    ]
}

/// A mutation of a text: replace, delete, duplicate or insert at a line, or
/// replace a date or number inside a line.
#[derive(Debug, Clone)]
enum Mutation {
    Replace(usize, String),
    Delete(usize),
    Duplicate(usize),
    Insert(usize, String),
    Inside(usize, String),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), nasty()).prop_map(|(i, s)| Mutation::Replace(i, s)),
        any::<usize>().prop_map(Mutation::Delete),
        any::<usize>().prop_map(Mutation::Duplicate),
        (any::<usize>(), nasty()).prop_map(|(i, s)| Mutation::Insert(i, s)),
        (any::<usize>(), nasty()).prop_map(|(i, s)| Mutation::Inside(i, s)),
    ]
}

fn mutate(text: &str, muts: &[Mutation]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    for m in muts {
        if lines.is_empty() {
            lines.push(String::new());
        }
        let n = lines.len();
        match m {
            Mutation::Replace(i, s) => lines[i % n] = s.clone(),
            Mutation::Delete(i) => {
                lines.remove(i % n);
            }
            Mutation::Duplicate(i) => {
                let l = lines[i % n].clone();
                lines.insert(i % n, l);
            }
            Mutation::Insert(i, s) => lines.insert(i % n, s.clone()),
            Mutation::Inside(i, s) => {
                // Replace the first date-like or number-like token.
                let line = &lines[i % n];
                let start = line.find(|c: char| c.is_ascii_digit());
                if let Some(a) = start {
                    let len = line[a..]
                        .find(|c: char| !(c.is_ascii_digit() || c == '-'))
                        .unwrap_or(line.len() - a);
                    let mut l = line.clone();
                    l.replace_range(a..a + len, s);
                    lines[i % n] = l;
                }
            }
        }
    }
    lines.join("\n")
}

/// Extreme and ordinary dates.
fn any_day() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        Just(NaiveDate::MIN),
        Just(NaiveDate::MAX),
        Just(d(2007, 12, 31)),
        Just(d(2226, 12, 31)),
        Just(d(2227, 1, 1)),
        (-400_000i64..400_000).prop_map(|k| d(2010, 1, 1) + chrono::Duration::days(k)),
    ]
}

fn any_n() -> impl Strategy<Value = i32> {
    prop_oneof![
        Just(i32::MIN),
        Just(i32::MAX),
        Just(0),
        -100_000i32..100_000,
    ]
}

/// Calls every query with extreme arguments in both modes; none may panic,
/// and between(a, a) is always 0.
fn exercise(cal: &Calendar, days: &[NaiveDate], ns: &[i32]) {
    for cal in [cal.clone(), cal.with_policy(CoveragePolicy::Provisional)] {
        for &a in days {
            let _ = cal.is_working_day(a);
            let _ = cal.day(a);
            let _ = cal.roll_forward(a);
            assert_eq!(cal.working_days_between(a, a), Ok(0));
            for &b in days {
                let _ = cal.working_days_between(a, b);
                let near = a
                    .checked_add_signed(chrono::Duration::days(400))
                    .unwrap_or(a);
                let _ = cal.listed_days(a, b.min(near)).count();
            }
            for &n in ns {
                // n == 0 answers the day itself, whatever it is; any other
                // answer lies between the earliest day and the horizon.
                if let (Ok(r), true) = (cal.add_working_days(a, n), n != 0) {
                    assert!(r <= cal.horizon() && r >= cal.earliest(), "{a} {n} {r}");
                }
            }
            for p in [
                Period::WorkingDays(36_600),
                Period::Days(36_600),
                Period::Years(100),
            ] {
                let _ = cal.period_end(a, p);
            }
        }
    }
}

/// A day-by-day reading of a parsed base file, for comparison inside its
/// coverage: later notices win; unlisted days follow its weekend.
fn file_model(file: &CalendarFile) -> (BTreeMap<NaiveDate, bool>, [bool; 7]) {
    let mut weekend = [false; 7];
    for w in &file.weekend {
        weekend[Weekday::from(*w).num_days_from_monday() as usize] = true;
    }
    let mut listed = BTreeMap::new();
    for n in &file.notices {
        for h in &n.holidays {
            for day in h.off.iter().flat_map(|s| s.days()) {
                listed.insert(day, false);
            }
            for day in h.work.iter().flat_map(|s| s.days()) {
                listed.insert(day, true);
            }
        }
    }
    (listed, weekend)
}

proptest! {
    #[test]
    fn fuzz_calendar_file(
        muts in prop::collection::vec(mutation(), 1..4),
        days in prop::collection::vec(any_day(), 1..4),
        ns in prop::collection::vec(any_n(), 1..3),
        probe in 0i64..6209,
    ) {
        let text = mutate(BUNDLED_CHINA_MAINLAND, &muts);
        match Calendar::from_toml_str(&text, "fuzz.toml") {
            Ok(cal) => {
                exercise(&cal, &days, &ns);
                // Inside coverage, every day is as the file says.
                let file = CalendarFile::from_toml_str(&text, "fuzz.toml").unwrap();
                let (listed, weekend) = file_model(&file);
                let (first, last) = cal.coverage();
                let day = first + chrono::Duration::days(probe);
                if day <= last {
                    let want = listed.get(&day).copied().unwrap_or(
                        !weekend[day.weekday().num_days_from_monday() as usize]);
                    prop_assert_eq!(cal.is_working_day(day), Ok(want), "{}", day);
                }
            }
            Err(Error::Data(e)) => {
                prop_assert!(!e.problems.is_empty());
                prop_assert!(e.problems.len() <= jiceng_calendar::data::MAX_PROBLEMS);
                prop_assert!(e.to_string().len() < 200_000);
            }
            Err(other) => prop_assert!(false, "unexpected error {:?}", other),
        }
    }

    #[test]
    fn fuzz_overlay(
        muts in prop::collection::vec(mutation(), 1..4),
        days in prop::collection::vec(any_day(), 1..3),
        ns in prop::collection::vec(any_n(), 1..3),
    ) {
        let text = mutate(BUNDLED_GUANGXI_OVERLAY, &muts);
        let base = Calendar::china_mainland();
        match base.with_overlay_toml(&text, "fuzz.toml") {
            Ok(cal) => {
                prop_assert_eq!(cal.coverage(), base.coverage());
                exercise(&cal, &days, &ns);
                let file = CalendarFile::from_toml_str(&text, "fuzz.toml").unwrap();
                prop_assert_eq!(file.kind, FileKind::Overlay);
            }
            Err(Error::Data(e)) => {
                prop_assert!(!e.problems.is_empty());
                prop_assert!(e.problems.len() <= jiceng_calendar::data::MAX_PROBLEMS);
            }
            Err(other) => prop_assert!(false, "unexpected error {:?}", other),
        }
    }

    #[test]
    fn fuzz_periods(
        text in prop_oneof![
            (any::<u64>(), prop_oneof![Just("wd"), Just("d"), Just("m"), Just("y"), Just("w"), Just("")])
                .prop_map(|(n, u)| format!("{n}{u}")),
            (0u32..400, prop_oneof![Just("wd"), Just("d")]).prop_map(|(n, u)| format!("{n}{u}")),
            nasty(),
        ],
        k in -1000i64..7000,
        sus in prop::collection::vec((0i64..300, 0i64..40), 0..3),
        provisional in any::<bool>(),
        reset in any::<bool>(),
    ) {
        let Ok(period) = text.parse::<Period>() else { return Ok(()); };
        prop_assert!(period.amount() <= Period::MAX_AMOUNT);
        prop_assert_eq!(period.to_string().parse::<Period>(), Ok(period));
        let strict = Calendar::china_mainland();
        let cal = if provisional { strict.with_policy(CoveragePolicy::Provisional) } else { strict };
        let start = d(2010, 1, 1) + chrono::Duration::days(k);
        let mut opts = PeriodOptions::default();
        if reset {
            opts = opts.policy(SuspensionPolicy::Reset);
        }
        let mut list = Vec::new();
        for (off, len) in &sus {
            let from = start + chrono::Duration::days(*off - 30);
            let to = from + chrono::Duration::days(*len);
            list.push((from, to));
            opts = opts.suspend(Suspension::new(from, to, "s").unwrap());
        }
        let got = cal.period_end_with(start, period, &opts);
        let (working, n) = match period {
            Period::WorkingDays(n) => (true, n),
            Period::Days(n) => (false, n),
            _ => return Ok(()),
        };
        if n > 400 {
            return Ok(());
        }
        let want = Model::new(provisional).period_end(start, n, working, &list, reset);
        match (got, want) {
            (Ok(g), Ok(w)) => {
                prop_assert_eq!(g.end, w);
                let uncovered = start.succ_opt().is_some_and(|f| !(cal.covers(f) && cal.covers(g.end)));
                prop_assert_eq!(g.provisional, uncovered && g.end > start);
            }
            (Err(Error::OutOfCoverage { .. }), Err(Refused::After)) => {}
            (Err(Error::BeforeCoverage { .. }), Err(Refused::Before)) => {}
            // The model walks only the days it needs; the calendar may
            // refuse a start before coverage that needs no day before it.
            (g, w) => prop_assert!(false, "calendar {:?}, model {:?}", g, w),
        }
    }

    #[test]
    fn fuzz_suspension_intervals(a in nasty(), b in nasty(), sep in prop_oneof![Just(".."), Just("..."), Just("-"), Just("")]) {
        let text = format!("{a}{sep}{b}");
        match Suspension::parse_interval(&text, "x") {
            Ok(s) => {
                prop_assert!(s.from <= s.to);
                let opts = PeriodOptions::default().suspend(s);
                let r = Calendar::china_mainland().period_end_with(d(2025, 1, 1), Period::WorkingDays(5), &opts);
                prop_assert!(r.is_ok() || matches!(r, Err(Error::BeyondHorizon { .. }) | Err(Error::OutOfCoverage { .. })), "{:?}", r);
            }
            Err(e) => {
                let expected = matches!(e, Error::InvalidInterval { .. } | Error::ReversedSuspension { .. });
                prop_assert!(expected, "{:?}", e);
            }
        }
    }

    #[test]
    fn fuzz_working_hours(
        spec in prop_oneof![
            (0u32..30, 0u32..70, 0u32..30, 0u32..70, prop_oneof![Just("+"), Just("-"), Just("+-"), Just("")], 0u32..300, 0u32..3000)
                .prop_map(|(h1, m1, h2, m2, s, oh, om)| format!("{h1:02}:{m1:02}-{h2:02}:{m2:02}@{s}{oh:02}:{om:02}")),
            nasty(),
            nasty().prop_map(|s| format!("08:30-12:00@{s}")),
            Just("08:30-12:00,14:00-17:30@+08:00".to_owned()),
        ],
        secs in -100_000_000_000i64..100_000_000_000,
        minutes in prop_oneof![Just(0u32), Just(u32::MAX), 0u32..100_000],
        provisional in any::<bool>(),
    ) {
        let Ok(hours) = spec.parse::<WorkingHours>() else { return Ok(()); };
        prop_assert!(hours.offset().local_minus_utc().abs() < 86_400);
        let strict = Calendar::china_mainland();
        let cal = if provisional { strict.with_policy(CoveragePolicy::Provisional) } else { strict };
        let Some(at) = DateTime::from_timestamp(secs, 0) else { return Ok(()); };
        let at = at.with_timezone(&hours.offset());
        let _ = hours.is_working_time(&cal, at);
        if let Ok(later) = hours.add_minutes(&cal, at, minutes) {
            prop_assert!(later >= at);
            prop_assert_eq!(hours.minutes_between(&cal, at, later), Ok(i64::from(minutes)));
        }
    }
}
