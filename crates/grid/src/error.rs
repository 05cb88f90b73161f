//! The one error type of this crate.

use uuid::Uuid;

use crate::event::State;

/// Everything that can go wrong in this crate.
///
/// Two kinds of answer are errors: an action that cannot have happened (an
/// invalid transition, an action dated before the previous one, an unknown
/// event), and an action the engine refuses ([`Error::Refused`]). In both
/// cases the engine's state is left exactly as it was.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An action the event's state does not allow.
    #[error("action {action} is not allowed on event {event} in state {state}")]
    Transition {
        /// The event's id.
        event: Uuid,
        /// The action's name.
        action: &'static str,
        /// The state it met.
        state: State,
    },
    /// An action refused by the engine's authorisation rules.
    #[error("refused: {actor} may not {action} event {event}: {reason}")]
    Refused {
        /// Who tried.
        actor: String,
        /// What they tried.
        action: &'static str,
        /// On which event.
        event: Uuid,
        /// Why it is refused.
        reason: String,
    },
    /// An action on an event that was never reported.
    #[error("action {action} names event {event}, which was never reported")]
    UnknownEvent {
        /// The event's id.
        event: Uuid,
        /// The action's name.
        action: &'static str,
    },
    /// A second report with an id already in the log.
    #[error("event {event} is reported twice")]
    DuplicateEvent {
        /// The event's id.
        event: Uuid,
    },
    /// An event id that is not a version 7 uuid (ids must sort by time).
    #[error("event id {event} is not a version 7 uuid (it is version {version})")]
    NotV7 {
        /// The id.
        event: Uuid,
        /// Its version number.
        version: usize,
    },
    /// An action dated before the event's previous action.
    #[error(
        "action {action} on event {event} at {at} is dated before the previous action ({previous})"
    )]
    OutOfOrder {
        /// The event's id.
        event: Uuid,
        /// The action's name.
        action: &'static str,
        /// Its time.
        at: String,
        /// The previous action's time.
        previous: String,
    },
    /// A report refused because the engine already holds as many events as
    /// its cap allows ([`crate::Engine::with_max_open`]).
    #[error(
        "event {event} cannot be held: {max} events are open at once, the most allowed; the cap must be raised to hold more"
    )]
    TooManyOpen {
        /// The event refused.
        event: Uuid,
        /// The cap.
        max: usize,
    },
    /// A grid or taxonomy file that cannot be read: its syntax, a missing,
    /// unknown or malformed field, or a value the checks refuse.
    #[error("{origin}{}: {reason}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Parse {
        /// The file.
        origin: String,
        /// The 1-based line, where known.
        line: Option<usize>,
        /// What is wrong, naming the field or value.
        reason: String,
    },
    /// A category code the taxonomy does not know.
    #[error("unknown category {0}")]
    UnknownCategory(String),
    /// A cell id the grid does not know.
    #[error("unknown cell {0}")]
    UnknownCell(String),
    /// A grid or taxonomy that is not well formed (duplicate ids, a worker
    /// in an unknown cell, a category without power items …).
    #[error("invalid {what}: {reason}")]
    Invalid {
        /// Which part.
        what: &'static str,
        /// What is wrong, naming the value.
        reason: String,
    },
    /// A calendar error (a date outside coverage …).
    #[error(transparent)]
    Calendar(#[from] jiceng_calendar::Error),
    /// An authority ledger error (unknown item or division …).
    #[error(transparent)]
    Authority(#[from] jiceng_authority::Error),
    /// An enforcement jurisdiction error.
    #[error(transparent)]
    Enforcement(#[from] jiceng_enforcement::Error),
}
