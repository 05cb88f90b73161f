//! Working hours: time limits counted in minutes of office time.
//!
//! Some commitments are counted in working hours rather than days: a grid
//! platform may promise that a complaint is handled within two working hours.
//! Guchengying town's complaint at 09:35 handled by 10:50 took 75 working
//! minutes; the same complaint at 11:35 handled at 14:50 also took 75, since
//! the lunch break does not count.
//!
//! A [`WorkingHours`] schedule lists the office sessions of a working day
//! (for example 08:30–12:00 and 14:00–17:30) in a fixed UTC offset (China
//! Standard Time, UTC+8). Days that are not working days on the calendar
//! have no office time. Arithmetic is exact to the second and constant time:
//! the working seconds before a timestamp are the calendar's working-day
//! rank times the seconds of a working day, plus the seconds already worked
//! that day.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, Timelike};

use crate::calendar::Calendar;
use crate::error::Error;

const SECS_PER_DAY: i64 = 86_400;

/// 1970-01-01 (the Unix epoch) as days from the common era, as
/// `NaiveDate::num_days_from_ce` counts them (0001-01-01 is day 1).
const UNIX_EPOCH_DAYS_FROM_CE: i64 = 719_163;

/// An instant placed on a schedule's working clock by
/// [`WorkingHours::locate`]: the instant, its local day and the working
/// seconds before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkingInstant {
    at: DateTime<FixedOffset>,
    /// The local day of `at`, as days from the common era.
    day: i32,
    position: i64,
}

impl WorkingInstant {
    /// The instant, in the schedule's offset.
    pub fn at(&self) -> DateTime<FixedOffset> {
        self.at
    }
}

/// The office sessions of a working day, in a fixed UTC offset.
///
/// # Example
///
/// ```
/// use chrono::DateTime;
/// use jiceng_calendar::{Calendar, WorkingHours};
///
/// let cal = Calendar::china_mainland();
/// let hours = WorkingHours::china_standard();
/// let at = DateTime::parse_from_rfc3339("2025-06-10T11:35:00+08:00")?;
/// let done = hours.add_minutes(&cal, at, 75)?;
/// assert_eq!(done.to_rfc3339(), "2025-06-10T14:50:00+08:00");
/// assert_eq!(hours.minutes_between(&cal, at, done)?, 75);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkingHours {
    sessions: Vec<(NaiveTime, NaiveTime)>,
    offset: FixedOffset,
    /// Session bounds in seconds from midnight.
    bounds: Vec<(i64, i64)>,
    /// Working seconds before each session.
    before: Vec<i64>,
    per_day: i64,
}

impl WorkingHours {
    /// A schedule from sessions (start, end) in the given offset.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidSchedule`] when there is no session, a session does
    /// not end after it starts, or sessions overlap or are out of order.
    pub fn new(
        sessions: &[(NaiveTime, NaiveTime)],
        offset: FixedOffset,
    ) -> Result<WorkingHours, Error> {
        let text = sessions
            .iter()
            .map(|(a, b)| format!("{}-{}", a.format("%H:%M"), b.format("%H:%M")))
            .collect::<Vec<_>>()
            .join(",");
        let bad = |reason: &str| Error::InvalidSchedule {
            input: crate::error::cut(&text),
            reason: reason.to_owned(),
        };
        if sessions.is_empty() {
            return Err(bad("a schedule needs at least one session"));
        }
        let secs = |t: &NaiveTime| i64::from(t.num_seconds_from_midnight());
        let mut bounds = Vec::with_capacity(sessions.len());
        let mut before = Vec::with_capacity(sessions.len());
        let mut total = 0;
        let mut prev_end = -1;
        for (a, b) in sessions {
            let (s, e) = (secs(a), secs(b));
            if e <= s {
                return Err(bad("each session must end after it starts"));
            }
            if s < prev_end {
                return Err(bad("sessions must be in order and must not overlap"));
            }
            bounds.push((s, e));
            before.push(total);
            total += e - s;
            prev_end = e;
        }
        Ok(WorkingHours {
            sessions: sessions.to_vec(),
            offset,
            bounds,
            before,
            per_day: total,
        })
    }

