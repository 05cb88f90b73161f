//! The bundled day in Guchengying town.

use jiceng_grid::{Entry, EscalationReason, GUCHENGYING_DAY, State};

use crate::{World, at};

/// The ids of the day's five events, as the bundled file writes them.
const IDS: [&str; 5] = [
    "01975779-f5a0-7000-8000-000000000001",
    "019757a3-2880-7000-8000-000000000002",
    "019757da-1700-7000-8000-000000000003",
    "01975871-26e0-7000-8000-000000000004",
    "019758be-f8c0-7000-8000-000000000005",
];

fn id(n: usize) -> uuid::Uuid {
    IDS[n - 1].parse().unwrap()
}

fn day() -> Vec<Entry> {
    GUCHENGYING_DAY
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn the_day_replays_cleanly() {
    let w = World::new();
    let mut e = w.engine();
    e.replay(&day()).unwrap();
    let states: Vec<State> = e.tickets().map(|t| t.state).collect();
    assert_eq!(
        states,
        [
            State::Closed,
            State::Closed,
            State::Closed,
            State::InProgress,
            State::Rejected
        ]
    );
}

#[test]
fn the_rubbish_bin_0935_to_1050() {
    let w = World::new();
    let mut e = w.engine();
    e.replay(&day()).unwrap();
    let t = e.ticket(id(1)).unwrap();
    assert_eq!(t.reported_at, at("09:35"));
    assert_eq!(t.resolved_at, Some(at("10:50")));
    // 75 working minutes, inside the 120-minute service level (due 11:35).
    assert_eq!(
        w.hours
            .minutes_between(&w.cal, t.reported_at, at("10:50"))
            .unwrap(),
        75
    );
    assert_eq!(t.resolution_due, at("11:35"));
    assert_eq!(t.rating, Some(5));
}

#[test]
fn escalation_rework_and_postponement() {
    let w = World::new();
    let mut e = w.engine();
    e.replay(&day()).unwrap();
    let t = e.ticket(id(2)).unwrap();
    assert_eq!(t.escalations, vec![EscalationReason::NoAuthority]);
    assert_eq!(t.body.as_deref(), Some("130430-zhzf"));
    let t = e.ticket(id(3)).unwrap();
    assert_eq!(t.reworks, 1);
    let t = e.ticket(id(4)).unwrap();
    assert_eq!(
        t.postponed,
        Some(("2025-06-13".parse().unwrap(), "C02".into()))
    );
}
