//! Table tests of the periods, article by article, with Art. 85 at the
//! boundaries.

use jiceng_enforcement::Limits;
use jiceng_enforcement::deadlines::{
    decision_due, hearing_notice_by, hearing_request_due, payment_due, service_due,
};
use jiceng_enforcement::limitation;

use crate::{cal, day};

/// Checks one period: `f(start)` must end on `expected`.
fn check(f: impl Fn(&str) -> String, start: &str, expected: &str) {
    assert_eq!(f(start), expected, "from {start}");
}

#[test]
fn art64_hearing_request_five_working_days() {
    let f = |s: &str| hearing_request_due(&cal(), day(s)).unwrap().end.to_string();
    // Across National Day 2025 (1–8 Oct off): from Tuesday 30 Sep, the
    // working days are 9 (1), 10 (2), Saturday 11 (worked, 3), 13 (4) and
    // 14 Oct (5).
    check(f, "2025-09-30", "2025-10-14");
    // From Friday 26 Sep: Sunday 28 (worked, 1), 29 (2), 30 (3), 9 Oct (4),
    // 10 Oct (5).
    check(f, "2025-09-26", "2025-10-10");
    // An ordinary week: Monday 3 Mar 2025 → 4, 5, 6, 7, 10 Mar.
    check(f, "2025-03-03", "2025-03-10");
    // Never as calendar days: 5 calendar days from 30 Sep would be 5 Oct.
    assert_ne!(f("2025-09-30"), "2025-10-05");
}

#[test]
fn art61_service_seven_working_days() {
    let f = |s: &str| service_due(&cal(), day(s)).unwrap().end.to_string();
    // Decided Thursday 25 Sep 2025: 26 (1), Sunday 28 (worked, 2), 29 (3),
    // 30 (4), 9 Oct (5), 10 Oct (6), Saturday 11 Oct (worked, 7).
    check(f, "2025-09-25", "2025-10-11");
    // Decided Monday 3 Mar 2025: 4–7 (4), 10–12 Mar (7).
    check(f, "2025-03-03", "2025-03-12");
}

#[test]
fn art64_hearing_notice_seven_working_days_before() {
    let f = |s: &str| hearing_notice_by(&cal(), day(s)).unwrap().to_string();
    // A hearing on Friday 17 Oct 2025: the 7 working days up to it are 17,
    // 16, 15, 14, 13, Saturday 11 and 10 Oct; notice by 9 Oct.
    check(f, "2025-10-17", "2025-10-09");
    // A hearing on Friday 14 Mar 2025: 14, 13, 12, 11, 10, 7, 6 Mar;
    // notice by Wednesday 5 Mar.
    check(f, "2025-03-14", "2025-03-05");
}

#[test]
fn art67_payment_fifteen_calendar_days_rolled() {
    let f = |s: &str| payment_due(&cal(), day(s)).unwrap().end.to_string();
    // 15 days ending on a holiday: from 16 Sep 2025 they end on 1 Oct
    // (National Day), so on 9 Oct, the first working day after (Civil
    // Code Art. 203).
    check(f, "2025-09-16", "2025-10-09");
    // From 23 Sep they end on 8 Oct, the last day off: 9 Oct.
    check(f, "2025-09-23", "2025-10-09");
    // From 24 Sep they end on 9 Oct itself.
    check(f, "2025-09-24", "2025-10-09");
    // From 13 Sep they end on Sunday 28 Sep, a worked day: no roll.
    check(f, "2025-09-13", "2025-09-28");
    // From 12 Sep they end on Saturday 27 Sep, off: Sunday 28 Sep, worked.
    check(f, "2025-09-12", "2025-09-28");
}

#[test]
fn art60_decision_ninety_calendar_days_rolled() {
    let f = |s: &str| {
        decision_due(&cal(), day(s), &Limits::default(), false, &[])
            .unwrap()
            .end
            .to_string()
    };
    // Filed 5 Mar 2025: 26 days of March (6–31), 30 of April (56), 31 of
    // May (87), 3 of June (90): Tuesday 3 Jun.
    check(f, "2025-03-05", "2025-06-03");
    // Filed 2 Mar 2025: 29 + 30 + 31 = 90 ends on 31 May, 端午节 (31 May–2
    // Jun off): 3 Jun.
    check(f, "2025-03-02", "2025-06-03");
    // Filed 3 Jul 2025: 28 + 31 + 30 + 1 = 90 ends on 1 Oct: 9 Oct.
    check(f, "2025-07-03", "2025-10-09");
}