    /// The common schedule of county and township offices: 08:30–12:00 and
    /// 14:00–17:30, China Standard Time (UTC+8). Seven working hours a day.
    pub fn china_standard() -> WorkingHours {
        // Both sessions and the offset are constants that satisfy `new`'s
        // checks, so this cannot fail.
        "08:30-12:00,14:00-17:30"
            .parse()
            .expect("the standard schedule is valid")
    }

    /// The schedule's UTC offset.
    pub fn offset(&self) -> FixedOffset {
        self.offset
    }

    /// The sessions of a working day.
    pub fn sessions(&self) -> &[(NaiveTime, NaiveTime)] {
        &self.sessions
    }

    /// Working minutes in one working day.
    pub fn minutes_per_day(&self) -> i64 {
        self.per_day / 60
    }

    /// Working seconds in `day` before `secs` (seconds from midnight).
    fn worked_before(&self, secs: i64) -> i64 {
        self.bounds.iter().map(|&(s, e)| secs.clamp(s, e) - s).sum()
    }

    /// Working seconds up to `at`, counted from the calendar's origin. Only
    /// differences are meaningful.
    ///
    /// The fast path works in whole seconds: the local day and the seconds
    /// into it come from the timestamp by integer division, and the day's
    /// rank from the calendar's prefix table. Subsecond parts are dropped,
    /// as `num_seconds_from_midnight` drops them on the general path.
    #[inline]
    fn position(&self, cal: &Calendar, at: DateTime<FixedOffset>) -> Result<i64, Error> {
        self.place(cal, at).map(|(_, position)| position)
    }

    /// The local day of `at` (days from the common era) and its working
    /// position, as [`WorkingHours::position`] counts it.
    #[inline]
    fn place(&self, cal: &Calendar, at: DateTime<FixedOffset>) -> Result<(i32, i64), Error> {
        let local = at.timestamp() + i64::from(self.offset.local_minus_utc());
        let days = local.div_euclid(SECS_PER_DAY);
        let secs = local.rem_euclid(SECS_PER_DAY);
        if let Ok(x) = i32::try_from(days + UNIX_EPOCH_DAYS_FROM_CE) {
            if let Some((prev, working)) = cal.rank_before_fast(x) {
                let worked = if working { self.worked_before(secs) } else { 0 };
                return Ok((x, self.per_day * prev + worked));
            }
        }
        self.place_slow(cal, at)
    }

    /// The general path of [`WorkingHours::place`]: provisional days, and
    /// the errors of days outside coverage.
    #[cold]
    fn place_slow(&self, cal: &Calendar, at: DateTime<FixedOffset>) -> Result<(i32, i64), Error> {
        let local = at.with_timezone(&self.offset).naive_local();
        let day = local.date();
        let secs = i64::from(local.time().num_seconds_from_midnight());
        let worked = if cal.is_working_day(day)? {
            self.worked_before(secs)
        } else {
            0
        };
        let prev = day.pred_opt().ok_or(Error::DateOverflow { date: day })?;
        Ok((
            day.num_days_from_ce(),
            self.per_day * cal.rank(prev)? + worked,
        ))
    }

