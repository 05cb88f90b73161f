//! The one error type of this crate.

use chrono::NaiveDate;

use crate::establishment::QuotaKind;

/// Everything that can go wrong in this crate.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A transfer or cancellation that would take more quotas than a body
    /// holds, or leave it with fewer quotas than people on them. Nothing is
    /// applied.
    #[error(
        "{action} of {count} {kind} quotas {} refused: {from} holds {quota} with headcount {headcount}, which would leave {left}{why}",
        if to == "-" { format!("at {from}") } else { format!("from {from} to {to}") }
    )]
    Refused {
        /// `transfer` or `cancellation`.
        action: &'static str,
        /// The body giving quotas.
        from: String,
        /// The body receiving them (`-` for a cancellation).
        to: String,
        /// The kind of quota.
        kind: QuotaKind,
        /// How many were to move.
        count: u32,
        /// The giving body's quotas of that kind before.
        quota: u32,
        /// The giving body's headcount of that kind.
        headcount: u32,
        /// What would be left (negative when more were asked than held).
        left: i64,
        /// `, below its headcount` or `, a negative number`.
        why: &'static str,
    },
    /// A body code that the ledger does not know.
    #[error("unknown body {code:?}")]
    UnknownBody {
        /// The code as written.
        code: String,
    },
    /// An event's `body` or `to` that names no body of the ledger.
    #[error("field {field}: unknown body {code:?}")]
    UnknownField {
        /// `body` or `to`.
        field: &'static str,
        /// The code as written (cut to 64 characters).
        code: String,
    },
    /// A body declared twice.
    #[error("body {code:?} is declared twice")]
    DuplicateBody {
        /// The code.
        code: String,
    },
    /// An event dated before the one it follows: a ledger is kept in order.
    #[error("event on {date} is dated before the previous event ({previous})")]
    OutOfOrder {
        /// The event's date.
        date: NaiveDate,
        /// The previous event's date.
        previous: NaiveDate,
    },
    /// A sinking (下沉) whose receiving body is not at a lower level than
    /// the giving one.
    #[error(
        "sinking (下沉) from {from} ({from_level}) to {to} ({to_level}): the receiving body must be at a lower level; {}",
        if from_level == to_level { "use adjust (调剂) between peers" } else { "use adjust (调剂) to move quotas up a level" }
    )]
    NotDownward {
        /// The giving body.
        from: String,
        /// Its level.
        from_level: String,
        /// The receiving body.
        to: String,
        /// Its level.
        to_level: String,
    },
    /// A departure of more people than a body has on that kind of quota.
    #[error("{count} {kind} staff cannot leave {body}: its headcount is {headcount}")]
    NegativeHeadcount {
        /// The body.
        body: String,
        /// The kind.
        kind: QuotaKind,
        /// How many were to leave.
        count: u32,
        /// The headcount before.
        headcount: u32,
    },
    /// An event that lacks a field its kind needs, or has one it must not.
    #[error("{kind} event: {problem}")]
    BadEvent {
        /// The event kind.
        kind: &'static str,
        /// What is wrong, naming the field.
        problem: String,
    },
    /// A count that overflows what a body can hold.
    #[error("{field} of {body} would overflow ({value} + {add})")]
    Overflow {
        /// The field.
        field: &'static str,
        /// The body.
        body: String,
        /// The value before.
        value: u32,
        /// What was added.
        add: u32,
    },
    /// Floors or ceilings that no apportionment of the pool can satisfy.
    #[error("infeasible: {problem}")]
    Infeasible {
        /// What is infeasible and by how much.
        problem: String,
    },
    /// A plan asked of no units at all (a units file with a header and no
    /// rows): there is nothing to share the pool among.
    #[error("no units: a plan needs at least one unit to share the pool among")]
    NoUnits,
    /// A parameter out of its range, named with its value.
    #[error("{name} = {value} is out of range: {expected}")]
    Parameter {
        /// The parameter.
        name: &'static str,
        /// Its value as given.
        value: String,
        /// What is allowed.
        expected: &'static str,
    },
    /// A file that cannot be parsed, with its 1-based line if known.
    #[error("{}{message}", line.map(|l| format!("line {l}: ")).unwrap_or_default())]
    Parse {
        /// The line.
        line: Option<usize>,
        /// The parser's message.
        message: String,
    },
    /// An error at one event of a ledger file.
    #[error("line {line}: {source}")]
    AtLine {
        /// The 1-based line of the event.
        line: usize,
        /// The error.
        source: Box<Error>,
    },
}
