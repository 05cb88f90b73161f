//! `jiceng enforcement`: defects found by checking the commands against
//! cases worked by hand, each pinned by a test named after it.
//!
//! The dates are worked from the 2025 holiday notice (国办发明电〔2024〕12号:
//! 国庆节、中秋节 1–8 Oct, Sunday 28 Sep and Saturday 11 Oct worked); the
//! bundled calendar's notices cover 2010-01-01..=2026-12-31.

#![allow(clippy::unwrap_used)]

use super::enforcement_review::evaluate;
use super::*;

/// Case Y1: filed 1 Dec 2026; its decision is due 90 days later, in 2027,
/// which no bundled notice covers: Dec 1 + 30 = Dec 31, + 31 = Jan 31,
/// + 29 = 1 Mar 2027.
const Y1: &str = r#"{"id":"Y1","party":{"kind":"citizen","name":"a"},"events":[{"date":"2026-12-01","kind":"filed"},{"date":"2026-12-02","kind":"notified"},{"date":"2026-12-15","kind":"decided","penalties":[{"kind":"fine","amount":"100.00"}],"party_present":true}]}"#;

/// D1: `deadlines` past coverage gave the calendar library's own words
/// ("provisional mode answers …"), in English under `--lang zh`, instead
/// of the command line's shared text that names `--provisional`. Filed 1
/// Nov 2026: Nov 1 + 29 = Nov 30, + 31 = Dec 31, + 30 = 30 Jan 2027.
#[test]
fn deadlines_out_of_coverage_names_provisional() {
    let (code, out, err) = jiceng(&["enforcement", "deadlines", "--filed", "2026-11-01"], "");
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert!(err.contains("2027-01-30"), "{err}");
    assert!(err.contains("pass --provisional"), "{err}");
    assert!(!err.contains("provisional mode"), "{err}");
    let (code, _, err) = jiceng(
        &[
            "--lang",
            "zh",
            "enforcement",
            "deadlines",
            "--filed",
            "2026-11-01",
        ],
        "",
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("2027-01-30 超出日历覆盖范围"), "{err}");
    assert!(err.contains("加 --provisional"), "{err}");
    assert!(!err.contains("coverage"), "{err}");
}

/// D1: the same for a working-day period: notified 25 Dec 2026, the 5
/// working days run into 2027.
#[test]
fn deadlines_working_days_out_of_coverage_names_provisional() {
    let (code, _, err) = jiceng(
        &[
            "--lang",
            "zh",
            "enforcement",
            "deadlines",
            "--filed",
            "2026-10-01",
            "--notified",
            "2026-12-25",
        ],
        "",
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("加 --provisional"), "{err}");
}

/// D1: `evaluate` reported a case past coverage in the library's words; it
/// now names `--provisional`, in Chinese under `--lang zh`, and the case is
/// a bad line (exit 1).
#[test]
fn evaluate_out_of_coverage_names_provisional() {
    let (code, _, err) = evaluate(&[], Y1, "2026-12-20", &[]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("case \"Y1\": 2027-03-01 is outside"), "{err}");
    assert!(err.contains("pass --provisional"), "{err}");
    let (code, _, err) = evaluate(&["--lang", "zh"], Y1, "2026-12-20", &[]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("案件 \"Y1\": 2027-03-01 超出日历覆盖范围"),
        "{err}"
    );
    assert!(err.contains("加 --provisional"), "{err}");
    // With --provisional the case is answered, flagged provisional.
    let (code, out, err) = jiceng(
        &[
            "enforcement",
            "--provisional",
            "evaluate",
            "-",
            "--at",
            "2026-12-20",
        ],
        Y1,
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("decision due 2027-03-01"), "{out}");
    assert!(out.contains("provisional"), "{out}");
}

/// Case EXT3d: filed 3 Jul 2025, the 90 days end on 1 Oct, rolled past
/// National Day (1–8 Oct) to 9 Oct; an extension of 30 days approved on 20
/// Oct, decided on 21 Oct.
const EXT3D: &str = r#"{"id":"EXT3d","extension":"30d","party":{"kind":"citizen","name":"a"},"items":["HB-CF-001"],"body":"130430104-gov","events":[{"date":"2025-07-03","kind":"filed"},{"date":"2025-09-01","kind":"notified"},{"date":"2025-10-20","kind":"extended","approved_by":"负责人"},{"date":"2025-10-21","kind":"decided","penalties":[{"kind":"warning"}],"party_present":true}]}"#;

