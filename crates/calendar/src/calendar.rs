//! The working-day calendar and its constant-time arithmetic.
//!
//! A day is a working day (工作日) when the weekly rule says so (Monday to
//! Friday) unless a notice says otherwise: a public holiday makes a weekday a
//! day off, a make-up working day (调休上班) makes a weekend day a working day.
//!
//! The calendar precomputes, over its coverage, the number of working days
//! before each day (a prefix sum) and the list of working days in order (its
//! inverse). Every query is then two or three table look-ups:
//!
//! * `working_days_between(a, b)` is the difference of two prefix sums;
//! * `add_working_days(d, n)` looks up the prefix sum at `d` and reads the
//!   working day `n` places further in the inverse table.
//!
//! Outside its coverage the calendar refuses to answer ([`Error::OutOfCoverage`]),
//! because next year's holidays are not known until the State Council
//! publishes them. In [`CoveragePolicy::Provisional`] it answers with the
//! weekly rule instead (still in constant time, by counting whole weeks),
//! and every answer that needed such a day is flagged provisional where the
//! answer type has a flag ([`crate::PeriodEnd`], [`crate::Explanation`],
//! [`DayInfo`]); [`Calendar::covers`] tells for the plain queries.

use std::sync::{Arc, OnceLock};

use chrono::{Datelike, NaiveDate, Weekday};
use schemars::JsonSchema;
use serde::Serialize;

use crate::data::{self, CalendarFile, Fact, Resolved};
use crate::error::Error;

/// What a calendar does with a query that needs a day outside its coverage.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum CoveragePolicy {
    /// Refuse with [`Error::OutOfCoverage`]. The default.
    #[default]
    Strict,
    /// Answer with the weekly rule and flag the answer as provisional.
    Provisional,
}

/// A working-day calendar: official notices over a weekly rule.
///
/// Cheap to clone (the tables are shared).
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use jiceng_calendar::Calendar;
///
/// let cal = Calendar::china_mainland();
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// // Sunday 26 January 2025 was a make-up working day for the Spring Festival.
/// assert!(cal.is_working_day(d(2025, 1, 26))?);
/// assert!(!cal.is_working_day(d(2025, 1, 28))?);
/// // The first working day after the 2025 Spring Festival holiday.
/// assert_eq!(cal.add_working_days(d(2025, 1, 27), 1)?, d(2025, 2, 5));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Calendar {
    inner: Arc<Inner>,
    policy: CoveragePolicy,
}

#[derive(Debug)]
struct Inner {
    resolved: Resolved,
    first: NaiveDate,
    last: NaiveDate,
    /// `first` as days from the common era.
    lo: i32,
    /// `cum[i]` is the number of working days among the first `i` days of
    /// coverage; `cum.len()` is the number of days plus one.
    cum: Box<[u32]>,
    /// The working days of coverage, in order.
    inv: Box<[NaiveDate]>,
    week: Week,
}

/// The weekly rule, with the counts needed to count whole weeks in O(1).
#[derive(Debug, Clone, Copy)]
struct Week {
    /// `prefix[r]`: working weekdays among Monday..Monday+r (exclusive).
    prefix: [i64; 8],
    /// `nth[s]`: the weekday index (0 = Monday) of the s-th working weekday.
    nth: [i64; 7],
    per_week: i64,
}

impl Week {
    fn new(weekend: &[bool; 7]) -> Week {
        let mut prefix = [0i64; 8];
        let mut nth = [0i64; 7];
        let mut count = 0i64;
        for r in 0..7 {
            if !weekend[r] {
                nth[count as usize] = r as i64;
                count += 1;
            }
            prefix[r + 1] = count;
        }
        Week {
            prefix,
            nth,
            per_week: count,
        }
    }

    /// Working days under the weekly rule up to and including day `x`
    /// (days from the common era), relative to a fixed origin: only
    /// differences are meaningful.
    #[inline]
    fn rank(&self, x: i64) -> i64 {
        // Day 1 of the common era (0001-01-01) was a Monday.
        let y = x - 1;
        self.per_week * y.div_euclid(7) + self.prefix[(y.rem_euclid(7) + 1) as usize]
    }