    /// Places `at` on the working clock once, so that several targets can
    /// be counted from it ([`WorkingHours::add_minutes_from`]) without
    /// locating the start again: a response and a resolution target share
    /// their start.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfCoverage`] when the day of `at` lies outside coverage
    /// under the strict policy.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use jiceng_calendar::{Calendar, WorkingHours};
    ///
    /// let cal = Calendar::china_mainland();
    /// let hours = WorkingHours::china_standard();
    /// let at = DateTime::parse_from_rfc3339("2025-06-10T09:35:00+08:00")?;
    /// let start = hours.locate(&cal, at)?;
    /// let respond = hours.add_minutes_from(&cal, &start, 30)?;
    /// let resolve = hours.add_minutes_from(&cal, &start, 120)?;
    /// assert_eq!(respond.to_rfc3339(), "2025-06-10T10:05:00+08:00");
    /// // 145 minutes remain before lunch, so 120 end in the morning.
    /// assert_eq!(resolve.to_rfc3339(), "2025-06-10T11:35:00+08:00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[inline]
    pub fn locate(
        &self,
        cal: &Calendar,
        at: DateTime<FixedOffset>,
    ) -> Result<WorkingInstant, Error> {
        let (day, position) = self.place(cal, at)?;
        Ok(WorkingInstant {
            at: at.with_timezone(&self.offset),
            day,
            position,
        })
    }

    /// The instant `minutes` working minutes after a start placed by
    /// [`WorkingHours::locate`] with this schedule and calendar: the same
    /// answer as [`WorkingHours::add_minutes`] from that start.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfCoverage`] when the answer lies outside coverage under
    /// the strict policy.
    #[inline]
    pub fn add_minutes_from(
        &self,
        cal: &Calendar,
        from: &WorkingInstant,
        minutes: u32,
    ) -> Result<DateTime<FixedOffset>, Error> {
        if minutes == 0 {
            return Ok(from.at);
        }
        // Whole working days and the remainder within a day: the answer is
        // the `r`-th working second of the `q + 1`-th working day after the
        // origin, `r` in 1..=per_day (an answer on a session's end stays on
        // that day, 12:00 rather than 14:00).
        let g = from.position + i64::from(minutes) * 60;
        let q = (g - 1).div_euclid(self.per_day);
        let r = g - q * self.per_day;
        let day = match cal.unrank_fast(q + 1) {
            Some(day) => day,
            None => cal.unrank(q + 1, from.at.date_naive())?,
        };
        // `r` is in 1..=per_day, so some session holds it.
        let i = self.before.iter().rposition(|&b| b < r).unwrap_or(0);
        let secs = self.bounds[i].0 + (r - self.before[i]);
        self.at(day, secs)
    }

    /// The close of office (the end of the day's last session) on the
    /// `n`-th working day after the local day of a start placed by
    /// [`WorkingHours::locate`]; for `n == 0`, on that day itself, whatever
    /// kind of day it is. The day is [`Calendar::add_working_days`]'s, so
    /// the day of the start is not counted.
    ///
    /// # Errors
    ///
    /// As [`Calendar::add_working_days`]; [`Error::DateOverflow`] when `n`
    /// passes every representable date.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use jiceng_calendar::{Calendar, WorkingHours};
    ///
    /// let cal = Calendar::china_mainland();
    /// let hours = WorkingHours::china_standard();
    /// // Tuesday 30 September 2025, then National Day (1–8 October).
    /// let at = DateTime::parse_from_rfc3339("2025-09-30T10:00:00+08:00")?;
    /// let start = hours.locate(&cal, at)?;
    /// let due = hours.close_after_working_days(&cal, &start, 1)?;
    /// assert_eq!(due.to_rfc3339(), "2025-10-09T17:30:00+08:00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[inline]
    pub fn close_after_working_days(
        &self,
        cal: &Calendar,
        from: &WorkingInstant,
        n: u32,
    ) -> Result<DateTime<FixedOffset>, Error> {
        let day = match cal.add_working_days_fast(from.day, n) {
            Some(day) => day,
            None => {
                let date = from.at.date_naive();
                let n = i32::try_from(n).map_err(|_| Error::DateOverflow { date })?;
                cal.add_working_days(date, n)?
            }
        };
        // `new` refuses a schedule without sessions, so a last one exists.
        let close = self.bounds.last().map_or(0, |&(_, end)| end);
        self.at(day, close)
    }

