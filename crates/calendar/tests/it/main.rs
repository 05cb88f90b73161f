//! Integration tests of the calendar crate, one binary in themed modules.

#![allow(clippy::unwrap_used)]

mod arithmetic;
mod data_errors;
mod explanations;
mod fuzz;
mod hours;
mod limits;
mod model;
mod mutants_pins2;
mod notices;
mod periods;
mod pins;
mod regression;
mod statutory;
mod suspensions;
mod working_clock;

use chrono::NaiveDate;

/// A date, for tables.
pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}