    /// The working day `x` with `rank(x) == m`.
    #[inline]
    fn unrank(&self, m: i64) -> Option<i64> {
        if self.per_week == 0 {
            return None;
        }
        let q = (m - 1).div_euclid(self.per_week);
        let s = (m - 1).rem_euclid(self.per_week);
        Some(7 * q + self.nth[s as usize] + 1)
    }

    fn is_working(&self, x: i64) -> bool {
        let r = (x - 1).rem_euclid(7) as usize;
        self.prefix[r + 1] > self.prefix[r]
    }
}

/// What kind of day a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// A working day by the weekly rule.
    Workday,
    /// A weekend day by the weekly rule.
    Weekend,
    /// A day off under a notice (it may fall on a weekday or a weekend).
    Holiday,
    /// A weekend day made a working day by a notice (调休上班).
    MakeUpWorkday,
}

/// The notice and holiday behind a day that differs from the weekly rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct HolidayRef {
    /// The holiday's Chinese name, e.g. `春节`.
    pub name: String,
    /// Its English name, where the data gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    /// The notice's document number, e.g. `国办发明电〔2024〕12号`.
    pub document: String,
    /// The region of the overlay that listed the day, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
}

/// Everything the calendar knows about one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct DayInfo {
    /// The day.
    pub date: NaiveDate,
    /// Whether it is a working day.
    pub working: bool,
    /// Why.
    pub kind: DayKind,
    /// The notice behind a [`DayKind::Holiday`] or
    /// [`DayKind::MakeUpWorkday`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holiday: Option<HolidayRef>,
    /// True when the day is outside coverage and the answer comes from the
    /// weekly rule.
    pub provisional: bool,
}

static CHINA_MAINLAND: OnceLock<Calendar> = OnceLock::new();

impl Calendar {
    /// The bundled calendar of mainland China, from the State Council's
    /// notices for 2010 to 2026. Parsed once, then shared.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_calendar::Calendar;
    ///
    /// let (first, last) = Calendar::china_mainland().coverage();
    /// assert_eq!(first.to_string(), "2010-01-01");
    /// assert_eq!(last.to_string(), "2026-12-31");
    /// ```
    pub fn china_mainland() -> Calendar {
        CHINA_MAINLAND
            .get_or_init(|| {
                // The bundled file is validated by the test suite
                // (`bundled_data_is_valid`), so it always loads.
                Calendar::from_toml_str(crate::BUNDLED_CHINA_MAINLAND, "<bundled china-mainland>")
                    .expect("the bundled calendar data is valid")
            })
            .clone()
    }

