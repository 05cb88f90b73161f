//! The statutory periods of a penalty case, with Art. 85.
//!
//! 行政处罚法 Art. 85: "本法中'二日''三日''五日''七日'的规定是指工作日，不含法定
//! 节假日。" So the 5 days to request a hearing (Art. 64(1)), the 7 days'
//! notice of a hearing (Art. 64(2)) and the 7 days to serve an absent party
//! (Art. 61) are working days on the official calendar. Every other period
//! of the law is in calendar days: the 15 days to pay (Art. 67) and the 90
//! days to decide (Art. 60). A calendar-day period whose last day is a day
//! off ends on the first working day after it (Civil Code Art. 203); the
//! day a period starts is not counted (Art. 201).
//!
//! | period | article | unit |
//! |---|---|---|
//! | decision | 60 | 90 calendar days from filing, rolled |
//! | hearing request | 64(1) | 5 working days from the notice |
//! | hearing notice | 64(2) | 7 working days before the hearing |
//! | service | 61 | 7 working days from the decision |
//! | payment | 67 | 15 calendar days from receipt, rolled |

use chrono::NaiveDate;
use jiceng_calendar::{Calendar, Period, PeriodEnd, PeriodOptions, Suspension};

use crate::case::Limits;
use crate::error::Error;

/// Art. 64(1): hearing requested within 5 working days of the notice.
pub const HEARING_REQUEST: Period = Period::WorkingDays(5);
/// Art. 64(2): the party told 7 working days before the hearing.
pub const HEARING_NOTICE: u32 = 7;
/// Art. 61: an absent party served within 7 working days.
pub const SERVICE: Period = Period::WorkingDays(7);
/// Art. 67: a fine paid within 15 days of receiving the decision.
pub const PAYMENT: Period = Period::Days(15);

/// Art. 60: the last day to decide, for a case filed on `filed`, with the
/// excluded intervals (hearing, testing, appraisal: inclusive days) and the
/// extension when `extended`.
///
/// An extension in the same unit as the base period lengthens it (90 + 30
/// days); in another unit it runs from the end of the base period.
///
/// # Errors
///
/// Calendar errors (a date outside coverage under the strict policy).
///
/// # Example
///
/// ```
/// use jiceng_calendar::Calendar;
/// use jiceng_enforcement::{Limits, deadlines::decision_due};
///
/// let cal = Calendar::china_mainland();
/// // Filed 5 March 2025: 90 days end on 3 June, a Tuesday.
/// let due = decision_due(&cal, "2025-03-05".parse()?, &Limits::default(), false, &[])?;
/// assert_eq!(due.end.to_string(), "2025-06-03");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decision_due(
    cal: &Calendar,
    filed: NaiveDate,
    limits: &Limits,
    extended: bool,
    excluded: &[Suspension],
) -> Result<PeriodEnd, Error> {
    let opts = PeriodOptions {
        suspensions: excluded.to_vec(),
        ..PeriodOptions::default()
    };
    let ext = limits.extension.filter(|_| extended);
    let period = match (limits.decision, ext) {
        (p, None) => p,
        // One unit: the extension lengthens the period, and the excluded
        // days count across the whole of it.
        (Period::Days(a), Some(Period::Days(b))) => Period::Days(a.saturating_add(b)),
        (Period::WorkingDays(a), Some(Period::WorkingDays(b))) => {
            Period::WorkingDays(a.saturating_add(b))
        }
        // Two units: the extension runs from the end of the base period.
        (base, Some(e)) => {
            let base = cal.period_end_with(filed, base, &opts)?;
            let end = cal.period_end(base.end, e)?;
            return Ok(PeriodEnd {
                end: end.end,
                provisional: base.provisional || end.provisional,
            });
        }
    };
    Ok(cal.period_end_with(filed, period, &opts)?)
}

/// Art. 60 on the fast path: the end of `n` calendar days after `start`,
/// the days of `excluded` (inclusive intervals, in any order, possibly
/// overlapping) not counted and counting going on after each, then rolled
/// past a day off (Civil Code Art. 203). The same answer as the calendar's
/// `period_end_with` under the continue policy, with no allocation.
///
/// # Errors
///
/// Calendar errors; [`Error::DateOverflow`] past the representable dates.
#[cfg(test)]
pub(crate) fn days_end(
    cal: &Calendar,
    start: NaiveDate,
    n: u32,
    excluded: &mut [(NaiveDate, NaiveDate)],
) -> Result<PeriodEnd, Error> {
    days_end_traced(cal, start, n, excluded).map(|t| t.due)
}

