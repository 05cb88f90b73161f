//! The event taxonomy: categories, the powers that deal with them, and
//! their service levels.
//!
//! Platforms classify events with a major and a minor code (大类 / 小类,
//! e.g. 市容环境 / 垃圾桶), as the digital urban management standard
//! (GB/T 30428) does for its components and events. Each category here
//! maps to the power items that deal with it (the authority ledger's
//! codes), to an urgency and to a service level: a response target and a
//! resolution target, in working minutes on the office's working hours or
//! in working days on the official calendar.

use chrono::{DateTime, FixedOffset};
use jiceng_calendar::{Calendar, WorkingHours};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::Error;

/// A target: working minutes or working days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// Working minutes of office time (lunch breaks, nights, weekends and
    /// holidays do not count; make-up working days do).
    WorkingMinutes(u32),
    /// Working days: the end of office hours on the n-th working day after
    /// the day of the report.
    WorkingDays(u32),
}

impl Target {
    /// The instant the target falls due for something that started `at`.
    ///
    /// # Errors
    ///
    /// [`Error::Calendar`] for a day outside the calendar's coverage.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use jiceng_calendar::{Calendar, WorkingHours};
    /// use jiceng_grid::Target;
    ///
    /// let (cal, hours) = (Calendar::china_mainland(), WorkingHours::china_standard());
    /// let at = DateTime::parse_from_rfc3339("2025-06-10T11:35:00+08:00")?;
    /// let due = Target::WorkingMinutes(75).due(&cal, &hours, at)?;
    /// assert_eq!(due.to_rfc3339(), "2025-06-10T14:50:00+08:00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn due(
        self,
        cal: &Calendar,
        hours: &WorkingHours,
        at: DateTime<FixedOffset>,
    ) -> Result<DateTime<FixedOffset>, Error> {
        match self {
            Target::WorkingMinutes(m) => Ok(hours.add_minutes(cal, at, m)?),
            Target::WorkingDays(n) => {
                let local = at.with_timezone(&hours.offset()).date_naive();
                let n = i32::try_from(n).map_err(|_| Error::Invalid {
                    what: "target",
                    reason: format!("{n} working days is too many"),
                })?;
                let day = cal.add_working_days(local, n)?;
                // The schedule has at least one session (WorkingHours::new
                // checks it), so a last session exists.
                let close = hours.sessions().last().map(|s| s.1).unwrap_or_default();
                day.and_time(close)
                    .and_local_timezone(hours.offset())
                    .single()
                    .ok_or(Error::Invalid {
                        what: "target",
                        reason: format!("{day} {close} has no single local time"),
                    })
            }
        }
    }
}

/// How urgent a category is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// Routine.
    Normal,
    /// Urgent (紧急).
    Urgent,
    /// An emergency (特急): danger to life or property.
    Emergency,
}

/// Response and resolution targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceLevel {
    /// Accept or reject within this.
    pub response: Target,
    /// Resolve within this.
    pub resolution: Target,
}

impl ServiceLevel {
    /// Both due times of something that started `at`: the response's, then
    /// the resolution's. The same answers as [`Target::due`] for each, but
    /// the start is placed on the working clock once for both.
    ///
    /// # Errors
    ///
    /// As [`Target::due`], the response's error first.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::DateTime;
    /// use jiceng_calendar::{Calendar, WorkingHours};
    /// use jiceng_grid::{ServiceLevel, Target};
    ///
    /// let (cal, hours) = (Calendar::china_mainland(), WorkingHours::china_standard());
    /// let level = ServiceLevel {
    ///     response: Target::WorkingMinutes(30),
    ///     resolution: Target::WorkingDays(1),
    /// };
    /// let at = DateTime::parse_from_rfc3339("2025-06-13T17:15:00+08:00")?;
    /// let (respond, resolve) = level.due_times(&cal, &hours, at)?;
    /// // 15 minutes on Friday, 15 on Monday; the next working day's close.
    /// assert_eq!(respond.to_rfc3339(), "2025-06-16T08:45:00+08:00");
    /// assert_eq!(resolve.to_rfc3339(), "2025-06-16T17:30:00+08:00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[inline]
    pub fn due_times(
        self,
        cal: &Calendar,
        hours: &WorkingHours,
        at: DateTime<FixedOffset>,
    ) -> Result<(DateTime<FixedOffset>, DateTime<FixedOffset>), Error> {
        // The start is placed on the working clock once: its local day and
        // working position serve both targets, in minutes or in days. Where
        // it cannot be placed (a day outside coverage) or a count of days
        // is too large for the calendar, Target::due answers: the same
        // error for minutes, and for days an answer or its own error (the
        // day before coverage still has a next working day).
        let start = hours.locate(cal, at);
        let due = |target: Target| -> Result<DateTime<FixedOffset>, Error> {
            match (target, &start) {
                (Target::WorkingMinutes(m), Ok(from)) => Ok(hours.add_minutes_from(cal, from, m)?),
                (Target::WorkingDays(n), Ok(from)) if i32::try_from(n).is_ok() => {
                    Ok(hours.close_after_working_days(cal, from, n)?)
                }
                (other, _) => other.due(cal, hours, at),
            }
        };
        let response = due(self.response)?;
        Ok((response, due(self.resolution)?))
    }
}

