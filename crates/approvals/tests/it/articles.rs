//! The Licensing Law's periods, article by article, as tables run through
//! one `check` helper.

use jiceng_approvals::{Error, Flag, Limits, Options, State, Status, evaluate, statutory_limit};
use jiceng_calendar::Period;

use crate::{cal, case, day, eval, story_limits, wd};

/// One case evaluated on one date, and what must come out.
struct Row {
    name: &'static str,
    limits: Limits,
    events: &'static [(&'static str, &'static str)],
    at: &'static str,
    /// The day the clocks start (`deadlines.acceptance`).
    acceptance: Option<&'static str>,
    deemed: bool,
    statutory: Option<&'static str>,
    promised: Option<&'static str>,
    status: Status,
    /// Further fields, checked when given.
    more: More,
}

#[derive(Debug, Default, Clone, Copy)]
struct More {
    notice_due: Option<&'static str>,
    delivery_due: Option<&'static str>,
    delivery_late: Option<bool>,
    used: Option<Option<i64>>,
    suspended: Option<i64>,
    state: Option<State>,
}

/// Evaluates every row and reports every mismatch at once.
fn check(rows: &[Row]) {
    let mut failures = Vec::new();
    for r in rows {
        let c = case(r.limits, r.events);
        let e = match evaluate(&c, day(r.at), &cal(), &Options::default()) {
            Ok(e) => e,
            Err(err) => {
                failures.push(format!("{}: error {err}", r.name));
                continue;
            }
        };
        let d = e.deadlines;
        let opt = |s: Option<&str>| s.map(day);
        let mut expect = |what: &str, got: String, want: String| {
            if got != want {
                failures.push(format!("{}: {what}: expected {want}, got {got}", r.name));
            }
        };
        expect(
            "acceptance",
            format!("{:?}", d.acceptance),
            format!("{:?}", opt(r.acceptance)),
        );
        expect(
            "deemed_accepted",
            d.deemed_accepted.to_string(),
            r.deemed.to_string(),
        );
        expect(
            "statutory_due",
            format!("{:?}", d.statutory_due),
            format!("{:?}", opt(r.statutory)),
        );
        expect(
            "promised_due",
            format!("{:?}", d.promised_due),
            format!("{:?}", opt(r.promised)),
        );
        expect(
            "status",
            format!("{:?}", e.status),
            format!("{:?}", r.status),
        );
        expect("provisional", d.provisional.to_string(), "false".to_owned());
        let m = &r.more;
        if let Some(x) = m.notice_due {
            expect(
                "notice_due",
                format!("{:?}", d.notice_due),
                format!("{:?}", Some(day(x))),
            );
        }
        if let Some(x) = m.delivery_due {
            expect(
                "delivery_due",
                format!("{:?}", d.delivery_due),
                format!("{:?}", Some(day(x))),
            );
        }
        if let Some(x) = m.delivery_late {
            expect("delivery_late", e.delivery_late.to_string(), x.to_string());
        }
        if let Some(x) = m.used {
            expect(
                "working_days_used",
                format!("{:?}", e.working_days_used),
                format!("{x:?}"),
            );
        }
        if let Some(x) = m.suspended {
            expect(
                "suspended_working_days",
                e.suspended_working_days.to_string(),
                x.to_string(),
            );
        }
        if let Some(x) = m.state {
            expect("state", format!("{:?}", e.state), format!("{x:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn art_32_acceptance_and_the_notice_of_incomplete_materials() {
    check(&[
        // Received Monday 22 Sep 2025: the notice is due 5 working days
        // later: 23–26 Sep (4), Sunday 28 Sep worked (5) → 28 Sep.
        Row {
            name: "timely notice: the clock starts at the acceptance event",
            limits: story_limits(),
            events: &[
                ("2025-09-22", "received"),
                ("2025-09-24", "incomplete_notice"),
                ("2025-10-09", "supplemented"),
                ("2025-10-10", "accepted"),
            ],
            at: "2025-10-10",
            acceptance: Some("2025-10-10"),
            deemed: false,
            // From Friday 10 Oct: Saturday 11 Oct worked (1), 13–17 (6),
            // 20–24 (11), 27–31 (16), 3–6 Nov (20).
            statutory: Some("2025-11-06"),
            // 11 Oct (1), 13–17 (6), 20 Oct (7).
            promised: Some("2025-10-20"),
            // 7 working days left (11, 13–17, 20 Oct).
            status: Status::OnTrack,
            more: More {
                notice_due: Some("2025-09-28"),
                state: Some(State::Running),
                ..More::default()
            },
        },
        Row {
            name: "a notice on the last day (Sunday 28 Sep, a make-up working day) is timely",
            limits: story_limits(),
            events: &[
                ("2025-09-22", "received"),
                ("2025-09-28", "incomplete_notice"),
                ("2025-09-29", "supplemented"),
                ("2025-09-30", "accepted"),
            ],
            at: "2025-09-30",
            acceptance: Some("2025-09-30"),
            deemed: false,
            // From 30 Sep: 9–11 Oct (3), 13–17 (8), 20–24 (13), 27–31 (18),
            // 3–4 Nov (20).
            statutory: Some("2025-11-04"),
            // 9–11 Oct (3), 13–16 Oct (7).
            promised: Some("2025-10-16"),
            status: Status::OnTrack,
            more: More::default(),
        },
        Row {
            name: "a notice one working day late: accepted on the day of receipt",
            limits: story_limits(),
            events: &[
                ("2025-09-22", "received"),
                ("2025-09-29", "incomplete_notice"),
                ("2025-10-09", "supplemented"),
                ("2025-10-10", "accepted"),
            ],
            at: "2025-10-10",
            acceptance: Some("2025-09-22"),
            deemed: true,
            statutory: Some("2025-10-24"),
            promised: Some("2025-09-30"),
            status: Status::LateAgainstPromise,
            more: More::default(),
        },
        Row {
            // Art. 32 read right: acceptance inside the window starts the
            // clock on the acceptance day. From Friday 26 Sep: Sunday 28
            // Sep worked (1), 29–30 Sep (3), 9–10 Oct (5), Saturday 11 Oct
            // worked (6), 13 Oct (7) → promised 13 Oct; 14–17 Oct (11),
            // 20–24 Oct (16), 27–30 Oct (20) → statutory 30 Oct.
            name: "no notice, accepted on the fourth working day: the clock starts on acceptance",
            limits: story_limits(),
            events: &[("2025-09-22", "received"), ("2025-09-26", "accepted")],
            at: "2025-09-26",
            acceptance: Some("2025-09-26"),
            deemed: false,
            statutory: Some("2025-10-30"),
            promised: Some("2025-10-13"),
            // 7 working days left: on track.
            status: Status::OnTrack,
            more: More::default(),
        },
        Row {
            name: "accepted on the day of receipt: not deemed",
            limits: story_limits(),
            events: &[("2025-09-22", "received"), ("2025-09-22", "accepted")],
            at: "2025-09-22",
            acceptance: Some("2025-09-22"),
            deemed: false,
            statutory: Some("2025-10-24"),
            promised: Some("2025-09-30"),
            status: Status::OnTrack,
            more: More::default(),
        },
        Row {
            name: "nobody pressed accept and the notice period is over",
            limits: story_limits(),
            events: &[("2025-09-22", "received")],
            at: "2025-09-29",
            acceptance: Some("2025-09-22"),
            deemed: true,
            statutory: Some("2025-10-24"),
            promised: Some("2025-09-30"),
            // One working day left (30 Sep).
            status: Status::DueSoon,
            more: More {
                state: Some(State::Received),
                ..More::default()
            },
        },
        Row {
            name: "nobody pressed accept, last day of the notice period",
            limits: story_limits(),
            events: &[("2025-09-22", "received")],
            at: "2025-09-28",
            acceptance: None,
            deemed: false,
            statutory: None,
            promised: None,
            status: Status::AwaitingAcceptance,
            more: More {
                notice_due: Some("2025-09-28"),
                ..More::default()
            },
        },
        Row {
            name: "a timely notice and no supplement yet",
            limits: story_limits(),
            events: &[
                ("2025-09-22", "received"),
                ("2025-09-24", "incomplete_notice"),
            ],
            at: "2025-10-15",
            acceptance: None,
            deemed: false,
            statutory: None,
            promised: None,
            status: Status::AwaitingSupplement,
            more: More::default(),
        },
        Row {
            name: "rejected the day after receipt, evaluated a month later: never accepted",
            limits: story_limits(),
            events: &[("2025-09-22", "received"), ("2025-09-23", "rejected")],
            at: "2025-10-31",
            acceptance: None,
            deemed: false,
            statutory: None,
            promised: None,
            status: Status::Rejected,
            more: More::default(),
        },
        Row {
            name: "rejected after the notice period without a notice: deemed accepted first",
            limits: story_limits(),
            events: &[("2025-09-22", "received"), ("2025-09-29", "rejected")],
            at: "2025-10-31",
            acceptance: Some("2025-09-22"),
            deemed: true,
            statutory: Some("2025-10-24"),
            promised: Some("2025-09-30"),
            status: Status::Rejected,
            more: More::default(),
        },
        // Received Friday 24 Jan 2025: Sunday 26 Jan (1), 27 Jan (2),
        // 28 Jan–4 Feb off, 5–7 Feb (5): the notice is due 7 Feb.
        Row {
            name: "Spring Festival 2025: a notice on 7 Feb is timely",
            limits: Limits::default(),
            events: &[
                ("2025-01-24", "received"),
                ("2025-02-07", "incomplete_notice"),
                ("2025-02-10", "supplemented"),
                ("2025-02-10", "accepted"),
            ],
            at: "2025-02-10",
            acceptance: Some("2025-02-10"),
            deemed: false,
            // 11–14 Feb (4), 17–21 (9), 24–28 (14), 3–7 Mar (19), 10 Mar (20).
            statutory: Some("2025-03-10"),
            promised: None,
            status: Status::OnTrack,
            more: More {
                notice_due: Some("2025-02-07"),
                ..More::default()
            },
        },
        Row {
            name: "Spring Festival 2025: a notice on Saturday 8 Feb (worked) is late",
            limits: Limits::default(),
            events: &[
                ("2025-01-24", "received"),
                ("2025-02-08", "incomplete_notice"),
            ],
            at: "2025-02-10",
            acceptance: Some("2025-01-24"),
            deemed: true,
            // From 24 Jan: 26 Jan (1), 27 (2), 5–7 Feb (5), Saturday 8 Feb
            // (6), 10–14 (11), 17–21 (16), 24–27 Feb (20).
            statutory: Some("2025-02-27"),
            promised: None,
            status: Status::OnTrack,
            more: More {
                state: Some(State::AwaitingSupplement),
                ..More::default()
            },
        },
        // Received Thursday 12 Feb 2026: 13 Feb (1), Saturday 14 Feb (2),
        // 15–23 Feb off, 24–26 Feb (5): the notice is due 26 Feb.
        Row {
            name: "Spring Festival 2026: still awaiting acceptance on 26 Feb",
            limits: Limits::default(),
            events: &[("2026-02-12", "received")],
            at: "2026-02-26",
            acceptance: None,
            deemed: false,
            statutory: None,
            promised: None,
            status: Status::AwaitingAcceptance,
            more: More {
                notice_due: Some("2026-02-26"),
                ..More::default()
            },
        },
        Row {
            name: "Spring Festival 2026: deemed accepted on 27 Feb",
            limits: Limits::default(),
            events: &[("2026-02-12", "received")],
            at: "2026-02-27",
            acceptance: Some("2026-02-12"),
            deemed: true,
            // 13 Feb (1), 14 (2), 24–27 (6), Saturday 28 Feb (7), 2–6 Mar
            // (12), 9–13 (17), 16–18 Mar (20).
            statutory: Some("2026-03-18"),
            promised: None,
            status: Status::OnTrack,
            more: More::default(),
        },
    ]);
}

#[test]
fn art_42_twenty_working_days_one_extension_joint_handling() {
    check(&[
        Row {
            name: "the story case on the day after acceptance",
            limits: story_limits(),
            events: &[("2025-09-22", "received"), ("2025-09-22", "accepted")],
            at: "2025-09-23",
            acceptance: Some("2025-09-22"),
            deemed: false,
            statutory: Some("2025-10-24"),
            promised: Some("2025-09-30"),
            // 6 working days left to the promise.
            status: Status::OnTrack,
            more: More::default(),
        },
        Row {
            name: "across Spring Festival 2025",
            limits: Limits::default(),
            events: &[("2025-01-20", "received"), ("2025-01-20", "accepted")],
            at: "2025-01-20",
            acceptance: Some("2025-01-20"),
            deemed: false,
            // 21–24 Jan (4), Sunday 26 Jan (5), 27 Jan (6), 28 Jan–4 Feb
            // off, 5–7 Feb (9), Saturday 8 Feb (10), 10–14 (15), 17–21 (20).
            statutory: Some("2025-02-21"),
            promised: None,
            status: Status::OnTrack,
            more: More::default(),
        },
        Row {
            name: "across Spring Festival 2025, extended once by 10",
            limits: Limits::default(),
            events: &[
                ("2025-01-20", "received"),
                ("2025-01-20", "accepted"),
                ("2025-02-10", "extended"),
            ],
            at: "2025-02-10",
            acceptance: Some("2025-01-20"),
            deemed: false,
            // 20 → 21 Feb, then 24–28 Feb (25), 3–7 Mar (30).
            statutory: Some("2025-03-07"),
            promised: None,
            status: Status::OnTrack,
            more: More::default(),
        },
        Row {
            name: "across Spring Festival 2026",
            limits: Limits::default(),
            events: &[("2026-02-09", "received"), ("2026-02-09", "accepted")],
            at: "2026-02-09",
            acceptance: Some("2026-02-09"),
            deemed: false,
            // 10–13 Feb (4), Saturday 14 Feb (5), 15–23 off, 24–27 (9),
            // Saturday 28 Feb (10), 2–6 Mar (15), 9–13 Mar (20).
            statutory: Some("2026-03-13"),
            promised: None,
            status: Status::OnTrack,
            more: More::default(),
        },
        Row {
            name: "across National Day 2024",
            limits: Limits::default(),
            events: &[("2024-09-23", "received"), ("2024-09-23", "accepted")],
            at: "2024-09-23",
            acceptance: Some("2024-09-23"),
            deemed: false,
            // 24–27 Sep (4), Sunday 29 Sep (5), 30 Sep (6), 1–7 Oct off,
            // 8–11 Oct (10), Saturday 12 Oct (11), 14–18 (16), 21–24 (20).
            statutory: Some("2024-10-24"),
            promised: None,
            status: Status::OnTrack,
            more: More::default(),
        },
        Row {
            name: "an extension moves the statute, not the promise",
            limits: story_limits(),
            events: &[
                ("2025-09-22", "received"),
                ("2025-09-22", "accepted"),
                ("2025-09-25", "extended"),
            ],
            at: "2025-09-25",
            acceptance: Some("2025-09-22"),
            deemed: false,
            // 24 Oct (20), 27–31 Oct (25), 3–7 Nov (30).
            statutory: Some("2025-11-07"),
            promised: Some("2025-09-30"),
            status: Status::OnTrack,
            more: More::default(),
        },
        Row {
            name: "joint handling: 45 working days",
            limits: Limits::joint(),
            events: &[("2025-09-22", "received"), ("2025-09-22", "accepted")],
            at: "2025-09-22",
            acceptance: Some("2025-09-22"),
            deemed: false,
            // 24 Oct (20), 27–31 Oct (25), 3–7 Nov (30), 10–14 (35),
            // 17–21 (40), 24–28 Nov (45).
            statutory: Some("2025-11-28"),
            promised: None,
            status: Status::OnTrack,
            more: More::default(),
        },
        Row {
            name: "joint handling extended by 15",
            limits: Limits::joint(),
            events: &[
                ("2025-09-22", "received"),
                ("2025-09-22", "accepted"),
                ("2025-11-20", "extended:government"),
            ],
            at: "2025-11-20",
            acceptance: Some("2025-09-22"),
            deemed: false,
            // 28 Nov (45), 1–5 Dec (50), 8–12 (55), 15–19 Dec (60).
            statutory: Some("2025-12-19"),
            promised: None,
            status: Status::OnTrack,
            more: More::default(),
        },
    ]);
}

#[test]
fn art_42_a_second_extension_is_flagged_and_not_counted() {
    // Accepted Monday 20 Jan 2025 (春节 28 Jan–4 Feb off, Sunday 26 Jan and
    // Saturday 8 Feb worked): 21–24 Jan (4), 26 Jan (5), 27 Jan (6), 5–7
    // Feb (9), 8 Feb (10), 10–14 Feb (15), 17–21 Feb (20) → 21 Feb; one
    // extension of 10: 24–28 Feb (25), 3–7 Mar (30) → 7 Mar. The second
    // extension adds nothing.
    let twice = case(
        Limits::default(),
        &[
            ("2025-01-20", "received"),
            ("2025-01-20", "accepted"),
            ("2025-02-10", "extended"),
            ("2025-02-11", "extended"),
        ],
    );
    let e = eval(&twice, "2025-02-12");
    assert_eq!(e.deadlines.statutory_base_due, Some(day("2025-02-21")));
    assert_eq!(e.deadlines.statutory_due, Some(day("2025-03-07")));
    assert_eq!(e.deadlines.extension_counted, 10);
    assert!(e.flags.contains(Flag::SecondExtension), "{:?}", e.flags);
    // One extension only: no flag.
    let once = case(
        Limits::default(),
        &[
            ("2025-01-20", "received"),
            ("2025-01-20", "accepted"),
            ("2025-02-10", "extended"),
        ],
    );
    let e = eval(&once, "2025-02-12");
    assert_eq!(e.deadlines.statutory_due, Some(day("2025-03-07")));
    assert!(e.flags.is_empty(), "{:?}", e.flags);
    // Extended while suspended, then again: flagged too.
    let twice = case(
        Limits::default(),
        &[
            ("2025-01-20", "received"),
            ("2025-01-20", "accepted"),
            ("2025-01-21", "suspended"),
            ("2025-01-22", "extended"),
            ("2025-01-23", "extended"),
        ],
    );
    let e = eval(&twice, "2025-02-12");
    assert!(e.flags.contains(Flag::SecondExtension), "{:?}", e.flags);
    assert_eq!(e.deadlines.extension_counted, 10);
    // The limit itself: the base, plus the extension only once approved.
    assert_eq!(statutory_limit(&Limits::default(), false), Ok(wd(20)));
    assert_eq!(statutory_limit(&Limits::default(), true), Ok(wd(30)));
    assert_eq!(statutory_limit(&Limits::joint(), false), Ok(wd(45)));
    assert_eq!(statutory_limit(&Limits::joint(), true), Ok(wd(60)));
}

#[test]
fn art_43_preliminary_review_by_a_lower_agency() {
    // The crate has no dedicated API for Art. 43: the lower agency's 20
    // working days are a plain period on the calendar.
    let cal = cal();
    let cases = [
        // Friday 20 Dec 2024: 23–27 Dec (5), 30–31 Dec (7), 1 Jan 2025
        // off, 2–3 Jan (9), 6–10 (14), 13–17 (19), 20 Jan (20).
        ("2024-12-20", "2025-01-20"),
        // Monday 9 Feb 2026, across the Spring Festival (see Art. 42).
        ("2026-02-09", "2026-03-13"),
        // Monday 23 Sep 2024, across National Day (see Art. 42).
        ("2024-09-23", "2024-10-24"),
    ];
    for (start, end) in cases {
        let r = cal.period_end(day(start), wd(20)).unwrap();
        assert_eq!(r.end, day(end), "preliminary review from {start}");
        assert!(!r.provisional);
    }
}

#[test]
fn art_44_delivery_within_ten_working_days_of_the_decision() {
    let story = |decided: &'static str| -> &'static [(&'static str, &'static str)] {
        match decided {
            "undelivered" => &[
                ("2025-09-22", "received"),
                ("2025-09-22", "accepted"),
                ("2025-10-13", "granted"),
            ],
            "on the last day" => &[
                ("2025-09-22", "received"),
                ("2025-09-22", "accepted"),
                ("2025-10-13", "granted"),
                ("2025-10-27", "delivered"),
            ],
            _ => &[
                ("2025-09-22", "received"),
                ("2025-09-22", "accepted"),
                ("2025-10-13", "granted"),
                ("2025-10-28", "delivered"),
            ],
        }
    };
    // Decided Monday 13 Oct 2025: 14–17 Oct (4), 20–24 (9), 27 Oct (10).
    let due = More {
        delivery_due: Some("2025-10-27"),
        // 23–26 Sep (4), 28 Sep (5), 29–30 (7), 9–11 Oct (10), 13 Oct (11).
        used: Some(Some(11)),
        ..More::default()
    };
    let row = |name, events, at, late| Row {
        name,
        limits: story_limits(),
        events,
        at,
        acceptance: Some("2025-09-22"),
        deemed: false,
        statutory: Some("2025-10-24"),
        promised: Some("2025-09-30"),
        status: Status::ClosedLateAgainstPromise,
        more: More {
            delivery_late: Some(late),
            ..due
        },
    };
    check(&[
        row(
            "not delivered, last day",
            story("undelivered"),
            "2025-10-27",
            false,
        ),
        row(
            "not delivered, a day late",
            story("undelivered"),
            "2025-10-28",
            true,
        ),
        row(
            "delivered on the last day",
            story("on the last day"),
            "2025-11-30",
            false,
        ),
        row("delivered a day late", story("late"), "2025-11-30", true),
        Row {
            name: "decided before National Day 2025",
            limits: story_limits(),
            events: &[
                ("2025-09-22", "received"),
                ("2025-09-22", "accepted"),
                ("2025-09-26", "granted"),
                ("2025-10-16", "delivered"),
            ],
            at: "2025-10-31",
            acceptance: Some("2025-09-22"),
            deemed: false,
            statutory: Some("2025-10-24"),
            promised: Some("2025-09-30"),
            status: Status::ClosedEarly,
            more: More {
                // Friday 26 Sep: Sunday 28 Sep (1), 29–30 (3), 1–8 Oct off,
                // 9–10 Oct (5), Saturday 11 Oct (6), 13–16 Oct (10).
                delivery_due: Some("2025-10-16"),
                delivery_late: Some(false),
                used: Some(Some(4)),
                state: Some(State::Delivered),
                ..More::default()
            },
        },
        Row {
            name: "granted before National Day 2024",
            limits: Limits::default(),
            events: &[
                ("2024-09-23", "received"),
                ("2024-09-23", "accepted"),
                ("2024-09-27", "granted"),
            ],
            at: "2024-10-17",
            acceptance: Some("2024-09-23"),
            deemed: false,
            statutory: Some("2024-10-24"),
            promised: None,
            status: Status::ClosedEarly,
            more: More {
                // Friday 27 Sep 2024: Sunday 29 Sep (1), 30 Sep (2), 1–7 Oct
                // off, 8–11 Oct (6), Saturday 12 Oct (7), 14–16 Oct (10).
                delivery_due: Some("2024-10-16"),
                delivery_late: Some(true),
                ..More::default()
            },
        },
        // Art. 44 is about issuing a licence granted: a refusal has no
        // delivery limit.
        Row {
            name: "refused before National Day 2024",
            limits: Limits::default(),
            events: &[
                ("2024-09-23", "received"),
                ("2024-09-23", "accepted"),
                ("2024-09-27", "refused"),
            ],
            at: "2024-10-17",
            acceptance: Some("2024-09-23"),
            deemed: false,
            statutory: Some("2024-10-24"),
            promised: None,
            status: Status::ClosedEarly,
            more: More {
                delivery_due: None,
                delivery_late: Some(false),
                ..More::default()
            },
        },
    ]);
}

#[test]
fn art_45_suspended_days_are_not_counted() {
    // Accepted Monday 3 Mar 2025; 20 working days end on 31 Mar (4–7 Mar,
    // 10–14, 17–21, 24–28, 31). A hearing from 10 Mar, resumed 17 Mar,
    // stops 10–14 Mar (5 working days): 1–3 Apr (3), 清明 4–6 Apr off,
    // 7–8 Apr (5): 8 Apr.
    let heard: &[(&str, &str)] = &[
        ("2025-03-03", "received"),
        ("2025-03-03", "accepted"),
        ("2025-03-10", "suspended"),
        ("2025-03-17", "resumed"),
    ];
    check(&[
        Row {
            name: "suspended then resumed",
            limits: Limits::default(),
            events: heard,
            at: "2025-03-17",
            acceptance: Some("2025-03-03"),
            deemed: false,
            statutory: Some("2025-04-08"),
            promised: None,
            status: Status::OnTrack,
            more: More {
                suspended: Some(5),
                state: Some(State::Running),
                ..More::default()
            },
        },
        Row {
            name: "suspended, resumed, decided on the due date",
            limits: Limits::default(),
            events: &[
                ("2025-03-03", "received"),
                ("2025-03-03", "accepted"),
                ("2025-03-10", "suspended"),
                ("2025-03-17", "resumed"),
                ("2025-04-08", "granted"),
            ],
            at: "2025-04-30",
            acceptance: Some("2025-03-03"),
            deemed: false,
            statutory: Some("2025-04-08"),
            promised: None,
            status: Status::ClosedOnTime,
            more: More {
                // 25 working days from 3 Mar to 8 Apr, 5 of them stopped.
                used: Some(Some(20)),
                suspended: Some(5),
                ..More::default()
            },
        },
        Row {
            name: "a suspension still open at the evaluation date",
            limits: Limits::default(),
            events: &[
                ("2025-03-03", "received"),
                ("2025-03-03", "accepted"),
                ("2025-03-10", "suspended"),
            ],
            at: "2025-03-12",
            acceptance: Some("2025-03-03"),
            deemed: false,
            // Stopped 10–12 Mar so far (3 working days): 1–3 Apr.
            statutory: Some("2025-04-03"),
            promised: None,
            status: Status::Suspended,
            more: More {
                suspended: Some(3),
                state: Some(State::Suspended),
                ..More::default()
            },
        },
        Row {
            name: "withdrawn while suspended: the clock stops with the case",
            limits: Limits::default(),
            events: &[
                ("2025-03-03", "received"),
                ("2025-03-03", "accepted"),
                ("2025-03-10", "suspended"),
                ("2025-03-12", "withdrawn"),
            ],
            at: "2025-04-30",
            acceptance: Some("2025-03-03"),
            deemed: false,
            // Stopped 10–12 Mar (3 working days), not to 30 Apr: 1–3 Apr.
            statutory: Some("2025-04-03"),
            promised: None,
            status: Status::Withdrawn,
            more: More {
                suspended: Some(3),
                state: Some(State::Withdrawn),
                ..More::default()
            },
        },
        Row {
            name: "an open suspension moves the promise too",
            limits: Limits::default().promise(wd(7)),
            events: &[
                ("2025-03-03", "received"),
                ("2025-03-03", "accepted"),
                ("2025-03-10", "suspended:testing"),
            ],
            at: "2025-03-20",
            acceptance: Some("2025-03-03"),
            deemed: false,
            // Stopped 10–20 Mar (9 working days): 31 Mar + 9 = 1–3 Apr
            // (3), 7–11 (8), 14 Apr (9).
            statutory: Some("2025-04-14"),
            // 4–7 Mar (4), stopped to 20 Mar, 21 Mar (5), 24–25 Mar (7).
            promised: Some("2025-03-25"),
            status: Status::Suspended,
            more: More {
                suspended: Some(9),
                ..More::default()
            },
        },
        Row {
            name: "expert review across Spring Festival 2025",
            limits: Limits::default(),
            events: &[
                ("2025-01-20", "received"),
                ("2025-01-20", "accepted"),
                ("2025-01-27", "suspended:expert_review"),
                ("2025-02-10", "resumed"),
            ],
            at: "2025-02-10",
            acceptance: Some("2025-01-20"),
            deemed: false,
            // Stopped 27 Jan–9 Feb: working days 27 Jan, 5–7 Feb and
            // Saturday 8 Feb (5). 21 Feb + 5 = 24–28 Feb.
            statutory: Some("2025-02-28"),
            promised: None,
            status: Status::OnTrack,
            more: More {
                suspended: Some(5),
                ..More::default()
            },
        },
        Row {
            name: "suspended and resumed on the same day: nothing stopped",
            limits: Limits::default(),
            events: &[
                ("2025-03-03", "received"),
                ("2025-03-03", "accepted"),
                ("2025-03-10", "suspended"),
                ("2025-03-10", "resumed"),
            ],
            at: "2025-03-10",
            acceptance: Some("2025-03-03"),
            deemed: false,
            statutory: Some("2025-03-31"),
            promised: None,
            status: Status::OnTrack,
            more: More {
                suspended: Some(0),
                ..More::default()
            },
        },
    ]);
}

#[test]
fn art_82_working_days() {
    check(&[
        Row {
            name: "a weekend and 端午 (31 May–2 Jun 2025) skipped",
            limits: Limits::default().promise(wd(1)),
            events: &[("2025-05-30", "received"), ("2025-05-30", "accepted")],
            at: "2025-05-30",
            acceptance: Some("2025-05-30"),
            deemed: false,
            // 3–6 Jun (4), 9–13 (9), 16–20 (14), 23–27 (19), 30 Jun (20).
            statutory: Some("2025-06-30"),
            // Friday 30 May + 1: Saturday 31 May–Monday 2 Jun off.
            promised: Some("2025-06-03"),
            // One working day left.
            status: Status::DueSoon,
            more: More::default(),
        },
        Row {
            name: "an ordinary weekend skipped",
            limits: Limits::default().promise(wd(1)),
            events: &[("2025-06-06", "received"), ("2025-06-06", "accepted")],
            at: "2025-06-07",
            acceptance: Some("2025-06-06"),
            deemed: false,
            // 9–13 Jun (5), 16–20 (10), 23–27 (15), 30 Jun–4 Jul (20).
            statutory: Some("2025-07-04"),
            promised: Some("2025-06-09"),
            status: Status::DueSoon,
            more: More::default(),
        },
        Row {
            name: "a Sunday make-up working day counted",
            limits: Limits::default().promise(wd(1)),
            events: &[("2025-09-26", "received"), ("2025-09-26", "accepted")],
            at: "2025-09-26",
            acceptance: Some("2025-09-26"),
            deemed: false,
            // 28 Sep (1), 29–30 (3), 9–11 Oct (6), 13–17 (11), 20–24 (16),
            // 27–30 Oct (20).
            statutory: Some("2025-10-30"),
            promised: Some("2025-09-28"),
            status: Status::DueSoon,
            more: More::default(),
        },
    ]);
}

#[test]
fn art_82_limits_in_calendar_days_are_refused() {
    let accepted = [("2025-09-22", "received"), ("2025-09-22", "accepted")];
    let at = day("2025-09-23");
    let days20 = Limits {
        statutory: Period::Days(20),
        ..Limits::default()
    };
    let err = evaluate(&case(days20, &accepted), at, &cal(), &Options::default()).unwrap_err();
    assert_eq!(
        err,
        Error::NotWorkingDays {
            period: "20d".to_owned()
        }
    );
    assert!(err.to_string().contains("行政许可法第八十二条"), "{err}");
    // Art. 82: the extension and the delivery limit are the agency's
    // periods too: in calendar terms they are refused, naming the article.
    let month = Limits {
        extension: Period::Months(1),
        ..Limits::default()
    };
    let err = evaluate(&case(month, &accepted), at, &cal(), &Options::default()).unwrap_err();
    assert_eq!(
        err,
        Error::LimitNotWorkingDays {
            limit: "extension",
            article: "第四十二条",
            period: "1m".to_owned()
        }
    );
    assert_eq!(
        err.to_string(),
        "extension limit 1m must be in working days (行政许可法第八十二条、第四十二条), e.g. 10wd"
    );
    let delivery = Limits {
        delivery: Period::Days(10),
        ..Limits::default()
    };
    let err = evaluate(&case(delivery, &accepted), at, &cal(), &Options::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "delivery limit 10d must be in working days (行政许可法第八十二条、第四十四条), e.g. 10wd"
    );
    assert_eq!(
        statutory_limit(&days20, false),
        Err(Error::NotWorkingDays {
            period: "20d".to_owned()
        })
    );
}

#[test]
fn the_story_case() {
    // 尚村镇, a construction planning permit: accepted Monday 22 Sep 2025,
    // promised in 7 working days (30 Sep), statutory 20 (24 Oct), decided
    // 13 Oct: late against the promise, lawful under the statute.
    let events: &[(&str, &str)] = &[
        ("2025-09-22", "received"),
        ("2025-09-22", "accepted"),
        ("2025-10-13", "granted"),
    ];
    let c = case(story_limits(), events);
    let e = eval(&c, "2025-10-31");
    assert_eq!(e.deadlines.promised_due, Some(day("2025-09-30")));
    assert_eq!(e.deadlines.statutory_due, Some(day("2025-10-24")));
    assert_eq!(e.status, Status::ClosedLateAgainstPromise);
    assert!(e.status.is_closed());
    assert_eq!(e.state, State::Decided);
    assert!(!e.same_day);
    // On the evaluation dates before the decision, the decision is unknown.
    let statuses = [
        // 6 working days left to 30 Sep.
        ("2025-09-23", Status::OnTrack),
        // 3 left (28, 29, 30 Sep).
        ("2025-09-26", Status::OnTrack),
        // Saturday 27 Sep, a day off: still 3 left.
        ("2025-09-27", Status::OnTrack),
        // Sunday 28 Sep (worked): 2 left (29, 30).
        ("2025-09-28", Status::DueSoon),
        ("2025-09-30", Status::DueSoon),
        // Past the promise, within the statute.
        ("2025-10-01", Status::LateAgainstPromise),
        ("2025-10-10", Status::LateAgainstPromise),
        ("2025-10-13", Status::ClosedLateAgainstPromise),
    ];
    for (at, status) in statuses {
        assert_eq!(eval(&c, at).status, status, "at {at}");
    }
    // Without the decision: late against the statute after 24 Oct.
    let open = case(story_limits(), &events[..2]);
    assert_eq!(eval(&open, "2025-10-24").status, Status::LateAgainstPromise);
    assert_eq!(eval(&open, "2025-10-27").status, Status::LateAgainstStatute);
    // The threshold is an option: with 0, only the due day itself is "soon".
    let strict = jiceng_approvals::Options { due_soon_days: 0 };
    let at = |s| evaluate(&open, day(s), &cal(), &strict).unwrap().status;
    assert_eq!(at("2025-09-29"), Status::OnTrack);
    assert_eq!(at("2025-09-30"), Status::DueSoon);
}

#[test]
fn every_status() {
    let story = |events: &'static [(&'static str, &'static str)], at, status| Row {
        name: "",
        limits: story_limits(),
        events,
        at,
        acceptance: Some("2025-09-22"),
        deemed: false,
        statutory: Some("2025-10-24"),
        promised: Some("2025-09-30"),
        status,
        more: More::default(),
    };
    let accepted: &[(&str, &str)] = &[("2025-09-22", "received"), ("2025-09-22", "accepted")];
    let mut rows = vec![
        Row {
            name: "on track",
            ..story(accepted, "2025-09-23", Status::OnTrack)
        },
        Row {
            name: "due soon (2 working days left, threshold 2)",
            ..story(accepted, "2025-09-28", Status::DueSoon)
        },
        Row {
            name: "late against the promise",
            ..story(accepted, "2025-10-09", Status::LateAgainstPromise)
        },
        Row {
            name: "late against the statute",
            ..story(accepted, "2025-10-27", Status::LateAgainstStatute)
        },
        Row {
            name: "closed early",
            ..story(
                &[
                    ("2025-09-22", "received"),
                    ("2025-09-22", "accepted"),
                    ("2025-09-29", "granted"),
                ],
                "2025-10-31",
                Status::ClosedEarly,
            )
        },
        Row {
            name: "closed on time (on the promised day)",
            ..story(
                &[
                    ("2025-09-22", "received"),
                    ("2025-09-22", "accepted"),
                    ("2025-09-30", "granted"),
                ],
                "2025-10-31",
                Status::ClosedOnTime,
            )
        },
        Row {
            name: "closed late against the promise",
            ..story(
                &[
                    ("2025-09-22", "received"),
                    ("2025-09-22", "accepted"),
                    ("2025-10-24", "refused"),
                ],
                "2025-10-31",
                Status::ClosedLateAgainstPromise,
            )
        },
        Row {
            name: "closed late against the statute",
            ..story(
                &[
                    ("2025-09-22", "received"),
                    ("2025-09-22", "accepted"),
                    ("2025-10-27", "granted"),
                ],
                "2025-10-31",
                Status::ClosedLateAgainstStatute,
            )
        },
        Row {
            name: "withdrawn after acceptance",
            ..story(
                &[
                    ("2025-09-22", "received"),
                    ("2025-09-22", "accepted"),
                    ("2025-09-25", "withdrawn"),
                ],
                "2025-09-25",
                Status::Withdrawn,
            )
        },
    ];
    rows.extend([
        Row {
            name: "rejected on the day of receipt",
            limits: story_limits(),
            events: &[("2025-09-22", "received"), ("2025-09-22", "rejected")],
            at: "2025-09-22",
            acceptance: None,
            deemed: false,
            statutory: None,
            promised: None,
            status: Status::Rejected,
            more: More::default(),
        },
        Row {
            name: "awaiting acceptance",
            limits: story_limits(),
            events: &[("2025-09-22", "received")],
            at: "2025-09-24",
            acceptance: None,
            deemed: false,
            statutory: None,
            promised: None,
            status: Status::AwaitingAcceptance,
            more: More::default(),
        },
        Row {
            name: "awaiting supplement",
            limits: story_limits(),
            events: &[
                ("2025-09-22", "received"),
                ("2025-09-23", "incomplete_notice"),
            ],
            at: "2025-09-24",
            acceptance: None,
            deemed: false,
            statutory: None,
            promised: None,
            status: Status::AwaitingSupplement,
            more: More::default(),
        },
        Row {
            name: "nothing received yet",
            limits: story_limits(),
            events: &[],
            at: "2025-09-24",
            acceptance: None,
            deemed: false,
            statutory: None,
            promised: None,
            // Issue 7: a case with nothing received is not awaiting
            // acceptance; it is left out of the figures.
            status: Status::NotYetReceived,
            more: More {
                state: Some(State::Start),
                ..More::default()
            },
        },
        Row {
            name: "without a promise, closed early is measured against the statute",
            limits: Limits::default(),
            events: &[
                ("2025-09-22", "received"),
                ("2025-09-22", "accepted"),
                ("2025-10-23", "granted"),
            ],
            at: "2025-10-31",
            acceptance: Some("2025-09-22"),
            deemed: false,
            statutory: Some("2025-10-24"),
            promised: None,
            status: Status::ClosedEarly,
            more: More::default(),
        },
        Row {
            name: "without a promise, decided on the statutory day",
            limits: Limits::default(),
            events: &[
                ("2025-09-22", "received"),
                ("2025-09-22", "accepted"),
                ("2025-10-24", "granted"),
            ],
            at: "2025-10-31",
            acceptance: Some("2025-09-22"),
            deemed: false,
            statutory: Some("2025-10-24"),
            promised: None,
            status: Status::ClosedOnTime,
            more: More::default(),
        },
    ]);
    check(&rows);
    assert!(Status::Rejected.is_closed() && Status::Withdrawn.is_closed());
    assert!(!Status::Suspended.is_closed() && !Status::LateAgainstStatute.is_closed());
}
