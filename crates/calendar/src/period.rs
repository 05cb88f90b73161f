//! Legal periods and where they end.
//!
//! A statute counts a period in working days (行政许可法 Art. 82: every period
//! in the Licensing Law; 行政处罚法 Art. 85: its periods of 2, 3, 5 and 7
//! days), in calendar days (the Penalty Law's 15 and 90 days), or in months
//! and years (its limitation of 2 and 5 years). [`Period`] keeps the four
//! apart, so that a working-day period can never be added as calendar days.
//!
//! The end of a period follows the Civil Code:
//!
//! * Art. 201: the day on which the period starts is not counted; counting
//!   starts the next day.
//! * Art. 202: a period in months or years ends on the corresponding day of
//!   the last month, or on that month's last day where there is none
//!   (a month from 31 January ends on 28 or 29 February).
//! * Art. 203: a period whose last day is a statutory day off ends on the
//!   first working day after it. Some instruments say otherwise (Art. 204),
//!   so the rule is an option, [`PeriodOptions::roll_past_days_off`],
//!   on by default.
//!
//! A working-day period ends on a working day by construction.
//!
//! The clock can be stopped: Licensing Law Art. 45 excludes the time taken by
//! hearings, tenders, auctions, inspection, testing, quarantine, appraisal and
//! expert review. [`PeriodOptions::suspensions`] lists the stopped intervals
//! and [`SuspensionPolicy`] says how they count.

use std::fmt;
use std::str::FromStr;

use chrono::{Days, Months, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::error::Error;
use crate::explain::{self, Explanation};
use crate::suspension::{Suspension, SuspensionPolicy, merge_intervals};

/// A legal period: a number of working days, calendar days, months or years.
///
/// Written `20wd`, `15d`, `2m`, `1y`.
///
/// # Example
///
/// ```
/// use jiceng_calendar::Period;
///
/// let p: Period = "20wd".parse()?;
/// assert_eq!(p, Period::WorkingDays(20));
/// assert_eq!(p.to_string(), "20wd");
/// assert!("20".parse::<Period>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    /// Working days (工作日), counted on the calendar.
    WorkingDays(u32),
    /// Calendar days (日).
    Days(u32),
    /// Months (月).
    Months(u32),
    /// Years (年).
    Years(u32),
}

impl Period {
    /// The largest amount a period may have: a hundred years of days. A
    /// larger number is a typing mistake, not a legal period.
    pub const MAX_AMOUNT: u32 = 36_600;

    /// The number of units.
    pub fn amount(&self) -> u32 {
        match *self {
            Period::WorkingDays(n) | Period::Days(n) | Period::Months(n) | Period::Years(n) => n,
        }
    }

    /// The unit's suffix: `wd`, `d`, `m` or `y`.
    pub fn unit(&self) -> &'static str {
        match self {
            Period::WorkingDays(_) => "wd",
            Period::Days(_) => "d",
            Period::Months(_) => "m",
            Period::Years(_) => "y",
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.amount(), self.unit())
    }
}

impl FromStr for Period {
    type Err = Error;

    fn from_str(s: &str) -> Result<Period, Error> {
        // The text is the caller's: a kilobyte of it must not make a
        // kilobyte of message, so only its first 60 characters are kept.
        let bad = |reason| Error::InvalidPeriod {
            input: crate::error::cut(s),
            reason,
        };
        let t = s.trim();
        let split = t
            .find(|c: char| !c.is_ascii_digit())
            .ok_or_else(|| bad("missing unit: write wd, d, m or y after the number"))?;
        let (num, unit) = t.split_at(split);
        if num.is_empty() {
            return Err(bad("missing number before the unit"));
        }
        let n: u32 = num.parse().map_err(|_| bad("number too large"))?;
        if n > Period::MAX_AMOUNT {
            return Err(bad("number too large (at most 36600)"));
        }
        match unit {
            "wd" => Ok(Period::WorkingDays(n)),
            "d" => Ok(Period::Days(n)),
            "m" => Ok(Period::Months(n)),
            "y" => Ok(Period::Years(n)),
            _ => Err(bad(
                "unknown unit: use wd (working days), d (days), m (months) or y (years)",
            )),
        }
    }
}

