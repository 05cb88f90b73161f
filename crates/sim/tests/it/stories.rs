//! The bundled stories: Qiu County and Baitaling.

use jiceng_sim::{Metric, Model, Scenario, Summary, run, summarise};

fn summary(name: &str, days: u32, reps: u32) -> Summary {
    let s = Scenario::bundled(name)
        .and_then(|s| s.with_days(days))
        .unwrap_or_else(|e| panic!("{e}"));
    let m = Model::new(&s).unwrap_or_else(|e| panic!("{e}"));
    let r: Vec<u32> = (0..reps).collect();
    summarise(&m, m.default_seed(), &run(&m, m.default_seed(), &r, &|| {}))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn total(s: &Summary, variant: &str, division: &str, metric: Metric) -> f64 {
    s.totals
        .iter()
        .find(|e| e.variant == variant && e.division == division && e.metric == metric)
        .map(|e| e.mean)
        .unwrap_or_else(|| panic!("no {variant} {division} {metric:?}"))
}

#[test]
fn qiu_devolving_enforcement_moves_the_local_share_towards_75_percent() {
    // The ledger devolves the enforcement items on 2022-03-01, day 59 of the
    // 150 simulated from 2022-01-01 (31 + 28 days before it). Grid events
    // and penalty cases held in the township, per 10,000 residents a day:
    // sanitation 0.9 and disputes 0.45 of 3.1 before (0.435); with the
    // devolved HB-CF-011/-017 categories (0.9) and penalty items HB-CF-001,
    // -002, -005 (0.08), 2.33 of 3.1 after (0.752). Over the period, by
    // days: (59 × 0.435 + 91 × 0.752) / 150 = 0.627.
    let s = summary("qiu", 150, 2);
    let county = "130430000000";
    let before = total(&s, "baseline", county, Metric::ResolvedLocally);
    let after = total(&s, "teams-plus-3", county, Metric::ResolvedLocally);
    assert!((before - 0.627).abs() < 0.04, "{before}");
    // Three more staff per team route nothing differently.
    assert!((after - before).abs() < 0.02, "{after} {before}");
}

#[test]
fn baitaling_plus_21_staff_changes_the_load_per_staff_member() {
    // 183,000 residents: 39 staff give 4,692.3 each; 60 give 3,050.
    let s = summary("baitaling", 30, 2);
    let town = "130302010000";
    let before = total(&s, "baseline", town, Metric::ResidentsPerStaff);
    let after = total(&s, "plus-21-staff", town, Metric::ResidentsPerStaff);
    assert!((before - 183_000.0 / 39.0).abs() < 1e-9, "{before}");
    assert!((after - 3050.0).abs() < 1e-9, "{after}");
    // Three city-management staff cannot keep up; twelve can: the backlog
    // at the end falls.
    let d = s
        .differences
        .iter()
        .find(|d| d.division == town && d.metric == Metric::Backlog)
        .unwrap_or_else(|| panic!("no difference"));
    assert!(d.mean < 0.0, "{d:?}");
}
