//! Establishment quotas (编制), their ledger, and how many staff a township
//! needs.
//!
//! Hebei's reform moved more than 22,000 establishment quotas down to
//! townships and subdistricts, bringing the average to 65, and added three
//! deputy-section (副科) posts to each; Baitaling subdistrict, 39 staff for
//! 183,000 residents (about 4,692 each), got 21 more. This crate keeps the
//! books of such moves and plans them:
//!
//! * [`Establishment`]: quotas by kind ([`QuotaKind`]), headcount, and
//!   leadership posts with their limits; vacancies and over-establishment
//!   (超编) derived.
//! * [`Ledger`]: a dated ledger of instruments in which no quota is ever
//!   lost: transfers (下沉, 调剂) conserve the total, only `create` and
//!   `cancel` change it, and a transfer that would leave a body below its
//!   headcount is refused with both bodies and the numbers. [`Ledger::at`]
//!   gives any body's establishment on any date, with the instruments.
//!   [`LedgerFile`] reads TOML or CSV ledgers and reports every problem
//!   with its line.
//! * [`apportion`] and [`plan`]: sharing a pool among units by weighted
//!   criteria with Hamilton, Webster, D'Hondt or Huntington–Hill, floors
//!   and ceilings, sums exact to the unit, before and after, residents per
//!   staff, coefficient of variation and Gini.
//! * [`erlang_c`], [`erlang_a`] and [`workload_ratio`]: the staff a
//!   counter or hotline needs for a service level, as pyworkforce computes
//!   it, with abandonment, or by plain hours.
//! * [`eligible_heads`]: the career rule for public-institution staff.
//!
//! The crate does no I/O and reads no clock.
//!
//! # Example
//! ```
//! use jiceng_staffing::{LedgerFile, QuotaKind};
//! let ledger = LedgerFile::parse_toml(jiceng_staffing::BAITALING)?;
//! let (ledger, findings) = ledger.compile();
//! assert!(findings.is_empty());
//! let after = ledger.current("baitaling")?;
//! assert_eq!(after.quotas.total(), 60); // 39 + 21
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![deny(missing_docs)]
#![forbid(unsafe_code)]
#![deny(clippy::print_stdout, clippy::print_stderr)]

mod apportion;
mod career;
mod erlang;
mod error;
mod establishment;
mod file;
mod ledger;
mod plan;
pub mod synth;

pub use apportion::{MAX_POOL, Method, apportion, coefficient_of_variation, gini};
pub use career::{StaffMember, eligible_heads};
pub use erlang::{
    ErlangAMeasures, MAX_POSITIONS, Requirement, Workload, erlang_a, erlang_a_measures, erlang_c,
    workload_ratio,
};
pub use error::Error;
pub use establishment::{Counts, Establishment, Posts, QuotaKind};
pub use file::{Finding, LedgerFile, MAX_BODIES, MAX_EVENTS, MAX_PROBLEMS, Severity};
pub use ledger::{Body, Event, EventKind, Ledger, MAX_NAME_BYTES, Snapshot};
pub use plan::{
    MAX_UNITS, Plan, PlanRequest, PlanUnit, ProvincialFigure, Unit, Units, plan, provincial_figure,
};

/// The bundled Baitaling ledger (TOML): 39 staff for 183,000 residents,
/// then 21 quotas sunk from the district.
pub const BAITALING: &str = include_str!("../data/baitaling.toml");

/// The bundled Baitaling units file (CSV), for planning.
pub const BAITALING_UNITS: &str = include_str!("../data/baitaling-units.csv");

/// The JSON Schema of a ledger file.
pub fn ledger_schema() -> String {
    schemars::schema_for!(LedgerFile).as_value().to_string()
}

/// The JSON Schema of a plan (the `--json` output of `staffing plan`).
pub fn plan_schema() -> String {
    schemars::schema_for!(Plan).as_value().to_string()
}

/// The JSON Schema of a requirement (the `--json` output of `staffing
/// erlang`).
pub fn requirement_schema() -> String {
    schemars::schema_for!(Requirement).as_value().to_string()
}

/// The JSON Schema of a body's establishment on a date (the `--json`
/// output of `staffing at`).
pub fn snapshot_schema() -> String {
    schemars::schema_for!(Snapshot).as_value().to_string()
}
