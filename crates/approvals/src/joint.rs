//! Joint and parallel approvals (并联审批): steps across departments, some
//! waiting for others, scheduled on the calendar.
//!
//! A construction project passes a land-use permit, a planning permit, a
//! construction permit … Done in series, each waits for the one before; done
//! in parallel where the law allows, the project waits only for its
//! critical path. [`Plan::schedule`] gives each step's start and due date,
//! the overall due date, the critical path, and the same steps done in
//! series for comparison (Suning's "22 days from permit to construction
//! start").

use chrono::NaiveDate;
use jiceng_calendar::{Calendar, Period};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::Error;

/// One step of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PlanStep {
    /// The step's name, e.g. `建设工程规划许可`.
    pub name: String,
    /// The body that handles it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// Its limit.
    pub period: Period,
    /// The steps (by index) that must finish first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub after: Vec<usize>,
}

/// Steps and their dependencies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Plan {
    /// The steps; a step may depend only on steps listed before it.
    pub steps: Vec<PlanStep>,
}

/// A step's dates in a schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Scheduled {
    /// The step's name.
    pub name: String,
    /// The day its clock starts (not counted).
    pub start: NaiveDate,
    /// Its due date.
    pub due: NaiveDate,
}

/// A schedule: parallel where allowed, and in series for comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Schedule {
    /// Each step, in plan order.
    pub steps: Vec<Scheduled>,
    /// The last due date.
    pub due: NaiveDate,
    /// The steps (by index) of the critical path, first to last.
    pub critical_path: Vec<usize>,
    /// The last due date if every step waited for the one before.
    pub series_due: NaiveDate,
    /// Working days saved by running in parallel.
    pub working_days_saved: i64,
}

impl Plan {
    /// Schedules the plan from `start`.
    ///
    /// # Errors
    ///
    /// [`Error::Plan`] when a step depends on itself or a later or missing
    /// step; calendar errors.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_approvals::{Plan, PlanStep};
    /// use jiceng_calendar::{Calendar, Period};
    ///
    /// let step = |name: &str, n, after: Vec<usize>| PlanStep {
    ///     name: name.into(), body: None, period: Period::WorkingDays(n), after,
    /// };
    /// let plan = Plan { steps: vec![
    ///     step("用地规划许可", 5, vec![]),
    ///     step("工程规划许可", 7, vec![0]),
    ///     step("施工图审查", 5, vec![0]),
    ///     step("施工许可", 3, vec![1, 2]),
    /// ]};
    /// let s = plan.schedule(&Calendar::china_mainland(), "2025-03-03".parse()?)?;
    /// assert_eq!(s.critical_path, vec![0, 1, 3]);
    /// assert_eq!(s.working_days_saved, 5); // 15 in parallel, 20 in series
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn schedule(&self, cal: &Calendar, start: NaiveDate) -> Result<Schedule, Error> {
        let mut steps: Vec<Scheduled> = Vec::with_capacity(self.steps.len());
        let mut via: Vec<Option<usize>> = Vec::with_capacity(self.steps.len());
        for (i, s) in self.steps.iter().enumerate() {
            let mut begin = start;
            let mut from = None;
            for &a in &s.after {
                if a >= i {
                    return Err(Error::Plan {
                        step: i,
                        on: a,
                        problem: if a == i {
                            "itself"
                        } else {
                            "not listed before it"
                        },
                    });
                }
                if steps[a].due > begin || from.is_none() && steps[a].due == begin {
                    begin = steps[a].due;
                    from = Some(a);
                }
            }
            let due = cal.period_end(begin, s.period)?.end;
            steps.push(Scheduled {
                name: s.name.clone(),
                start: begin,
                due,
            });
            via.push(from);
        }
        let (last, due) = steps
            .iter()
            .enumerate()
            .max_by_key(|(i, s)| (s.due, std::cmp::Reverse(*i)))
            .map(|(i, s)| (Some(i), s.due))
            .unwrap_or((None, start));
        let mut critical_path = Vec::new();
        let mut cur = last;
        while let Some(i) = cur {
            critical_path.push(i);
            cur = via[i];
        }
        critical_path.reverse();
        let mut series_due = start;
        for s in &self.steps {
            series_due = cal.period_end(series_due, s.period)?.end;
        }
        let working_days_saved = cal.working_days_between(due, series_due)?;
        Ok(Schedule {
            steps,
            due,
            critical_path,
            series_due,
            working_days_saved,
        })
    }
}