/// Whether due times computed from `at` are provisional: they needed a day
/// outside the calendar's coverage (the published notices), so a calendar
/// in provisional mode answered it from the statutory holidays and the
/// weekly rule (issue 2: "flags every such answer as provisional").
///
/// The days a due time needs run from the report's local day to the due
/// time's local day; the coverage is one run of days, so that span leaves
/// it exactly when either end does. The flag is two comparisons per due
/// time, with no walk of the calendar: cheap enough for every event of a
/// stream. Under the strict policy a due time outside coverage is an
/// error, so the flag is always false there.
///
/// # Example
///
/// ```
/// use chrono::DateTime;
/// use jiceng_calendar::{Calendar, CoveragePolicy, WorkingHours};
/// use jiceng_grid::{ServiceLevel, Target, due_is_provisional};
///
/// // The bundled notices end on 31 December 2026.
/// let cal = Calendar::china_mainland().with_policy(CoveragePolicy::Provisional);
/// let hours = WorkingHours::china_standard();
/// let level = ServiceLevel {
///     response: Target::WorkingMinutes(15),
///     resolution: Target::WorkingMinutes(60),
/// };
/// let at = DateTime::parse_from_rfc3339("2026-12-31T17:00:00+08:00")?;
/// let (respond, resolve) = level.due_times(&cal, &hours, at)?;
/// // 30 minutes are left on 31 December; the rest needs a day of 2027.
/// assert_eq!(resolve.to_rfc3339(), "2027-01-04T09:00:00+08:00");
/// assert!(due_is_provisional(&cal, &hours, at, respond, resolve));
/// // The response alone (31 December, 17:15) needed no day of 2027.
/// assert_eq!(respond.to_rfc3339(), "2026-12-31T17:15:00+08:00");
/// assert!(!due_is_provisional(&cal, &hours, at, respond, respond));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[inline]
pub fn due_is_provisional(
    cal: &Calendar,
    hours: &WorkingHours,
    at: DateTime<FixedOffset>,
    response_due: DateTime<FixedOffset>,
    resolution_due: DateTime<FixedOffset>,
) -> bool {
    let offset = hours.offset();
    let outside = |t: DateTime<FixedOffset>| !cal.covers(t.with_timezone(&offset).date_naive());
    // The coverage is one run of days, and local days follow instants on
    // one offset: the three are covered when the earliest and the latest
    // are.
    let first = at.min(response_due).min(resolution_due);
    let last = at.max(response_due).max(resolution_due);
    outside(first) || outside(last)
}

/// An event category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// The code (e.g. `0101`), unique in the taxonomy.
    pub code: String,
    /// The major class (e.g. 市容环境).
    pub major: String,
    /// The minor class (e.g. 垃圾桶).
    pub minor: String,
    /// The power items that deal with it, the primary one first.
    pub items: Vec<String>,
    /// Its urgency.
    pub urgency: Urgency,
    /// Its service level.
    pub service: ServiceLevel,
}

/// A set of categories.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Taxonomy {
    /// The categories.
    pub categories: Vec<Category>,
}

impl Taxonomy {
    /// The category with this code.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownCategory`].
    pub fn category(&self, code: &str) -> Result<&Category, Error> {
        self.categories
            .iter()
            .find(|c| c.code == code)
            .ok_or_else(|| Error::UnknownCategory(crate::error::cut(code)))
    }

