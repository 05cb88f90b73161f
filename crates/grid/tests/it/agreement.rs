//! The fast path (`Router::route`) and the explained path (`route`) are two
//! codes that must give one answer: the body, the escalation and both due
//! times.
//!
//! The entrustment cases come from the bundled ledger: 肃宁县民政局 entrusts
//! HB-GF-003 (a benefit, 给付) to 梁家村镇 from 2023-01-01
//! (肃民字〔2022〕12号). A benefit is not an enforcement item, so the town's
//! service centre (梁家村镇行政综合服务中心) exercises it, in the bureau's name.

use chrono::{DateTime, Duration, FixedOffset};
use jiceng_authority::Ledger;
use jiceng_grid::{Category, Error, Router, ServiceLevel, Target, Taxonomy, Urgency, route};
use jiceng_org::Level;
use proptest::prelude::*;

use crate::World;

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

/// A category `code` of the given items, with 30 minutes to respond and
/// one working day to resolve.
fn category(code: &str, items: &[&str]) -> Category {
    Category {
        code: code.to_owned(),
        major: "测试".to_owned(),
        minor: code.to_owned(),
        items: items.iter().map(|&i| i.to_owned()).collect(),
        urgency: Urgency::Normal,
        service: ServiceLevel {
            response: Target::WorkingMinutes(30),
            resolution: Target::WorkingDays(1),
        },
    }
}

/// An answer: acting body code, escalated, response due, resolution due.
type Answer = (String, bool, String, String);

/// Both paths for the one category of `tax`, at `division` at `at`.
fn both(
    ledger: &Ledger,
    tax: &Taxonomy,
    division: &str,
    at: DateTime<FixedOffset>,
) -> (Answer, Answer) {
    let w = World::new();
    let slow = route(
        ledger,
        tax,
        &w.cal,
        &w.hours,
        &tax.categories[0].code,
        division,
        at,
    )
    .unwrap();
    let router = Router::new(ledger, tax, &w.cal, &w.hours).unwrap();
    let div = ledger
        .registry()
        .division_id(division.parse().unwrap())
        .unwrap();
    let fast = router.route(0, div, at).unwrap().unwrap();
    (
        (
            slow.body.code,
            slow.escalated,
            slow.response_due.to_rfc3339(),
            slow.resolution_due.to_rfc3339(),
        ),
        (
            ledger.registry().body_at(fast.body).code.clone(),
            fast.escalated,
            fast.response_due.to_rfc3339(),
            fast.resolution_due.to_rfc3339(),
        ),
    )
}

fn check(items: &[&str], division: &str, at: &str, expected: (&str, bool, &str, &str)) {
    check_in(&Ledger::hebei_sample(), items, division, at, expected);
}

fn check_in(
    ledger: &Ledger,
    items: &[&str],
    division: &str,
    at: &str,
    expected: (&str, bool, &str, &str),
) {
    let tax = Taxonomy {
        categories: vec![category("9001", items)],
    };
    let (slow, fast) = both(ledger, &tax, division, t(at));
    let want = (
        expected.0.to_owned(),
        expected.1,
        expected.2.to_owned(),
        expected.3.to_owned(),
    );
    assert_eq!(slow, want, "explained path, {items:?} at {division} {at}");
    assert_eq!(fast, want, "fast path, {items:?} at {division} {at}");
}

#[test]
fn an_entrusted_item_stays_in_the_township() {
    // After the entrustment: the service centre acts at township level, so
    // the event is not escalated. Tuesday 10 June 2025 09:35 + 30 min =
    // 10:05; + 1 working day = Wednesday 11 June 17:30.
    check(
        &["HB-GF-003"],
        "130926101000",
        "2025-06-10T09:35:00+08:00",
        (
            "130926101-fwzx",
            false,
            "2025-06-10T10:05:00+08:00",
            "2025-06-11T17:30:00+08:00",
        ),
    );
    // Before it (Friday 3 June 2022 was the Dragon Boat Festival, so take
    // Thursday 2 June): the county bureau of civil affairs by law, above
    // the township: escalated. 09:35 + 30 = 10:05; the next working day is
    // Monday 6 June, closing 17:30.
    check(
        &["HB-GF-003"],
        "130926101000",
        "2022-06-02T09:35:00+08:00",
        (
            "130926-mzj",
            true,
            "2022-06-02T10:05:00+08:00",
            "2022-06-06T17:30:00+08:00",
        ),
    );
}

