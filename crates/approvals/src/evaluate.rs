//! Both clocks of a case, and its status on a date.
//!
//! * **Acceptance (Art. 32).** Incomplete materials must be notified in full
//!   within 5 working days of receipt; if they are not, the application
//!   counts as accepted on the day the materials were received. So the
//!   clock starts on the acceptance event when a notice came in time, and
//!   on the day of receipt otherwise, even before anyone pressed "accept".
//! * **The statutory clock (Arts. 42, 45, 82).** 20 working days from
//!   acceptance (45 for joint handling), plus the one extension if it was
//!   approved (10, or 15); the days the clock was suspended for a hearing,
//!   testing, expert review … are not counted. A suspension runs from the
//!   day it starts to the day before the case resumed; one still running
//!   stops the clock through the evaluation date.
//! * **The promised clock.** The same rules from the same start, with the
//!   promise instead of the statute and no extension: a promise is a
//!   service commitment, not law. A case can be late against the promise
//!   and still lawful; both clocks are always reported.
//! * **Delivery (Art. 44).** 10 working days from the decision.

use chrono::NaiveDate;
use jiceng_calendar::{Calendar, Explanation, Period, PeriodOptions, Suspension, SuspensionPolicy};
use schemars::JsonSchema;
use serde::Serialize;

use crate::case::{Application, Case, Limits, Outcome, State};
use crate::error::Error;

/// Options of [`evaluate`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// A case with this many working days or fewer left before a due date
    /// is "due soon". 2 by default.
    pub due_soon_days: u32,
}

impl Default for Options {
    fn default() -> Options {
        Options { due_soon_days: 2 }
    }
}

/// The status of a case on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Received, not accepted, the Art. 32 notice period still running.
    AwaitingAcceptance,
    /// Waiting for the applicant's supplement.
    AwaitingSupplement,
    /// Accepted, both clocks comfortable.
    OnTrack,
    /// A due date within the "due soon" threshold.
    DueSoon,
    /// The clock stands still (Art. 45).
    Suspended,
    /// Past the promised date, within the statute.
    LateAgainstPromise,
    /// Past the statutory date.
    LateAgainstStatute,
    /// Decided before the due date (the promise, or the statute without one).
    ClosedEarly,
    /// Decided on the due date.
    ClosedOnTime,
    /// Decided after the promise, within the statute.
    ClosedLateAgainstPromise,
    /// Decided after the statutory date.
    ClosedLateAgainstStatute,
    /// Not accepted.
    Rejected,
    /// Withdrawn.
    Withdrawn,
}

impl Status {
    /// Whether the case is finished (decided, rejected or withdrawn).
    pub fn is_closed(self) -> bool {
        self >= Status::ClosedEarly
    }
}

/// The dates that govern a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
pub struct Deadlines {
    /// The day materials were received.
    pub received: Option<NaiveDate>,
    /// Art. 32: the last day to notify incomplete materials.
    pub notice_due: Option<NaiveDate>,
    /// The day the clocks start.
    pub acceptance: Option<NaiveDate>,
    /// True when acceptance was deemed on the day of receipt (Art. 32).
    pub deemed_accepted: bool,
    /// True when an extension was approved after the statutory limit had
    /// run out, so it was not counted (Art. 42).
    pub extension_late: bool,
    /// The statutory due date.
    pub statutory_due: Option<NaiveDate>,
    /// The promised due date.
    pub promised_due: Option<NaiveDate>,
    /// The decision, if any.
    pub decided: Option<NaiveDate>,
    /// Art. 44: the last day to deliver.
    pub delivery_due: Option<NaiveDate>,
    /// True when a date above depends on days no holiday notice covers yet.
    pub provisional: bool,
}

/// A case evaluated on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Evaluation {
    /// The state of the log on the date.
    pub state: State,
    /// The status.
    pub status: Status,
    /// The dates.
    pub deadlines: Deadlines,
    /// Working days from acceptance to decision, suspended days not counted.
    pub working_days_used: Option<i64>,
    /// Working days the clock stood still, up to the decision or the date.
    pub suspended_working_days: i64,
    /// Decided on the day the materials were received.
    pub same_day: bool,
    /// Delivered after the Art. 44 limit, or not delivered by it.
    pub delivery_late: bool,
}

