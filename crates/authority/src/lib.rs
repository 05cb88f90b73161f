//! Who may do this, here, today? Power items, the instruments that move
//! them, and the ledger that answers.
//!
//! The reform moves administrative powers (权力事项) between bodies by dated
//! instruments: a province publishes a guidance list of items its counties
//! may devolve to townships (行政处罚法 Art. 24; Hebei's list has 87 penalty
//! items); a county concentrates the enforcement items of its departments in
//! a comprehensive enforcement bureau, then devolves them to township teams
//! (Qiu County: 10 departments, 7 townships); a county gives an economically
//! developed town more approval items than its neighbours (Suning County,
//! Shangcun town).
//!
//! * [`LedgerFile`]: the file format (TOML for people, JSON for machines,
//!   one serde model, a JSON Schema from the types).
//! * [`Ledger`]: the compiled ledger. [`Ledger::holder`] answers who holds
//!   an item in a division on a date, with the chain of instruments;
//!   [`Ledger::holder_id`] is the fast path.
//! * [`Ledger::check`]: every finding before publication, with locations.
//! * [`Ledger::stats`], [`Ledger::snapshot`], [`Snapshot::diff`]: counts
//!   and changes.
//! * [`Ledger::powers`] and [`Ledger::timeline`]: a township's list of
//!   powers and duties (权责清单) on a date, and one item's history in one
//!   place.
//! * [`Ledger::duties_of`], [`Ledger::duty_diff`], [`Ledger::duty_gaps`]
//!   and [`Ledger::assessment_report`]: township duty lists (职责清单)
//!   against the powers the townships hold (有责无权), and the assessments
//!   aimed at them.
//! * [`synth`]: seeded synthetic province-scale ledgers.
//!
//! The crate does no I/O and reads no clock: dates are passed in.

#![deny(missing_docs)]
#![forbid(unsafe_code)]
#![deny(clippy::print_stdout, clippy::print_stderr)]

mod check;
mod clerk;
mod compile;
mod dates;
mod duty;
mod duty_check;
mod duty_synth;
mod error;
mod file;
mod instrument;
mod item;
mod ledger;
mod report;
pub mod synth;

pub use check::{
    CheckOptions, Finding, FindingKind, Location, MAX_FINDINGS, PENALTY_LAW_2021, Severity,
};
pub use clerk::{Cause, Period, Power};
pub use compile::MAX_GRANTS;
pub use duty::{
    Assessment, AssessmentKind, AssessmentReport, Duty, DutyChange, DutyChangeKind, DutyDiff,
    DutyItem, DutyKind, DutyList, ListRef, MAX_DUTY_PAIRS, NeededPower,
};
pub use error::Error;
pub use file::{FORMAT, LedgerFile, MAX_PARSE_PROBLEMS, ParseProblem, Source};
pub use instrument::{Instrument, InstrumentKind};
pub use item::{LegalBasis, PowerCategory, PowerItem};
pub use ledger::{BodyRef, Devolved, Holding, InstrumentRef, ItemId, Ledger, Step};
pub use report::{Change, ChangeKind, CountyStats, Diff, Entry, Snapshot, Stats};

/// The bundled Hebei sample ledger (TOML): illustrative, see its note.
pub const BUNDLED_HEBEI_SAMPLE: &str = include_str!("../data/hebei-sample.toml");
