//! Exact values pinning what the third round-robin sixth of the crate's
//! mutants found unguarded: the overlap test of duplicate catalogue
//! entries, on both sides of its boundary.
//!
//! An entry is in force from `from` up to the day before `until` (`until`
//! is the first day no longer in force), so two entries of one item in one
//! place overlap when the first's `until` is later than the second's
//! `from`.

use jiceng_approvals::{Catalogue, CatalogueRule, check_catalogue};

/// The two header lines every test file starts with; entries begin on
/// line 3.
const HEAD: &str = "format = 1\nname = \"t\"\n";

/// A complete template entry (9 lines) at the province: lines 3–11.
fn template() -> String {
    "[[entry]]\ndivision = \"130000000000\"\ncode = \"A\"\nfrom = \"2022-01-01\"\nname = \"A\"\nstatutory = \"20wd\"\nhandling = \"promised\"\nchannels = [\"counter\"]\nproxy = false\n".to_owned()
}

/// An entry of item A at 尚村镇 from `from`, with `until` if given: 6
/// lines, 7 with `until`.
fn shangcun(from: &str, until: Option<&str>) -> String {
    let until = until.map_or_else(String::new, |u| format!("until = \"{u}\"\n"));
    format!(
        "[[entry]]\ndivision = \"130926103000\"\ncode = \"A\"\nfrom = \"{from}\"\npower_item = \"HB-XK-003\"\ndeciding_body = \"130926103-gov\"\n{until}"
    )
}

/// The (rule, line) of every finding of a catalogue made of the template,
/// then `first`, then `second`, checked without a ledger.
fn check(first: &str, second: &str, expected: &[(CatalogueRule, Option<usize>)]) {
    let text = format!("{HEAD}{}{first}{second}", template());
    let c = Catalogue::from_str_auto(&text, "t.toml").unwrap_or_else(|e| panic!("{e}\n{text}"));
    let got: Vec<_> = check_catalogue(&c, None)
        .into_iter()
        .map(|f| (f.rule, f.line))
        .collect();
    assert_eq!(got, expected, "{text}");
}

#[test]
fn duplicate_entries_overlap_until_the_first_ends() {
    // The first entry (lines 12–18) runs from 1 July 2022 up to 1 January
    // 2023 inclusive (until 2 January); the second starts on 1 January
    // 2023 (line 19): both are in force on 1 January, a duplicate.
    check(
        &shangcun("2022-07-01", Some("2023-01-02")),
        &shangcun("2023-01-01", None),
        &[(CatalogueRule::DuplicateItem, Some(19))],
    );
    // Half a year of overlap: the first until 1 July 2023, the second from
    // 1 January 2023.
    check(
        &shangcun("2022-07-01", Some("2023-07-01")),
        &shangcun("2023-01-01", None),
        &[(CatalogueRule::DuplicateItem, Some(19))],
    );
    // The first ends (until 1 January 2023: last day 31 December 2022)
    // two months before the second starts on 1 March: a gap, no duplicate.
    check(
        &shangcun("2022-07-01", Some("2023-01-01")),
        &shangcun("2023-03-01", None),
        &[],
    );
    // Back to back (until 1 January, from 1 January): no duplicate.
    check(
        &shangcun("2022-07-01", Some("2023-01-01")),
        &shangcun("2023-01-01", None),
        &[],
    );
}

/// Article 32's window on an application received Monday 22 September
/// 2025: 5 working days, 23–26 September (4) and Sunday 28 September, a
/// make-up working day (国办发明电〔2024〕12号) (5), so it ends on 28
/// September. An agency that neither accepts nor notifies within it has
/// accepted on the day of receipt; one that decides within it, with no
/// acceptance on record, is counted from receipt too, as the earliest day
/// it could have accepted.
mod article_32 {
    use jiceng_approvals::{ART_32_NOTICE, AcceptanceRule, Limits, Options, explain};

    use crate::{cal, case, day};

