//! Exact values for the mutants of a second sample: the bound on each of
//! a grid's four lists, and every raw count of the metrics of the bundled
//! day.

use chrono::DateTime;
use jiceng_grid::{Entry, Error, GUCHENGYING_DAY, Grid, MAX_MEMBERS, Metrics};

use crate::World;

/// The bundled grid with one of its lists grown to `n` copies of its first
/// member.
fn grown(list: &str, n: usize) -> Grid {
    let mut g = Grid::guchengying();
    match list {
        "cells" => g.cells = vec![g.cells[0].clone(); n],
        "workers" => g.workers = vec![g.workers[0].clone(); n],
        "staff" => g.staff = vec![g.staff[0].clone(); n],
        _ => g.bodies = vec![g.bodies[0].clone(); n],
    }
    g
}

fn reason(g: &Grid) -> String {
    match g.validate() {
        Err(Error::Invalid {
            what: "grid",
            reason,
        }) => reason,
        other => panic!("{other:?}"),
    }
}

/// Each of the cells, workers, staff and bodies may number MAX_MEMBERS
/// (100,000), and no more. At 100,001 copies of its first member a list
/// is refused for its length, before its repeats are looked at; at
/// 100,000 the length passes and the first repeat is what is refused: the
/// second copy of cell GCY-01, or of the first worker, staff member or
/// body, each an actor id.
#[test]
fn each_list_of_a_grid_holds_at_most_a_hundred_thousand() {
    assert_eq!(MAX_MEMBERS, 100_000);
    let g = Grid::guchengying();
    let first = [
        ("cells", "cell GCY-01 appears twice".to_owned()),
        (
            "workers",
            format!("actor {} appears twice", g.workers[0].id),
        ),
        ("staff", format!("actor {} appears twice", g.staff[0].id)),
        (
            "bodies",
            format!("actor {} appears twice", g.bodies[0].code),
        ),
    ];
    for (list, repeat) in first {
        assert_eq!(reason(&grown(list, 100_000)), repeat, "{list}");
        assert_eq!(
            reason(&grown(list, 100_001)),
            format!("100001 {list}, more than 100000"),
            "{list}"
        );
    }
}

/// The metrics' raw counts of the bundled day at 17:30, each by hand
/// (the rates built on them are worked in metrics.rs): five events
/// reported, one of them rejected (the duplicate call), so four accepted.
/// Of these, three are closed and so due, all three on time and none
/// postponed; the fourth was postponed (缓办) and its five working days
/// have not passed, so it is neither due nor closed. Three were resolved,
/// the barbecue once sent back for rework, and two closed without going
/// up to the county (the street stall did). Every report has a response
/// time, the rejection's included (five); only the three resolved have a
/// resolution time.
#[test]
fn every_raw_count_of_the_bundled_day() {
    let w = World::new();
    let mut e = w.engine();
    let day: Vec<Entry> = GUCHENGYING_DAY
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    e.replay(&day).unwrap();
    let as_of = DateTime::parse_from_rfc3339("2025-06-10T17:30:00+08:00").unwrap();
    let mut m = Metrics::default();
    for t in e.tickets() {
        m.add(t, as_of, &w.cal, &w.hours).unwrap();
    }
    assert_eq!((m.reported, m.rejected, m.accepted), (5, 1, 4));
    assert_eq!((m.due, m.postponed, m.postponed_due), (3, 1, 0));
    assert_eq!((m.closed, m.closed_postponed, m.closed_on_time), (3, 0, 3));
    assert_eq!((m.resolved, m.reworked, m.closed_in_township), (3, 1, 2));
    assert_eq!((m.response.count(), m.resolution.count()), (5, 3));
    // Merging into an empty fold copies every count.
    let mut copy = Metrics::default();
    copy.merge(&m);
    assert_eq!(copy, m);
}