    /// Whether `at` falls within office time on a working day.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfCoverage`] for a day outside coverage under the strict
    /// policy.
    pub fn is_working_time(
        &self,
        cal: &Calendar,
        at: DateTime<FixedOffset>,
    ) -> Result<bool, Error> {
        let local = at.with_timezone(&self.offset).naive_local();
        if !cal.is_working_day(local.date())? {
            return Ok(false);
        }
        let secs = i64::from(local.time().num_seconds_from_midnight());
        Ok(self.bounds.iter().any(|&(s, e)| s <= secs && secs < e))
    }

    /// The instant `minutes` working minutes after `at`. An answer that
    /// falls on the end of a session is that end (12:00, not 14:00).
    ///
    /// # Errors
    ///
    /// [`Error::OutOfCoverage`] when a day needed lies outside coverage under
    /// the strict policy.
    pub fn add_minutes(
        &self,
        cal: &Calendar,
        at: DateTime<FixedOffset>,
        minutes: u32,
    ) -> Result<DateTime<FixedOffset>, Error> {
        if minutes == 0 {
            // Nothing to count: no day needs to be known.
            return Ok(at.with_timezone(&self.offset));
        }
        self.add_minutes_from(cal, &self.locate(cal, at)?, minutes)
    }

    /// The instant `secs` seconds after local midnight on `day`.
    ///
    /// Built from the day itself, with no count of days from an epoch:
    /// `secs` lies in a day (sessions are times of day) and an offset is
    /// less than a day, so the UTC time falls on `day`, the day before or
    /// the day after, and one step of the date finds it. This is the hot
    /// path of every due time.
    #[inline]
    fn at(&self, day: NaiveDate, secs: i64) -> Result<DateTime<FixedOffset>, Error> {
        let utc = secs - i64::from(self.offset.local_minus_utc());
        let (date, secs) = if utc < 0 {
            (day.pred_opt(), utc + SECS_PER_DAY)
        } else if utc >= SECS_PER_DAY {
            (day.succ_opt(), utc - SECS_PER_DAY)
        } else {
            (Some(day), utc)
        };
        let time = u32::try_from(secs)
            .ok()
            .and_then(|s| NaiveTime::from_num_seconds_from_midnight_opt(s, 0));
        match (date, time) {
            (Some(date), Some(time)) => Ok(DateTime::from_naive_utc_and_offset(
                date.and_time(time),
                self.offset,
            )),
            _ => Err(Error::DateOverflow { date: day }),
        }
    }

    /// Working minutes from `a` to `b` (negative when `b` is before `a`),
    /// truncated to whole minutes.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfCoverage`] when a day needed lies outside coverage under
    /// the strict policy.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use jiceng_calendar::{Calendar, WorkingHours};
    ///
    /// let cal = Calendar::china_mainland();
    /// let hours = WorkingHours::china_standard();
    /// // Friday 17:00 to Monday 09:00: 30 minutes on Friday, 30 on Monday.
    /// let a = DateTime::parse_from_rfc3339("2025-06-13T17:00:00+08:00")?;
    /// let b = DateTime::parse_from_rfc3339("2025-06-16T09:00:00+08:00")?;
    /// assert_eq!(hours.minutes_between(&cal, a, b)?, 60);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn minutes_between(
        &self,
        cal: &Calendar,
        a: DateTime<FixedOffset>,
        b: DateTime<FixedOffset>,
    ) -> Result<i64, Error> {
        if a == b {
            // No time lies between an instant and itself: nothing needs to
            // be known, as for `working_days_between(a, a)`.
            return Ok(0);
        }
        Ok((self.position(cal, b)? - self.position(cal, a)?) / 60)
    }

    /// Whether working minutes counted between `a` and `b` (in either
    /// order) depended on a day outside the calendar's coverage: any local
    /// day of this schedule from the day of the earlier instant to the day
    /// of the later, both included. An instant and itself need no day.
    ///
    /// This flags the answers of [`WorkingHours::add_minutes`] (pass the
    /// start and the answer) and [`WorkingHours::minutes_between`] under
    /// [`CoveragePolicy::Provisional`](crate::CoveragePolicy::Provisional),
    /// as [`Calendar::is_provisional_span`] flags a count of days.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use jiceng_calendar::{Calendar, CoveragePolicy, WorkingHours};
    ///
    /// let cal = Calendar::china_mainland().with_policy(CoveragePolicy::Provisional);
    /// let hours = WorkingHours::china_standard();
    /// // 55 minutes on Thursday 31 December 2026 (the last covered day),
    /// // then 1 January 2027 (New Year), a weekend, and 365 minutes on
    /// // Monday 4 January: the answer needed 2027.
    /// let start = DateTime::parse_from_rfc3339("2026-12-31T16:35:00+08:00")?;
    /// let end = hours.add_minutes(&cal, start, 420)?;
    /// assert_eq!(end.to_rfc3339(), "2027-01-04T16:35:00+08:00");
    /// assert!(hours.is_provisional_between(&cal, start, end));
    /// // 55 minutes end at 17:30 the same day, which is covered.
    /// let close = hours.add_minutes(&cal, start, 55)?;
    /// assert!(!hours.is_provisional_between(&cal, start, close));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_provisional_between(
        &self,
        cal: &Calendar,
        a: DateTime<FixedOffset>,
        b: DateTime<FixedOffset>,
    ) -> bool {
        if a == b {
            return false;
        }
        let day = |t: DateTime<FixedOffset>| t.with_timezone(&self.offset).date_naive();
        let (x, y) = (day(a), day(b));
        cal.is_provisional_days(x.min(y), x.max(y))
    }
}