    /// The English acceptance sentence and whether the Chinese one says
    /// the application counts as accepted (rather than decided within the
    /// window).
    fn check(events: &[(&str, &str)], at: &str, en: &str, deemed: bool) {
        let c = case(Limits::default(), events);
        let ex = explain(&c, day(at), &cal(), &Options::default()).unwrap();
        assert_eq!(ex.acceptance_rule, AcceptanceRule::DeemedAtReceipt);
        assert_eq!(ex.acceptance, en, "{events:?}");
        let zh = &ex.statements[0].zh;
        assert_eq!(
            zh.contains("未受理亦未告知补正，自收到申请材料之日起即为受理（2025-09-22）"),
            deemed,
            "{zh}"
        );
    }

    fn counts_as_accepted(what: &str) -> String {
        format!(
            "received 2025-09-22; {what}; so the application counts as accepted on the day of receipt, 2025-09-22: \"{ART_32_NOTICE}\" (行政许可法第三十二条)"
        )
    }

    fn counted_from_receipt(what: &str) -> String {
        format!(
            "received 2025-09-22; {what}; so the clocks count from the day of receipt, 2025-09-22, the earliest day it could have been accepted (行政许可法第三十二条)"
        )
    }

    #[test]
    fn nothing_within_the_window() {
        check(
            &[("2025-09-22", "received")],
            "2025-10-31",
            &counts_as_accepted("no acceptance and no incomplete-materials notice by 2025-09-28"),
            true,
        );
    }

    #[test]
    fn a_notice_after_the_window() {
        // Notified on Thursday 9 October, after the National Day holiday:
        // too late, so the application was accepted on receipt.
        check(
            &[
                ("2025-09-22", "received"),
                ("2025-10-09", "incomplete_notice"),
            ],
            "2025-10-31",
            &counts_as_accepted(
                "incomplete materials notified on 2025-10-09, after the window ended on 2025-09-28",
            ),
            true,
        );
    }

    #[test]
    fn decided_within_the_window_or_after_it() {
        // Decided on Friday 26 September, inside the window.
        check(
            &[("2025-09-22", "received"), ("2025-09-26", "granted")],
            "2025-10-31",
            &counted_from_receipt(
                "no acceptance on record; decided on 2025-09-26, within the window ending 2025-09-28",
            ),
            false,
        );
        // On Sunday 28 September, its last day (a working day).
        check(
            &[("2025-09-22", "received"), ("2025-09-28", "granted")],
            "2025-10-31",
            &counted_from_receipt(
                "no acceptance on record; decided on 2025-09-28, within the window ending 2025-09-28",
            ),
            false,
        );
        // On Monday 29 September, the day after it: accepted on receipt.
        check(
            &[("2025-09-22", "received"), ("2025-09-29", "granted")],
            "2025-10-31",
            &counts_as_accepted("no acceptance and no incomplete-materials notice by 2025-09-28"),
            true,
        );
    }
}

/// Working days used are kept in 1,025 buckets, the last one for 1,024
/// days or more. A case accepted Monday 5 January 2015 and decided Monday
/// 6 January 2025 used ten years of working days. A year of 365 or 366
/// days has at most 106 weekend days, and no notice of 2015–2024 gives
/// more than 31 days off (2021, 2022; the notices' tallies in the
/// calendar's tests), so each year has at least 366 − 106 − 31 = 229
/// working days and the ten at least 2,290, far past the last bucket. It
/// counts there: median and 90th percentile 1,024 ("1,024 or more"),
/// while the mean keeps the true count.
#[test]
fn a_case_of_more_than_1024_working_days_counts_in_the_last_bucket() {
    use jiceng_approvals::{Limits, Metrics};

    use crate::{case, eval};

    let c = case(
        Limits::default(),
        &[
            ("2015-01-05", "received"),
            ("2015-01-05", "accepted"),
            ("2025-01-06", "granted"),
        ],
    );
    let e = eval(&c, "2025-01-10");
    let used = e.working_days_used.unwrap();
    assert!(used >= 2290, "{used}");
    let mut m = Metrics::default();
    m.add(&e);
    let s = m.summary();
    assert_eq!(s.median_working_days, Some(1024));
    assert_eq!(s.p90_working_days, Some(1024));
    assert_eq!(s.mean_working_days, Some(used as f64));
}

