//! Integration tests of the enforcement crate, one binary in themed
//! modules.
//!
//! Every expected date is worked out by hand from the State Council's
//! holiday notices (国务院办公厅关于某年部分节假日安排的通知) and written next
//! to the computation; every amount is worked to the fen by hand. None is
//! copied from the crate's output. The notices used most:
//!
//! * 2024, 国办发明电〔2023〕7号: 国庆节 1–7 Oct, Sunday 29 Sep and Saturday
//!   12 Oct worked.
//! * 2025, 国办发明电〔2024〕12号: 元旦 1 Jan; 春节 28 Jan–4 Feb, Sunday 26 Jan
//!   and Saturday 8 Feb worked; 清明节 4–6 Apr; 劳动节 1–5 May, Sunday 27 Apr
//!   worked; 端午节 31 May–2 Jun; 国庆节、中秋节 1–8 Oct, Sunday 28 Sep and
//!   Saturday 11 Oct worked.

#![allow(clippy::unwrap_used)]

mod articles;
mod cases;
mod edges;
mod formats;
mod fuzz;
mod jurisdiction;
mod laws;
mod lines;
mod money;
mod mutants_pins2;
mod payments;
mod regression;
mod review;
mod states;
mod uscc;
mod zh;

use chrono::NaiveDate;
use jiceng_calendar::Calendar;
use jiceng_enforcement::{Evaluation, Options, PenaltyCase, evaluate};
use rust_decimal::Decimal;

/// A date from `YYYY-MM-DD`.
pub fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// An amount from its text.
pub fn yuan(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// The bundled calendar.
pub fn cal() -> Calendar {
    Calendar::china_mainland()
}

/// A case from its JSON.
pub fn case(json: &str) -> PenaltyCase {
    serde_json::from_str(json).unwrap()
}

/// Evaluates a case from its JSON on `at`.
pub fn eval(json: &str, at: &str) -> Evaluation {
    evaluate(&case(json), day(at), &cal(), &Options::default()).unwrap()
}
