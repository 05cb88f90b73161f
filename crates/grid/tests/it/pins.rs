//! Exact values for what the other tests leave loose: the bundled grid's
//! figures, the lookups, the Open311 mapping, GB/T 30428's rates with
//! postponed events, the histograms and the synthetic logs.

use chrono::{DateTime, Duration};
use jiceng_grid::{
    Entry, Error, HISTOGRAM_MINUTES, Histogram, Metrics, Rate, ServiceRequest, State, open311,
    synth,
};
use serde_json::json;

use crate::{World, at, entry, id, report, to_closure};

#[test]
fn the_bundled_grids_households_and_residents() {
    let c = jiceng_grid::Grid::guchengying().coverage();
    // Households of cell i are 180 + (7i mod 60). As 7 is prime to 60,
    // 7i mod 60 runs over 0..59 once for i = 1..60, summing to 1,770; less
    // i = 58, 59, 60 (406 mod 60 = 46, 413 mod 60 = 53, 0): 1,671.
    // 57 × 180 + 1,671 = 11,931.
    assert_eq!(c.households, 11_931);
    // Residents of cell i are 560 + (23i mod 200). Σ 23i = 23 × 57 × 58 / 2
    // = 38,019; ⌊23i / 200⌋ steps up at i = 9, 18, 27, 35, 44, 53, so its
    // sum is 49 + 40 + 31 + 23 + 14 + 5 = 162, and Σ (23i mod 200) =
    // 38,019 − 200 × 162 = 5,619. 57 × 560 + 5,619 = 37,539.
    assert_eq!(c.population, 37_539);
    // 40 of the 57 grid workers are full-time.
    assert_eq!(c.full_time, 40);
}

#[test]
fn cells_1_to_29_lie_in_the_first_village_and_30_to_57_in_the_second() {
    let g = jiceng_grid::Grid::guchengying();
    let village = |cell: &str| g.cell(cell).map(|c| c.division.to_string());
    assert_eq!(village("GCY-01").as_deref(), Some("130430104200"));
    assert_eq!(village("GCY-29").as_deref(), Some("130430104200"));
    assert_eq!(village("GCY-30").as_deref(), Some("130430104201"));
    assert_eq!(village("GCY-57").as_deref(), Some("130430104201"));
    assert_eq!(village("GCY-58"), None);
    // The first cell by hand: 180 + 7 households, 560 + 23 residents.
    let c = g.cell("GCY-01").unwrap();
    assert_eq!((c.households, c.population), (187, 583));
}

#[test]
fn lookups_find_members_and_only_members() {
    let g = jiceng_grid::Grid::guchengying();
    assert!(g.is_staff("C01") && g.is_staff("C02"));
    assert!(!g.is_staff("W01") && !g.is_staff("C03"));
    assert_eq!(
        g.worker("L03-2").map(|w| w.name.as_str()),
        Some("街巷长03-2")
    );
    assert!(g.worker("C01").is_none());
    assert_eq!(
        g.body("130430-zhzf").map(|b| b.name.as_str()),
        Some("邱县综合行政执法局")
    );
    assert!(g.body("W01").is_none());
}

#[test]
fn a_cell_at_township_level_is_refused() {
    // The township's own code is of the right township but not a village.
    let mut g = jiceng_grid::Grid::guchengying();
    g.cells[0].division = "130430104000".parse().unwrap();
    assert_eq!(
        g.validate(),
        Err(Error::Invalid {
            what: "grid",
            reason: "cell GCY-01 lies in 130430104000, not a village or community of 130430104000"
                .to_owned()
        })
    );
}

fn requests(entries: &[Entry]) -> Vec<ServiceRequest> {
    let w = World::new();
    let mut e = w.engine();
    e.replay(entries).unwrap();
    e.tickets().map(|t| open311(t, &w.grid, &w.tax)).collect()
}

#[test]
fn open311_of_a_closed_event_field_by_field() {
    let r = requests(&to_closure(1));
    // Reported 09:35; category 0101's resolution level is two working
    // hours: due 11:35 the same morning.
    let want = ServiceRequest {
        service_request_id: id(1),
        status: "closed",
        status_notes: "closed".to_owned(),
        service_name: "市容环境/垃圾桶".to_owned(),
        service_code: "0101".to_owned(),
        // The report's description, as written in the log.
        description: Some("垃圾桶满溢".to_owned()),
        agency_responsible: Some("130430104-zfd".to_owned()),
        requested_datetime: "2025-06-10T09:35:00+08:00".to_owned(),
        updated_datetime: "2025-06-10T11:10:00+08:00".to_owned(),
        expected_datetime: "2025-06-10T11:35:00+08:00".to_owned(),
        address_id: "GCY-01".to_owned(),
        zipcode: Some("130430104200".to_owned()),
    };
    assert_eq!(r, vec![want]);
}