impl FromStr for WorkingHours {
    type Err = Error;

    /// Parses `HH:MM-HH:MM[,HH:MM-HH:MM…]`, optionally followed by
    /// `@+08:00` for the offset (UTC+8 by default).
    fn from_str(s: &str) -> Result<WorkingHours, Error> {
        let bad = |reason: &str| Error::InvalidSchedule {
            // The schedule is the caller's: only its first 60 characters.
            input: crate::error::cut(s),
            reason: reason.to_owned(),
        };
        let (list, offset) = match s.split_once('@') {
            Some((l, o)) => {
                let off = parse_offset(o.trim()).ok_or_else(|| {
                    bad("offset must look like +08:00: a sign, hours 00 to 23 and minutes 00 to 59 (RFC 3339)")
                })?;
                (l, off)
            }
            None => (s, china_standard_time()),
        };
        let mut sessions = Vec::new();
        for part in list.split(',') {
            let (a, b) = part
                .split_once('-')
                .ok_or_else(|| bad("each session must look like 08:30-12:00"))?;
            let t = |x: &str| {
                NaiveTime::parse_from_str(x.trim(), "%H:%M")
                    .map_err(|_| bad("times must look like 08:30"))
            };
            sessions.push((t(a)?, t(b)?));
        }
        WorkingHours::new(&sessions, offset).map_err(|e| match e {
            Error::InvalidSchedule { reason, .. } => bad(&reason),
            other => other,
        })
    }
}

impl fmt::Display for WorkingHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (a, b)) in self.sessions.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            write!(f, "{}-{}", a.format("%H:%M"), b.format("%H:%M"))?;
        }
        write!(f, "@{}", self.offset)
    }
}

/// Parses an RFC 3339 offset `+HH:MM` or `-HH:MM`: exactly two digits of
/// hours (00 to 23) and two of minutes (00 to 59), nothing else.
fn parse_offset(o: &str) -> Option<FixedOffset> {
    let b = o.as_bytes();
    if b.len() != 6 || b[3] != b':' {
        return None;
    }
    let sign = match b[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digit = |i: usize| b[i].is_ascii_digit().then(|| i32::from(b[i] - b'0'));
    let h = digit(1)? * 10 + digit(2)?;
    let m = digit(4)? * 10 + digit(5)?;
    if h > 23 || m > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

/// China Standard Time, UTC+8.
pub fn china_standard_time() -> FixedOffset {
    // 8 hours is within FixedOffset's range of less than a day.
    FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset")
}