/// D3: the extension approved after the period ran out was counted (due 31
/// Oct, in time). It is now flagged and not counted: due 9 Oct, late.
#[test]
fn evaluate_does_not_count_a_late_extension() {
    let (code, out, err) = evaluate(&[], EXT3D, "2025-10-21", &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("EXT3d\tserved\tdecision due 2025-10-09\tdecision_late,extension_late\n"),
        "{out}"
    );
    assert!(out.ends_with("decided in time\t0/1\n"), "{out}");
    let (_, out, _) = evaluate(&["--lang", "zh"], EXT3D, "2025-10-21", &[]);
    assert!(out.contains("决定超期,期限届满后延期"), "{out}");
}

/// D4: cases HL1 (hearing requested on 9 Sep 2025, out of time: notified
/// Monday 1 Sep, the 5 working days are 2, 3, 4, 5, 8 Sep) and HL2
/// (requested 8 Sep, in time), neither hearing held, decided 15 Oct. No
/// hearing, no hearing time: both are due on 9 Oct (3 Jul + 90 = 1 Oct,
/// rolled past National Day) and late. HL1 was due 7 Nov (37 days left
/// out), HL2 10 Nov. Fined 5,000 yuan on the spot on 15 Oct, both await
/// payment on 20 Oct (15 days run to 30 Oct).
#[test]
fn evaluate_leaves_out_no_time_for_a_hearing_never_held() {
    let cases =
        std::fs::read_to_string("tests/cli/data/enforcement-hearings-never-held.jsonl").unwrap();
    let (code, out, err) = evaluate(&[], &cases, "2025-10-20", &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("HL1\tawaiting_payment\tdecision due 2025-10-09\tdecision_late\n"),
        "{out}"
    );
    assert!(
        out.contains(
            "\nHL2\tawaiting_payment\tdecision due 2025-10-09\tdecision_late,hearing_denied\n"
        ),
        "{out}"
    );
    assert!(out.ends_with("decided in time\t0/2\n"), "{out}");
}