    /// Checks the taxonomy: unique codes, and at least one power item per
    /// category.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] naming the offending category.
    ///
    /// # Example
    ///
    /// ```
    /// jiceng_grid::Taxonomy::sample().validate()?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate(&self) -> Result<(), Error> {
        match self.problem() {
            None => Ok(()),
            Some((_, _, reason)) => Err(Error::Invalid {
                what: "taxonomy",
                reason,
            }),
        }
    }

    /// The first problem [`Taxonomy::validate`] finds: the offending
    /// category code and which of its occurrences in a file is at fault,
    /// and the reason.
    pub(crate) fn problem(&self) -> Option<(Option<String>, usize, String)> {
        use crate::file::{MAX_CATEGORIES, MAX_ITEMS_PER_CATEGORY};
        if self.categories.len() > MAX_CATEGORIES {
            return Some((
                None,
                0,
                format!(
                    "{} categories, more than {MAX_CATEGORIES}",
                    self.categories.len()
                ),
            ));
        }
        let mut codes = std::collections::BTreeSet::new();
        for c in &self.categories {
            let at = |nth, reason| Some((Some(c.code.clone()), nth, reason));
            if !codes.insert(c.code.as_str()) {
                return at(1, format!("category {} appears twice", c.code));
            }
            if c.items.is_empty() {
                return at(0, format!("category {} names no power item", c.code));
            }
            // The n-th working day after the report's: with n = 0 the
            // report's own day, whose close of office may be before the
            // report or on a day off.
            for (field, target) in [
                ("response", c.service.response),
                ("resolution", c.service.resolution),
            ] {
                if target == Target::WorkingDays(0) {
                    return at(
                        0,
                        format!(
                            "category {}: field `service.{field}` has working_days = 0: a target in working days must be at least 1",
                            c.code
                        ),
                    );
                }
            }
            if c.items.len() > MAX_ITEMS_PER_CATEGORY {
                return at(
                    0,
                    format!(
                        "category {} names {} power items, more than {MAX_ITEMS_PER_CATEGORY}",
                        c.code,
                        c.items.len()
                    ),
                );
            }
        }
        None
    }

    /// A sample taxonomy over the bundled Hebei ledger's items. The codes,
    /// targets and the pairing with items are illustrative.
    ///
    /// | code | class | item | response | resolution |
    /// |---|---|---|---|---|
    /// | 0101 | 市容环境 / 垃圾桶 | HB-CF-016 | 30 min | 120 min |
    /// | 0102 | 市容环境 / 露天烧烤 | HB-CF-007 | 30 min | 1 day |
    /// | 0103 | 市容环境 / 占道经营 | HB-CF-057 | 60 min | 3 days |
    /// | 0201 | 生态环境 / 秸秆焚烧 | HB-CF-011 | 15 min | 60 min |
    /// | 0301 | 安全生产 / 安全培训 | HB-CF-013 | 60 min | 5 days |
    pub fn sample() -> Taxonomy {
        let c = |code: &str, major: &str, minor: &str, item: &str, u, r, res| Category {
            code: code.to_owned(),
            major: major.to_owned(),
            minor: minor.to_owned(),
            items: vec![item.to_owned()],
            urgency: u,
            service: ServiceLevel {
                response: Target::WorkingMinutes(r),
                resolution: res,
            },
        };
        Taxonomy {
            categories: vec![
                c(
                    "0101",
                    "市容环境",
                    "垃圾桶",
                    "HB-CF-016",
                    Urgency::Normal,
                    30,
                    Target::WorkingMinutes(120),
                ),
                c(
                    "0102",
                    "市容环境",
                    "露天烧烤",
                    "HB-CF-007",
                    Urgency::Normal,
                    30,
                    Target::WorkingDays(1),
                ),
                c(
                    "0103",
                    "市容环境",
                    "占道经营",
                    "HB-CF-057",
                    Urgency::Normal,
                    60,
                    Target::WorkingDays(3),
                ),
                c(
                    "0201",
                    "生态环境",
                    "秸秆焚烧",
                    "HB-CF-011",
                    Urgency::Urgent,
                    15,
                    Target::WorkingMinutes(60),
                ),
                c(
                    "0301",
                    "安全生产",
                    "安全培训",
                    "HB-CF-013",
                    Urgency::Normal,
                    60,
                    Target::WorkingDays(5),
                ),
            ],
        }
    }
}
