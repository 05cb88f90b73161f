//! Administrative penalty enforcement, exact to the article, the day and
//! the fen.
//!
//! Shutting one unlicensed workshop with no environmental assessment used to
//! involve five agencies (环保, 市场监管, 安监, 农业农村, 国土资源); after the
//! reform one township team does it. A case system must decide at once who
//! is competent for a violation at a place on a date, then keep the case
//! inside the Administrative Penalty Law's (行政处罚法, 2021 revision) clocks
//! and money rules.
//!
//! * [`jurisdiction`]: the competent body through the authority ledger
//!   (Arts. 18, 20, 22–25), first to file, disputes to the common superior,
//!   and the before/after comparison.
//! * [`PenaltyCase`] and [`Event`]: a case as an append-only event log;
//!   [`Proceeding`] replays it and refuses events that cannot have happened.
//! * [`deadlines`]: the statutory periods with Art. 85 (2, 3, 5 and 7 days
//!   are working days; 15 and 90 are calendar days rolled past a day off).
//! * [`evaluate`]: a case's deadlines, status and flags of unlawful conduct
//!   on a date; [`Metrics`] folds millions of them.
//! * [`limitation`] (Art. 36), [`summary_eligible`] (Art. 51),
//!   [`hearing_right`] (Art. 63), [`single_fine`] (Art. 29),
//!   [`surcharge`] (Art. 72), [`exemption`] (Art. 33).
//! * [`Party`]: a citizen, or an organisation with its unified social credit
//!   code.
//!
//! The crate does no I/O and reads no clock: dates are passed in.

#![deny(missing_docs)]
#![forbid(unsafe_code)]
#![deny(clippy::print_stdout, clippy::print_stderr)]

mod case;
pub mod deadlines;
mod error;
mod evaluate;
pub mod exemption;
pub mod jurisdiction;
mod limitation;
mod metrics;
mod money;
mod party;
mod read;

pub use case::{
    Event, EventKind, Limits, Penalty, PenaltyCase, Proceeding, State, SuspensionReason,
};
pub use error::Error;
pub use evaluate::{
    Deadlines, Evaluation, Flag, Flags, Options, Reason, Status, evaluate, explain,
};
pub use exemption::{Exemption, Facts, Harm, exemption};
pub use limitation::{Limitation, limitation};
pub use metrics::{Metrics, Summary};
pub use money::{
    Doubt, HearingRight, HearingScope, HearingThresholds, Surcharge, fen, hearing_right,
    hearing_scope, single_fine, summary_eligible, surcharge, surcharge_after_payments,
};
pub use party::{Party, PartyKind};

/// The bundled sample cases (JSON Lines): the Qiu County workshop and
/// companions, illustrative.
pub const BUNDLED_SAMPLE_CASES: &str = include_str!("../data/sample-cases.jsonl");

/// The JSON Schema of a penalty case (one line of a cases file).
///
/// # Example
///
/// ```
/// let schema = jiceng_enforcement::case_schema();
/// assert!(schema.contains("\"events\""));
/// ```
pub fn case_schema() -> String {
    schemars::schema_for!(PenaltyCase).as_value().to_string()
}