/// A decision date with how it was reached: the day the counting ended
/// before Art. 203's roll (`counted_until`), so that the excluded days that
/// moved the date, and the roll, can be told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Traced {
    /// The due date, rolled.
    pub due: PeriodEnd,
    /// The last day excluded time can have moved the date: the end of the
    /// counting before the roll (of the base period, when an extension in
    /// another unit runs from its end).
    pub counted_until: NaiveDate,
    /// Whether Civil Code Art. 203 moved the end past a day off.
    pub rolled: bool,
}

/// [`days_end`], with its trace.
pub(crate) fn days_end_traced(
    cal: &Calendar,
    start: NaiveDate,
    n: u32,
    excluded: &mut [(NaiveDate, NaiveDate)],
) -> Result<Traced, Error> {
    let overflow = Error::DateOverflow {
        what: "the decision period (行政处罚法第六十条)",
        date: start,
    };
    let mut end = start
        .checked_add_days(chrono::Days::new(u64::from(n)))
        .ok_or(overflow.clone())?;
    if n > 0 {
        excluded.sort_unstable();
        // The last day already skipped: nothing up to it counts again.
        let mut covered = start;
        for &(from, to) in excluded.iter() {
            let first = from.max(covered.succ_opt().ok_or(overflow.clone())?);
            if to < first {
                continue;
            }
            if first > end {
                break;
            }
            let days = (to - first).num_days() + 1;
            end = end
                .checked_add_days(chrono::Days::new(days.unsigned_abs()))
                .ok_or(overflow.clone())?;
            covered = to;
        }
    }
    let nominal = end;
    let end = cal.roll_forward(end)?;
    Ok(Traced {
        due: PeriodEnd {
            end,
            provisional: cal.is_provisional_span(start, end),
        },
        counted_until: nominal,
        rolled: end != nominal,
    })
}

/// [`decision_due`], with its trace: the same due date, and the end of the
/// counting before the roll.
pub(crate) fn decision_traced(
    cal: &Calendar,
    filed: NaiveDate,
    limits: &Limits,
    extended: bool,
    excluded: &[Suspension],
) -> Result<Traced, Error> {
    let due = decision_due(cal, filed, limits, extended, excluded)?;
    let opts = PeriodOptions {
        suspensions: excluded.to_vec(),
        ..PeriodOptions::default()
    }
    .roll(false);
    let ext = limits.extension.filter(|_| extended);
    let (counted_until, nominal) = match (limits.decision, ext) {
        (Period::Days(a), Some(Period::Days(b))) => {
            let n = cal.period_end_with(filed, Period::Days(a.saturating_add(b)), &opts)?;
            (n.end, n.end)
        }
        (Period::WorkingDays(a), Some(Period::WorkingDays(b))) => {
            let n = cal.period_end_with(filed, Period::WorkingDays(a.saturating_add(b)), &opts)?;
            (n.end, n.end)
        }
        (base, Some(e)) => {
            // The excluded time counts within the base period only; the
            // extension runs from its rolled end.
            let base_nominal = cal.period_end_with(filed, base, &opts)?.end;
            let rolled = PeriodOptions {
                suspensions: excluded.to_vec(),
                ..PeriodOptions::default()
            };
            let base_end = cal.period_end_with(filed, base, &rolled)?.end;
            let n = cal.period_end_with(base_end, e, &PeriodOptions::default().roll(false))?;
            (base_nominal, n.end)
        }
        (p, None) => {
            let n = cal.period_end_with(filed, p, &opts)?;
            (n.end, n.end)
        }
    };
    Ok(Traced {
        due,
        counted_until,
        rolled: due.end != nominal,
    })
}

