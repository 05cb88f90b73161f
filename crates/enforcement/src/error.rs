//! The one error type of this crate.

use chrono::NaiveDate;

use crate::case::State;

/// Everything that can go wrong in this crate.
///
/// Errors are for inputs that cannot be answered (an event that cannot have
/// happened, a malformed amount); unlawful conduct by an agency is never an
/// error but a [`crate::Flag`] on the evaluation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An event that the current state does not allow.
    #[error("event {event} is not allowed in state {state}")]
    Transition {
        /// The event's name.
        event: &'static str,
        /// The state it met.
        state: State,
    },
    /// An event dated before the previous one.
    #[error("event {event} on {date} is dated before the previous event ({previous})")]
    OutOfOrder {
        /// The event's name.
        event: &'static str,
        /// Its date.
        date: NaiveDate,
        /// The previous event's date.
        previous: NaiveDate,
    },
    /// An error at one event of a log.
    #[error("event {index}: {source}")]
    AtEvent {
        /// The event's index in the log (0-based).
        index: usize,
        /// The error.
        source: Box<Error>,
    },
    /// An amount of money that cannot be a fine or a value.
    #[error("invalid amount {value} in `{field}`: {reason}")]
    Amount {
        /// The field.
        field: &'static str,
        /// The amount as given.
        value: String,
        /// What is wrong.
        reason: &'static str,
    },
    /// A date range given backwards.
    #[error("`{later}` ({to}) is before `{earlier}` ({from})")]
    Reversed {
        /// The field that should come first.
        earlier: &'static str,
        /// Its date.
        from: NaiveDate,
        /// The field that should come later.
        later: &'static str,
        /// Its date.
        to: NaiveDate,
    },
    /// A date computation left the representable dates.
    #[error("date overflow: {what} from {date}")]
    DateOverflow {
        /// What was being computed.
        what: &'static str,
        /// The starting date.
        date: NaiveDate,
    },
    /// A violation without any penalty item, or a choice among no fines.
    #[error("{0} is empty")]
    Empty(&'static str),
    /// More penalty items or filings than a single question may carry.
    #[error("{what}: {count} given, at most {max}")]
    TooMany {
        /// What was counted.
        what: &'static str,
        /// How many were given.
        count: usize,
        /// The bound.
        max: usize,
    },
    /// An item of the ledger that is not a penalty item, named in a
    /// violation (Arts. 22–25 decide who imposes penalties).
    #[error(
        "item {item} is a {category} ({}) item, not a penalty (行政处罚) item: a violation's jurisdiction (行政处罚法第二十二条至第二十五条) takes penalty items only",
        .category.zh()
    )]
    NotPenalty {
        /// The item's code.
        item: String,
        /// Its category.
        category: jiceng_authority::PowerCategory,
    },
    /// A line of a cases file that is not a case: the field (`events[2].kind`,
    /// or `(case)` for the whole line) and why. No value it quotes is
    /// longer than 60 characters.
    #[error("field `{field}`: {message}")]
    Parse {
        /// The field, e.g. `events[2].date`.
        field: String,
        /// Why it is not accepted.
        message: String,
    },
    /// A calendar error (a date outside coverage …).
    #[error(transparent)]
    Calendar(#[from] jiceng_calendar::Error),
    /// An authority ledger error (unknown item or division, no holder …).
    #[error(transparent)]
    Authority(#[from] jiceng_authority::Error),
}
