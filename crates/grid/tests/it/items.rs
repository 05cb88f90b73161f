//! Routing on every item of a category, on the bundled Hebei ledger.
//!
//! Worked by hand from the ledger's instruments: HB-CF-016 (rubbish) and
//! HB-CF-007 (open-air barbecue) are 城管 items, concentrated in
//! 邱县综合行政执法局 from 2021-06-01 (邱政字〔2021〕15号) and devolved to
//! Qiu County's townships from 2022-03-01 (邱政字〔2022〕6号, items
//! HB-CF-001…040); HB-CF-057 (a 城管 item) is concentrated but not
//! devolved. Before 2021-06-01 every 城管 item is held by territory by the
//! county's urban management bureau, 130430-cgj. In 古城营镇 the township
//! government holds devolved items and its comprehensive enforcement team
//! 130430104-zfd acts for it. The rule (DESIGN.md, "How does routing use
//! all of a category's items?"): the township keeps the event only when it
//! holds every item; otherwise the first item it does not hold decides.

use chrono::DateTime;
use jiceng_authority::Ledger;
use jiceng_enforcement::jurisdiction::Basis;
use jiceng_grid::{Category, Router, ServiceLevel, Target, Taxonomy, Urgency, route};

use crate::World;

fn taxonomy() -> Taxonomy {
    let c = |code: &str, items: &[&str]| Category {
        code: code.to_owned(),
        major: "测试".to_owned(),
        minor: code.to_owned(),
        items: items.iter().map(|s| (*s).to_owned()).collect(),
        urgency: Urgency::Normal,
        service: ServiceLevel {
            response: Target::WorkingMinutes(30),
            resolution: Target::WorkingMinutes(120),
        },
    };
    Taxonomy {
        categories: vec![
            c("both-devolved", &["HB-CF-016", "HB-CF-007"]),
            c("second-kept", &["HB-CF-016", "HB-CF-057"]),
            c("first-kept", &["HB-CF-057", "HB-CF-016"]),
            c("two-kept", &["HB-CF-057", "HB-XK-001"]),
        ],
    }
}

/// (body acting, competent, basis, escalated, item routed on, each item's
/// (code, acting body, township level)).
type Want<'a> = (
    &'a str,
    &'a str,
    Basis,
    bool,
    &'a str,
    &'a [(&'a str, &'a str, bool)],
);

fn check(category: &str, at: &str, want: Want<'_>) {
    let w = World::new();
    let ledger = Ledger::hebei_sample();
    let tax = taxonomy();
    let at = DateTime::parse_from_rfc3339(at).unwrap();
    let r = route(
        &ledger,
        &tax,
        &w.cal,
        &w.hours,
        category,
        "130430104200",
        at,
    )
    .unwrap();
    let (body, competent, basis, escalated, item, items) = want;
    assert_eq!(r.body.code, body, "{category} at {at}");
    assert_eq!(r.competent.code, competent, "{category} at {at}");
    assert_eq!(r.basis, basis, "{category} at {at}");
    assert_eq!(r.escalated, escalated, "{category} at {at}");
    assert_eq!(r.item, item, "{category} at {at}");
    let got: Vec<(&str, &str, bool)> = r
        .items
        .iter()
        .map(|h| (h.item.as_str(), h.body.code.as_str(), h.township))
        .collect();
    assert_eq!(got, items, "{category} at {at}");
    // Every item's holder is named in the explanation.
    for h in &r.items {
        assert!(
            r.explanation.iter().any(
                |l| l.starts_with(&format!("item {}", h.item)) && l.contains(&h.competent.name)
            ),
            "{:?}",
            r.explanation
        );
    }
    // The fast path takes the same body and the same decision.
    let router = Router::new(&ledger, &tax, &w.cal, &w.hours).unwrap();
    let i = tax
        .categories
        .iter()
        .position(|c| c.code == category)
        .unwrap();
    let div = ledger
        .registry()
        .division_id("130430104200".parse().unwrap())
        .unwrap();
    let fast = router.route(i, div, at).unwrap().unwrap();
    assert_eq!(ledger.registry().body_at(fast.body).code, body);
    assert_eq!(fast.escalated, escalated);
}

#[test]
fn the_township_keeps_an_event_only_when_it_holds_every_item() {
    let after = "2025-06-10T09:35:00+08:00";
    // Both devolved: the township team, for the government, on the
    // primary item.
    check(
        "both-devolved",
        after,
        (
            "130430104-zfd",
            "130430104-gov",
            Basis::Devolved,
            false,
            "HB-CF-016",
            &[
                ("HB-CF-016", "130430104-zfd", true),
                ("HB-CF-007", "130430104-zfd", true),
            ],
        ),
    );
    // The second item is still the county bureau's: escalated to it, on
    // that item.
    check(
        "second-kept",
        after,
        (
            "130430-zhzf",
            "130430-zhzf",
            Basis::Concentrated,
            true,
            "HB-CF-057",
            &[
                ("HB-CF-016", "130430104-zfd", true),
                ("HB-CF-057", "130430-zhzf", false),
            ],
        ),
    );
    // The same when the kept item comes first.
    check(
        "first-kept",
        after,
        (
            "130430-zhzf",
            "130430-zhzf",
            Basis::Concentrated,
            true,
            "HB-CF-057",
            &[
                ("HB-CF-057", "130430-zhzf", false),
                ("HB-CF-016", "130430104-zfd", true),
            ],
        ),
    );
}

#[test]
fn of_two_items_kept_above_the_township_the_first_decides() {
    // HB-XK-001 (a licensing item) was never concentrated nor devolved:
    // Qiu County's housing and construction bureau 130430-zjj holds it.
    // HB-CF-057, listed first, is the enforcement bureau's and decides.
    check(
        "two-kept",
        "2025-06-10T09:35:00+08:00",
        (
            "130430-zhzf",
            "130430-zhzf",
            Basis::Concentrated,
            true,
            "HB-CF-057",
            &[
                ("HB-CF-057", "130430-zhzf", false),
                ("HB-XK-001", "130430-zjj", false),
            ],
        ),
    );
}

#[test]
fn before_the_devolution_the_first_item_above_the_township_decides() {
    // Thursday 1 July 2021: concentrated, not yet devolved; both items
    // are the bureau's and the first one decides.
    check(
        "both-devolved",
        "2021-07-01T09:35:00+08:00",
        (
            "130430-zhzf",
            "130430-zhzf",
            Basis::Concentrated,
            true,
            "HB-CF-016",
            &[
                ("HB-CF-016", "130430-zhzf", false),
                ("HB-CF-007", "130430-zhzf", false),
            ],
        ),
    );
    // Monday 4 January 2021, before the concentration: the urban
    // management bureau by territory, on the first item.
    check(
        "second-kept",
        "2021-01-04T09:35:00+08:00",
        (
            "130430-cgj",
            "130430-cgj",
            Basis::Territorial,
            true,
            "HB-CF-016",
            &[
                ("HB-CF-016", "130430-cgj", false),
                ("HB-CF-057", "130430-cgj", false),
            ],
        ),
    );
}