fn wd(p: Period) -> Result<u32, Error> {
    match p {
        Period::WorkingDays(n) => Ok(n),
        other => Err(Error::NotWorkingDays {
            period: other.to_string(),
        }),
    }
}

/// The statutory limit of a case: the base, plus the extension once
/// approved.
///
/// # Errors
///
/// [`Error::NotWorkingDays`] for a limit not in working days;
/// [`Error::LimitTooLarge`] when the sum exceeds [`Period::MAX_AMOUNT`].
pub fn statutory_limit(limits: &Limits, extended: bool) -> Result<Period, Error> {
    let base = wd(limits.statutory)?;
    let ext = if extended { wd(limits.extension)? } else { 0 };
    let total = base
        .checked_add(ext)
        .filter(|n| *n <= Period::MAX_AMOUNT)
        .ok_or(Error::LimitTooLarge {
            statutory: limits.statutory.to_string(),
            extension: limits.extension.to_string(),
        })?;
    Ok(Period::WorkingDays(total))
}

/// The clock suspensions of an application as of `at`, as inclusive
/// intervals of stopped days.
pub fn suspensions(app: &Application, at: NaiveDate) -> Vec<Suspension> {
    // Most cases have no suspension: allocate only when there is one.
    let mut out = Vec::new();
    for (from, resumed, reason) in &app.suspensions {
        if let Some(to) = resumed.pred_opt() {
            if to >= *from {
                out.push(Suspension {
                    from: *from,
                    to,
                    reason: reason.zh().to_owned(),
                });
            }
        }
    }
    if let Some((from, reason)) = app.open_suspension {
        if at >= from {
            out.push(Suspension {
                from,
                to: at,
                reason: reason.zh().to_owned(),
            });
        }
    }
    out
}

/// The options both clocks run under: Civil Code Art. 203's roll, and the
/// application's suspensions as of `at` (Art. 45: suspended days are not
/// counted).
fn clock_options(app: &Application, at: NaiveDate) -> PeriodOptions {
    PeriodOptions {
        roll_past_days_off: true,
        suspensions: suspensions(app, at),
        suspension_policy: SuspensionPolicy::Continue,
    }
}

fn end(
    cal: &Calendar,
    start: NaiveDate,
    period: Period,
    opts: Option<&PeriodOptions>,
    provisional: &mut bool,
) -> Result<NaiveDate, Error> {
    let r = match opts {
        Some(o) if !o.suspensions.is_empty() => cal.period_end_with(start, period, o)?,
        _ => cal.period_end(start, period)?,
    };
    *provisional |= r.provisional;
    Ok(r.end)
}

/// Working days of `sus` inside `(a, b]`.
fn suspended_between(
    cal: &Calendar,
    sus: &[Suspension],
    a: NaiveDate,
    b: NaiveDate,
) -> Result<i64, Error> {
    let mut n = 0;
    for s in sus {
        let lo = s.from.pred_opt().unwrap_or(s.from).max(a);
        let hi = s.to.min(b);
        if hi > lo {
            n += cal.working_days_between(lo, hi)?;
        }
    }
    Ok(n)
}

/// Evaluates a case on `at`: its state, deadlines and status. Events after
/// `at` are not yet known and are ignored.
///
/// # Errors
///
/// The log's first invalid event ([`Error::AtEvent`]); a limit that is not
/// in working days; a calendar error (a date outside coverage under the
/// strict policy).
///
/// # Example
///
/// ```
/// use jiceng_approvals::{evaluate, Case, Options, Status};
/// use jiceng_calendar::Calendar;
///
/// let case: Case = serde_json::from_str(r#"{
///     "id": "SC-1", "promised": "7wd",
///     "events": [
///         {"date": "2025-09-22", "kind": "received"},
///         {"date": "2025-09-22", "kind": "accepted"},
///         {"date": "2025-10-13", "kind": "decided", "outcome": "granted"}
///     ]
/// }"#)?;
/// let cal = Calendar::china_mainland();
/// let e = evaluate(&case, "2025-10-31".parse()?, &cal, &Options::default())?;
/// assert_eq!(e.deadlines.promised_due.unwrap().to_string(), "2025-09-30");
/// assert_eq!(e.deadlines.statutory_due.unwrap().to_string(), "2025-10-24");
/// // Late against the promise, lawful under the statute.
/// assert_eq!(e.status, Status::ClosedLateAgainstPromise);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn evaluate(
    case: &Case,
    at: NaiveDate,
    cal: &Calendar,
    opts: &Options,
) -> Result<Evaluation, Error> {
    let app = Application::replay(&case.events, Some(at))?;
    evaluate_app(&app, &case.limits, at, cal, opts)
}