#[test]
fn open311_of_rejected_open_postponed_and_escalated_events() {
    let mut log = vec![
        report(1, "09:35"),
        entry(
            1,
            "09:40",
            "C01",
            json!({"action": "reject", "reason": "重复"}),
        ),
        report(2, "09:35"),
        entry(2, "09:40", "C01", json!({"action": "accept"})),
        report(3, "09:35"),
        entry(3, "09:40", "C01", json!({"action": "accept"})),
        entry(
            3,
            "09:45",
            "C01",
            json!({"action": "escalate", "reason": "no_authority"}),
        ),
        entry(
            3,
            "09:50",
            "C01",
            json!({"action": "dispatch", "body": "130430-zhzf"}),
        ),
        entry(3, "10:00", "130430-zhzf", json!({"action": "start"})),
    ];
    log.push(entry(
        3,
        "10:10",
        "130430-zhzf",
        json!({"action": "postpone", "until": "2025-06-17", "approved_by": "C02"}),
    ));
    let r = requests(&log);
    // A rejected event is closed to Open311; the note keeps why it is,
    // with the reason given in the log.
    assert_eq!(
        (r[0].status, r[0].status_notes.as_str()),
        ("closed", "rejected: 重复")
    );
    assert_eq!(r[0].updated_datetime, "2025-06-10T09:40:00+08:00");
    // Accepted and not dispatched: open, no agency yet.
    assert_eq!(
        (r[1].status, r[1].status_notes.as_str()),
        ("open", "accepted")
    );
    assert_eq!(r[1].agency_responsible, None);
    // The grid's state, the postponement and the escalation, in that order.
    assert_eq!(r[2].status, "open");
    assert_eq!(
        r[2].status_notes,
        "in_progress; postponed until 2025-06-17, approved by C02; escalated 1 time(s)"
    );
    assert_eq!(r[2].agency_responsible.as_deref(), Some("130430-zhzf"));
    assert_eq!(r[2].updated_datetime, "2025-06-10T10:10:00+08:00");
}

#[test]
fn open311_without_the_category_or_the_cell_keeps_the_codes() {
    let w = World::new();
    let mut e = w.engine();
    e.replay(&to_closure(1)).unwrap();
    let t = e.ticket(id(1).parse().unwrap()).unwrap();
    // Another grid and an empty taxonomy: the code stands for the name,
    // and no locality is given.
    let mut other = w.grid.clone();
    other.cells.retain(|c| c.id != "GCY-01");
    let mut none = w.tax.clone();
    none.categories.clear();
    let r = open311(t, &other, &none);
    assert_eq!(r.service_name, "0101");
    assert_eq!(r.zipcode, None);
}

#[test]
fn rates_divide_exactly() {
    assert_eq!(Rate { num: 7, den: 2 }.value(), Some(3.5));
    assert_eq!(Rate { num: 1, den: 4 }.value(), Some(0.25));
    assert_eq!(Rate { num: 0, den: 0 }.value(), None);
}

#[test]
fn histograms_count_each_minute_up_to_24_days_of_seven_hours() {
    // 24 working days × 420 minutes.
    assert_eq!(HISTOGRAM_MINUTES, 10_080);
    let mut h = Histogram::default();
    for m in 1..=10 {
        h.add(m);
    }
    assert_eq!(h.count(), 10);
    // Nearest rank of 1..=10: ceil(q × 10 / 1000).
    assert_eq!(h.quantile_permille(500), Some(5));
    assert_eq!(h.quantile_permille(900), Some(9));
    assert_eq!(h.quantile_permille(901), Some(10));
    assert_eq!(h.quantile_permille(1), Some(1));
    // The last exact minute, then the overflow bucket.
    let mut h = Histogram::default();
    h.add(10_080);
    assert_eq!(h.quantile_permille(1000), Some(10_080));
    h.add(10_081);
    assert_eq!(h.count(), 2);
    assert_eq!(h.quantile_permille(500), Some(10_080));
    assert_eq!(h.quantile_permille(1000), None);
    // Merging adds the counts.
    let mut m = Histogram::default();
    m.merge(&h);
    m.merge(&h);
    assert_eq!(m.count(), 4);
    assert_eq!(m.quantile_permille(500), Some(10_080));
    assert_eq!(m.quantile_permille(501), None);
}

