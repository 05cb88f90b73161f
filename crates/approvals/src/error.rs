//! The one error type of this crate.

use chrono::NaiveDate;

use crate::case::State;

/// Everything that can go wrong in this crate.
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
    /// A limit that is not in working days where working days are needed
    /// (the Licensing Law counts in working days, Art. 82).
    #[error("limit {period} must be in working days (行政许可法第八十二条), e.g. 20wd")]
    NotWorkingDays {
        /// The period as written.
        period: String,
    },
    /// A limit the law sets for the agency (the extension, delivery)
    /// written in calendar days: Art. 82 counts every such limit in
    /// working days.
    #[error(
        "{limit} limit {period} must be in working days (行政许可法第八十二条、{article}), e.g. 10wd"
    )]
    LimitNotWorkingDays {
        /// Which limit: `extension` or `delivery`.
        limit: &'static str,
        /// The article that sets it, e.g. `第四十四条`.
        article: &'static str,
        /// The period as written.
        period: String,
    },
    /// A statutory limit and its extension add up to more than a period
    /// can hold.
    #[error("statutory limit {statutory} plus extension {extension} is too large")]
    LimitTooLarge {
        /// The statutory limit.
        statutory: String,
        /// The extension.
        extension: String,
    },
    /// A generator's argument beyond its documented limit.
    #[error("{what} {value} is beyond the limit of {max}")]
    SynthLimit {
        /// Which argument.
        what: &'static str,
        /// The value given.
        value: String,
        /// The limit.
        max: u64,
    },
    /// A case that cannot be read: the field, the value met, and why.
    #[error("field `{field}`{}: {message}", with_value(.value))]
    Parse {
        /// The field, e.g. `events[2].date`.
        field: String,
        /// The value met (cut to 60 characters); empty where there is
        /// none (a field missing or given twice), and then not said.
        value: String,
        /// Why it is not accepted.
        message: String,
    },
    /// A catalogue file that cannot be read, or an entry that lacks a
    /// field: the file, the line when known, and why.
    #[error("{origin}:{}: {message}", line.map_or_else(|| "-".to_owned(), |l| l.to_string()))]
    Catalogue {
        /// The file's name.
        origin: String,
        /// The line, when known.
        line: Option<usize>,
        /// Why it is not accepted.
        message: String,
    },
    /// A service item that the catalogue does not offer in a place on a
    /// day (nor any place above it).
    #[error("service item {item} is not offered in {division} on {date}")]
    UnknownServiceItem {
        /// The item's code.
        item: String,
        /// The place.
        division: String,
        /// The day.
        date: NaiveDate,
    },
    /// A calendar error (a date outside coverage …).
    #[error(transparent)]
    Calendar(#[from] jiceng_calendar::Error),
    /// An authority ledger error (unknown item or division …).
    #[error(transparent)]
    Authority(#[from] jiceng_authority::Error),
    /// A joint plan step depends on itself, or on a step that does not exist.
    #[error("joint plan: step {step} depends on {on}, which is {problem}")]
    Plan {
        /// The step's index.
        step: usize,
        /// The dependency's index.
        on: usize,
        /// What is wrong with it.
        problem: &'static str,
    },
}

/// `, value V` for a value met, nothing for none.
fn with_value(value: &str) -> String {
    if value.is_empty() {
        String::new()
    } else {
        format!(", value {value}")
    }
}
