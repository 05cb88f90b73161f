//! The calendar options every command that counts days takes: `--calendar`,
//! `--overlay` and `--provisional`.

use std::path::PathBuf;

use clap::Args;
use jiceng::calendar::{Calendar, CoveragePolicy};

use super::Failure;

/// Where the working-day calendar comes from.
#[derive(Debug, Args)]
pub(crate) struct CalendarSource {
    /// Replace the bundled calendar with this calendar file (TOML).
    #[arg(long, global = true, value_name = "FILE")]
    calendar: Option<PathBuf>,
    /// Apply a regional overlay file (TOML); repeatable.
    #[arg(long, global = true, value_name = "FILE")]
    overlay: Vec<PathBuf>,
    /// Answer outside the calendar's coverage with the weekly rule, flagged
    /// as provisional, instead of failing.
    #[arg(long, global = true)]
    pub provisional: bool,
}

impl CalendarSource {
    /// Builds the calendar: the bundled notices or `--calendar`, then each
    /// overlay, then the coverage policy.
    pub fn load(&self) -> Result<Calendar, Failure> {
        let read = |p: &PathBuf| {
            std::fs::read_to_string(p)
                .map_err(|e| Failure::input(format!("cannot read {}: {e}", p.display())))
        };
        let mut cal = match &self.calendar {
            Some(p) => Calendar::from_toml_str(&read(p)?, &p.display().to_string())?,
            None => Calendar::china_mainland(),
        };
        for p in &self.overlay {
            cal = cal.with_overlay_toml(&read(p)?, &p.display().to_string())?;
        }
        if self.provisional {
            cal = cal.with_policy(CoveragePolicy::Provisional);
        }
        Ok(cal)
    }
}
