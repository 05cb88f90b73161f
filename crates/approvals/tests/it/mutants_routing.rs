//! Routing of entrusted items (委托), at both ends of the entrustment and in
//! the townships it does not name, worked from the bundled Hebei sample
//! (crates/authority/data/hebei-sample.toml): 肃宁县民政局 (130926-mzj)
//! entrusts HB-GF-003 (困难残疾人两项补贴, a 给付 item) to 梁家村镇
//! (130926101000) from 2023-01-01, by 肃民字〔2022〕12号. The bureau stays the
//! holder; the town's service centre 130926101-fwzx exercises it. Suning
//! County has no county service centre, so a county route ends at the
//! holder itself.

use jiceng_approvals::{Channel, ServiceItem, route};
use jiceng_authority::Ledger;
use jiceng_org::Level;

use crate::day;

fn counter_item(power: &str) -> ServiceItem {
    ServiceItem {
        code: "SI-2".to_owned(),
        name: "困难残疾人两项补贴".to_owned(),
        power_item: Some(power.to_owned()),
        handling: Default::default(),
        limits: Default::default(),
        channels: vec![Channel::Counter],
    }
}

/// (division, date) → (point, level, holder) for HB-GF-003 at the counter.
fn check(division: &str, date: &str, expected: (&str, Level, &str)) {
    let ledger = Ledger::hebei_sample();
    let r = route(
        &ledger,
        &counter_item("HB-GF-003"),
        division.parse().unwrap(),
        day(date),
    )
    .unwrap_or_else(|e| panic!("HB-GF-003 for {division} on {date}: {e}"));
    assert_eq!(
        (r.point.code.as_str(), r.level, r.holder.code.as_str()),
        expected,
        "HB-GF-003 for {division} on {date}"
    );
    assert!(!r.proxy, "a counter item is never taken by proxy");
}

#[test]
fn an_entrusted_item_is_handled_in_the_entrusted_township_only() {
    // 31 December 2022, the day before the entrustment: the bureau holds
    // and handles it, at the county.
    check(
        "130926101000",
        "2022-12-31",
        ("130926-mzj", Level::County, "130926-mzj"),
    );
    // 1 January 2023, its first day: the town's centre handles it in the
    // bureau's name.
    check(
        "130926101000",
        "2023-01-01",
        ("130926101-fwzx", Level::Township, "130926-mzj"),
    );
    // The same day, 肃宁镇 (130926100000) and a village of 尚村镇
    // (130926103201), which the entrustment does not name: the county.
    check(
        "130926100000",
        "2023-01-01",
        ("130926-mzj", Level::County, "130926-mzj"),
    );
    check(
        "130926103201",
        "2023-01-01",
        ("130926-mzj", Level::County, "130926-mzj"),
    );
}

/// Why `route`'s test "exercised by a body of the applicant's township"
/// cannot be weakened to "exercised by anybody" without notice: the ledger
/// only ever names an exerciser of the township asked about (a devolution's
/// or an entrustment's team, centre or government of the named township),
/// so every route through an exerciser stays in the applicant's township.
/// This holds the ledger to that, for every item, township and village of
/// the bundled sample, on the days its instruments change things.
#[test]
fn every_exerciser_belongs_to_the_township_asked_about() {
    let ledger = Ledger::hebei_sample();
    let reg = ledger.registry();
    let dates = [
        "2021-12-31",
        "2022-03-01",
        "2022-07-01",
        "2023-01-01",
        "2024-01-01",
        "2025-09-22",
    ];
    let mut seen = 0;
    for div in reg.divisions() {
        let Some(town) = div.code.at(Level::Township) else {
            continue;
        };
        for item in ledger.items() {
            for date in dates {
                let Ok(h) = ledger.holder(&item.code, &div.code.to_string(), day(date)) else {
                    continue;
                };
                let Some(by) = h.exercised_by else { continue };
                let body = reg.body(&by.code).unwrap();
                assert_eq!(
                    body.division.at(Level::Township),
                    Some(town),
                    "{} for {} on {date}: exercised by {}",
                    item.code,
                    div.code,
                    by.code
                );
                seen += 1;
            }
        }
    }
    // Qiu County's 40 devolved penalty items, exercised by each township's
    // team, alone give hundreds of cases: the check is not vacuous.
    assert!(seen > 100, "only {seen} exercised holdings");
}
