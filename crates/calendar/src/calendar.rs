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
//! publishes them; a day before the first notice is refused as such
//! ([`Error::BeforeCoverage`]). In [`CoveragePolicy::Provisional`] it
//! answers with the statutory holidays of 全国年节及纪念日放假办法 and the
//! weekly rule instead ([`crate::statutory_days`]; make-up working days
//! cannot be foreseen), from 1 January 2008 to its horizon
//! ([`Calendar::horizon`]), still in constant time from tables built on the
//! first provisional query. Every answer that needed such a day is flagged
//! provisional where the answer type has a flag ([`crate::PeriodEnd`],
//! [`crate::Explanation`], [`DayInfo`]); [`Calendar::covers`],
//! [`Calendar::is_provisional_add`] and [`Calendar::is_provisional_span`]
//! tell for the plain queries.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use chrono::{Datelike, NaiveDate, Weekday};
use schemars::JsonSchema;
use serde::Serialize;

use crate::data::{self, CalendarFile, Fact, Resolved};
use crate::error::Error;
use crate::statutory::{FIRST_STATUTORY_YEAR, STATUTORY_SOURCE, StatutoryDay, statutory_days};

/// What a calendar does with a query that needs a day outside its coverage.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum CoveragePolicy {
    /// Refuse with [`Error::OutOfCoverage`]. The default.
    #[default]
    Strict,
    /// Answer with the statutory holidays and the weekly rule, from
    /// 2008 to the horizon, and flag the answer as provisional.
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
    /// Whether provisional days follow the statutory holidays of
    /// 全国年节及纪念日放假办法 (a mainland calendar) or the weekly rule alone.
    statutory: bool,
    /// The last day any answer, period or suspension may reach.
    horizon: NaiveDate,
    /// The provisional tables, built on first use.
    ext: OnceLock<Ext>,
}

/// The provisional tables: like `cum` and `inv`, from [`Calendar::earliest`]
/// to the horizon, covered days as the notices say and the others by the
/// statutory holidays and the weekly rule.
#[derive(Debug)]
struct Ext {
    first: NaiveDate,
    lo: i32,
    cum: Box<[u32]>,
    inv: Box<[NaiveDate]>,
    statutory: HashMap<NaiveDate, StatutoryDay>,
}

impl Ext {
    /// Index into `cum` for day `x`, valid for `first - 1 ..= horizon`.
    #[inline]
    fn idx(&self, x: i64) -> Option<usize> {
        let i = x - i64::from(self.lo) + 1;
        if i >= 0 && (i as usize) < self.cum.len() {
            Some(i as usize)
        } else {
            None
        }
    }
}

/// The weekly rule.
#[derive(Debug, Clone, Copy)]
struct Week {
    /// `prefix[r]`: working weekdays among Monday..Monday+r (exclusive).
    prefix: [i64; 8],
    per_week: i64,
}

impl Week {
    fn new(weekend: &[bool; 7]) -> Week {
        let mut prefix = [0i64; 8];
        let mut count = 0i64;
        for r in 0..7 {
            if !weekend[r] {
                count += 1;
            }
            prefix[r + 1] = count;
        }
        Week {
            prefix,
            per_week: count,
        }
    }

