//! China's official working-day calendar, and the legal periods counted on it.
//!
//! Every deadline of a township's work stands on this crate: a licence is
//! decided within 20 working days (行政许可法 Art. 42, with Art. 82 making its
//! periods working days), a hearing is requested within 5 working days
//! (行政处罚法 Art. 64, with Art. 85), a fine is paid within 15 calendar days
//! (Art. 67), a grid event is handled within two working hours.
//!
//! * [`Calendar`] holds the State Council's yearly holiday notices
//!   (国务院办公厅关于某年部分节假日安排的通知), bundled for 2010 to 2026 and
//!   loadable from a file, with regional overlays. It answers working-day
//!   queries in constant time and refuses to guess outside the years its
//!   notices cover, unless asked to answer provisionally.
//! * [`Period`] keeps working days, calendar days, months and years apart;
//!   [`Calendar::period_end`] ends a period by the Civil Code (Arts. 201–204).
//! * [`Suspension`] stops the clock (Licensing Law Art. 45).
//! * [`WorkingHours`] counts office minutes.
//! * [`Explanation`] says why a period ends where it does.
//!
//! The crate does no I/O and reads no clock: callers pass dates in.
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use jiceng_calendar::{Calendar, Period};
//!
//! let cal = Calendar::china_mainland();
//! let accepted = NaiveDate::from_ymd_opt(2025, 9, 22).unwrap();
//! // A licence accepted on Monday 22 September 2025: the statutory 20
//! // working days cross National Day (1–8 October, Sunday 28 September and
//! // Saturday 11 October worked).
//! let due = cal.period_end(accepted, "20wd".parse()?)?;
//! assert_eq!(due.end, NaiveDate::from_ymd_opt(2025, 10, 24).unwrap());
//! // The promise of 7 working days.
//! assert_eq!(cal.period_end(accepted, Period::WorkingDays(7))?.end.to_string(), "2025-09-30");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![deny(missing_docs)]
#![forbid(unsafe_code)]
#![deny(clippy::print_stdout, clippy::print_stderr)]

mod calendar;
pub mod data;
mod error;
mod explain;
mod hours;
mod period;
mod statutory;
mod suspension;

pub use calendar::{Calendar, CoveragePolicy, DayInfo, DayKind, HORIZON_YEARS, HolidayRef};
pub use data::{CalendarFile, DaySpec, FileKind, Holiday, Notice, WeekdayName};
pub use error::{DataErrors, Error, Problem, ProblemKind};
pub use explain::{
    Coverage, Explanation, Language, MAX_LISTED_RUN, Rule, SkipReason, SkippedDay, WorkedDay,
};
pub use hours::{WorkingHours, WorkingInstant, china_standard_time};
pub use period::{Period, PeriodEnd, PeriodOptions};
pub use statutory::{FIRST_STATUTORY_YEAR, STATUTORY_SOURCE, StatutoryDay, statutory_days};
pub use suspension::{Suspension, SuspensionPolicy};

/// The bundled calendar file of mainland China (TOML, format 1).
pub const BUNDLED_CHINA_MAINLAND: &str = include_str!("../data/china-mainland.toml");

/// A bundled sample overlay: Guangxi's 壮族三月三 days off for 2024 and 2026.
pub const BUNDLED_GUANGXI_OVERLAY: &str = include_str!("../data/overlays/guangxi-sanyuesan.toml");

/// The JSON Schema of the calendar data file format.
///
/// # Example
///
/// ```
/// let schema = jiceng_calendar::calendar_file_schema();
/// assert!(schema.contains("\"notice\""));
/// ```
pub fn calendar_file_schema() -> String {
    let schema = schemars::schema_for!(CalendarFile);
    // A schema is plain JSON values, which always serialize.
    serde_json_string(&schema)
}

/// The JSON Schema of [`Explanation`], the explanation of a period end.
pub fn explanation_schema() -> String {
    let schema = schemars::schema_for!(Explanation);
    serde_json_string(&schema)
}

fn serde_json_string(schema: &schemars::Schema) -> String {
    schema.as_value().to_string()
}