impl Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Period, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Period {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Period".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A legal period: a number followed by wd (working days), d (days), m (months) or y (years).",
            "pattern": "^[0-9]+(wd|d|m|y)$"
        })
    }
}

/// How a period's end is computed.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use jiceng_calendar::{Calendar, Period, PeriodOptions, Suspension};
///
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let opts = PeriodOptions::default()
///     .suspend(Suspension::new(d(2025, 3, 10), d(2025, 3, 14), "expert review")?);
/// let end = Calendar::china_mainland().period_end_with(d(2025, 3, 3), Period::WorkingDays(20), &opts)?;
/// // 20 working days from Monday 3 March end on 31 March. A week of expert
/// // review (5 working days) is not counted, so the end moves 5 working
/// // days later, past the Qingming holiday (4–6 April): 8 April.
/// assert_eq!(end.end, d(2025, 4, 8));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodOptions {
    /// Civil Code Art. 203: a period whose last day is a day off ends on the
    /// next working day. On by default; switch it off where an instrument
    /// says otherwise.
    pub roll_past_days_off: bool,
    /// Intervals during which the clock stood still.
    pub suspensions: Vec<Suspension>,
    /// How the suspensions count.
    pub suspension_policy: SuspensionPolicy,
}

impl Default for PeriodOptions {
    fn default() -> PeriodOptions {
        PeriodOptions {
            roll_past_days_off: true,
            suspensions: Vec::new(),
            suspension_policy: SuspensionPolicy::Continue,
        }
    }
}

impl PeriodOptions {
    /// Adds a suspension.
    pub fn suspend(mut self, s: Suspension) -> PeriodOptions {
        self.suspensions.push(s);
        self
    }

    /// Sets the suspension policy.
    pub fn policy(mut self, p: SuspensionPolicy) -> PeriodOptions {
        self.suspension_policy = p;
        self
    }

    /// Sets the Civil Code Art. 203 rule.
    pub fn roll(mut self, on: bool) -> PeriodOptions {
        self.roll_past_days_off = on;
        self
    }
}

/// Where a period ends, and whether that depends on days no notice covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PeriodEnd {
    /// The last day of the period.
    pub end: NaiveDate,
    /// True when a day the answer depends on lies outside the calendar's
    /// coverage and was taken from the weekly rule.
    pub provisional: bool,
}

/// The computation of a period end, kept for explaining it.
#[derive(Debug, Clone)]
pub(crate) struct Trace {
    pub end: NaiveDate,
    /// The end before Art. 203 moved it.
    pub nominal_end: NaiveDate,
    /// Under the reset policy, the (merged) suspension interval after which
    /// counting restarted.
    pub restarted_after: Option<(NaiveDate, NaiveDate)>,
}