/// Event `n` through the happy path, postponed after the start.
fn postponed_to_closure(n: u32) -> Vec<Entry> {
    let mut log = to_closure(n);
    log.insert(
        4,
        entry(
            n,
            "10:10",
            "130430104-zfd",
            json!({"action": "postpone", "until": "2025-06-13", "approved_by": "C02"}),
        ),
    );
    log
}

#[test]
fn postponed_events_leave_both_closure_rates() {
    // GB/T 30428: on-time closure rate = closed on time / (due − postponed);
    // closure rate = closed / (accepted − postponed), both counting only
    // events never postponed. Three events reported at 09:35, resolution
    // due 11:35, counted at 17:30:
    // 1. closed on time, never postponed;
    // 2. postponed and closed;
    // 3. postponed, in progress, past its due time.
    let mut log = to_closure(1);
    log.extend(postponed_to_closure(2));
    log.extend(postponed_to_closure(3).into_iter().take(5));
    let w = World::new();
    let mut e = w.engine();
    e.replay(&log).unwrap();
    let as_of = DateTime::parse_from_rfc3339("2025-06-10T17:30:00+08:00").unwrap();
    let mut m = Metrics::default();
    for t in e.tickets() {
        m.add(t, as_of, &w.cal, &w.hours).unwrap();
    }
    assert_eq!((m.reported, m.accepted, m.rejected), (3, 3, 0));
    // All three are due (two closed, one past 11:35); two of them postponed.
    assert_eq!((m.due, m.postponed, m.postponed_due), (3, 2, 2));
    assert_eq!((m.closed, m.closed_postponed, m.closed_on_time), (2, 1, 1));
    let s = m.summary();
    // On time: 1 / (3 − 2); closure: (2 − 1) / (3 − 2).
    assert_eq!(s.on_time_closure, Rate { num: 1, den: 1 });
    assert_eq!(s.closure, Rate { num: 1, den: 1 });
    // Counted at 11:30, before event 3 is due: due are the two closed.
    let early = DateTime::parse_from_rfc3339("2025-06-10T11:30:00+08:00").unwrap();
    let mut m = Metrics::default();
    for t in e.tickets() {
        m.add(t, early, &w.cal, &w.hours).unwrap();
    }
    assert_eq!((m.due, m.postponed_due), (2, 1));
    assert_eq!(m.summary().on_time_closure, Rate { num: 1, den: 1 });
}

#[test]
fn an_action_at_the_same_instant_as_the_last_is_in_order() {
    let w = World::new();
    let mut e = w.engine();
    e.apply(&report(1, "09:35")).unwrap();
    // Accepted the minute it is reported: not out of order.
    e.apply(&entry(1, "09:35", "C01", json!({"action": "accept"})))
        .unwrap();
    assert_eq!(
        e.ticket(id(1).parse().unwrap()).unwrap().state,
        State::Accepted
    );
    // A minute earlier is.
    let back = entry(
        1,
        "09:34",
        "C01",
        json!({"action": "dispatch", "body": "130430104-zfd"}),
    );
    assert!(matches!(e.apply(&back), Err(Error::OutOfOrder { .. })));
}

