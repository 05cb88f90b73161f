//! jiceng (基层, "grassroots"): the reform of China's townships and
//! subdistricts, as code.
//!
//! This crate is the facade: it re-exports the domain crates so that an
//! embedder depends on one crate, and it carries the `jiceng` command-line
//! tool. Each domain crate can also be used on its own.
//!
//! | module | crate | what it owns |
//! |---|---|---|
//! | [`calendar`] | `jiceng-calendar` | working-day calendars, legal periods, suspensions, working hours |
//! | [`org`] | `jiceng-org` | divisions and their codes, bodies, the hierarchy |
//! | [`authority`] | `jiceng-authority` | power items, instruments, the ledger of who holds what |
//! | [`approvals`] | `jiceng-approvals` | licensing event logs, statutory and promised deadlines, routing, metrics |
//! | [`enforcement`] | `jiceng-enforcement` | penalty jurisdiction, case event logs, the Penalty Law's clocks and money rules |
//! | [`staffing`] | `jiceng-staffing` | establishment quotas, the ledger of transfers, apportionment, Erlang C/A workload staffing |
//! | [`grid`] | `jiceng-grid` | grid cells and workers, event logs from report to closure, service levels, routing, metrics |
//! | [`sim`] | `jiceng-sim` | scenarios and the seeded discrete-event policy simulator, baseline against reforms |
//!
//! The facade also re-exports [`chrono`], whose dates and times the public
//! types take and return, so that an embedder needs no second dependency
//! whose version must match ours.
//!
//! # Example
//!
//! ```
//! use jiceng::calendar::{Calendar, Period};
//!
//! let cal = Calendar::china_mainland();
//! let filed = jiceng::chrono::NaiveDate::from_ymd_opt(2025, 3, 3).unwrap();
//! // Administrative Penalty Law Art. 60: decide within 90 days of filing.
//! let due = cal.period_end(filed, Period::Days(90))?;
//! assert_eq!(due.end.to_string(), "2025-06-03");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub use jiceng_approvals as approvals;
pub use jiceng_authority as authority;
pub use jiceng_calendar as calendar;
pub use jiceng_enforcement as enforcement;
pub use jiceng_grid as grid;
pub use jiceng_org as org;
pub use jiceng_sim as sim;
pub use jiceng_staffing as staffing;

/// The date and time crate of every public type (`NaiveDate`,
/// `DateTime<FixedOffset>`), re-exported so that an embedder uses the very
/// version the domain crates were built with.
pub use chrono;

/// The README's code, compiled and run as a doc test so that it cannot drift
/// from the API.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