/// D2: case PP1 (1,000 yuan due 9 Oct 2025, 500 paid on 1 Oct) was
/// reported `paid`; it is overdue, and the surcharge runs on the unpaid
/// 500: 10–20 Oct is 11 days, 500 × 3% × 11 = 165.00. Case P1 (1,000 paid
/// on 20 Oct, 11 days late, then a surcharge of 11 × 30 = 330 the same day)
/// was refused as impossible; it is evaluated, paid, with no flag.
#[test]
fn evaluate_partial_payment_and_surcharge_after_payment() {
    let pp1 = r#"{"id":"PP1","party":{"kind":"citizen","name":"a"},"items":["HB-CF-001"],"body":"130430104-gov","events":[{"date":"2025-07-03","kind":"filed"},{"date":"2025-09-01","kind":"notified"},{"date":"2025-09-12","kind":"decided","penalties":[{"kind":"fine","amount":"1000.00"}]},{"date":"2025-09-16","kind":"served"},{"date":"2025-10-01","kind":"paid","amount":"500.00"}]}"#;
    let p1 = r#"{"id":"P1","party":{"kind":"citizen","name":"a"},"items":["HB-CF-001"],"body":"130430104-gov","events":[{"date":"2025-07-03","kind":"filed"},{"date":"2025-09-01","kind":"notified"},{"date":"2025-09-12","kind":"decided","penalties":[{"kind":"fine","amount":"1000.00"}]},{"date":"2025-09-16","kind":"served"},{"date":"2025-10-20","kind":"paid","amount":"1000.00"},{"date":"2025-10-20","kind":"surcharged","amount":"330.00"}]}"#;
    let (code, out, err) = evaluate(&[], &format!("{pp1}\n{p1}\n"), "2025-10-20", &["--explain"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("PP1\tpayment_overdue\tdecision due 2025-10-09\t-\n"),
        "{out}"
    );
    assert!(
        out.contains("  surcharge: 165.00 yuan: 3% a day of the part of the fine still unpaid (500.00 yuan paid) for 11 day(s) late (行政处罚法第七十二条)\n"),
        "{out}"
    );
    assert!(
        out.contains("\nP1\tpaid\tdecision due 2025-10-09\t-\n"),
        "{out}"
    );
    assert!(
        out.contains("  surcharge: 330.00 yuan: 3% of the fine a day for 11 day(s) late (行政处罚法第七十二条)\n"),
        "{out}"
    );
    let (_, out, _) = evaluate(&["--lang", "zh"], pp1, "2025-10-20", &["--explain"]);
    assert!(
        out.contains("  加处罚款：165.00元：逾期11日，已缴纳500.00元，每日按未缴纳罚款数额的百分之三加处罚款（行政处罚法第七十二条）\n"),
        "{out}"
    );
}

/// D6: `deadlines` took a decision before the filing, or a service before
/// the decision, and answered; `evaluate` refuses the same order. Each
/// date must not precede the one given before it; the same day is fine.
#[test]
fn deadlines_refuses_dates_out_of_order() {
    for (args, message) in [
        (
            &["--filed", "2025-07-03", "--decided", "2025-07-01"][..],
            "`--decided` (2025-07-01) is before `--filed` (2025-07-03)",
        ),
        (
            &["--filed", "2025-07-03", "--served", "2025-07-02"][..],
            "`--served` (2025-07-02) is before `--filed` (2025-07-03)",
        ),
        (
            &[
                "--filed",
                "2025-07-03",
                "--decided",
                "2025-09-12",
                "--served",
                "2025-09-11",
            ][..],
            "`--served` (2025-09-11) is before `--decided` (2025-09-12)",
        ),
        (
            &[
                "--filed",
                "2025-07-03",
                "--notified",
                "2025-09-01",
                "--decided",
                "2025-08-30",
            ][..],
            "`--decided` (2025-08-30) is before `--notified` (2025-09-01)",
        ),
        (
            &["--filed", "2025-07-03", "--notified", "2025-07-02"][..],
            "`--notified` (2025-07-02) is before `--filed` (2025-07-03)",
        ),
    ] {
        let mut a = vec!["enforcement", "deadlines"];
        a.extend(args);
        let (code, out, err) = jiceng(&a, "");
        assert_eq!((code, out.as_str()), (2, ""), "{args:?}: {err}");
        assert!(err.contains(message), "{args:?}: {err}");
    }
    let (code, _, err) = jiceng(
        &[
            "--lang",
            "zh",
            "enforcement",
            "deadlines",
            "--filed",
            "2025-07-03",
            "--decided",
            "2025-07-01",
        ],
        "",
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("--decided（2025-07-01）早于 --filed（2025-07-03）"),
        "{err}"
    );
    // All on one day: decided on the spot the day it was filed, served
    // then. 3 Jul + 90 = 1 Oct, rolled to 9 Oct; 3 Jul + 15 = Friday 18
    // Jul.
    let (code, out, err) = jiceng(
        &[
            "enforcement",
            "deadlines",
            "--filed",
            "2025-07-03",
            "--decided",
            "2025-07-03",
            "--served",
            "2025-07-03",
            "--json",
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(r#""decision_due":"2025-10-09""#), "{out}");
    assert!(out.contains(r#""payment_due":"2025-07-18""#), "{out}");
}

/// D7: `compare` labelled the later date "before". The dates must come in
/// order (the same date twice is allowed).
#[test]
fn compare_refuses_dates_out_of_order() {
    let args = [
        "enforcement",
        "compare",
        "--item",
        "HB-CF-001",
        "--division",
        "130430104",
        "--before",
        "2022-03-01",
        "--after",
        "2021-01-04",
    ];
    let (code, out, err) = jiceng(&args, "");
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert!(
        err.contains("`--after` (2021-01-04) is before `--before` (2022-03-01)"),
        "{err}"
    );
    let mut zh = vec!["--lang", "zh"];
    zh.extend(args);
    let (code, _, err) = jiceng(&zh, "");
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("--after（2021-01-04）早于 --before（2022-03-01）"),
        "{err}"
    );
}

/// D5: a period that starts before the first notice (2010) answers as
/// `calendar period` does. 90 days from 1 Dec 2009 end on Monday 1 Mar
/// 2010 (Dec 31 is 30, Jan 31 61, Feb 28 89, Mar 1 90), a working day in
/// the 2010 notice: answered, with the days 2–31 Dec 2009 in the span
/// flagged provisional, as the calendar flags any span that reaches
/// outside coverage. 90 days from 1 Oct 2009 end on Wednesday 30 Dec
/// 2009 (Oct 31 is 30, Nov 30 60, Dec 30 90), whose kind only a notice
/// could tell for the roll: refused by both, unless --provisional.
#[test]
fn deadlines_before_coverage_agree_with_calendar_period() {
    let (code, out, err) = jiceng(
        &[
            "enforcement",
            "deadlines",
            "--filed",
            "2009-12-01",
            "--json",
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with(r#"{"decision_due":"2010-03-01","#), "{out}");
    assert!(out.contains(r#""provisional":true"#), "{out}");
    let (code, out, err) = jiceng(&["calendar", "period", "2009-12-01", "90d", "--json"], "");
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(r#""end":"2010-03-01","provisional":true"#),
        "{out}"
    );
    // `evaluate` says the same of a case filed that day.
    let case = r#"{"id":"E09","events":[{"date":"2009-12-01","kind":"filed"}]}"#;
    let (code, out, err) = evaluate(&[], case, "2010-01-05", &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("E09\tinvestigating\tdecision due 2010-03-01\t-\tprovisional\n"),
        "{out}"
    );

    for args in [
        &["enforcement", "deadlines", "--filed", "2009-10-01"][..],
        &["calendar", "period", "2009-10-01", "90d"][..],
    ] {
        let (code, out, err) = jiceng(args, "");
        assert_eq!((code, out.as_str()), (2, ""), "{args:?}: {err}");
        assert!(
            err.contains("2009-12-30 is before the calendar's first notice"),
            "{args:?}: {err}"
        );
        assert!(err.contains("with --provisional"), "{args:?}: {err}");
    }
    let (code, out, err) = jiceng(
        &[
            "enforcement",
            "--provisional",
            "deadlines",
            "--filed",
            "2009-10-01",
            "--json",
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with(r#"{"decision_due":"2009-12-30","#), "{out}");
    assert!(out.contains(r#""provisional":true"#), "{out}");
}

/// A misspelt key and an event key its kind does not take: each line is
/// named with its field, in both languages, the others are evaluated, and
/// the command exits 1.
#[test]
fn evaluate_names_a_key_the_case_does_not_take() {
    let lines = concat!(
        r#"{"id":"QX-1","majr":true,"events":[]}"#,
        "\n",
        r#"{"id":"QX-2","events":[{"date":"2025-03-03","kind":"filed","hearing_on":"2025-03-09"}]}"#,
        "\n",
        r#"{"id":"QX-3","events":[{"date":"2025-03-03","kind":"filed"}]}"#,
        "\n",
    );
    for (lang, first, second) in [
        (
            "en",
            "jiceng: -:1: field `majr`: not a field of a case",
            "jiceng: -:2: field `events[0].hearing_on`: not a field of a `filed` event",
        ),
        (
            "zh",
            "jiceng: -:1: 字段 `majr`：不是案件的字段",
            "jiceng: -:2: 字段 `events[0].hearing_on`：不是“filed”事件的字段",
        ),
    ] {
        let (code, out, err) = jiceng(
            &[
                "enforcement",
                "evaluate",
                "-",
                "--at",
                "2025-03-10",
                "--json",
                "--lang",
                lang,
            ],
            lines,
        );
        assert_eq!(code, 1, "{err}");
        let mut shown = err.lines();
        assert_eq!(shown.next(), Some(first), "{err}");
        assert_eq!(shown.next(), Some(second), "{err}");
        // The third case is evaluated: its line, then the summary.
        assert!(out.starts_with(r#"{"id":"QX-3","#), "{out}");
    }
}