#[test]
fn art60_extension_as_configured() {
    let limits = Limits {
        extension: Some("30d".parse().unwrap()),
        ..Limits::default()
    };
    // Filed 5 Mar 2025, 90 + 30 = 120 days: 3 Jun + 30 = 3 Jul (Thursday).
    let due = decision_due(&cal(), day("2025-03-05"), &limits, true, &[]).unwrap();
    assert_eq!(due.end, day("2025-07-03"));
    // Not extended: the configured extension does not count.
    let due = decision_due(&cal(), day("2025-03-05"), &limits, false, &[]).unwrap();
    assert_eq!(due.end, day("2025-06-03"));
}

#[test]
fn art36_limitation() {
    let f = |act: &str, found: &str, grave: bool| {
        let l = limitation(day(act), day(found), grave).unwrap();
        (l.within, l.last_day.to_string())
    };
    // Two years from 10 May 2023 end on 10 May 2025 (Civil Code Art. 202).
    assert_eq!(
        f("2023-05-10", "2025-05-10", false),
        (true, "2025-05-10".into())
    );
    assert_eq!(
        f("2023-05-10", "2025-05-11", false),
        (false, "2025-05-10".into())
    );
    // Five years where life, health or financial safety was harmed.
    assert_eq!(
        f("2023-05-10", "2025-05-11", true),
        (true, "2028-05-10".into())
    );
    assert_eq!(
        f("2023-05-10", "2028-05-11", true),
        (false, "2028-05-10".into())
    );
    // 29 February: no corresponding day, the month's last day.
    assert_eq!(
        f("2024-02-29", "2026-02-28", false),
        (true, "2026-02-28".into())
    );
    assert_eq!(
        f("2024-02-29", "2026-03-01", false),
        (false, "2026-02-28".into())
    );
    // Not rolled: 1 Oct 2023 + 2 years is National Day 2025, and the period
    // still ends on 1 Oct 2025.
    assert_eq!(
        f("2023-10-01", "2025-10-02", false),
        (false, "2025-10-01".into())
    );
    // Discovered while the act still continued: within.
    assert!(f("2025-05-10", "2025-01-01", false).0);
}

#[test]
fn art64_hearing_notice_for_a_hearing_on_a_day_off() {
    let f = |s: &str| hearing_notice_by(&cal(), day(s)).unwrap().to_string();
    // A hearing on Saturday 18 Oct 2025 (off): the 7 working days up to it
    // are 17, 16, 15, 14, 13, Saturday 11 (worked) and 10 Oct; notice by
    // 9 Oct.
    check(f, "2025-10-18", "2025-10-09");
    // A hearing on Monday 13 Oct 2025: 13, 11 (worked), 10, 9, 30 Sep, 29
    // Sep, Sunday 28 Sep (worked); notice by Saturday 27 Sep, a day off.
    check(f, "2025-10-13", "2025-09-27");
}

#[test]
fn art33_exemption_table() {
    use jiceng_enforcement::exemption::Outcome;
    use jiceng_enforcement::{Facts, Harm, exemption};
    let check = |minor, corrected, harm, first, no_fault, expected: Outcome, needle: &str| {
        let f = Facts {
            minor,
            corrected_promptly: corrected,
            harm,
            first_violation: first,
            no_fault_proven: no_fault,
        };
        let e = exemption(&f);
        assert_eq!(e.outcome, expected, "{f:?}");
        assert!(
            e.reasons.iter().any(|r| r.contains(needle)),
            "{f:?}: {:?}",
            e.reasons
        );
    };
    // Sentence 1: minor, promptly corrected, no harm: no penalty.
    check(
        true,
        true,
        Harm::None,
        false,
        false,
        Outcome::NoPenalty,
        "第三十三条第一款第一句",
    );
    // Minor and corrected but with slight harm, not a first violation.
    check(
        true,
        true,
        Harm::Slight,
        false,
        false,
        Outcome::NotApplicable,
        "not a first violation",
    );
    // Sentence 2: a first violation, slight harm, promptly corrected: may.
    check(
        false,
        true,
        Harm::Slight,
        true,
        false,
        Outcome::MayExempt,
        "第三十三条第一款第二句",
    );
    check(
        true,
        true,
        Harm::Slight,
        true,
        false,
        Outcome::MayExempt,
        "may be exempt",
    );
    // Not corrected promptly: neither sentence.
    check(
        true,
        false,
        Harm::None,
        true,
        false,
        Outcome::NotApplicable,
        "not promptly corrected",
    );
    // Serious harm.
    check(
        false,
        true,
        Harm::Serious,
        true,
        false,
        Outcome::NotApplicable,
        "harm more than slight",
    );
    check(
        false,
        true,
        Harm::None,
        false,
        false,
        Outcome::NotApplicable,
        "neither minor nor a first violation",
    );
    // Para. 2: no fault proven: no penalty, whatever the rest.
    check(
        false,
        false,
        Harm::Serious,
        false,
        true,
        Outcome::NoPenalty,
        "第三十三条第二款",
    );
}