    /// Loads a calendar from a TOML calendar file (see [`crate::data`]).
    ///
    /// # Errors
    ///
    /// [`Error::Data`] listing every problem in the file, each with its line
    /// and field.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_calendar::Calendar;
    ///
    /// let cal = Calendar::from_toml_str(
    ///     "format = 1\nname = \"tiny\"\n[[notice]]\nyear = 2025\ndocument = \"X\"\n\
    ///      holidays = [{ name = \"元旦\", off = [\"2025-01-01\"] }]\n",
    ///     "tiny.toml",
    /// )?;
    /// assert_eq!(cal.coverage().0.to_string(), "2025-01-01");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_toml_str(text: &str, origin: &str) -> Result<Calendar, Error> {
        let file = CalendarFile::from_toml_str(text, origin)?;
        let resolved = data::resolve_base(&file, Some(text), origin)?;
        Calendar::build(resolved)
    }

    /// Builds a calendar from an already parsed calendar file.
    ///
    /// # Errors
    ///
    /// [`Error::Data`] listing every problem (without line numbers, since
    /// there is no text to point into).
    pub fn from_data(file: &CalendarFile) -> Result<Calendar, Error> {
        let resolved = data::resolve_base(file, None, &file.name)?;
        Calendar::build(resolved)
    }

    /// Returns this calendar with a regional overlay (TOML text) applied.
    ///
    /// Overlay days override the base calendar's; coverage is unchanged.
    ///
    /// # Errors
    ///
    /// [`Error::Data`] listing every problem in the overlay, including days
    /// outside the base calendar's coverage.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use jiceng_calendar::{Calendar, BUNDLED_GUANGXI_OVERLAY};
    ///
    /// let gx = Calendar::china_mainland().with_overlay_toml(BUNDLED_GUANGXI_OVERLAY, "guangxi")?;
    /// let friday = NaiveDate::from_ymd_opt(2026, 4, 17).unwrap();
    /// assert!(!gx.is_working_day(friday)?);
    /// assert!(Calendar::china_mainland().is_working_day(friday)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_overlay_toml(&self, text: &str, origin: &str) -> Result<Calendar, Error> {
        let file = CalendarFile::from_toml_str(text, origin)?;
        let resolved = data::apply_overlay(&self.inner.resolved, &file, Some(text), origin)?;
        Ok(Calendar::build(resolved)?.with_policy(self.policy))
    }

    /// Returns this calendar with an already parsed overlay applied.
    ///
    /// # Errors
    ///
    /// As [`Calendar::with_overlay_toml`], without line numbers.
    pub fn with_overlay(&self, file: &CalendarFile) -> Result<Calendar, Error> {
        let resolved = data::apply_overlay(&self.inner.resolved, file, None, &file.name)?;
        Ok(Calendar::build(resolved)?.with_policy(self.policy))
    }

    fn build(resolved: Resolved) -> Result<Calendar, Error> {
        let overflow = || Error::DateOverflow {
            date: NaiveDate::MIN,
        };
        let first = NaiveDate::from_ymd_opt(resolved.first_year, 1, 1).ok_or_else(overflow)?;
        let last = NaiveDate::from_ymd_opt(resolved.last_year, 12, 31).ok_or_else(overflow)?;
        let week = Week::new(&resolved.weekend);
        let len = (last - first).num_days() as usize + 1;
        let mut cum = Vec::with_capacity(len + 1);
        let mut inv = Vec::with_capacity(len);
        let mut count = 0u32;
        cum.push(0);
        let mut listed = resolved.days.range(first..=last).peekable();
        for day in first.iter_days().take(len) {
            let working = match listed.peek() {
                Some((d, fact)) if **d == day => {
                    let off = resolved.facts[**fact].off;
                    listed.next();
                    !off
                }
                _ => week.is_working(i64::from(day.num_days_from_ce())),
            };
            if working {
                inv.push(day);
                count += 1;
            }
            cum.push(count);
        }
        Ok(Calendar {
            inner: Arc::new(Inner {
                resolved,
                first,
                last,
                lo: first.num_days_from_ce(),
                cum: cum.into_boxed_slice(),
                inv: inv.into_boxed_slice(),
                week,
            }),
            policy: CoveragePolicy::Strict,
        })
    }

    /// Returns this calendar with another coverage policy.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use jiceng_calendar::{Calendar, CoveragePolicy};
    ///
    /// let cal = Calendar::china_mainland();
    /// let d = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
    /// assert!(cal.is_working_day(d).is_err());
    /// let guess = cal.with_policy(CoveragePolicy::Provisional);
    /// assert!(guess.is_working_day(d)?); // a Monday, by the weekly rule
    /// assert!(guess.day(d)?.provisional);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_policy(&self, policy: CoveragePolicy) -> Calendar {
        Calendar {
            inner: Arc::clone(&self.inner),
            policy,
        }
    }

    /// The coverage policy in force.
    pub fn policy(&self) -> CoveragePolicy {
        self.policy
    }

    /// The calendar's name (with the names of applied overlays).
    pub fn name(&self) -> &str {
        &self.inner.resolved.name
    }

    /// The first and last day the notices cover.
    pub fn coverage(&self) -> (NaiveDate, NaiveDate) {
        (self.inner.first, self.inner.last)
    }

    /// Whether `date` is inside the coverage.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.inner.first <= date && date <= self.inner.last
    }

    /// The document numbers of the notices behind this calendar, by year.
    pub fn documents(&self) -> impl Iterator<Item = (i32, &str)> {
        self.inner
            .resolved
            .notices
            .iter()
            .map(|n| (n.year, n.document.as_str()))
    }

    fn out_of_coverage(&self, date: NaiveDate) -> Error {
        Error::OutOfCoverage {
            date,
            first: self.inner.first,
            last: self.inner.last,
        }
    }

    /// The first uncovered day between `date` and the coverage.
    fn nearest_uncovered(&self, date: NaiveDate) -> NaiveDate {
        if date > self.inner.last {
            self.inner.last.succ_opt().unwrap_or(date)
        } else if date < self.inner.first {
            self.inner.first.pred_opt().unwrap_or(date)
        } else {
            date
        }
    }

    /// Index into `cum` for day `x`: `cum[idx]` counts working days up to
    /// and including `x`. Valid for `x` in `first - 1 ..= last`.
    #[inline]
    fn idx(&self, x: i32) -> Option<usize> {
        let i = i64::from(x) - i64::from(self.inner.lo) + 1;
        if i >= 0 && (i as usize) < self.inner.cum.len() {
            Some(i as usize)
        } else {
            None
        }
    }

    /// Working days up to and including day `x`, with the weekly rule
    /// beyond coverage. Only differences are meaningful.
    #[inline]
    fn rank_any(&self, x: i64) -> i64 {
        let inner = &*self.inner;
        let lo = i64::from(inner.lo);
        let len = inner.cum.len() as i64 - 1;
        let rel = x - lo + 1;
        if rel < 0 {
            inner.week.rank(x) - inner.week.rank(lo - 1)
        } else if rel <= len {
            i64::from(inner.cum[rel as usize])
        } else {
            let hi = lo + len - 1;
            i64::from(inner.cum[len as usize]) + inner.week.rank(x) - inner.week.rank(hi)
        }
    }

    /// The working day whose rank is `k`, with the weekly rule beyond
    /// coverage.
    fn unrank_any(&self, k: i64) -> Result<i64, Error> {
        let inner = &*self.inner;
        let total = inner.inv.len() as i64;
        if 1 <= k && k <= total {
            return Ok(i64::from(inner.inv[(k - 1) as usize].num_days_from_ce()));
        }
        let lo = i64::from(inner.lo);
        let m = if k > total {
            let hi = lo + inner.cum.len() as i64 - 2;
            k - total + inner.week.rank(hi)
        } else {
            k + inner.week.rank(lo - 1)
        };
        inner.week.unrank(m).ok_or_else(|| Error::NoWorkingDays {
            name: self.name().to_owned(),
        })
    }

    /// The rank of `date` (see [`Calendar::working_days_between`]): working
    /// days up to and including it, counted from the day before coverage.
    pub(crate) fn rank(&self, date: NaiveDate) -> Result<i64, Error> {
        let x = date.num_days_from_ce();
        match self.idx(x) {
            Some(i) => Ok(i64::from(self.inner.cum[i])),
            None if self.policy == CoveragePolicy::Provisional => Ok(self.rank_any(i64::from(x))),
            None => Err(self.out_of_coverage(self.nearest_uncovered(date))),
        }
    }

    /// The working day with rank `k`.
    pub(crate) fn unrank(&self, k: i64, from: NaiveDate) -> Result<NaiveDate, Error> {
        let total = self.inner.inv.len() as i64;
        if 1 <= k && k <= total {
            return Ok(self.inner.inv[(k - 1) as usize]);
        }
        if self.policy == CoveragePolicy::Strict {
            let date = if k > total {
                self.inner.last.succ_opt()
            } else {
                self.inner.first.pred_opt()
            };
            return Err(self.out_of_coverage(date.unwrap_or(from)));
        }
        let x = self.unrank_any(k)?;
        day_from_ce(x).ok_or(Error::DateOverflow { date: from })
    }

    /// Whether `date` is a working day.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfCoverage`] for a day outside coverage under the strict
    /// policy.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use jiceng_calendar::Calendar;
    ///
    /// // 2015-09-03, Victory Day: a one-off day off on a Thursday.
    /// let d = NaiveDate::from_ymd_opt(2015, 9, 3).unwrap();
    /// assert!(!Calendar::china_mainland().is_working_day(d)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[inline]
    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool, Error> {
        let x = date.num_days_from_ce();
        match self.idx(x) {
            Some(i) if i > 0 => Ok(self.inner.cum[i] != self.inner.cum[i - 1]),
            _ if self.policy == CoveragePolicy::Provisional => {
                Ok(self.inner.week.is_working(i64::from(x)))
            }
            _ => Err(self.out_of_coverage(date)),
        }
    }

    /// The `n`-th working day strictly after `date` (n ≥ 1) or strictly
    /// before it (n ≤ -1). For `n == 0`, `date` itself, whatever kind of
    /// day it is: no day needs to be known, so that is never an error.
    ///
    /// `working_days_between(d, add_working_days(d, n)) == n` for every
    /// `n ≥ 0`, and for `n < 0` when `d` is a working day (from a day off,
    /// the |n|-th working day before is |n| - 1 working days away, since
    /// `working_days_between` counts the days in `(b, d]`).
    ///
    /// # Errors
    ///
    /// [`Error::OutOfCoverage`] when a day between `date` and the answer
    /// lies outside coverage under the strict policy;
    /// [`Error::DateOverflow`] when the answer is not a representable date.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use jiceng_calendar::Calendar;
    ///
    /// let cal = Calendar::china_mainland();
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// // National Day 2025 (1–8 October, with Saturday 11 October worked).
    /// assert_eq!(cal.add_working_days(d(2025, 9, 30), 1)?, d(2025, 10, 9));
    /// assert_eq!(cal.add_working_days(d(2025, 10, 9), -1)?, d(2025, 9, 30));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[inline]
    pub fn add_working_days(&self, date: NaiveDate, n: i32) -> Result<NaiveDate, Error> {
        let inner = &*self.inner;
        let x = date.num_days_from_ce();
        if n > 0 {
            if let Some(i) = self.idx(x) {
                let k = inner.cum[i] as usize + (n as usize - 1);
                if let Some(d) = inner.inv.get(k) {
                    return Ok(*d);
                }
            }
        } else if n < 0 {
            if let Some(i) = self.idx(x - 1) {
                let before = inner.cum[i] as usize;
                let back = n.unsigned_abs() as usize;
                if back <= before {
                    return Ok(inner.inv[before - back]);
                }
            }
        } else {
            return Ok(date);
        }
        self.add_working_days_slow(date, n)
    }

    #[cold]
    fn add_working_days_slow(&self, date: NaiveDate, n: i32) -> Result<NaiveDate, Error> {
        let x = i64::from(date.num_days_from_ce());
        if self.policy == CoveragePolicy::Strict {
            // Name the first uncovered day the query needed: past the end
            // (or before the start) when `date` itself was usable, else
            // `date`.
            let x = date.num_days_from_ce();
            let needed = if n > 0 && self.idx(x).is_some() {
                self.inner.last.succ_opt()
            } else if n < 0 && self.idx(x - 1).is_some() {
                self.inner.first.pred_opt()
            } else {
                Some(date)
            };
            return Err(self.out_of_coverage(needed.unwrap_or(date)));
        }
        let k = if n > 0 {
            self.rank_any(x) + i64::from(n)
        } else {
            self.rank_any(x - 1) + i64::from(n) + 1
        };
        let y = self.unrank_any(k)?;
        day_from_ce(y).ok_or(Error::DateOverflow { date })
    }

    /// The number of working days `d` with `a < d <= b`; negative when
    /// `b < a`.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfCoverage`] when a day in between lies outside coverage
    /// under the strict policy.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use jiceng_calendar::Calendar;
    ///
    /// let cal = Calendar::china_mainland();
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// // January 2025 had 23 weekdays; the 1st was New Year's Day, the 28th
    /// // to the 31st the Spring Festival, and Sunday the 26th was worked:
    /// // 23 - 1 - 4 + 1 = 19.
    /// assert_eq!(cal.working_days_between(d(2024, 12, 31), d(2025, 1, 31))?, 19);
    /// assert_eq!(cal.working_days_between(d(2025, 1, 31), d(2024, 12, 31))?, -19);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[inline]
    pub fn working_days_between(&self, a: NaiveDate, b: NaiveDate) -> Result<i64, Error> {
        let (xa, xb) = (a.num_days_from_ce(), b.num_days_from_ce());
        if let (Some(i), Some(j)) = (self.idx(xa), self.idx(xb)) {
            let cum = &self.inner.cum;
            return Ok(i64::from(cum[j]) - i64::from(cum[i]));
        }
        Ok(self.rank(b)? - self.rank(a)?)
    }

    /// The first working day strictly after `date`.
    ///
    /// # Errors
    ///
    /// As [`Calendar::add_working_days`].
    pub fn next_working_day(&self, date: NaiveDate) -> Result<NaiveDate, Error> {
        self.add_working_days(date, 1)
    }

    /// The last working day strictly before `date`.
    ///
    /// # Errors
    ///
    /// As [`Calendar::add_working_days`].
    pub fn previous_working_day(&self, date: NaiveDate) -> Result<NaiveDate, Error> {
        self.add_working_days(date, -1)
    }

    /// `date` if it is a working day, else the next working day: the rule
    /// of Civil Code Art. 203 for a period whose last day is a day off.
    ///
    /// # Errors
    ///
    /// As [`Calendar::add_working_days`].
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use jiceng_calendar::Calendar;
    ///
    /// let cal = Calendar::china_mainland();
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert_eq!(cal.roll_forward(d(2025, 10, 3))?, d(2025, 10, 9));
    /// assert_eq!(cal.roll_forward(d(2025, 10, 9))?, d(2025, 10, 9));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn roll_forward(&self, date: NaiveDate) -> Result<NaiveDate, Error> {
        if self.is_working_day(date)? {
            Ok(date)
        } else {
            self.add_working_days(date, 1)
        }
    }

    /// Everything the calendar knows about `date`: working or not, why, and
    /// which notice says so.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfCoverage`] outside coverage under the strict policy.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use jiceng_calendar::{Calendar, DayKind};
    ///
    /// let info = Calendar::china_mainland().day(NaiveDate::from_ymd_opt(2020, 2, 1).unwrap())?;
    /// // Saturday 1 February 2020 was to be worked, until the Spring Festival
    /// // was extended to 2 February.
    /// assert_eq!(info.kind, DayKind::Holiday);
    /// assert_eq!(info.holiday.unwrap().document, "国办发明电〔2020〕1号");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn day(&self, date: NaiveDate) -> Result<DayInfo, Error> {
        let working = self.is_working_day(date)?;
        let provisional = !self.covers(date);
        let fact = if provisional { None } else { self.fact(date) };
        let kind = match (fact, working) {
            (Some(_), true) => DayKind::MakeUpWorkday,
            (Some(_), false) => DayKind::Holiday,
            (None, true) => DayKind::Workday,
            (None, false) => DayKind::Weekend,
        };
        Ok(DayInfo {
            date,
            working,
            kind,
            holiday: fact.map(|f| HolidayRef {
                name: f.name.clone(),
                en: f.en.clone(),
                document: f.document.clone(),
                region: f.region.clone(),
            }),
            provisional,
        })
    }

    fn fact(&self, date: NaiveDate) -> Option<&Fact> {
        let r = &self.inner.resolved;
        r.days.get(&date).map(|&i| &r.facts[i])
    }

    /// The days in `from..=to` that differ from the weekly rule, with the
    /// notice behind each.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use jiceng_calendar::Calendar;
    ///
    /// let cal = Calendar::china_mainland();
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let days: Vec<_> = cal.listed_days(d(2026, 1, 1), d(2026, 1, 31)).collect();
    /// assert_eq!(days.len(), 4); // 1–3 January off, Sunday the 4th worked
    /// ```
    pub fn listed_days(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> impl Iterator<Item = DayInfo> + '_ {
        let days: Vec<NaiveDate> = if from <= to {
            self.inner
                .resolved
                .days
                .range(from..=to)
                .map(|(d, _)| *d)
                .filter(|d| self.covers(*d))
                .collect()
        } else {
            Vec::new()
        };
        days.into_iter().filter_map(move |d| self.day(d).ok())
    }

    /// Whether a day would be a working day under the weekly rule alone.
    pub fn weekly_rule(&self, weekday: Weekday) -> bool {
        !self.inner.resolved.weekend[weekday.num_days_from_monday() as usize]
    }
}

fn day_from_ce(x: i64) -> Option<NaiveDate> {
    i32::try_from(x)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
}