/// The divisions where `instrument` acts (its townships, their villages,
/// its county), or the whole ledger's county-level and lower divisions.
fn places(ledger: &Ledger, instrument: usize) -> Vec<jiceng_org::DivisionCode> {
    let reg = ledger.registry();
    let ins = &ledger.instruments()[instrument];
    let mut out: Vec<_> = ins
        .townships
        .iter()
        .chain(ins.county.iter())
        .copied()
        .collect();
    for &town in &ins.townships {
        out.extend(reg.descendants(town).iter().map(|d| d.code));
    }
    out.retain(|c| c.level() >= Level::County && reg.division_id(*c).is_some());
    if out.is_empty() {
        out = reg
            .divisions()
            .iter()
            .map(|d| d.code)
            .filter(|c| c.level() >= Level::County)
            .collect();
    }
    out
}

#[test]
fn a_devolved_benefit_goes_to_the_service_centre() {
    // 肃宁县 devolved HB-GF-001 (a benefit) to its townships from
    // 2022-07-01 (肃政字〔2022〕20号): 梁家村镇人民政府 holds it and, as it is
    // not an enforcement item, its service centre acts; not escalated.
    check(
        &["HB-GF-001"],
        "130926101000",
        "2025-06-10T09:35:00+08:00",
        (
            "130926101-fwzx",
            false,
            "2025-06-10T10:05:00+08:00",
            "2025-06-11T17:30:00+08:00",
        ),
    );
}

/// A small county whose town 新马头镇 received a penalty (CF-1, acted on
/// by its enforcement team) and a licence (XK-1, acted on by its service
/// centre) by one devolution from 2022-03-01.
const MINI: &str = r#"format = 1
name = "mini"

[[division]]
code = "130000000000"
name = "河北省"
kind = "province"

[[division]]
code = "130400000000"
name = "邯郸市"
kind = "city"

[[division]]
code = "130430000000"
name = "邱县"
kind = "county"

[[division]]
code = "130430100000"
name = "新马头镇"
kind = "town"

[[division]]
code = "130430100200"
name = "某村"
kind = "village"

[[body]]
code = "p-gov"
name = "河北省人民政府"
kind = "government"
division = "130000000000"

[[body]]
code = "c-gov"
name = "邱县人民政府"
kind = "government"
division = "130430000000"

[[body]]
code = "c-sthj"
name = "邱县生态环境分局"
kind = "department"
division = "130430000000"
sector = "生态环境"

[[body]]
code = "c-scjg"
name = "邱县市场监督管理局"
kind = "department"
division = "130430000000"
sector = "市场监管"

[[body]]
code = "t1-gov"
name = "新马头镇人民政府"
kind = "government"
division = "130430100000"

[[body]]
code = "t1-zfd"
name = "新马头镇综合行政执法队"
kind = "enforcement_team"
division = "130430100000"

[[body]]
code = "t1-fwzx"
name = "新马头镇行政综合服务中心"
kind = "service_centre"
division = "130430100000"

[[item]]
code = "CF-1"
name = "对未批先建的处罚"
category = "处罚"
sector = "生态环境"

[[item]]
code = "XK-1"
name = "个体工商户登记"
category = "许可"
sector = "市场监管"

[[instrument]]
id = "guide"
kind = "guidance_list"
issuer = "p-gov"
document = "冀政字〔2021〕1号"
title = "赋予乡镇和街道部分县级行政执法权指导目录"
published = "2021-01-01"
effective_from = "2021-02-01"
province = "130000000000"
items = ["CF-1", "XK-1"]

[[instrument]]
id = "dev"
kind = "devolution"
issuer = "c-gov"
document = "邱政字〔2022〕6号"
title = "关于向乡镇下放部分县级行政执法权的决定"
published = "2022-02-15"
effective_from = "2022-03-01"
townships = ["130430100000"]
from = ["c-sthj", "c-scjg"]
items = ["CF-1", "XK-1"]
"#;

