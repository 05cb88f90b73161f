//! Integration tests of the approvals crate, one binary in themed modules.
//!
//! Every expected date is worked out by hand from the State Council's
//! holiday notices (国务院办公厅关于某年部分节假日安排的通知) and written next
//! to the computation; none is copied from the crate's output. The notices
//! used most:
//!
//! * 2024, 国办发明电〔2023〕7号: 国庆节 1–7 Oct, Sunday 29 Sep and Saturday
//!   12 Oct worked.
//! * 2025, 国办发明电〔2024〕12号: 元旦 1 Jan; 春节 28 Jan–4 Feb, Sunday 26 Jan
//!   and Saturday 8 Feb worked; 清明节 4–6 Apr; 端午节 31 May–2 Jun;
//!   国庆节、中秋节 1–8 Oct, Sunday 28 Sep and Saturday 11 Oct worked.
//! * 2026, 国办发明电〔2025〕7号: 春节 15–23 Feb, Saturdays 14 and 28 Feb
//!   worked.
//!
//! The story case (尚村镇, a construction planning permit accepted Monday
//! 22 Sep 2025): 7 working days → 23–26 Sep (4), Sunday 28 Sep (5), 29–30
//! Sep (7): 30 Sep. 20 working days → 9–10 Oct (9), Saturday 11 Oct (10),
//! 13–17 Oct (15), 20–24 Oct (20): 24 Oct.

#![allow(clippy::unwrap_used)]

mod acceptance;
mod articles;
mod catalogue;
mod catalogue_exact;
mod catalogue_fuzz;
mod catalogue_reference;
mod catalogue_units;
mod explain;
mod fold;
mod formats;
mod fuzz;
mod joint;
mod lawful;
mod laws;
mod metrics;
mod mutants_pins2;
mod mutants_routing;
mod names;
mod parsing;
mod procedures;
mod props;
mod regression;
mod routing;
mod states;
mod synth;
mod zh;

use chrono::NaiveDate;
use jiceng_approvals::{
    Case, Evaluation, Event, EventKind, Handling, Limits, Options, Outcome, SuspensionReason,
    evaluate,
};
use jiceng_calendar::{Calendar, Period};

/// A date from `YYYY-MM-DD`.
pub fn day(s: &str) -> NaiveDate {
    s.parse()
        .unwrap_or_else(|e| panic!("bad date {s:?} in a test: {e}"))
}

/// `n` working days.
pub fn wd(n: u32) -> Period {
    Period::WorkingDays(n)
}

/// The bundled mainland calendar.
pub fn cal() -> Calendar {
    Calendar::china_mainland()
}

/// An event from a date and a short name: the event names of the files,
/// `granted` and `refused` for decisions, and `suspended:REASON` for a
/// suspension with another reason than a hearing.
pub fn ev(date: &str, what: &str) -> Event {
    let kind = match what {
        "received" => EventKind::Received,
        "incomplete_notice" => EventKind::IncompleteNotice,
        "supplemented" => EventKind::Supplemented,
        "accepted" => EventKind::Accepted,
        "rejected" => EventKind::Rejected {
            reason: "不属于本机关职权范围".to_owned(),
        },
        "suspended" => EventKind::Suspended {
            reason: SuspensionReason::Hearing,
        },
        "suspended:expert_review" => EventKind::Suspended {
            reason: SuspensionReason::ExpertReview,
        },
        "suspended:testing" => EventKind::Suspended {
            reason: SuspensionReason::Testing,
        },
        "resumed" => EventKind::Resumed,
        "extended" => EventKind::Extended {
            approved_by: "县住建局局长".to_owned(),
            role: None,
            length: None,
        },
        "extended:government" => EventKind::Extended {
            approved_by: "副县长".to_owned(),
            role: None,
            length: None,
        },
        "granted" => EventKind::Decided {
            outcome: Outcome::Granted,
        },
        "refused" => EventKind::Decided {
            outcome: Outcome::Refused,
        },
        "delivered" => EventKind::Delivered,
        "withdrawn" => EventKind::Withdrawn,
        other => panic!("unknown event {other:?} in a test"),
    };
    Event::new(day(date), kind)
}

/// A case with these limits and events.
pub fn case(limits: Limits, events: &[(&str, &str)]) -> Case {
    Case {
        id: "T".to_owned(),
        item: None,
        body: None,
        division: None,
        channel: None,
        handling: Handling::Promised,
        limits,
        preliminary_review: false,
        expires: None,
        events: events.iter().map(|(d, w)| ev(d, w)).collect(),
    }
}

/// Evaluates with the default options (due soon: 2 working days).
pub fn eval(c: &Case, at: &str) -> Evaluation {
    evaluate(c, day(at), &cal(), &Options::default())
        .unwrap_or_else(|e| panic!("case {:?} at {at}: {e}", c.events))
}

/// The story's limits: statutory 20wd, promised 7wd.
pub fn story_limits() -> Limits {
    Limits::default().promise(wd(7))
}
