//! Routing on the bundled Hebei sample (crates/authority/data/hebei-sample.toml):
//! Suning County devolved HB-XK-001, HB-XK-002, HB-GF-001 and HB-GF-002 to
//! every township and 8 more (HB-XK-003 …) to 尚村镇 from 2022-07-01; its two
//! sample villages 130926103200 and 130926103201 have service stations;
//! HB-GF-003 is only entrusted to 梁家村镇. In Qiu County HB-CF-001..040
//! were devolved to the townships from 2022-03-01; 西杜林疃村
//! (130430104200) under 古城营镇 has no service station.

use jiceng_approvals::{Channel, Error, ServiceItem, route};
use jiceng_authority::Ledger;
use jiceng_org::{BodyKind, Level};

use crate::day;

fn item(power: Option<&str>, channels: &[Channel]) -> ServiceItem {
    ServiceItem {
        code: "SI-1".to_owned(),
        name: "测试事项".to_owned(),
        power_item: power.map(str::to_owned),
        handling: Default::default(),
        limits: Default::default(),
        channels: channels.to_vec(),
    }
}

/// (item, channels, division, date) → (point code, level, proxy, holder code).
type Row = (
    &'static str,
    &'static [Channel],
    &'static str,
    &'static str,
    (&'static str, Level, bool, &'static str),
);

#[test]
fn routes_on_the_hebei_sample() {
    let ledger = Ledger::hebei_sample();
    let proxy: &[Channel] = &[Channel::Counter, Channel::VillageProxy];
    let counter: &[Channel] = &[Channel::Counter];
    let rows: &[Row] = &[
        // The elderly subsidy by proxy at the village station: 小事不出村.
        (
            "HB-GF-001",
            proxy,
            "130926103200",
            "2024-06-01",
            ("130926103200-bmfwz", Level::Village, true, "130926103-gov"),
        ),
        (
            "HB-GF-001",
            proxy,
            "130926103201",
            "2024-06-01",
            ("130926103201-bmfwz", Level::Village, true, "130926103-gov"),
        ),
        // A construction planning permit, not a proxy item, held by the
        // town: its service centre (大事不出乡).
        (
            "HB-XK-003",
            counter,
            "130926103201",
            "2025-09-22",
            ("130926103-fwzx", Level::Township, false, "130926103-gov"),
        ),
        // On the day the devolution took effect.
        (
            "HB-XK-003",
            counter,
            "130926103200",
            "2022-07-01",
            ("130926103-fwzx", Level::Township, false, "130926103-gov"),
        ),
        // The day before: still the county's 住建局.
        (
            "HB-XK-003",
            counter,
            "130926103200",
            "2022-06-30",
            ("130926-zjj", Level::County, false, "130926-zjj"),
        ),
        // Not devolved to 尚村镇 (entrusted to 梁家村镇 only): the county.
        (
            "HB-GF-003",
            counter,
            "130926103200",
            "2024-06-01",
            ("130926-mzj", Level::County, false, "130926-mzj"),
        ),
        // Entrusted to 梁家村镇 (委托): the county bureau holds it, the
        // town's service centre handles it.
        (
            "HB-GF-003",
            counter,
            "130926101000",
            "2024-06-01",
            ("130926101-fwzx", Level::Township, false, "130926-mzj"),
        ),
        // Devolved to 尚村镇 only, asked for 肃宁镇: the county.
        (
            "HB-XK-003",
            counter,
            "130926100000",
            "2024-06-01",
            ("130926-zjj", Level::County, false, "130926-zjj"),
        ),
        // A proxy item from a village without a station: the township.
        (
            "HB-CF-001",
            proxy,
            "130430104200",
            "2024-06-01",
            ("130430104-fwzx", Level::Township, false, "130430104-gov"),
        ),
    ];
    let mut failures = Vec::new();
    for (power, channels, division, date, (point, level, is_proxy, holder)) in rows {
        let r = match route(
            &ledger,
            &item(Some(power), channels),
            division.parse().unwrap(),
            day(date),
        ) {
            Ok(r) => r,
            Err(e) => {
                failures.push(format!("{power} for {division} on {date}: {e}"));
                continue;
            }
        };
        let got = (
            r.point.code.as_str(),
            r.level,
            r.proxy,
            r.holder.code.as_str(),
        );
        if got != (*point, *level, *is_proxy, *holder) {
            failures.push(format!(
                "{power} for {division} on {date}: expected {:?}, got {got:?}",
                (point, level, is_proxy, holder)
            ));
        }
        if r.explanation.is_empty() {
            failures.push(format!("{power} for {division}: no explanation"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_route_names_the_bodies() {
    let ledger = Ledger::hebei_sample();
    let r = route(
        &ledger,
        &item(Some("HB-GF-001"), &[Channel::VillageProxy]),
        "130926103200".parse().unwrap(),
        day("2024-06-01"),
    )
    .unwrap();
    assert_eq!(r.point.name, "尚村镇示例一村便民服务站");
    assert_eq!(r.point.kind, BodyKind::ServiceStation);
    assert_eq!(r.holder.name, "尚村镇人民政府");
    assert!(
        r.explanation.iter().any(|l| l.contains("小事不出村")),
        "{:?}",
        r.explanation
    );
    let r = route(
        &ledger,
        &item(Some("HB-XK-003"), &[Channel::Counter]),
        "130926103200".parse().unwrap(),
        day("2024-06-01"),
    )
    .unwrap();
    assert_eq!(r.point.name, "尚村镇行政综合服务中心");
    assert_eq!(r.point.kind, BodyKind::ServiceCentre);
    assert!(
        r.explanation.iter().any(|l| l.contains("大事不出乡")),
        "{:?}",
        r.explanation
    );
}

#[test]
fn routing_errors() {
    let ledger = Ledger::hebei_sample();
    let village = "130926103200".parse().unwrap();
    let err = route(
        &ledger,
        &item(None, &[Channel::Counter]),
        village,
        day("2024-06-01"),
    )
    .unwrap_err();
    assert!(
        matches!(&err, Error::Authority(jiceng_authority::Error::UnknownItem(m)) if m.contains("SI-1")),
        "{err:?}"
    );
    let err = route(
        &ledger,
        &item(Some("HB-NOPE-001"), &[Channel::Counter]),
        village,
        day("2024-06-01"),
    )
    .unwrap_err();
    assert!(
        matches!(&err, Error::Authority(jiceng_authority::Error::UnknownItem(m)) if m == "HB-NOPE-001"),
        "{err:?}"
    );
    // A village the ledger does not know.
    let err = route(
        &ledger,
        &item(Some("HB-GF-001"), &[Channel::VillageProxy]),
        "130926103299".parse().unwrap(),
        day("2024-06-01"),
    )
    .unwrap_err();
    assert!(matches!(err, Error::Authority(_)), "{err:?}");
}
