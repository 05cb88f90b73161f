//! Joint plans: the critical path, and the same steps in series.

use jiceng_approvals::{Error, Plan, PlanStep};
use jiceng_calendar::Period;

use crate::{cal, day, wd};

fn step(name: &str, period: Period, after: &[usize]) -> PlanStep {
    PlanStep {
        name: name.to_owned(),
        body: None,
        period,
        after: after.to_vec(),
    }
}

/// A construction project from Monday 22 Sep 2025.
fn project() -> Plan {
    Plan {
        steps: vec![
            step("用地规划许可", wd(5), &[]),
            step("工程规划许可", wd(7), &[0]),
            step("施工图审查", wd(5), &[0]),
            step("施工许可", wd(3), &[1, 2]),
        ],
    }
}

#[test]
fn critical_path_and_series_across_national_day() {
    let s = project().schedule(&cal(), day("2025-09-22")).unwrap();
    let dates: Vec<(&str, String, String)> = s
        .steps
        .iter()
        .map(|x| (x.name.as_str(), x.start.to_string(), x.due.to_string()))
        .collect();
    assert_eq!(
        dates,
        [
            // 23–26 Sep (4), Sunday 28 Sep worked (5).
            ("用地规划许可", "2025-09-22".into(), "2025-09-28".into()),
            // 29–30 Sep (2), 1–8 Oct off, 9–10 Oct (4), Saturday 11 Oct
            // (5), 13–14 Oct (7).
            ("工程规划许可", "2025-09-28".into(), "2025-10-14".into()),
            // 29–30 Sep (2), 9–10 Oct (4), Saturday 11 Oct (5).
            ("施工图审查", "2025-09-28".into(), "2025-10-11".into()),
            // After the later of 14 and 11 Oct: 15–17 Oct.
            ("施工许可", "2025-10-14".into(), "2025-10-17".into()),
        ]
    );
    assert_eq!(s.due, day("2025-10-17"));
    assert_eq!(s.critical_path, [0, 1, 3]);
    // In series: 28 Sep, then 7 → 14 Oct, then 5 → 15–17, 20–21 Oct,
    // then 3 → 22–24 Oct: 20 working days, the statutory date.
    assert_eq!(s.series_due, day("2025-10-24"));
    // 20–24 Oct.
    assert_eq!(s.working_days_saved, 5);
}

#[test]
fn independent_steps_start_together() {
    // Three independent steps from Monday 20 Jan 2025: the longest decides.
    let plan = Plan {
        steps: vec![
            step("a", wd(2), &[]),
            // 21–24 Jan (4), Sunday 26 Jan (5), 27 Jan (6), 5 Feb (7).
            step("b", wd(7), &[]),
            step("c", wd(3), &[]),
        ],
    };
    let s = plan.schedule(&cal(), day("2025-01-20")).unwrap();
    assert!(s.steps.iter().all(|x| x.start == day("2025-01-20")));
    assert_eq!(s.steps[1].due, day("2025-02-05"));
    assert_eq!(s.due, day("2025-02-05"));
    assert_eq!(s.critical_path, [1]);
    // 12 in series: 5 Feb (7), 6–7 Feb (9), Saturday 8 Feb (10), 10–11 Feb (12).
    assert_eq!(s.series_due, day("2025-02-11"));
    // 6, 7, 8, 10, 11 Feb.
    assert_eq!(s.working_days_saved, 5);
}

#[test]
fn an_empty_plan_is_due_at_once() {
    let s = Plan { steps: vec![] }
        .schedule(&cal(), day("2025-09-22"))
        .unwrap();
    assert_eq!(s.due, day("2025-09-22"));
    assert_eq!(s.series_due, day("2025-09-22"));
    assert!(s.critical_path.is_empty());
    assert_eq!(s.working_days_saved, 0);
}

#[test]
fn bad_dependencies_are_refused() {
    let start = day("2025-09-22");
    let on_itself = Plan {
        steps: vec![step("a", wd(5), &[]), step("b", wd(5), &[1])],
    };
    assert_eq!(
        on_itself.schedule(&cal(), start),
        Err(Error::Plan {
            step: 1,
            on: 1,
            problem: "itself"
        })
    );
    let on_later = Plan {
        steps: vec![step("a", wd(5), &[1]), step("b", wd(5), &[])],
    };
    assert_eq!(
        on_later.schedule(&cal(), start),
        Err(Error::Plan {
            step: 0,
            on: 1,
            problem: "not listed before it"
        })
    );
    let missing = Plan {
        steps: vec![step("a", wd(5), &[]), step("b", wd(5), &[7])],
    };
    let err = missing.schedule(&cal(), start).unwrap_err();
    assert_eq!(
        err,
        Error::Plan {
            step: 1,
            on: 7,
            problem: "not listed before it"
        }
    );
    assert_eq!(
        err.to_string(),
        "joint plan: step 1 depends on 7, which is not listed before it"
    );
}

#[test]
fn of_two_dependencies_due_the_same_day_the_path_names_the_first() {
    // From Monday 3 Mar 2025, a and b take 5 working days each: 4–7 Mar
    // (4), Monday 10 Mar (5). c waits for both and takes 3: 11–13 Mar.
    // Either could be on the critical path; as for two last steps due the
    // same day, the first listed is named.
    let plan = Plan {
        steps: vec![
            step("a", wd(5), &[]),
            step("b", wd(5), &[]),
            step("c", wd(3), &[0, 1]),
        ],
    };
    let s = plan.schedule(&cal(), day("2025-03-03")).unwrap();
    assert_eq!(
        (s.steps[0].due, s.steps[1].due),
        (day("2025-03-10"), day("2025-03-10"))
    );
    assert_eq!(s.due, day("2025-03-13"));
    assert_eq!(s.critical_path, [0, 2]);
}

#[test]
fn a_same_day_step_waited_for_is_on_the_critical_path() {
    // From Monday 3 Mar 2025: a takes 0 working days (done on the day:
    // due 3 Mar, the plan's start), b waits for it and takes 3: 4–6 Mar.
    // b starts when a is due, so the path runs through a.
    let plan = Plan {
        steps: vec![step("a", wd(0), &[]), step("b", wd(3), &[0])],
    };
    let s = plan.schedule(&cal(), day("2025-03-03")).unwrap();
    assert_eq!(s.steps[0].due, day("2025-03-03"));
    assert_eq!(
        (s.steps[1].start, s.due),
        (day("2025-03-03"), day("2025-03-06"))
    );
    assert_eq!(s.critical_path, [0, 1]);
}