#[test]
fn a_grid_worker_reports_only_in_their_own_cells() {
    let w = World::new();
    let mut e = w.engine();
    // W02 watches GCY-02, not GCY-01.
    let mut r = report(1, "09:35");
    r.actor = "W02".into();
    match e.apply(&r) {
        Err(Error::Refused { actor, reason, .. }) => {
            assert_eq!(actor, "W02");
            assert_eq!(reason, "cell GCY-01 is not assigned to them");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(e.held(), 0);
    // Their lane leader L01-1 watches GCY-01 and may report there.
    r.actor = "L01-1".into();
    e.apply(&r).unwrap();
    assert_eq!(e.held(), 1);
}

fn start() -> DateTime<chrono::FixedOffset> {
    at("08:30")
}

#[test]
fn synthetic_reports_are_spaced_from_the_start() {
    let reports: Vec<Entry> = synth::events(3, 4, start(), 600)
        .filter(|e| e.action.name() == "report")
        .collect();
    let times: Vec<_> = reports.iter().map(|e| e.at).collect();
    // 600 seconds apart from 08:30.
    assert_eq!(
        times,
        [0, 10, 20, 30].map(|m| start() + Duration::minutes(m))
    );
}

#[test]
fn synthetic_logs_reject_about_one_event_in_twenty() {
    // 5% of 10,000 events: 500 expected, standard deviation
    // √(10,000 × 0.05 × 0.95) ≈ 21.8. ±50 is 2.3 deviations; a rate of 6%
    // (600 expected) is 4.6 deviations above the upper bound.
    let rejected = synth::events(11, 10_000, start(), 60)
        .filter(|e| e.action.name() == "reject")
        .count();
    assert!((450..=550).contains(&rejected), "{rejected}");
    // Postponements are until 7 days after the request.
    for e in synth::events(11, 2_000, start(), 60) {
        if let jiceng_grid::Action::Postpone { until, .. } = e.action {
            assert_eq!(until, e.at.date_naive() + chrono::Days::new(7));
        }
    }
}

#[test]
fn only_rejected_and_closed_are_final() {
    use State::*;
    let states = [
        Reported, Accepted, Rejected, Dispatched, InProgress, Escalated, Resolved, Verified, Closed,
    ];
    let finals: Vec<State> = states.into_iter().filter(|s| s.is_final()).collect();
    assert_eq!(finals, [Rejected, Closed]);
    // Streaming keeps an accepted event and gives back a closed one.
    let w = World::new();
    let mut e = w.engine();
    let path = to_closure(1);
    for x in &path[..6] {
        assert_eq!(e.apply_and_release(x).unwrap(), None);
    }
    assert_eq!(e.held(), 1);
    let closed = e.apply_and_release(&path[6]).unwrap().unwrap();
    assert_eq!((closed.state, e.held()), (Closed, 0));
}

#[test]
fn the_entry_schema_describes_every_action() {
    let schema: serde_json::Value = serde_json::from_str(&jiceng_grid::entry_schema()).unwrap();
    let text = schema.to_string();
    for action in [
        "report", "accept", "reject", "dispatch", "start", "resolve", "verify", "rework", "close",
        "rate", "escalate", "postpone",
    ] {
        assert!(text.contains(&format!("\"{action}\"")), "{action}");
    }
    for field in ["event", "at", "actor", "approved_by", "until", "score"] {
        assert!(text.contains(&format!("\"{field}\"")), "{field}");
    }
}

#[test]
fn synthetic_logs_postpone_three_and_rework_ten_in_a_hundred_accepted() {
    // 20,000 events, 95% accepted: 19,000. Postponed 3%: 570 expected,
    // deviation √(19,000 × 0.03 × 0.97) ≈ 23.5; reworked 10%: 1,900
    // expected, deviation √(19,000 × 0.1 × 0.9) ≈ 41.4. The bounds are
    // about 2.5 deviations wide; the next rates up (4%, 11%: 760 and
    // 2,090) lie 4.6 deviations beyond them.
    let (mut postponed, mut reworked) = (0, 0);
    for e in synth::events(13, 20_000, start(), 60) {
        match e.action.name() {
            "postpone" => postponed += 1,
            "rework" => reworked += 1,
            _ => {}
        }
    }
    assert!((510..=630).contains(&postponed), "{postponed}");
    assert!((1_800..=2_000).contains(&reworked), "{reworked}");
}

#[test]
fn states_print_as_the_log_spells_them() {
    assert_eq!(State::InProgress.to_string(), "in_progress");
    assert_eq!(format!("{}", State::Rejected), "rejected");
}

#[test]
fn a_postponement_may_end_the_day_it_is_asked_but_not_before() {
    let w = World::new();
    let postpone = |until: &str| {
        entry(
            1,
            "10:10",
            "130430104-zfd",
            json!({"action": "postpone", "until": until, "approved_by": "C02"}),
        )
    };
    // Asked on 10 June: until 10 June is allowed.
    let mut e = w.engine();
    e.replay(&to_closure(1)[..4]).unwrap();
    e.apply(&postpone("2025-06-10")).unwrap();
    let t = e.ticket(id(1).parse().unwrap()).unwrap();
    assert_eq!(
        t.postponed,
        Some(("2025-06-10".parse().unwrap(), "C02".into()))
    );
    // Until 9 June is before the request.
    let mut e = w.engine();
    e.replay(&to_closure(1)[..4]).unwrap();
    assert_eq!(
        e.apply(&postpone("2025-06-09")),
        Err(Error::Invalid {
            what: "postponement",
            reason: "until 2025-06-09 is before the request".to_owned()
        })
    );
}

#[test]
fn a_synthetic_log_replays_without_a_refusal() {
    // As the module promises: each event's actions move forward in time
    // and every transition is allowed.
    let w = World::new();
    let mut e = w.engine();
    let log: Vec<Entry> = synth::events(5, 300, start(), 600).collect();
    e.replay(&log).unwrap();
    assert_eq!(e.held(), 300);
    for pair in log.windows(2) {
        if pair[0].event == pair[1].event {
            assert!(pair[0].at < pair[1].at, "{:?}", pair[1]);
        }
    }
}
