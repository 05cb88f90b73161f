//! Both clocks of a licence application: the statutory limit and the promise.
//!
//! Run with `cargo run --example deadline`.
//!
//! Shangcun town promises a construction planning permit in 7 working days
//! where the Licensing Law allows 20 (Art. 42; Art. 82 makes them working
//! days). A case can be late against the promise and still lawful, so both
//! dates are computed, and the statutory one is explained as a clerk would
//! show it.

use chrono::NaiveDate;
use jiceng::calendar::{Calendar, Period, PeriodOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cal = Calendar::china_mainland();
    let accepted = NaiveDate::from_ymd_opt(2025, 9, 22).ok_or("no such day")?;
    let promised = cal.period_end(accepted, Period::WorkingDays(7))?;
    let statutory = cal.period_end(accepted, "20wd".parse()?)?;
    println!("accepted   {accepted}");
    println!("promised   {} (7 working days)", promised.end);
    println!("statutory  {} (20 working days)", statutory.end);
    println!();
    let why =
        cal.explain_period_end(accepted, Period::WorkingDays(20), &PeriodOptions::default())?;
    print!("{why}");
    println!();
    println!("{}", serde_json::to_string_pretty(&why)?);
    Ok(())
}
