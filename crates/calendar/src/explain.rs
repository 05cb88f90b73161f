//! Explanations: why a period ends where it does.
//!
//! A clerk who tells an applicant "the decision is due on 9 October" must be
//! able to show why: the day the period started (not counted, Civil Code
//! Art. 201), each day that was not counted (a weekend, a holiday and the
//! notice that made it one, a suspension and its reason), and whether the
//! end was moved past a day off (Art. 203). [`Explanation`] is that record,
//! as data that serializes to JSON and prints as text.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::Serialize;

use crate::calendar::{Calendar, DayKind};
use crate::error::Error;
use crate::period::{Period, PeriodOptions, Trace};
use crate::suspension::{Suspension, SuspensionPolicy, merge};

/// Why a period ends where it does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Explanation {
    /// The calendar used, by name.
    pub calendar: String,
    /// The first and last day its notices cover.
    pub coverage: Coverage,
    /// The day the period started (not itself counted).
    pub start: NaiveDate,
    /// The period.
    pub period: Period,
    /// The last day of the period.
    pub end: NaiveDate,
    /// True when a day between start and end lies outside coverage and was
    /// taken from the weekly rule.
    pub provisional: bool,
    /// The end before Civil Code Art. 203 moved it past days off; equal to
    /// `end` when it was not moved.
    pub nominal_end: NaiveDate,
    /// The days between start and end that were not counted, in order, each
    /// with its reason. For calendar-day periods only suspended days and the
    /// days the end was moved past appear.
    pub skipped: Vec<SkippedDay>,
    /// The suspensions in force (merged), and under the reset policy the
    /// one after which counting restarted.
    pub suspensions: Vec<Suspension>,
    /// Under [`SuspensionPolicy::Reset`], the suspension after which the
    /// count restarted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restarted_after: Option<Suspension>,
    /// The rules applied, with the article each comes from.
    pub rules: Vec<Rule>,
}

/// A calendar's coverage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Coverage {
    /// The first covered day.
    pub first: NaiveDate,
    /// The last covered day.
    pub last: NaiveDate,
}

/// A day that was not counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct SkippedDay {
    /// The day.
    pub date: NaiveDate,
    /// Why it was not counted.
    pub reason: SkipReason,
}

/// Why a day was not counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SkipReason {
    /// A weekend day under the weekly rule.
    Weekend {
        /// True when the day lies outside coverage, so that a notice not
        /// yet published may still make it a working day.
        provisional: bool,
    },
    /// A day off under a notice.
    Holiday {
        /// The holiday, e.g. `春节`.
        name: String,
        /// The notice's document number.
        document: String,
        /// The overlay's region, for a regional day off.
        #[serde(skip_serializing_if = "Option::is_none")]
        region: Option<String>,
    },
    /// The clock stood still.
    Suspended {
        /// The suspension's reason.
        reason: String,
    },
    /// The nominal end was a day off and the end moved past it
    /// (Civil Code Art. 203); `day` says what kind of day off it was.
    RolledPast {
        /// The reason the day was a day off.
        day: Box<SkipReason>,
    },
}

/// A rule applied, with its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Rule {
    /// The source, e.g. `民法典第二百零一条`.
    pub citation: String,
    /// What the rule says, in a sentence.
    pub text: String,
}

fn rule(citation: &str, text: &str) -> Rule {
    Rule {
        citation: citation.to_owned(),
        text: text.to_owned(),
    }
}