impl Calendar {
    /// The last day of `period` started on `start`, with the default options
    /// (Civil Code Art. 203 on, no suspensions).
    ///
    /// # Errors
    ///
    /// [`Error::OutOfCoverage`] when the answer needs a day outside coverage
    /// under the strict policy; [`Error::DateOverflow`] past the
    /// representable dates.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use jiceng_calendar::{Calendar, Period};
    ///
    /// let cal = Calendar::china_mainland();
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// // A month from 31 January 2025 ends on 28 February (Art. 202).
    /// assert_eq!(cal.period_end(d(2025, 1, 31), Period::Months(1))?.end, d(2025, 2, 28));
    /// // 15 days from 16 September 2025 would end on 1 October, National Day:
    /// // the period ends on 9 October, the first working day after (Art. 203).
    /// assert_eq!(cal.period_end(d(2025, 9, 16), Period::Days(15))?.end, d(2025, 10, 9));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn period_end(&self, start: NaiveDate, period: Period) -> Result<PeriodEnd, Error> {
        self.period_end_with(start, period, &PeriodOptions::default())
    }

    /// The last day of `period` started on `start`, with options.
    ///
    /// # Errors
    ///
    /// As [`Calendar::period_end`]; also [`Error::SuspensionUnsupported`]
    /// for suspensions of a period in months or years, and
    /// [`Error::ReversedSuspension`] (checked when the suspension is made).
    pub fn period_end_with(
        &self,
        start: NaiveDate,
        period: Period,
        opts: &PeriodOptions,
    ) -> Result<PeriodEnd, Error> {
        let trace = self.trace(start, period, opts)?;
        Ok(PeriodEnd {
            end: trace.end,
            provisional: self.is_provisional_span(start, trace.end),
        })
    }

    /// The last day of `period` with the full explanation of how it was
    /// found: which days were skipped and why, and which rules applied.
    ///
    /// # Errors
    ///
    /// As [`Calendar::period_end_with`].
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use jiceng_calendar::{Calendar, Period, PeriodOptions, SkipReason};
    ///
    /// let cal = Calendar::china_mainland();
    /// let start = NaiveDate::from_ymd_opt(2025, 1, 24).unwrap();
    /// let ex = cal.explain_period_end(start, Period::WorkingDays(3), &PeriodOptions::default())?;
    /// assert_eq!(ex.end.to_string(), "2025-02-05");
    /// let holidays = ex.skipped.iter().filter(|s| matches!(s.reason, SkipReason::Holiday { .. })).count();
    /// assert_eq!(holidays, 8); // 28 January to 4 February
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn explain_period_end(
        &self,
        start: NaiveDate,
        period: Period,
        opts: &PeriodOptions,
    ) -> Result<Explanation, Error> {
        let trace = self.trace(start, period, opts)?;
        explain::build(self, start, period, opts, &trace)
    }

    /// Whether an answer depending on the days in `(start, end]` (or
    /// `(end, start]` when `end` is earlier) needed a day outside coverage.
    pub fn is_provisional_span(&self, start: NaiveDate, end: NaiveDate) -> bool {
        let (a, b) = if start <= end {
            (start, end)
        } else {
            (end, start)
        };
        match a.succ_opt() {
            Some(first) => self.is_provisional_days(first, b),
            None => false,
        }
    }

    /// Whether any day of `first..=last` lies outside coverage; an empty
    /// range (`last < first`) needs no day and is never provisional.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use jiceng_calendar::Calendar;
    ///
    /// let cal = Calendar::china_mainland();
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert!(cal.is_provisional_days(d(2009, 12, 31), d(2010, 1, 4)));
    /// assert!(!cal.is_provisional_days(d(2010, 1, 1), d(2026, 12, 31)));
    /// assert!(!cal.is_provisional_days(d(2030, 1, 2), d(2030, 1, 1)));
    /// ```
    pub fn is_provisional_days(&self, first: NaiveDate, last: NaiveDate) -> bool {
        first <= last && !(self.covers(first) && self.covers(last))
    }

    /// Whether `answer = add_working_days(date, n)` depended on a day
    /// outside coverage: the days after `date` up to the answer for `n > 0`,
    /// the answer up to the day before `date` for `n < 0` (the answer day
    /// included), none for `n == 0`.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use jiceng_calendar::{Calendar, CoveragePolicy};
    ///
    /// let cal = Calendar::china_mainland().with_policy(CoveragePolicy::Provisional);
    /// let day = NaiveDate::from_ymd_opt(2010, 1, 5).unwrap();
    /// let answer = cal.add_working_days(day, -2)?;
    /// assert_eq!(answer.to_string(), "2009-12-31");
    /// assert!(cal.is_provisional_add(day, -2, answer));
    /// assert!(!cal.is_provisional_add(day, -1, cal.add_working_days(day, -1)?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_provisional_add(&self, date: NaiveDate, n: i32, answer: NaiveDate) -> bool {
        match n.signum() {
            1 => date
                .succ_opt()
                .is_some_and(|first| self.is_provisional_days(first, answer)),
            -1 => date
                .pred_opt()
                .is_some_and(|last| self.is_provisional_days(answer, last)),
            _ => false,
        }
    }

    pub(crate) fn trace(
        &self,
        start: NaiveDate,
        period: Period,
        opts: &PeriodOptions,
    ) -> Result<Trace, Error> {
        let overflow = Error::DateOverflow { date: start };
        let horizon = self.horizon();
        let beyond = |date| Error::BeyondHorizon { date, horizon };
        if start > horizon {
            return Err(beyond(start));
        }
        if let Some(s) = opts.suspensions.iter().find(|s| s.to > horizon) {
            return Err(beyond(s.to));
        }
        let suspensions = merge_intervals(&opts.suspensions);
        let unit = match period {
            Period::WorkingDays(n) => Some((true, n)),
            Period::Days(n) => Some((false, n)),
            Period::Months(_) | Period::Years(_) => {
                if !suspensions.is_empty() {
                    return Err(Error::SuspensionUnsupported {
                        period: period.to_string(),
                    });
                }
                None
            }
        };
        let mut restarted_after = None;
        let nominal_end = match (unit, period) {
            (Some((working, n)), _) => {
                let counter = Counter { cal: self, working };
                match opts.suspension_policy {
                    SuspensionPolicy::Continue => counter.continue_end(start, n, &suspensions)?,
                    SuspensionPolicy::Reset => {
                        let (end, restart) = counter.reset_end(start, n, &suspensions)?;
                        restarted_after = restart;
                        end
                    }
                }
            }
            (None, Period::Months(n)) => {
                start.checked_add_months(Months::new(n)).ok_or(overflow)?
            }
            (None, _) => {
                let months = period.amount().checked_mul(12).ok_or(overflow.clone())?;
                start
                    .checked_add_months(Months::new(months))
                    .ok_or(overflow)?
            }
        };
        if nominal_end > horizon {
            return Err(beyond(nominal_end));
        }
        let end = if opts.roll_past_days_off && !matches!(period, Period::WorkingDays(_)) {
            self.roll_forward(nominal_end)?
        } else {
            nominal_end
        };
        Ok(Trace {
            end,
            nominal_end,
            restarted_after,
        })
    }
}

