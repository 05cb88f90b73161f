//! Bugs and edge cases, each named after what went or could go wrong.

use jiceng_sim::run_replication;

use crate::common::{REFORM, model, tiny};

#[test]
fn a_period_of_holidays_only_closes_nothing_and_does_not_panic() {
    // 1 to 3 October 2025 are National Day holidays (State Council notice):
    // no working minute, so every arrival stays open.
    let text = tiny(REFORM)
        .replace("from = \"2025-03-03\"", "from = \"2025-10-01\"")
        .replace("days = 20", "days = 3");
    let m = model(&text);
    let t = run_replication(&m, 1, 0);
    for town in &t.variants[0].towns {
        assert_eq!(town.decided(), 0);
        assert_eq!(
            town.arrivals.iter().sum::<u64>(),
            town.open_local + town.open_escalated
        );
    }
}

#[test]
fn a_year_outside_the_calendar_is_refused_unless_provisional() {
    let text = tiny("").replace("from = \"2025-03-03\"", "from = \"2040-01-01\"");
    let s = jiceng_sim::Scenario::from_toml_str(&text, "t.toml").unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(
        jiceng_sim::Model::new(&s),
        Err(jiceng_sim::Error::Calendar(_))
    ));
    let text =
        text + "\n[policy]\nworking_hours = \"08:30-12:00,14:00-17:30\"\nprovisional = true\n";
    let s = jiceng_sim::Scenario::from_toml_str(&text, "t.toml").unwrap_or_else(|e| panic!("{e}"));
    assert!(jiceng_sim::Model::new(&s).is_ok());
}

#[test]
fn a_staff_cut_below_zero_is_a_problem_not_a_wrap() {
    let text = tiny(
        "[[reform]]\nname = \"cut\"\n[[reform.staff]]\ndesk = \"grid\"\nlevel = \"township\"\nadd = -4\n",
    );
    let s = jiceng_sim::Scenario::from_toml_str(&text, "t.toml").unwrap_or_else(|e| panic!("{e}"));
    match jiceng_sim::Model::new(&s) {
        Err(jiceng_sim::Error::Scenario(p)) => {
            assert_eq!(p[0].field, "reform[0].staff[0].add");
        }
        other => panic!("{other:?}"),
    }
}