/// The calendar days of `spans` (inclusive intervals, in any order,
/// possibly overlapping) after `after` and up to `until`, each day counted
/// once: the excluded days that moved a period counted from `after` and
/// ending, before any roll, on `until`.
pub(crate) fn days_within(
    spans: &mut [(NaiveDate, NaiveDate)],
    after: NaiveDate,
    until: NaiveDate,
) -> i64 {
    spans.sort_unstable();
    let mut total = 0i64;
    // The last day already counted.
    let mut covered = after;
    for &(from, to) in spans.iter() {
        let first = match covered.succ_opt() {
            Some(next) => from.max(next),
            None => break,
        };
        let last = to.min(until);
        if first <= last {
            total += (last - first).num_days() + 1;
        }
        covered = covered.max(to);
    }
    total
}

/// Art. 64(1): the last day to request a hearing, 5 working days after the
/// notice.
///
/// # Errors
///
/// Calendar errors.
///
/// # Example
///
/// ```
/// use jiceng_calendar::Calendar;
/// use jiceng_enforcement::deadlines::hearing_request_due;
///
/// // Told on Tuesday 30 September 2025: National Day runs 1–8 October;
/// // 9, 10 and Saturday 11 (worked) October, 13 and 14 October.
/// let due = hearing_request_due(&Calendar::china_mainland(), "2025-09-30".parse()?)?;
/// assert_eq!(due.end.to_string(), "2025-10-14");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn hearing_request_due(cal: &Calendar, notified: NaiveDate) -> Result<PeriodEnd, Error> {
    Ok(cal.period_end(notified, HEARING_REQUEST)?)
}

/// Art. 64(2): the last day to tell the party of a hearing on `hearing_on`:
/// 7 working days before it, so that 7 working days run from the notice
/// (not counted) to the hearing (counted).
///
/// # Errors
///
/// Calendar errors.
///
/// # Example
///
/// ```
/// use jiceng_calendar::Calendar;
/// use jiceng_enforcement::deadlines::hearing_notice_by;
///
/// // A hearing on Friday 17 October 2025: 17, 16, 15, 14, 13, Saturday 11
/// // (worked) and 10 October are the 7 working days; notice by 9 October.
/// let by = hearing_notice_by(&Calendar::china_mainland(), "2025-10-17".parse()?)?;
/// assert_eq!(by.to_string(), "2025-10-09");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn hearing_notice_by(cal: &Calendar, hearing_on: NaiveDate) -> Result<NaiveDate, Error> {
    // The 7th working day counted back from the hearing day itself is the
    // first of the 7; the notice must come on a day before it.
    let first = cal.add_working_days(hearing_on, -(HEARING_NOTICE as i32 - 1))?;
    let first = if cal.is_working_day(hearing_on)? {
        first
    } else {
        // A hearing on a day off: the 7 working days are the ones before it.
        cal.add_working_days(hearing_on, -(HEARING_NOTICE as i32))?
    };
    first.pred_opt().ok_or(Error::DateOverflow {
        what: "the hearing notice (行政处罚法第六十四条)",
        date: hearing_on,
    })
}

/// Art. 61: the last day to serve a decision on an absent party, 7 working
/// days after the decision.
///
/// # Errors
///
/// Calendar errors.
pub fn service_due(cal: &Calendar, decided: NaiveDate) -> Result<PeriodEnd, Error> {
    Ok(cal.period_end(decided, SERVICE)?)
}

/// Art. 67: the last day to pay, 15 calendar days after receiving the
/// decision, rolled past a day off (Civil Code Art. 203).
///
/// # Errors
///
/// Calendar errors.
///
/// # Example
///
/// ```
/// use jiceng_calendar::Calendar;
/// use jiceng_enforcement::deadlines::payment_due;
///
/// // Served 16 September 2025: 15 days end on 1 October, National Day;
/// // the period ends on 9 October, the first working day after.
/// let due = payment_due(&Calendar::china_mainland(), "2025-09-16".parse()?)?;
/// assert_eq!(due.end.to_string(), "2025-10-09");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn payment_due(cal: &Calendar, served: NaiveDate) -> Result<PeriodEnd, Error> {
    Ok(cal.period_end(served, PAYMENT)?)
}