    /// Whether day `x` (days from the common era; day 1, 0001-01-01, was a
    /// Monday) is a working day under the weekly rule.
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
    /// statutory holidays and the weekly rule.
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
        let horizon = NaiveDate::from_ymd_opt(resolved.last_year + HORIZON_YEARS, 12, 31)
            .ok_or_else(overflow)?;
        Ok(Calendar {
            inner: Arc::new(Inner {
                statutory: resolved.statutory,
                resolved,
                first,
                last,
                lo: first.num_days_from_ce(),
                cum: cum.into_boxed_slice(),
                inv: inv.into_boxed_slice(),
                week,
                horizon,
                ext: OnceLock::new(),
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
    /// // New Year's Day 2027 under the Measures, though no notice covers it.
    /// assert!(!guess.is_working_day(NaiveDate::from_ymd_opt(2027, 1, 1).unwrap())?);
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

    /// The last day any answer, period or suspension may reach: 31 December
    /// of the [`HORIZON_YEARS`]-th year after the last year the notices
    /// cover (2226-12-31 for the bundled calendar).
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_calendar::Calendar;
    ///
    /// assert_eq!(Calendar::china_mainland().horizon().to_string(), "2226-12-31");
    /// ```
    pub fn horizon(&self) -> NaiveDate {
        self.inner.horizon
    }

    /// The first day provisional mode answers for: 1 January 2008 (the
    /// first year of the Measures' 2007 revision), or the first covered day
    /// when the notices start earlier. Days before it are always refused.
    pub fn earliest(&self) -> NaiveDate {
        match NaiveDate::from_ymd_opt(FIRST_STATUTORY_YEAR, 1, 1) {
            Some(d) if d < self.inner.first => d,
            _ => self.inner.first,
        }
    }

    /// The error for a query that needed `date`, outside what the policy
    /// allows.
    fn out_of_range(&self, date: NaiveDate) -> Error {
        let inner = &*self.inner;
        if date < inner.first {
            Error::BeforeCoverage {
                date,
                first: inner.first,
                earliest: self.earliest(),
            }
        } else if date > inner.horizon && self.policy == CoveragePolicy::Provisional {
            Error::BeyondHorizon {
                date,
                horizon: inner.horizon,
            }
        } else {
            Error::OutOfCoverage {
                date,
                first: inner.first,
                last: inner.last,
            }
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

    /// The provisional tables, built on first use (a few milliseconds).
    fn ext(&self) -> &Ext {
        self.inner
            .ext
            .get_or_init(|| build_ext(&self.inner, self.earliest()))
    }

    /// In provisional mode: working days up to and including day `x`,
    /// counted from the day before [`Calendar::earliest`].
    fn rank_ext(&self, x: i64) -> Result<i64, Error> {
        let ext = self.ext();
        match ext.idx(x) {
            Some(i) => Ok(i64::from(ext.cum[i])),
            None => {
                let date = day_from_ce(x).unwrap_or(if x < 0 {
                    NaiveDate::MIN
                } else {
                    NaiveDate::MAX
                });
                Err(self.out_of_range(date))
            }
        }
    }

    /// In provisional mode: the working day with rank `k` (see
    /// [`Calendar::rank_ext`]).
    fn unrank_ext(&self, k: i64) -> Result<NaiveDate, Error> {
        let ext = self.ext();
        let total = ext.inv.len() as i64;
        if 1 <= k && k <= total {
            return Ok(ext.inv[(k - 1) as usize]);
        }
        if self.inner.week.per_week == 0 {
            return Err(Error::NoWorkingDays {
                name: self.name().to_owned(),
            });
        }
        let date = if k < 1 {
            ext.first.pred_opt().unwrap_or(ext.first)
        } else {
            self.inner.horizon.succ_opt().unwrap_or(self.inner.horizon)
        };
        Err(self.out_of_range(date))
    }

    /// The rank of `date` (see [`Calendar::working_days_between`]): working
    /// days up to and including it, counted from a fixed origin that depends
    /// on the policy. Only differences are meaningful.
    pub(crate) fn rank(&self, date: NaiveDate) -> Result<i64, Error> {
        let x = date.num_days_from_ce();
        if self.policy == CoveragePolicy::Provisional {
            return self.rank_ext(i64::from(x));
        }
        match self.idx(x) {
            Some(i) => Ok(i64::from(self.inner.cum[i])),
            None => Err(self.out_of_range(self.nearest_uncovered(date))),
        }
    }

    /// The working day with rank `k` (as [`Calendar::rank`] counts).
    pub(crate) fn unrank(&self, k: i64, from: NaiveDate) -> Result<NaiveDate, Error> {
        if self.policy == CoveragePolicy::Provisional {
            return self.unrank_ext(k);
        }
        let total = self.inner.inv.len() as i64;
        if 1 <= k && k <= total {
            return Ok(self.inner.inv[(k - 1) as usize]);
        }
        let date = if k > total {
            self.inner.last.succ_opt()
        } else {
            self.inner.first.pred_opt()
        };
        Err(self.out_of_range(date.unwrap_or(from)))
    }

    /// The fast path of working hours for day `x` (days from the common
    /// era): the rank of the day before it and whether it is a working day,
    /// read from the strict prefix table. `None` wherever [`Calendar::rank`]
    /// and [`Calendar::is_working_day`] might answer otherwise (the
    /// provisional policy, or a day at or past the table's edges): the
    /// caller then takes the general path, so the answers never differ.
    #[inline]
    pub(crate) fn rank_before_fast(&self, x: i32) -> Option<(i64, bool)> {
        if self.policy != CoveragePolicy::Strict {
            return None;
        }
        let i = self.idx(x)?;
        let cum = &self.inner.cum;
        let (before, upto) = (*cum.get(i.checked_sub(1)?)?, cum[i]);
        Some((i64::from(before), upto != before))
    }

    /// The fast path of [`Calendar::unrank`]: the working day of rank `k`
    /// from the strict table, or `None` where the general path must answer.
    #[inline]
    pub(crate) fn unrank_fast(&self, k: i64) -> Option<NaiveDate> {
        if self.policy != CoveragePolicy::Strict || k < 1 {
            return None;
        }
        self.inner.inv.get(usize::try_from(k - 1).ok()?).copied()
    }

    /// The fast path of [`Calendar::add_working_days`] for `n ≥ 1` from day
    /// `x` (days from the common era): the same table lookup, or `None`
    /// where the general path must answer (so the answers never differ).
    #[inline]
    pub(crate) fn add_working_days_fast(&self, x: i32, n: u32) -> Option<NaiveDate> {
        if n == 0 {
            return None;
        }
        let i = self.idx(x)?;
        let k = usize::try_from(self.inner.cum[i]).ok()? + usize::try_from(n - 1).ok()?;
        self.inner.inv.get(k).copied()
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
                let x = i64::from(x);
                Ok(self.rank_ext(x)? != self.rank_ext(x - 1)?)
            }
            _ => Err(self.out_of_range(date)),
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
    /// lies after coverage under the strict policy;
    /// [`Error::BeforeCoverage`] before it (before 2008 under the
    /// provisional policy); [`Error::BeyondHorizon`] past the horizon;
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
        let x = date.num_days_from_ce();
        if self.policy == CoveragePolicy::Strict {
            // Name the first uncovered day the query needed: past the end
            // (or before the start) when `date` itself was usable, else
            // `date`.
            let needed = if n > 0 && self.idx(x).is_some() {
                self.inner.last.succ_opt()
            } else if n < 0 && self.idx(x - 1).is_some() {
                self.inner.first.pred_opt()
            } else {
                Some(date)
            };
            return Err(self.out_of_range(needed.unwrap_or(date)));
        }
        let x = i64::from(x);
        let k = if n > 0 {
            self.rank_ext(x)? + i64::from(n)
        } else {
            self.rank_ext(x - 1)? + i64::from(n) + 1
        };
        self.unrank_ext(k)
    }

    /// The number of working days `d` with `a < d <= b`; negative when
    /// `b < a`.
    ///
    /// # Errors
    ///
    /// As [`Calendar::add_working_days`]: [`Error::OutOfCoverage`],
    /// [`Error::BeforeCoverage`] or [`Error::BeyondHorizon`] when a day in
    /// between cannot be answered; never for `a == b`, which needs no day.
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
        if a == b {
            // No day lies in (a, a]: nothing needs to be known.
            return Ok(0);
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
        let holiday = if provisional {
            self.ext().statutory.get(&date).map(|s| HolidayRef {
                name: s.name.to_owned(),
                en: Some(s.en.to_owned()),
                document: STATUTORY_SOURCE.to_owned(),
                region: None,
            })
        } else {
            self.fact(date).map(|f| HolidayRef {
                name: f.name.clone(),
                en: f.en.clone(),
                document: f.document.clone(),
                region: f.region.clone(),
            })
        };
        let kind = match (&holiday, working) {
            (Some(_), true) => DayKind::MakeUpWorkday,
            (Some(_), false) => DayKind::Holiday,
            (None, true) => DayKind::Workday,
            (None, false) => DayKind::Weekend,
        };
        Ok(DayInfo {
            date,
            working,
            kind,
            holiday,
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

/// Years past the last covered year that the horizon lies
/// ([`Calendar::horizon`]): twice the longest period
/// ([`crate::Period::MAX_AMOUNT`] days, a hundred years), so that any period
/// started inside coverage fits.
pub const HORIZON_YEARS: i32 = 200;

/// Builds the provisional tables from `earliest` to the horizon.
fn build_ext(inner: &Inner, earliest: NaiveDate) -> Ext {
    let horizon = inner.horizon;
    let len = usize::try_from((horizon - earliest).num_days() + 1).unwrap_or(0);
    let mut statutory = HashMap::new();
    if inner.statutory {
        for year in earliest.year()..=horizon.year() {
            if year >= inner.first.year() && year <= inner.last.year() {
                continue;
            }
            for s in statutory_days(year).unwrap_or_default() {
                statutory.insert(s.date, s);
            }
        }
    }
    let mut cum = Vec::with_capacity(len + 1);
    let mut inv = Vec::with_capacity(len);
    let mut count = 0u32;
    cum.push(0);
    for day in earliest.iter_days().take(len) {
        let x = day.num_days_from_ce();
        let working = if inner.first <= day && day <= inner.last {
            // Inside coverage, as the notices say.
            let i = (x - inner.lo) as usize + 1;
            inner.cum[i] != inner.cum[i - 1]
        } else {
            !statutory.contains_key(&day) && inner.week.is_working(i64::from(x))
        };
        if working {
            inv.push(day);
            count += 1;
        }
        cum.push(count);
    }
    Ext {
        first: earliest,
        lo: earliest.num_days_from_ce(),
        cum: cum.into_boxed_slice(),
        inv: inv.into_boxed_slice(),
        statutory,
    }
}

fn day_from_ce(x: i64) -> Option<NaiveDate> {
    i32::try_from(x)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// The strict ranks count working days from 1 January 2010: 1–3
    /// January are 元旦 (国办发明电〔2009〕27号), so Monday 4 January has rank
    /// 1 and Tuesday 5 January rank 2. The general path reads the same
    /// table as the fast path, from rank 1 to the last covered working day,
    /// and names the first uncovered day on either side.
    #[test]
    fn unrank_reads_the_table_from_rank_one_to_the_last() {
        let cal = Calendar::china_mainland();
        let from = d(2020, 6, 1);
        assert_eq!(cal.unrank(1, from), Ok(d(2010, 1, 4)));
        assert_eq!(cal.unrank(2, from), Ok(d(2010, 1, 5)));
        // Thursday 31 December 2026, the last covered day, is a working
        // day: its rank is the last one, and the next is past coverage.
        let last = cal.rank(d(2026, 12, 31)).unwrap();
        assert_eq!(cal.unrank(last, from), Ok(d(2026, 12, 31)));
        assert_eq!(
            cal.unrank(last + 1, from),
            Err(Error::OutOfCoverage {
                date: d(2027, 1, 1),
                first: d(2010, 1, 1),
                last: d(2026, 12, 31),
            })
        );
        assert_eq!(
            cal.unrank(0, from),
            Err(Error::BeforeCoverage {
                date: d(2009, 12, 31),
                first: d(2010, 1, 1),
                earliest: d(2008, 1, 1),
            })
        );
    }

    /// The fast path answers every rank of the strict table itself; only
    /// ranks outside it (and the provisional policy) go the general way.
    #[test]
    fn unrank_fast_answers_inside_the_table() {
        let cal = Calendar::china_mainland();
        assert_eq!(cal.unrank_fast(1), Some(d(2010, 1, 4)));
        assert_eq!(cal.unrank_fast(2), Some(d(2010, 1, 5)));
        let last = cal.rank(d(2026, 12, 31)).unwrap();
        assert_eq!(cal.unrank_fast(last), Some(d(2026, 12, 31)));
        assert_eq!(cal.unrank_fast(last + 1), None);
        assert_eq!(cal.unrank_fast(0), None);
        assert_eq!(cal.unrank_fast(-1), None);
        let provisional = cal.with_policy(CoveragePolicy::Provisional);
        assert_eq!(provisional.unrank_fast(2), None);
    }
}