/// As [`evaluate`], for an application already replayed.
///
/// # Errors
///
/// As [`evaluate`].
pub fn evaluate_app(
    app: &Application,
    limits: &Limits,
    at: NaiveDate,
    cal: &Calendar,
    opts: &Options,
) -> Result<Evaluation, Error> {
    let at = closed_at(app, at);
    let mut d = Deadlines {
        received: app.received,
        decided: app.decided.map(|(x, _)| x),
        ..Deadlines::default()
    };
    let mut provisional = false;
    let mut eval = Evaluation {
        state: app.state(),
        status: Status::AwaitingAcceptance,
        deadlines: d,
        working_days_used: None,
        suspended_working_days: 0,
        same_day: false,
        delivery_late: false,
    };
    let Some(received) = app.received else {
        return Ok(eval);
    };
    let notice_due = end(
        cal,
        received,
        Period::WorkingDays(5),
        None,
        &mut provisional,
    )?;
    d.notice_due = Some(notice_due);
    let timely_notice = app.first_notice.is_some_and(|n| n <= notice_due);
    // Art. 32: without a timely notice, receipt is acceptance; the clock runs
    // from then even if nobody accepted yet, once the notice period is over.
    let acceptance = if timely_notice {
        app.accepted
    } else if app.accepted.is_some() || at > notice_due {
        Some(received)
    } else {
        None
    };
    d.deemed_accepted = acceptance.is_some() && !timely_notice && app.accepted != Some(received);
    d.acceptance = acceptance;
    if let Some(acc) = acceptance {
        let opts = clock_options(app, at);
        let sus = Some(&opts);
        // Art. 42: the extension is approved within the 20 days; one
        // approved after the limit ran out does not revive it.
        let base_due = end(
            cal,
            acc,
            statutory_limit(limits, false)?,
            sus,
            &mut provisional,
        )?;
        d.statutory_due = Some(match app.extended {
            Some((date, _)) if date <= base_due => end(
                cal,
                acc,
                statutory_limit(limits, true)?,
                sus,
                &mut provisional,
            )?,
            Some(_) => {
                d.extension_late = true;
                base_due
            }
            None => base_due,
        });
        if let Some(p) = limits.promised {
            d.promised_due = Some(end(cal, acc, p, sus, &mut provisional)?);
        }
        let until = d.decided.unwrap_or(at).max(acc);
        eval.suspended_working_days = suspended_between(cal, &opts.suspensions, acc, until)?;
        if let Some(dec) = d.decided {
            let used = cal.working_days_between(acc, dec)? - eval.suspended_working_days;
            eval.working_days_used = Some(used.max(0));
            // Art. 44: a licence granted is issued or served within 10
            // working days; a refusal has no licence to deliver.
            if matches!(app.decided, Some((_, Outcome::Granted))) {
                let due = end(cal, dec, limits.delivery, None, &mut provisional)?;
                d.delivery_due = Some(due);
                eval.delivery_late = match app.delivered {
                    Some(x) => x > due,
                    None => at > due,
                };
            }
        }
    }
    eval.same_day = d.decided.is_some_and(|x| x == received);
    d.provisional = provisional;
    eval.status = status(app, &d, at, cal, opts)?;
    eval.deadlines = d;
    Ok(eval)
}

/// A rejected or withdrawn case stands still from the day it ended: a later
/// evaluation date must neither deem it accepted (Art. 32) nor stretch a
/// suspension that was still open when it ended.
fn closed_at(app: &Application, at: NaiveDate) -> NaiveDate {
    app.ended.map_or(at, |ended| ended.min(at))
}

