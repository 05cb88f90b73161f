//! The one error type of this crate.

/// Everything that can go wrong in this crate.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A division code is malformed.
    #[error("invalid division code {code:?}: {reason}")]
    InvalidCode {
        /// The code as given.
        code: String,
        /// What is wrong.
        reason: &'static str,
    },
    /// A unified social credit code is malformed.
    #[error("invalid unified social credit code {code:?}: {reason}")]
    InvalidCreditCode {
        /// The code as given, cut to its first 60 characters (then `…`).
        code: String,
        /// What is wrong.
        reason: String,
    },
    /// A registry could not be built; every problem is listed.
    #[error("{} problem(s) in the divisions and bodies: {}", .0.len(), .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Registry(Vec<RegistryProblem>),
}

/// One problem found while building a [`crate::Registry`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RegistryProblem {
    /// Two divisions share a code.
    #[error("division {0} is listed twice")]
    DuplicateDivision(crate::DivisionCode),
    /// A division's parent (implied by its code) is not in the registry.
    #[error("division {code} ({name}) has no parent {parent} in the registry")]
    MissingParent {
        /// The division.
        code: crate::DivisionCode,
        /// Its name.
        name: String,
        /// The parent its code implies.
        parent: crate::DivisionCode,
    },
    /// A division's kind does not fit its code's level.
    #[error("division {code} ({name}) is a {kind} but its code is at the {level} level")]
    KindMismatch {
        /// The division.
        code: crate::DivisionCode,
        /// Its name.
        name: String,
        /// The kind given.
        kind: String,
        /// The level the code implies.
        level: crate::Level,
    },
    /// Two bodies share a code.
    #[error("body {0:?} is listed twice")]
    DuplicateBody(String),
    /// A body is attached to a division that is not in the registry.
    #[error("body {body:?} is attached to {division}, which is not in the registry")]
    UnknownDivision {
        /// The body's code.
        body: String,
        /// The division it names.
        division: crate::DivisionCode,
    },
    /// A body's kind does not fit the level of its division.
    #[error("body {body:?} is a {kind} but its division {division} is at the {level} level")]
    BodyLevelMismatch {
        /// The body's code.
        body: String,
        /// The kind given.
        kind: String,
        /// Its division.
        division: crate::DivisionCode,
        /// That division's level.
        level: crate::Level,
    },
    /// A county department without a sector.
    #[error("department {0:?} has no sector")]
    MissingSector(String),
}
