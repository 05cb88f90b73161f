//! Next year's deadlines before next year's holiday notice: refuse, or
//! answer provisionally and say so. And a region's own holidays.
//!
//! Run with `cargo run --example provisional`.

use chrono::NaiveDate;
use jiceng::calendar::{BUNDLED_GUANGXI_OVERLAY, Calendar, CoveragePolicy, Period};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cal = Calendar::china_mainland();
    let filed = NaiveDate::from_ymd_opt(2026, 12, 15).ok_or("no such day")?;

    // The 2027 notice is not in the bundled data: a strict calendar refuses.
    match cal.period_end(filed, Period::WorkingDays(20)) {
        Ok(end) => println!("strict: {}", end.end),
        Err(e) => println!("strict: {e}"),
    }

    // A provisional calendar answers with the statutory holidays of the
    // Measures (New Year's Day 2027 is off) and the weekly rule, and flags it.
    let guess = cal.with_policy(CoveragePolicy::Provisional);
    let end = guess.period_end(filed, Period::WorkingDays(20))?;
    println!(
        "provisional: {} (provisional = {})",
        end.end, end.provisional
    );

    // Guangxi's 壮族三月三 (17–20 April 2026) on top of the national calendar.
    let gx = cal.with_overlay_toml(BUNDLED_GUANGXI_OVERLAY, "guangxi-sanyuesan.toml")?;
    let day = NaiveDate::from_ymd_opt(2026, 4, 16).ok_or("no such day")?;
    println!(
        "next working day after {day}: nationally {}, in Guangxi {}",
        cal.next_working_day(day)?,
        gx.next_working_day(day)?
    );
    Ok(())
}