pub(crate) fn build(
    cal: &Calendar,
    start: NaiveDate,
    period: Period,
    opts: &PeriodOptions,
    trace: &Trace,
) -> Result<Explanation, Error> {
    let suspensions = merge(&opts.suspensions);
    let restarted_after = trace
        .restarted_after
        .and_then(|(from, _)| suspensions.iter().find(|s| s.from == from).cloned());
    let working = matches!(period, Period::WorkingDays(_));
    let mut skipped = Vec::new();
    // Under the reset policy the days before the restart were counted and
    // then discarded; the explanation lists the days from the restart on.
    let from = trace.restarted_after.map_or(start, |(_, to)| to.max(start));
    let mut day = from;
    while day < trace.end {
        day = match day.succ_opt() {
            Some(d) => d,
            None => break,
        };
        if trace.nominal_end != trace.end && day >= trace.nominal_end {
            if day < trace.end {
                let reason = day_off_reason(cal, day)?;
                skipped.push(SkippedDay {
                    date: day,
                    reason: SkipReason::RolledPast {
                        day: Box::new(reason),
                    },
                });
            }
            continue;
        }
        if let Some(s) = suspensions.iter().find(|s| s.contains(day)) {
            if !working || cal.is_working_day(day)? {
                skipped.push(SkippedDay {
                    date: day,
                    reason: SkipReason::Suspended {
                        reason: s.reason.clone(),
                    },
                });
                continue;
            }
        }
        if working && !cal.is_working_day(day)? {
            skipped.push(SkippedDay {
                date: day,
                reason: day_off_reason(cal, day)?,
            });
        }
    }

    let mut rules = vec![rule(
        "民法典第二百零一条",
        "the day on which a period starts is not counted; counting starts the next day",
    )];
    match period {
        Period::WorkingDays(_) => rules.push(rule(
            "国务院办公厅节假日安排通知",
            "working days exclude weekends and the public holidays of the State Council's notices, \
             and include the weekend days those notices make working days",
        )),
        Period::Months(_) | Period::Years(_) => rules.push(rule(
            "民法典第二百零二条",
            "a period in months or years ends on the corresponding day of its last month, \
             or on that month's last day where there is no corresponding day",
        )),
        Period::Days(_) => {}
    }
    if trace.nominal_end != trace.end {
        rules.push(rule(
            "民法典第二百零三条",
            "a period whose last day is a statutory day off ends on the first working day after it",
        ));
    } else if !opts.roll_past_days_off && !working {
        rules.push(rule(
            "民法典第二百零四条",
            "the rule moving an end past days off is not applied, as the instrument provides otherwise",
        ));
    }
    if !suspensions.is_empty() {
        rules.push(match opts.suspension_policy {
            SuspensionPolicy::Continue => rule(
                "行政许可法第四十五条",
                "time during which the clock is suspended (hearing, tender, auction, inspection, testing, \
                 quarantine, appraisal, expert review) is not counted",
            ),
            SuspensionPolicy::Reset => rule(
                "suspension (reset)",
                "after a suspension the period runs again in full from the day after it ends",
            ),
        });
    }
    let provisional = cal.is_provisional_span(start, trace.end);
    if provisional {
        let (_, last) = cal.coverage();
        rules.push(Rule {
            citation: "provisional".to_owned(),
            text: format!(
                "days outside the calendar's coverage (after {last} or before it) follow the weekly rule; \
                 the notice for them is not yet published, so the answer may change"
            ),
        });
    }
    let (first, last) = cal.coverage();
    Ok(Explanation {
        calendar: cal.name().to_owned(),
        coverage: Coverage { first, last },
        start,
        period,
        end: trace.end,
        provisional,
        nominal_end: trace.nominal_end,
        skipped,
        suspensions,
        restarted_after,
        rules,
    })
}

fn day_off_reason(cal: &Calendar, day: NaiveDate) -> Result<SkipReason, Error> {
    let info = cal.day(day)?;
    Ok(match (info.kind, info.holiday) {
        (DayKind::Holiday, Some(h)) => SkipReason::Holiday {
            name: h.name,
            document: h.document,
            region: h.region,
        },
        _ => SkipReason::Weekend {
            provisional: info.provisional,
        },
    })
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::Weekend { provisional: false } => f.write_str("weekend"),
            SkipReason::Weekend { provisional: true } => {
                f.write_str("weekend (provisional: no notice covers this day yet)")
            }
            SkipReason::Holiday {
                name,
                document,
                region,
            } => {
                write!(f, "holiday {name} ({document})")?;
                if let Some(r) = region {
                    write!(f, " [region {r}]")?;
                }
                Ok(())
            }
            SkipReason::Suspended { reason } => write!(f, "suspended: {reason}"),
            SkipReason::RolledPast { day } => write!(f, "end moved past a day off: {day}"),
        }
    }
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "calendar  {} (covers {}..={})",
            self.calendar, self.coverage.first, self.coverage.last
        )?;
        writeln!(
            f,
            "start     {} {} (not counted)",
            self.start,
            self.start.weekday()
        )?;
        writeln!(f, "period    {}", self.period)?;
        for s in &self.suspensions {
            writeln!(f, "suspended {}..={} {}", s.from, s.to, s.reason)?;
        }
        if let Some(s) = &self.restarted_after {
            writeln!(
                f,
                "restarted after the suspension {}..={} ({})",
                s.from, s.to, s.reason
            )?;
        }
        for s in &self.skipped {
            writeln!(f, "skipped   {} {}  {}", s.date, s.date.weekday(), s.reason)?;
        }
        if self.nominal_end != self.end {
            writeln!(
                f,
                "nominal   {} {}",
                self.nominal_end,
                self.nominal_end.weekday()
            )?;
        }
        writeln!(
            f,
            "end       {} {}{}",
            self.end,
            self.end.weekday(),
            if self.provisional {
                " (provisional)"
            } else {
                ""
            }
        )?;
        for r in &self.rules {
            writeln!(f, "rule      {}: {}", r.citation, r.text)?;
        }
        Ok(())
    }
}