fn status(
    app: &Application,
    d: &Deadlines,
    at: NaiveDate,
    cal: &Calendar,
    opts: &Options,
) -> Result<Status, Error> {
    match app.state() {
        State::Rejected => return Ok(Status::Rejected),
        State::Withdrawn => return Ok(Status::Withdrawn),
        _ => {}
    }
    if let (Some(dec), Some(stat)) = (d.decided, d.statutory_due) {
        let target = d.promised_due.unwrap_or(stat);
        return Ok(if dec > stat {
            Status::ClosedLateAgainstStatute
        } else if d.promised_due.is_some_and(|p| dec > p) {
            Status::ClosedLateAgainstPromise
        } else if dec < target {
            Status::ClosedEarly
        } else {
            Status::ClosedOnTime
        });
    }
    let Some(stat) = d.statutory_due else {
        return Ok(match app.state() {
            State::AwaitingSupplement => Status::AwaitingSupplement,
            _ => Status::AwaitingAcceptance,
        });
    };
    if at > stat {
        return Ok(Status::LateAgainstStatute);
    }
    if d.promised_due.is_some_and(|p| at > p) {
        return Ok(Status::LateAgainstPromise);
    }
    if app.state() == State::Suspended {
        return Ok(Status::Suspended);
    }
    let next = d.promised_due.unwrap_or(stat);
    let left = cal.working_days_between(at, next)?;
    Ok(if left <= i64::from(opts.due_soon_days) {
        Status::DueSoon
    } else {
        Status::OnTrack
    })
}

/// The explanation of a case's two clocks: the acceptance rule applied and
/// each period end with its skipped days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct CaseExplanation {
    /// How the acceptance date was found (Art. 32).
    pub acceptance: String,
    /// The statutory clock, when running.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statutory: Option<Explanation>,
    /// The promised clock, when there is a promise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub promised: Option<Explanation>,
    /// The extension, if approved: date and approver.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extension: Option<String>,
}

/// Explains a case's deadlines on `at`.
///
/// # Errors
///
/// As [`evaluate`].
pub fn explain(
    case: &Case,
    at: NaiveDate,
    cal: &Calendar,
    opts: &Options,
) -> Result<CaseExplanation, Error> {
    let app = Application::replay(&case.events, Some(at))?;
    let e = evaluate_app(&app, &case.limits, at, cal, opts)?;
    let at = closed_at(&app, at);
    let d = e.deadlines;
    let acceptance = match (d.received, d.acceptance) {
        (None, _) => "no materials received yet".to_owned(),
        (Some(r), None) => format!(
            "received {r}; not accepted yet; incomplete materials must be notified by {} (行政许可法第三十二条)",
            d.notice_due.map(|x| x.to_string()).unwrap_or_default()
        ),
        (Some(r), Some(a)) if d.deemed_accepted => format!(
            "received {r}; no incomplete-materials notice by {}, so the application counts as accepted on the day of receipt, {a} (行政许可法第三十二条)",
            d.notice_due.map(|x| x.to_string()).unwrap_or_default()
        ),
        (Some(r), Some(a)) => format!(
            "received {r}; accepted {a}; the clocks start the day after acceptance (民法典第二百零一条)"
        ),
    };
    let mut out = CaseExplanation {
        acceptance,
        statutory: None,
        promised: None,
        extension: app.extended.as_ref().map(|(date, by)| {
            if d.extension_late {
                format!(
                    "extended on {date}, approved by {by}, after the statutory limit had run out: not counted (行政许可法第四十二条)"
                )
            } else {
                format!("extended on {date}, approved by {by} (行政许可法第四十二条)")
            }
        }),
    };
    if let Some(acc) = d.acceptance {
        let opts = clock_options(&app, at);
        out.statutory = Some(cal.explain_period_end(
            acc,
            statutory_limit(&case.limits, app.extended.is_some() && !d.extension_late)?,
            &opts,
        )?);
        if let Some(p) = case.limits.promised {
            out.promised = Some(cal.explain_period_end(acc, p, &opts)?);
        }
    }
    Ok(out)
}