#[test]
fn a_township_keeps_the_primary_items_acting_body() {
    // Both items are acted on in the town, by different bodies: the event
    // stays there with the body of the item listed first. Tuesday 10 June
    // 2025 09:35 + 30 min = 10:05; + 1 working day = Wednesday 11 June.
    let ledger = Ledger::from_text(MINI, "mini.toml").unwrap();
    let dues = ("2025-06-10T10:05:00+08:00", "2025-06-11T17:30:00+08:00");
    for (items, body) in [(["CF-1", "XK-1"], "t1-zfd"), (["XK-1", "CF-1"], "t1-fwzx")] {
        check_in(
            &ledger,
            &items,
            "130430100200",
            "2025-06-10T09:35:00+08:00",
            (body, false, dues.0, dues.1),
        );
    }
}

#[test]
fn an_item_above_the_township_decides_whatever_its_place() {
    // HB-CF-016 is devolved to 古城营镇 from 2022-03-01, HB-CF-057 only
    // concentrated in 邱县综合行政执法局 (2021-06-01): in either order the
    // event goes to the bureau. Tuesday 10 June 2025 09:35 + 30 = 10:05;
    // + 1 working day = Wednesday 11 June 17:30.
    for items in [["HB-CF-016", "HB-CF-057"], ["HB-CF-057", "HB-CF-016"]] {
        check(
            &items,
            "130430104200",
            "2025-06-10T09:35:00+08:00",
            (
                "130430-zhzf",
                true,
                "2025-06-10T10:05:00+08:00",
                "2025-06-11T17:30:00+08:00",
            ),
        );
    }
}

proptest! {
    /// Over the bundled ledger's instruments (devolutions, entrustments,
    /// concentrations, revocations), categories of one of the instrument's
    /// items and up to two other items, the divisions where it acts, and
    /// instants from a year before it to two and a half years after, the
    /// two paths agree: the same body, escalation and due times; where the
    /// explained path finds no holder the fast path answers `None`, and a
    /// calendar error is the same error.
    #[test]
    fn fast_and_explained_paths_agree(
        instrument in any::<prop::sample::Index>(),
        first in any::<prop::sample::Index>(),
        others in prop::collection::vec(any::<prop::sample::Index>(), 0..3),
        division in any::<prop::sample::Index>(),
        secs in (-365 * 86_400i64)..(900 * 86_400),
        response in 0u32..900,
        resolution in 0u32..12,
        in_days in any::<bool>(),
    ) {
        let w = World::new();
        let ledger = Ledger::hebei_sample();
        let k = instrument.index(ledger.instruments().len());
        let ins = &ledger.instruments()[k];
        let mut items: Vec<&str> = Vec::new();
        if !ins.items.is_empty() {
            items.push(first.get(&ins.items).as_str());
        }
        items.extend(others.iter().map(|i| i.get(ledger.items()).code.as_str()));
        if items.is_empty() {
            items.push(first.get(ledger.items()).code.as_str());
        }
        let mut cat = category("9001", &items);
        cat.service = ServiceLevel {
            response: Target::WorkingMinutes(response),
            resolution: if in_days {
                Target::WorkingDays(resolution)
            } else {
                Target::WorkingMinutes(resolution * 100)
            },
        };
        let tax = Taxonomy { categories: vec![cat] };
        let code = *division.get(&places(&ledger, k));
        let day = ins.effective_from.and_hms_opt(0, 0, 0).unwrap();
        let at = day.and_local_timezone(w.hours.offset()).unwrap() + Duration::seconds(secs);
        let router = Router::new(&ledger, &tax, &w.cal, &w.hours).unwrap();
        let div = ledger.registry().division_id(code).unwrap();
        let fast = router.route(0, div, at);
        match route(&ledger, &tax, &w.cal, &w.hours, "9001", &code.to_string(), at) {
            Ok(slow) => {
                let fast = fast.unwrap().unwrap();
                prop_assert_eq!(&ledger.registry().body_at(fast.body).code, &slow.body.code);
                prop_assert_eq!(fast.escalated, slow.escalated);
                prop_assert_eq!(fast.response_due, slow.response_due);
                prop_assert_eq!(fast.resolution_due, slow.resolution_due);
            }
            Err(Error::Calendar(e)) => prop_assert_eq!(fast, Err(Error::Calendar(e))),
            Err(_) => prop_assert_eq!(fast, Ok(None)),
        }
    }
}
