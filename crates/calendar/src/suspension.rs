//! Clock suspensions: intervals during which a period does not run.
//!
//! Licensing Law Art. 45: the time an agency needs for a hearing, tender,
//! auction, inspection, testing, quarantine, appraisal or expert review is
//! not counted in its time limit. The Penalty Law's procedural rules stop the
//! clock in the same way for hearings and appraisals.
//!
//! Two policies exist in the instruments:
//!
//! * [`SuspensionPolicy::Continue`] (中止): suspended days are not counted,
//!   and counting goes on where it stopped. This is Art. 45.
//! * [`SuspensionPolicy::Reset`] (中断): after a suspension the count starts
//!   again from zero, on the day after the suspension ends. Only the last
//!   suspension that began before the period ran out matters.
//!
//! Suspension intervals are inclusive dates. Overlapping or adjacent
//! intervals are merged; intervals before the start, or (under `Reset`)
//! after the period had already run out, have no effect.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::Error;

/// An inclusive interval of days during which the clock stood still.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use jiceng_calendar::Suspension;
///
/// let d = |m, d| NaiveDate::from_ymd_opt(2025, m, d).unwrap();
/// let s = Suspension::new(d(3, 10), d(3, 14), "expert review")?;
/// assert_eq!(s.days(), 5);
/// assert!(Suspension::new(d(3, 14), d(3, 10), "typo").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct Suspension {
    /// The first day the clock stood still.
    pub from: NaiveDate,
    /// The last day the clock stood still.
    pub to: NaiveDate,
    /// Why (shown in explanations), e.g. `hearing` or `听证`.
    pub reason: String,
}

impl Suspension {
    /// A suspension from `from` to `to`, both included.
    ///
    /// # Errors
    ///
    /// [`Error::ReversedSuspension`] when `to` is before `from`.
    pub fn new(
        from: NaiveDate,
        to: NaiveDate,
        reason: impl Into<String>,
    ) -> Result<Suspension, Error> {
        if to < from {
            return Err(Error::ReversedSuspension { from, to });
        }
        Ok(Suspension {
            from,
            to,
            reason: reason.into(),
        })
    }

    /// Parses `FROM..TO` (inclusive dates `YYYY-MM-DD`), as the command
    /// line takes it.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInterval`] for text of another shape,
    /// [`Error::ReversedSuspension`] when `TO` is before `FROM`.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_calendar::Suspension;
    ///
    /// let s = Suspension::parse_interval("2025-03-10..2025-03-14", "testing")?;
    /// assert_eq!(s.days(), 5);
    /// assert!(Suspension::parse_interval("2025-03-10", "testing").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse_interval(text: &str, reason: &str) -> Result<Suspension, Error> {
        let bad = || Error::InvalidInterval {
            // The text is the caller's: only its first 60 characters.
            input: crate::error::cut(text),
        };
        let (a, b) = text.split_once("..").ok_or_else(bad)?;
        let a = NaiveDate::parse_from_str(a.trim(), "%Y-%m-%d").map_err(|_| bad())?;
        let b = NaiveDate::parse_from_str(b.trim(), "%Y-%m-%d").map_err(|_| bad())?;
        Suspension::new(a, b, reason)
    }

    /// The number of calendar days in the interval.
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// Whether `date` lies in the interval.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }
}

/// How suspended days count against a period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SuspensionPolicy {
    /// Suspended days are not counted; counting continues afterwards
    /// (Licensing Law Art. 45). The default.
    #[default]
    Continue,
    /// The count restarts from zero after the suspension.
    Reset,
}

/// Sorts suspensions and merges overlapping or adjacent ones into bare
/// intervals: what the counting needs, without copying any reason.
pub(crate) fn merge_intervals(list: &[Suspension]) -> Vec<(NaiveDate, NaiveDate)> {
    let mut sorted: Vec<(NaiveDate, NaiveDate)> = list.iter().map(|s| (s.from, s.to)).collect();
    sorted.sort_unstable();
    let mut out: Vec<(NaiveDate, NaiveDate)> = Vec::with_capacity(sorted.len());
    for (from, to) in sorted {
        if let Some(last) = out.last_mut() {
            if last.1.succ_opt().is_some_and(|next| from <= next) {
                last.1 = last.1.max(to);
                continue;
            }
        }
        out.push((from, to));
    }
    out
}

/// Sorts suspensions and merges overlapping or adjacent ones, joining
/// their reasons.
pub(crate) fn merge(list: &[Suspension]) -> Vec<Suspension> {
    let mut sorted: Vec<Suspension> = list.to_vec();
    sorted.sort_by_key(|s| (s.from, s.to));
    let mut out: Vec<Suspension> = Vec::with_capacity(sorted.len());
    for s in sorted {
        if let Some(last) = out.last_mut() {
            let adjacent = last.to.succ_opt().is_some_and(|next| s.from <= next);
            if adjacent {
                if s.to > last.to {
                    last.to = s.to;
                }
                if !last.reason.split("; ").any(|r| r == s.reason) {
                    last.reason.push_str("; ");
                    last.reason.push_str(&s.reason);
                }
                continue;
            }
        }
        out.push(s);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, day).unwrap()
    }

    #[test]
    fn merge_joins_overlapping_and_adjacent_intervals() {
        let list = [
            Suspension::new(d(3, 10), d(3, 12), "a").unwrap(),
            Suspension::new(d(3, 1), d(3, 2), "b").unwrap(),
            Suspension::new(d(3, 13), d(3, 14), "c").unwrap(),
            Suspension::new(d(3, 11), d(3, 11), "a").unwrap(),
        ];
        let merged = merge(&list);
        assert_eq!(merged.len(), 2);
        assert_eq!((merged[0].from, merged[0].to), (d(3, 1), d(3, 2)));
        assert_eq!((merged[1].from, merged[1].to), (d(3, 10), d(3, 14)));
        assert_eq!(merged[1].reason, "a; c");
    }
}
