//! Routing through the bundled Hebei ledger. Expected bodies come from the
//! ledger's instruments: Qiu County concentrated HB-CF-001…087 in its
//! comprehensive enforcement bureau from 2021-06-01 (邱政字〔2021〕15号)
//! and devolved HB-CF-001…040 to its townships from 2022-03-01
//! (邱政字〔2022〕6号).

use chrono::DateTime;
use jiceng_authority::Ledger;
use jiceng_enforcement::jurisdiction::Basis;
use jiceng_grid::{Error, EscalationReason, route};

use crate::World;

fn check(category: &str, at: &str, want: (&str, &str, Basis, bool, &str, &str)) {
    let w = World::new();
    let ledger = Ledger::hebei_sample();
    let at = DateTime::parse_from_rfc3339(at).unwrap();
    let r = route(
        &ledger,
        &w.tax,
        &w.cal,
        &w.hours,
        category,
        "130430104200",
        at,
    )
    .unwrap();
    let (body, competent, basis, escalated, response, resolution) = want;
    assert_eq!(r.body.code, body);
    assert_eq!(r.competent.code, competent);
    assert_eq!(r.basis, basis);
    assert_eq!(r.escalated, escalated);
    assert_eq!(
        r.escalation,
        escalated.then_some(EscalationReason::NoAuthority)
    );
    assert_eq!(r.response_due.to_rfc3339(), response);
    assert_eq!(r.resolution_due.to_rfc3339(), resolution);
}

#[test]
fn routes() {
    // The rubbish bin (HB-CF-016, devolved): the township team acts for the
    // township government. 09:35 + 30 min = 10:05; + 120 min = 11:35.
    check(
        "0101",
        "2025-06-10T09:35:00+08:00",
        (
            "130430104-zfd",
            "130430104-gov",
            Basis::Devolved,
            false,
            "2025-06-10T10:05:00+08:00",
            "2025-06-10T11:35:00+08:00",
        ),
    );
    // A street stall (HB-CF-057, concentrated, not devolved): the county
    // bureau, escalated. 10:20 + 60 min = 11:20; 3 working days from
    // Tuesday 10 June = Friday 13 June, 17:30.
    check(
        "0103",
        "2025-06-10T10:20:00+08:00",
        (
            "130430-zhzf",
            "130430-zhzf",
            Basis::Concentrated,
            true,
            "2025-06-10T11:20:00+08:00",
            "2025-06-13T17:30:00+08:00",
        ),
    );
    // The rubbish bin before the reform (Monday 4 January 2021): the
    // county's urban management bureau, by territory, escalated.
    // 09:35 + 30 = 10:05; + 120 = 11:35.
    check(
        "0101",
        "2021-01-04T09:35:00+08:00",
        (
            "130430-cgj",
            "130430-cgj",
            Basis::Territorial,
            true,
            "2021-01-04T10:05:00+08:00",
            "2021-01-04T11:35:00+08:00",
        ),
    );
}

#[test]
fn unknown_category_and_division() {
    let w = World::new();
    let ledger = Ledger::hebei_sample();
    let at = DateTime::parse_from_rfc3339("2025-06-10T09:35:00+08:00").unwrap();
    assert_eq!(
        route(
            &ledger,
            &w.tax,
            &w.cal,
            &w.hours,
            "9999",
            "130430104200",
            at
        ),
        Err(Error::UnknownCategory("9999".to_owned()))
    );
    assert!(matches!(
        route(
            &ledger,
            &w.tax,
            &w.cal,
            &w.hours,
            "0101",
            "999999999999",
            at
        ),
        Err(Error::Enforcement(_) | Error::Authority(_))
    ));
}

/// The fast path agrees with the explained route: every category, both
/// villages, before and after each instrument of Qiu County.
#[test]
fn router_agrees_with_route() {
    let w = World::new();
    let ledger = Ledger::hebei_sample();
    let router = jiceng_grid::Router::new(&ledger, &w.tax, &w.cal, &w.hours).unwrap();
    for at in [
        "2021-01-04T09:35:00+08:00",
        "2021-06-01T09:35:00+08:00",
        "2022-03-01T11:50:00+08:00",
        "2025-09-30T17:00:00+08:00",
    ] {
        let at = DateTime::parse_from_rfc3339(at).unwrap();
        for village in ["130430104200", "130430104201"] {
            let div = ledger
                .registry()
                .division_id(village.parse().unwrap())
                .unwrap();
            for (i, c) in w.tax.categories.iter().enumerate() {
                let slow = route(&ledger, &w.tax, &w.cal, &w.hours, &c.code, village, at).unwrap();
                let fast = router.route(i, div, at).unwrap().unwrap();
                assert_eq!(ledger.registry().body_at(fast.body).code, slow.body.code);
                assert_eq!(fast.escalated, slow.escalated);
                assert_eq!(fast.response_due, slow.response_due);
                assert_eq!(fast.resolution_due, slow.resolution_due);
            }
        }
    }
}