/// The last day to file after a clue, under the configured rule.
///
/// # Errors
///
/// Calendar errors.
pub fn filing_due(cal: &Calendar, clue: NaiveDate, period: Period) -> Result<PeriodEnd, Error> {
    Ok(cal.period_end(clue, period)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiceng_calendar::CoveragePolicy;

    /// Pinned by mutation testing: a 0-day period excludes nothing, so its
    /// end is the start day rolled (Art. 203), even on the last date chrono
    /// can represent. There the roll is refused by the calendar (the day is
    /// past its horizon); the days of an interval are never looked at, so
    /// the refusal is not an overflow of the decision period.
    #[test]
    fn zero_days_look_at_no_interval() {
        let cal = Calendar::china_mainland().with_policy(CoveragePolicy::Provisional);
        let last = NaiveDate::MAX;
        let r = days_end(&cal, last, 0, &mut [(last, last)]);
        assert!(
            matches!(
                r,
                Err(Error::Calendar(
                    jiceng_calendar::Error::BeyondHorizon { .. }
                ))
            ),
            "{r:?}"
        );
        // Inside coverage: 0 days from Friday 27 June 2025 end that day,
        // whatever follows.
        let friday = NaiveDate::from_ymd_opt(2025, 6, 27).expect("a valid date");
        let next = NaiveDate::from_ymd_opt(2025, 6, 30).expect("a valid date");
        let r = days_end(&cal, friday, 0, &mut [(next, next)]).map(|p| p.end);
        assert_eq!(r, Ok(friday));
    }

    /// A filing day `start` days after 2024-01-01 and the excluded
    /// intervals the properties generate, each `from` days after filing
    /// and `len` days long: as the fast path takes them, and as the
    /// calendar's suspensions.
    fn generated(
        start: i64,
        spans: &[(i64, i64)],
    ) -> (NaiveDate, Vec<(NaiveDate, NaiveDate)>, Vec<Suspension>) {
        let base = NaiveDate::from_ymd_opt(2024, 1, 1).expect("a valid date");
        let day = |k: i64| base + chrono::Days::new(k.unsigned_abs());
        let fast: Vec<(NaiveDate, NaiveDate)> = spans
            .iter()
            .map(|&(from, len)| (day(start + 1 + from), day(start + 1 + from + len)))
            .collect();
        let list = fast
            .iter()
            .filter_map(|&(a, b)| Suspension::new(a, b, "excluded").ok())
            .collect();
        (day(start), fast, list)
    }

    proptest::proptest! {
        /// The fast path gives the calendar's answer (the general path that
        /// `evaluate` takes past eight excluded intervals): the same due day
        /// and flag, or the same refusal, for any start, length and up to
        /// eight intervals in any order, overlapping or not.
        #[test]
        fn the_fast_path_agrees_with_the_calendar(
            start in 0i64..800,
            n in 0u32..200,
            spans in proptest::collection::vec((0i64..500, 0i64..40), 0..=8),
        ) {
            let cal = Calendar::china_mainland();
            let (filed, mut fast, list) = generated(start, &spans);
            let limits = Limits {
                filing: None,
                decision: Period::Days(n),
                extension: None,
                exclude_hearing: true,
                exclude_suspensions: true,
            };
            let general = decision_due(&cal, filed, &limits, false, &list);
            let quick = days_end(&cal, filed, n, &mut fast);
            proptest::prop_assert_eq!(
                format!("{quick:?}"),
                format!("{general:?}"),
                "filed {} n {} spans {:?}",
                filed,
                n,
                spans
            );
        }

        /// Both paths tell the same trace, and the excluded days counted up
        /// to the end of the counting are exactly the days that moved it:
        /// the unrolled end is `n` + those days after filing.
        #[test]
        fn the_excluded_days_are_the_days_that_moved_the_end(
            start in 0i64..800,
            n in 1u32..200,
            spans in proptest::collection::vec((0i64..500, 0i64..40), 0..=8),
        ) {
            let cal = Calendar::china_mainland();
            let (filed, mut fast, list) = generated(start, &spans);
            let limits = Limits {
                decision: Period::Days(n),
                ..Limits::default()
            };
            let quick = days_end_traced(&cal, filed, n, &mut fast);
            let general = decision_traced(&cal, filed, &limits, false, &list);
            proptest::prop_assert_eq!(quick.clone(), general);
            if let Ok(t) = quick {
                let days = days_within(&mut fast, filed, t.counted_until);
                proptest::prop_assert_eq!(
                    days,
                    (t.counted_until - filed).num_days() - i64::from(n)
                );
                proptest::prop_assert_eq!(t.rolled, t.due.end != t.counted_until);
            }
        }
    }
}