/// Merging folds adds their provisional counts. Accepted Monday 14
/// December 2026, 20 working days run past the last notice (31 December
/// 2026) into January 2027: provisional (worked in
/// procedures::a_deadline_past_the_last_notice_is_provisional, under the
/// calendar's provisional policy). Accepted Monday 2 November 2026, both
/// clocks end inside the notices.
#[test]
fn merged_folds_add_their_provisional_evaluations() {
    use jiceng_approvals::{Case, Metrics, Options, evaluate};

    let cal = crate::cal().with_policy(jiceng_calendar::CoveragePolicy::Provisional);
    let eval = |date: &str| {
        let json = format!(
            r#"{{"id":"t","promised":"7wd","events":[{{"date":"{date}","kind":"received"}},{{"date":"{date}","kind":"accepted"}}]}}"#
        );
        let c: Case = serde_json::from_str(&json).unwrap();
        evaluate(&c, crate::day("2026-12-15"), &cal, &Options::default()).unwrap()
    };
    let (late, early) = (eval("2026-12-14"), eval("2026-11-02"));
    assert!(late.deadlines.provisional && !early.deadlines.provisional);
    let fold = |es: &[&jiceng_approvals::Evaluation]| {
        let mut m = Metrics::default();
        for e in es {
            m.add(e);
        }
        m
    };
    // 1 + 1 = 2, and 0 + 2 = 2.
    let mut a = fold(&[&late]);
    a.merge(&fold(&[&late, &early]));
    assert_eq!((a.cases, a.provisional), (3, 2));
    let mut b = fold(&[&early]);
    b.merge(&fold(&[&late, &late]));
    assert_eq!((b.cases, b.provisional), (3, 2));
    assert_eq!(a.summary().provisional, 2);
}

/// A synthetic case suspended for testing or review does the rest of its
/// work after the resume: the work drawn (2 to 18 working days) is split
/// at a point drawn uniformly before it, and the part after the resume is
/// what is left. So, for a work of w days, the decision comes exactly 1
/// working day after the resume in 1 case of w − 1, and over w = 2..=18
/// (equally likely) in H(17)/17 = 3.4395/17 = 0.202 of the cases. Of
/// 4,000 cases, 0.97 are not rejected, 0.98 of those not withdrawn, 1/3
/// suspended when the work is over 1 day (17 values of 19), 0.9 not
/// extended: 4,000 × 0.97 × 0.98 × 0.298 × 0.9 = 1,020 ± 28 (one
/// standard deviation). Of those, the share decided a day after the
/// resume has one standard deviation sqrt(0.202 × 0.798 / 1,020) =
/// 0.0126; the bounds below are six of them (0.13 to 0.28; 850 to 1,190
/// cases). A split that left less
/// than the rest of the work (half of it, say) would land far outside.
#[test]
fn suspended_synthetic_cases_do_the_rest_of_their_work_after_the_resume() {
    use chrono::NaiveDate;
    use jiceng_approvals::{EventKind, synth};

    let cal = crate::cal();
    let first = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    let cases = synth::cases(&cal, 11, 4000, first, 365).unwrap();
    let (mut n, mut one) = (0u32, 0u32);
    for c in &cases {
        if c.events
            .iter()
            .any(|e| matches!(e.kind, EventKind::Extended { .. }))
        {
            continue;
        }
        let at = |f: fn(&EventKind) -> bool| c.events.iter().find(|e| f(&e.kind)).map(|e| e.date);
        let resumed = at(|k| matches!(k, EventKind::Resumed));
        let decided = at(|k| matches!(k, EventKind::Decided { .. }));
        if let (Some(r), Some(d)) = (resumed, decided) {
            let after = cal.working_days_between(r, d).unwrap();
            assert!(after >= 1, "{}: decided {d}, resumed {r}", c.id);
            n += 1;
            one += u32::from(after == 1);
        }
    }
    assert!((850..=1190).contains(&n), "{n} suspended cases");
    let share = f64::from(one) / f64::from(n);
    assert!((0.13..=0.28).contains(&share), "{one} of {n}: {share}");
}
