//! A grid event's service-level clock in working minutes.
//!
//! Run with `cargo run --example working_hours`.
//!
//! In Guchengying town a complaint reported at 09:35 was handled by 10:50:
//! 75 working minutes. A report late on a Friday afternoon with a two-hour
//! limit is due on Monday morning, since nights and weekends do not count.

use chrono::DateTime;
use jiceng::calendar::{Calendar, WorkingHours};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cal = Calendar::china_mainland();
    let hours = WorkingHours::china_standard();
    let reported = DateTime::parse_from_rfc3339("2025-06-10T09:35:00+08:00")?;
    let handled = DateTime::parse_from_rfc3339("2025-06-10T10:50:00+08:00")?;
    println!(
        "taken: {} working minutes",
        hours.minutes_between(&cal, reported, handled)?
    );

    let friday = DateTime::parse_from_rfc3339("2025-06-13T16:40:00+08:00")?;
    println!("due:   {}", hours.add_minutes(&cal, friday, 120)?);
    Ok(())
}
