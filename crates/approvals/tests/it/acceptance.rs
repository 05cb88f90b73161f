//! Art. 32 read right, on both sides of the window's last day, through one
//! `check` helper.
//!
//! Received Monday 3 March 2025 (no holiday in March; 清明节 4–6 April off
//! under 国办发明电〔2024〕12号, no make-up day). The window: 4–7 Mar (4),
//! 10 Mar (5) → `notice_due` 10 Mar. 20 working days from 3 Mar: 4–7 (4),
//! 10–14 (9), 17–21 (14), 24–28 (19), 31 Mar (20) → 31 Mar.

use jiceng_approvals::{AcceptanceRule, Case, Flag, Options, Status, evaluate};

use crate::{cal, day};

/// What must come out of one case on one date.
struct Want {
    acceptance: Option<&'static str>,
    rule: AcceptanceRule,
    statutory: Option<&'static str>,
    status: Status,
    flags: &'static [Flag],
    acceptance_due: Option<&'static str>,
    waiting: Option<i64>,
}

/// Evaluates `events` (JSON event objects) on `at` and reports every
/// mismatch with `want`.
fn check(name: &str, events: &str, at: &str, want: Want, failures: &mut Vec<String>) {
    let json = format!(r#"{{"id":"{name}","events":[{events}]}}"#);
    let c: Case = match serde_json::from_str(&json) {
        Ok(c) => c,
        Err(e) => {
            failures.push(format!("{name}: {e}"));
            return;
        }
    };
    let e = match evaluate(&c, day(at), &cal(), &Options::default()) {
        Ok(e) => e,
        Err(e) => {
            failures.push(format!("{name}: {e}"));
            return;
        }
    };
    let d = e.deadlines;
    let mut expect = |what: &str, got: String, want: String| {
        if got != want {
            failures.push(format!("{name}: {what}: expected {want}, got {got}"));
        }
    };
    let opt = |s: Option<&str>| format!("{:?}", s.map(day));
    expect(
        "acceptance",
        format!("{:?}", d.acceptance),
        opt(want.acceptance),
    );
    expect(
        "rule",
        format!("{:?}", d.acceptance_rule),
        format!("{:?}", want.rule),
    );
    expect(
        "statutory_due",
        format!("{:?}", d.statutory_due),
        opt(want.statutory),
    );
    expect(
        "status",
        format!("{:?}", e.status),
        format!("{:?}", want.status),
    );
    expect(
        "flags",
        format!("{:?}", e.flags.iter().collect::<Vec<_>>()),
        format!("{:?}", want.flags),
    );
    expect(
        "acceptance_due",
        format!("{:?}", d.acceptance_due),
        opt(want.acceptance_due),
    );
    expect(
        "waiting",
        format!("{:?}", d.waiting_working_days),
        format!("{:?}", want.waiting),
    );
    expect(
        "notice_due",
        format!("{:?}", d.notice_due),
        opt(Some("2025-03-10")),
    );
    // The law of the start: never before receipt, never after the
    // acceptance on record.
    if let Some(a) = d.acceptance {
        if a < day("2025-03-03") || d.decided.is_some_and(|x| a > x) {
            failures.push(format!("{name}: acceptance {a} outside receipt..decision"));
        }
    }
}

const R: &str = r#"{"date":"2025-03-03","kind":"received"}"#;

fn ev(date: &str, kind: &str) -> String {
    format!(r#",{{"date":"{date}","kind":"{kind}"}}"#)
}

#[test]
fn the_window_on_both_sides_of_its_last_day() {
    let mut f = Vec::new();
    // Accepted on 10 Mar, the window's last day: the clock starts then.
    // 11–14 (4), 17–21 (9), 24–28 (14), 31 Mar (15), 1–3 Apr (18), 7 (19),
    // 8 Apr (20) → 8 Apr.
    check(
        "last-day",
        &format!("{R}{}", ev("2025-03-10", "accepted")),
        "2025-03-10",
        Want {
            acceptance: Some("2025-03-10"),
            rule: AcceptanceRule::Accepted,
            statutory: Some("2025-04-08"),
            status: Status::OnTrack,
            flags: &[],
            acceptance_due: None,
            waiting: None,
        },
        &mut f,
    );
    // Accepted on 11 Mar, one working day late: deemed at receipt, due
    // 31 Mar.
    check(
        "day-after",
        &format!("{R}{}", ev("2025-03-11", "accepted")),
        "2025-03-11",
        Want {
            acceptance: Some("2025-03-03"),
            rule: AcceptanceRule::DeemedAtReceipt,
            statutory: Some("2025-03-31"),
            status: Status::OnTrack,
            flags: &[],
            acceptance_due: None,
            waiting: None,
        },
        &mut f,
    );
    // Nothing by 10 Mar: still awaiting acceptance that day, having waited
    // 4–7, 10 Mar = 5 working days.
    check(
        "nothing-last-day",
        R,
        "2025-03-10",
        Want {
            acceptance: None,
            rule: AcceptanceRule::Pending,
            statutory: None,
            status: Status::AwaitingAcceptance,
            flags: &[],
            acceptance_due: None,
            waiting: Some(5),
        },
        &mut f,
    );
    // Nothing by 11 Mar: deemed accepted at receipt; 14 working days left
    // to 31 Mar.
    check(
        "nothing-day-after",
        R,
        "2025-03-11",
        Want {
            acceptance: Some("2025-03-03"),
            rule: AcceptanceRule::DeemedAtReceipt,
            statutory: Some("2025-03-31"),
            status: Status::OnTrack,
            flags: &[],
            acceptance_due: None,
            waiting: None,
        },
        &mut f,
    );
    assert!(f.is_empty(), "{}", f.join("\n"));
}

#[test]
fn received_then_decided_is_lawful_under_deemed_acceptance() {
    let mut f = Vec::new();
    // Decided 25 Mar with no acceptance on record: the clock from 3 Mar,
    // due 31 Mar; decided before it.
    check(
        "received-decided",
        &format!(r#"{R},{{"date":"2025-03-25","kind":"decided","outcome":"granted"}}"#),
        "2025-03-25",
        Want {
            acceptance: Some("2025-03-03"),
            rule: AcceptanceRule::DeemedAtReceipt,
            statutory: Some("2025-03-31"),
            status: Status::ClosedEarly,
            flags: &[],
            acceptance_due: None,
            waiting: None,
        },
        &mut f,
    );
    // Decided 1 Apr: one working day past 31 Mar.
    check(
        "received-decided-late",
        &format!(r#"{R},{{"date":"2025-04-01","kind":"decided","outcome":"refused"}}"#),
        "2025-04-01",
        Want {
            acceptance: Some("2025-03-03"),
            rule: AcceptanceRule::DeemedAtReceipt,
            statutory: Some("2025-03-31"),
            status: Status::ClosedLateAgainstStatute,
            flags: &[Flag::DecidedLate],
            acceptance_due: None,
            waiting: None,
        },
        &mut f,
    );
    assert!(f.is_empty(), "{}", f.join("\n"));
}

#[test]
fn supplemented_materials_open_a_new_window() {
    let mut f = Vec::new();
    // Notice on 10 Mar (in time), supplemented Monday 17 Mar: the new
    // window 18–21 (4), 24 Mar (5) → 24 Mar. Accepted 24 Mar: the clock
    // from 24 Mar: 25–28 (4), 31 (5), 1–3 Apr (8), 7–11 (13), 14–18 (18),
    // 21–22 Apr (20) → 22 Apr.
    let notice = format!(
        "{R}{}{}",
        ev("2025-03-10", "incomplete_notice"),
        ev("2025-03-17", "supplemented")
    );
    check(
        "accepted-last-day",
        &format!("{notice}{}", ev("2025-03-24", "accepted")),
        "2025-03-24",
        Want {
            acceptance: Some("2025-03-24"),
            rule: AcceptanceRule::Accepted,
            statutory: Some("2025-04-22"),
            status: Status::OnTrack,
            flags: &[],
            acceptance_due: Some("2025-03-24"),
            waiting: None,
        },
        &mut f,
    );
    // Accepted 25 Mar, a day after the new window: flagged, the clock from
    // the actual acceptance, one working day later → 23 Apr.
    check(
        "accepted-day-after",
        &format!("{notice}{}", ev("2025-03-25", "accepted")),
        "2025-03-25",
        Want {
            acceptance: Some("2025-03-25"),
            rule: AcceptanceRule::Accepted,
            statutory: Some("2025-04-23"),
            status: Status::OnTrack,
            flags: &[Flag::AcceptanceOverdue],
            acceptance_due: Some("2025-03-24"),
            waiting: None,
        },
        &mut f,
    );
    // Never accepted: on 24 Mar it has waited 5 working days, not flagged;
    // on 25 Mar 6, flagged.
    check(
        "waiting-last-day",
        &notice,
        "2025-03-24",
        Want {
            acceptance: None,
            rule: AcceptanceRule::AwaitingAcceptance,
            statutory: None,
            status: Status::AwaitingAcceptance,
            flags: &[],
            acceptance_due: Some("2025-03-24"),
            waiting: Some(5),
        },
        &mut f,
    );
    check(
        "waiting-day-after",
        &notice,
        "2025-03-25",
        Want {
            acceptance: None,
            rule: AcceptanceRule::AwaitingAcceptance,
            statutory: None,
            status: Status::AwaitingAcceptance,
            flags: &[Flag::AcceptanceOverdue],
            acceptance_due: Some("2025-03-24"),
            waiting: Some(6),
        },
        &mut f,
    );
    // Notified, not supplemented: waiting for the applicant.
    check(
        "awaiting-supplement",
        &format!("{R}{}", ev("2025-03-10", "incomplete_notice")),
        "2025-03-20",
        Want {
            acceptance: None,
            rule: AcceptanceRule::AwaitingSupplement,
            statutory: None,
            status: Status::AwaitingSupplement,
            flags: &[],
            acceptance_due: None,
            waiting: None,
        },
        &mut f,
    );
    assert!(f.is_empty(), "{}", f.join("\n"));
}

#[test]
fn a_late_or_second_notice_is_flagged() {
    let mut f = Vec::new();
    // Notice on 11 Mar, after the window: deemed accepted at receipt, due
    // 31 Mar, whatever the supplement and the acceptance say.
    check(
        "late-notice",
        &format!(
            "{R}{}{}{}",
            ev("2025-03-11", "incomplete_notice"),
            ev("2025-03-14", "supplemented"),
            ev("2025-03-17", "accepted")
        ),
        "2025-03-17",
        Want {
            acceptance: Some("2025-03-03"),
            rule: AcceptanceRule::DeemedAtReceipt,
            statutory: Some("2025-03-31"),
            status: Status::OnTrack,
            flags: &[Flag::IncompleteNoticeLate],
            acceptance_due: None,
            waiting: None,
        },
        &mut f,
    );
    // A late notice and nothing else: the clock already runs from receipt
    // while the agency waits for the applicant; on 1 Apr it is late.
    check(
        "late-notice-open",
        &format!("{R}{}", ev("2025-03-11", "incomplete_notice")),
        "2025-04-01",
        Want {
            acceptance: Some("2025-03-03"),
            rule: AcceptanceRule::DeemedAtReceipt,
            statutory: Some("2025-03-31"),
            status: Status::LateAgainstStatute,
            flags: &[Flag::IncompleteNoticeLate, Flag::OverdueAgainstStatute],
            acceptance_due: None,
            waiting: None,
        },
        &mut f,
    );
    // Two notices (5 and 10 Mar), supplements 7 and 14 Mar, accepted 17
    // Mar: 一次告知 broken. The window runs from the last supplement
    // (17–21 Mar → 21 Mar); the clock from 17 Mar: 18–21 (4), 24–28 (9),
    // 31 (10), 1–3 Apr (13), 7–11 (18), 14–15 Apr (20) → 15 Apr.
    check(
        "second-notice",
        &format!(
            "{R}{}{}{}{}{}",
            ev("2025-03-05", "incomplete_notice"),
            ev("2025-03-07", "supplemented"),
            ev("2025-03-10", "incomplete_notice"),
            ev("2025-03-14", "supplemented"),
            ev("2025-03-17", "accepted")
        ),
        "2025-03-17",
        Want {
            acceptance: Some("2025-03-17"),
            rule: AcceptanceRule::Accepted,
            statutory: Some("2025-04-15"),
            status: Status::OnTrack,
            flags: &[Flag::SecondIncompleteNotice],
            acceptance_due: Some("2025-03-21"),
            waiting: None,
        },
        &mut f,
    );
    assert!(f.is_empty(), "{}", f.join("\n"));
}
