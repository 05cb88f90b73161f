//! Metrics of the bundled day, worked by hand, and the merge law.

use chrono::DateTime;
use jiceng_grid::{Breakdown, By, Entry, GUCHENGYING_DAY, Metrics, Rate};
use proptest::prelude::*;

use crate::World;

fn day() -> Vec<Entry> {
    GUCHENGYING_DAY
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn r(num: u64, den: u64) -> Rate {
    Rate { num, den }
}

#[test]
fn the_day_by_hand() {
    let w = World::new();
    let mut e = w.engine();
    e.replay(&day()).unwrap();
    let as_of = DateTime::parse_from_rfc3339("2025-06-10T17:30:00+08:00").unwrap();
    let mut m = Metrics::default();
    for t in e.tickets() {
        m.add(t, as_of, &w.cal, &w.hours).unwrap();
    }
    let s = m.summary();
    // Five reported, one rejected (the duplicate call): 4/5 accepted.
    assert_eq!(s.reported, 5);
    assert_eq!(s.acceptance, r(4, 5));
    // Due: the three closed events; the postponed one (due in 5 working
    // days) is not yet due. All three resolved before their due times.
    assert_eq!(s.on_time_closure, r(3, 3));
    // Closure: 3 closed / (4 accepted − 1 postponed).
    assert_eq!(s.closure, r(3, 3));
    // Rework: the barbecue, 1 of 3 resolved.
    assert_eq!(s.rework, r(1, 3));
    // Township share: the street stall went to the county, 2 of 3.
    assert_eq!(s.township_share, r(2, 3));
    // Responses 5, 5, 5, 15, 5 minutes: nearest rank 3 of 5 is 5, rank 5
    // (ceil 4.5) is 15.
    assert_eq!((s.response_median, s.response_p90), (Some(5), Some(15)));
    // Resolutions: 75 (09:35→10:50); 220 (10:20→12:00 is 100, 14:00→16:00
    // is 120); 200 (11:20→12:00 is 40, 14:00→16:40 is 160). Sorted 75,
    // 200, 220: rank 2 is 200, rank 3 (ceil 2.7) is 220.
    assert_eq!(
        (s.resolution_median, s.resolution_p90),
        (Some(200), Some(220))
    );
}

#[test]
fn the_day_by_body() {
    let w = World::new();
    let mut e = w.engine();
    e.replay(&day()).unwrap();
    let as_of = DateTime::parse_from_rfc3339("2025-06-10T17:30:00+08:00").unwrap();
    let mut b = Breakdown::default();
    for t in e.tickets() {
        b.add(By::Body, "130430104000", t, as_of, &w.cal, &w.hours)
            .unwrap();
    }
    let keys: Vec<&str> = b.groups.keys().map(String::as_str).collect();
    // The rejected call was never dispatched.
    assert_eq!(keys, ["-", "130430-zhzf", "130430104-zfd"]);
    assert_eq!(b.groups["130430104-zfd"].reported, 3);
    assert_eq!(b.groups["130430-zhzf"].closed, 1);
}

proptest! {
    /// Metrics over two halves of a set of events merge to the whole.
    #[test]
    fn halves_merge_to_the_whole(cut in 0usize..=5, by in 0u8..4) {
        let w = World::new();
        let mut e = w.engine();
        e.replay(&day()).unwrap();
        let as_of = DateTime::parse_from_rfc3339("2025-06-10T17:30:00+08:00").unwrap();
        let by = [By::Township, By::Cell, By::Category, By::Body][usize::from(by)];
        let tickets: Vec<_> = e.tickets().collect();
        let (mut whole, mut a, mut b) = (Breakdown::default(), Breakdown::default(), Breakdown::default());
        for (i, t) in tickets.iter().enumerate() {
            whole.add(by, "130430104000", t, as_of, &w.cal, &w.hours).unwrap();
            let half = if i < cut { &mut a } else { &mut b };
            half.add(by, "130430104000", t, as_of, &w.cal, &w.hours).unwrap();
        }
        a.merge(&b);
        prop_assert_eq!(a, whole);
    }
}