/// Counts working days or calendar days, the two units that suspensions
/// can stop.
struct Counter<'a> {
    cal: &'a Calendar,
    working: bool,
}

impl Counter<'_> {
    /// Countable days in `(a, b]`.
    fn count(&self, a: NaiveDate, b: NaiveDate) -> Result<i64, Error> {
        if self.working {
            self.cal.working_days_between(a, b)
        } else {
            Ok((b - a).num_days())
        }
    }

    /// The `n`-th countable day after `a`.
    fn advance(&self, a: NaiveDate, n: u32) -> Result<NaiveDate, Error> {
        if self.working {
            let n = i32::try_from(n).map_err(|_| Error::DateOverflow { date: a })?;
            self.cal.add_working_days(a, n)
        } else {
            a.checked_add_days(Days::new(u64::from(n)))
                .ok_or(Error::DateOverflow { date: a })
        }
    }

    /// Suspended days are not counted; counting goes on after each.
    fn continue_end(
        &self,
        start: NaiveDate,
        n: u32,
        sus: &[(NaiveDate, NaiveDate)],
    ) -> Result<NaiveDate, Error> {
        if n == 0 {
            return Ok(start);
        }
        let mut cur = start;
        let mut remaining = n;
        for &(from, to) in sus {
            if to <= cur {
                continue;
            }
            if from > cur {
                // Where the count would end without this suspension: if
                // before it starts, that is the answer, and no day past it
                // is needed (a suspension after the end changes nothing,
                // even one outside coverage).
                let candidate = self.advance(cur, remaining)?;
                if candidate < from {
                    return Ok(candidate);
                }
                // The suspension interrupts the count: the days before it
                // are counted, fewer than `remaining` since the
                // `remaining`-th lies on or after `from`.
                let before = from.pred_opt().unwrap_or(from);
                let available = self.count(cur, before)?;
                remaining -= u32::try_from(available).unwrap_or(remaining);
            }
            cur = cur.max(to);
        }
        self.advance(cur, remaining)
    }

    /// The count restarts after the last suspension that began before the
    /// period ran out.
    fn reset_end(
        &self,
        start: NaiveDate,
        n: u32,
        sus: &[(NaiveDate, NaiveDate)],
    ) -> Result<(NaiveDate, Option<(NaiveDate, NaiveDate)>), Error> {
        if n == 0 {
            // A period of no days has run out on its first day: nothing
            // can stop it.
            return Ok((start, None));
        }
        let mut cur = start;
        let mut end = self.advance(cur, n)?;
        let mut restart = None;
        for &(from, to) in sus {
            if to <= cur {
                continue;
            }
            if from > end {
                break;
            }
            cur = to;
            end = self.advance(cur, n)?;
            restart = Some((from, to));
        }
        Ok((end, restart))
    }
}
