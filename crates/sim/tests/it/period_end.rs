//! An item that arrives after the period's last working minute is routed
//! by the holding of the period's last day, never by a change of holder
//! dated after the period (DESIGN.md: "Which holder takes an item that
//! arrives after the period's last working minute?").

use chrono::NaiveDate;
use jiceng_sim::{Model, Scenario, run_replication};

#[test]
fn a_change_of_holder_the_day_after_the_period_routes_nothing() {
    // 肃民字〔2022〕12号 entrusts HB-GF-003 to 梁家村镇 (130926101000) from
    // 2023-01-01. The period is December 2022 (31 days), so it ends the
    // day before: the county bureau holds the item on every day of it and
    // the township handles none. Thirty arrivals a day (10 per 10,000
    // residents) make sure that some come after hours on Friday 30
    // December and on Saturday 31, the period's last minutes; they must
    // stay with the county, like every other arrival, and those still
    // open at the end are open at the county.
    let text = r#"
name = "period-end"
seed = 3
[period]
from = "2022-12-01"
days = 31
[territory]
ledger = "bundled"
[[territory.county]]
code = "130926000000"
[[territory.county.township]]
code = "130926101000"
population = 30000
[[item]]
code = "subsidy"
kind = "approval"
power_item = "HB-GF-003"
rate = 10.0
handling.township = { median_minutes = 30 }
handling.county = { median_minutes = 30 }
"#;
    let s = Scenario::from_toml_str(text, "s.toml").unwrap_or_else(|e| panic!("{e}"));
    let m = Model::new(&s).unwrap_or_else(|e| panic!("{e}"));
    let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
    assert_eq!(m.held_locally(0, 0, 0, day("2022-12-30")), Some(false));
    let t = &run_replication(&m, 3, 0).variants[0].towns[0];
    assert!(t.arrivals[0] > 0);
    assert_eq!(t.closed_local, [0, 0, 0], "{t:?}");
    assert_eq!(t.open_local, 0, "{t:?}");
    assert!(t.open_escalated > 0, "some arrive at the end: {t:?}");
}
