//! Approval workflows with statutory and promised deadlines.
//!
//! A township service centre promises a construction planning permit in 7
//! working days where the Administrative Licensing Law allows 20; some items
//! are done on the spot; a village station takes an elderly subsidy by proxy.
//! A platform must know, for every open application, both clocks, what
//! stops them and what extends them, and be able to prove its figure.
//!
//! * [`Case`] and [`Event`]: an application as an append-only event log;
//!   [`Application`] derives its state, refusing events the state does not
//!   allow.
//! * [`evaluate`]: the deadlines (Arts. 32, 42, 44, 45, 82) and the status
//!   on a date; [`explain`] shows the days behind them.
//! * [`Metrics`] and [`Breakdown`]: on-time rates, same-day share, working
//!   days used, in one pass over millions of cases.
//! * [`route`]: the nearest service point that may take an item
//!   ("大事不出乡，小事不出村"), from the authority ledger.
//! * [`Plan`]: joint and parallel approvals, their critical path, and the
//!   comparison with doing the same steps in series.
//!
//! * [`Catalogue`]: the service item catalogue (实施清单) per place, dated;
//!   cases that name an item inherit its limits; [`check_catalogue`]
//!   compares it with the authority ledger.
//!
//! The crate does no I/O and reads no clock: the evaluation date is passed
//! in.

#![deny(missing_docs)]
#![forbid(unsafe_code)]
#![deny(clippy::print_stdout, clippy::print_stderr)]

mod case;
mod catalogue;
mod catalogue_check;
mod error;
mod evaluate;
mod explain;
mod joint;
mod metrics;
mod routing;
pub mod synth;

pub use case::{
    Application, ApproverRole, Case, Channel, Event, EventKind, Extension, Handling, Limits,
    Outcome, ServiceItem, State, SuspensionReason,
};
pub use catalogue::{
    Applied, BUNDLED_SUNING_CATALOGUE, CATALOGUE_FORMAT, Catalogue, CatalogueFile, Change, Diff,
    Entry, Fee, Guide, Inline, Item, MAX_ENTRIES, MAX_FORMS, Material, MaterialForm, channel_zh,
    handling_zh, period_zh,
};
pub use catalogue_check::{CatalogueFinding, CatalogueRule, check_catalogue, check_catalogue_on};
pub use error::Error;
pub use evaluate::{
    AcceptanceRule, Deadlines, Evaluation, Flag, Flags, Options, Status, evaluate, evaluate_app,
    lawful_extension, statutory_limit, suspensions,
};
pub use explain::{
    ART_32_ACCEPT, ART_32_NOTICE, ART_82, CaseExplanation, FlagNote, Statement, explain,
};
pub use joint::{Plan, PlanStep, Schedule, Scheduled};
pub use metrics::{Breakdown, MAX_KEYS, Metrics, OTHER, Summary};
pub use routing::{Route, route};

/// The JSON Schema of a case (one line of a cases file).
pub fn case_schema() -> String {
    schemars::schema_for!(Case).as_value().to_string()
}
