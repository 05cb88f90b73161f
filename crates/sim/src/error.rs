//! The simulator's one error type.

use std::fmt;

/// One problem in a scenario file: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file (or the name given for a string).
    pub origin: String,
    /// The 1-based line, when known.
    pub line: Option<usize>,
    /// The field's path, e.g. `reform[0].staff[1].add`.
    pub field: String,
    /// What is wrong, naming the offending value.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}: {}", self.origin, l, self.field, self.message),
            None => write!(f, "{}: {}: {}", self.origin, self.field, self.message),
        }
    }
}

/// How an [`Error::Calendar`] message ends, after `; `, when the scenario
/// does not set provisional mode and provisional mode would answer: a
/// caller can recognise the message by it and name its own switch.
pub const PROVISIONAL_HINT: &str = "set `[policy] provisional = true` in the scenario";

/// What can go wrong reading a scenario, running it or merging shards.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The scenario file has problems; all of them are listed, one a line.
    #[error("{} problem(s) in the scenario:\n{}", .0.len(), list(.0))]
    Scenario(Vec<Problem>),
    /// The calendar cannot answer for a simulated day.
    #[error("calendar: {0}")]
    Calendar(String),
    /// A shard specification `K/N` is malformed or out of range.
    #[error("bad shard `{0}`: expected K/N with 0 <= K < N <= 10000")]
    Shard(String),
    /// Shards that cannot be merged: different scenarios or seeds, a
    /// missing or a duplicated replication, or a malformed shard file.
    #[error("cannot merge: {0}")]
    Merge(String),
    /// A run parameter out of range (replications, for instance).
    #[error("{name} = {value}: expected {expected}")]
    Parameter {
        /// The parameter.
        name: &'static str,
        /// Its value.
        value: String,
        /// What is allowed.
        expected: &'static str,
    },
}

fn list(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}
