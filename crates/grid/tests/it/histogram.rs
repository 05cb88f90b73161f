//! Histograms that hold only what they have seen: memory proportional to
//! the events a group holds, with the same quantiles and the same exact
//! merge as one counter a minute.

use chrono::DateTime;
use jiceng_grid::{Breakdown, By, DENSE_FROM, HISTOGRAM_MINUTES, Histogram};
use proptest::prelude::*;

use crate::{World, to_closure};

/// `grid metrics --by cell` over 5,700 one-event cells aborted under a
/// 1 GiB limit: every group held two histograms of 10,081 counters.
#[test]
fn six_thousand_one_event_groups_hold_one_counter_per_histogram() {
    let w = World::new();
    let mut e = w.engine();
    e.replay(&to_closure(1)).unwrap();
    let t = e.tickets().next().unwrap().clone();
    let as_of = DateTime::parse_from_rfc3339("2025-06-10T17:30:00+08:00").unwrap();
    let mut b = Breakdown::default();
    for i in 0..6_000 {
        let mut t = t.clone();
        t.cell = format!("C{i:04}").into();
        b.add(By::Cell, "130430104", &t, as_of, &w.cal, &w.hours)
            .unwrap();
    }
    assert_eq!(b.groups.len(), 6_000);
    // Each group saw one event: one response time (5 minutes, 09:35 →
    // 09:40) and one resolution time (75 minutes, 09:35 → 10:50), so one
    // counter in each histogram: 2 × 6,000 = 12,000 in all, where one
    // counter a minute held 2 × 6,000 × 10,081 = 120,972,000.
    let entries: usize = b
        .groups
        .values()
        .map(|m| m.response.entries() + m.resolution.entries())
        .sum();
    assert_eq!(entries, 12_000);
    let m = &b.groups["C0000"];
    assert_eq!(m.response.quantile_permille(500), Some(5));
    assert_eq!(m.resolution.quantile_permille(500), Some(75));
}

#[test]
fn a_histogram_holds_one_counter_per_distinct_minute_until_dense() {
    let mut h = Histogram::default();
    assert_eq!(h.entries(), 0);
    h.add(7);
    h.add(7);
    h.add(3);
    // Two distinct minutes, and the overflow is not a listed minute.
    h.add(20_000);
    assert_eq!((h.entries(), h.count()), (2, 4));
    // Nearest rank over 3, 7, 7, overflow: rank 2 of 4 is 7; rank 4 is
    // in the overflow.
    assert_eq!(h.quantile_permille(500), Some(7));
    assert_eq!(h.quantile_permille(1000), None);
    // 1..=DENSE_FROM − 1 with 3 and 7 already there: DENSE_FROM − 1
    // distinct minutes, still sparse; one more and one counter a minute.
    for m in 1..DENSE_FROM as i64 {
        if m != 3 && m != 7 {
            h.add(m);
        }
    }
    assert_eq!(h.entries(), DENSE_FROM - 1);
    h.add(5_000);
    assert_eq!(h.entries(), HISTOGRAM_MINUTES + 1);
}

#[test]
fn quantiles_survive_the_change_to_dense() {
    // 1..=2000, each once: nearest rank ceil(0.5 × 2000) = 1000 is minute
    // 1000; ceil(0.9 × 2000) = 1800 is minute 1800; ceil(0.001 × 2000) = 2
    // is minute 2; rank 2000 is minute 2000.
    let mut h = Histogram::default();
    for m in 1..=2_000 {
        h.add(m);
    }
    assert_eq!(h.entries(), HISTOGRAM_MINUTES + 1);
    assert_eq!(h.quantile_permille(500), Some(1_000));
    assert_eq!(h.quantile_permille(900), Some(1_800));
    assert_eq!(h.quantile_permille(1), Some(2));
    assert_eq!(h.quantile_permille(1000), Some(2_000));
}

#[test]
fn histograms_of_the_same_size_differ_by_their_minutes() {
    // One time each, none in the overflow: equal only if the minute is.
    let one = |m| {
        let mut h = Histogram::default();
        h.add(m);
        h
    };
    assert_eq!(one(1), one(1));
    assert_ne!(one(1), one(2));
    // The same minutes, counted a different number of times.
    let mut twice = one(1);
    twice.add(1);
    assert_ne!(twice, one(1));
}

#[test]
fn two_dense_histograms_merge_by_adding_their_counts() {
    // 1..=2000 twice: every minute counted 2 times, 4,000 in all. Nearest
    // rank ceil(0.5 × 4000) = 2000 is reached at minute 1000 (2 × 1000).
    let mut a = Histogram::default();
    let mut b = Histogram::default();
    for m in 1..=2_000 {
        a.add(m);
        b.add(m);
    }
    let mut twice = a.clone();
    for m in 1..=2_000 {
        twice.add(m);
    }
    a.merge(&b);
    assert_eq!(a.count(), 4_000);
    assert_eq!(a.quantile_permille(500), Some(1_000));
    assert_eq!(a, twice);
}

#[test]
fn a_merge_of_sparse_lists_stays_sparse_below_the_threshold() {
    // Minutes 1 and 2: two counters, not a dense array.
    let (mut a, mut b) = (Histogram::default(), Histogram::default());
    a.add(1);
    b.add(2);
    a.merge(&b);
    assert_eq!(a.entries(), 2);
    // 0..512 and 512..1024: 1,024 distinct minutes, the threshold, dense.
    let (mut a, mut b) = (Histogram::default(), Histogram::default());
    for m in 0..512 {
        a.add(m);
        b.add(m + 512);
    }
    assert_eq!((a.entries(), b.entries()), (512, 512));
    a.merge(&b);
    assert_eq!(a.entries(), HISTOGRAM_MINUTES + 1);
}

/// A histogram as a plain list: the reference model.
fn reference(xs: &[i64], q: u32) -> Option<u32> {
    let mut v: Vec<i64> = xs.iter().map(|&x| x.max(0)).collect();
    v.sort_unstable();
    let rank = (u64::from(q) * v.len() as u64).div_ceil(1000).max(1);
    let x = *v.get(usize::try_from(rank).unwrap() - 1)?;
    (x <= HISTOGRAM_MINUTES as i64).then(|| u32::try_from(x).unwrap())
}

fn filled(xs: &[i64]) -> Histogram {
    let mut h = Histogram::default();
    for &x in xs {
        h.add(x);
    }
    h
}

proptest! {
    /// Sparse, dense or mixed, two halves merge to the whole, equal to it
    /// and with the quantiles of a sorted list.
    #[test]
    fn halves_merge_to_the_whole_in_any_representation(
        xs in prop::collection::vec(-5i64..12_000, 0..3_000),
        cut in 0usize..3_000,
        q in 1u32..=1000,
    ) {
        let cut = cut.min(xs.len());
        let whole = filled(&xs);
        let mut a = filled(&xs[..cut]);
        a.merge(&filled(&xs[cut..]));
        let mut b = filled(&xs[cut..]);
        b.merge(&filled(&xs[..cut]));
        prop_assert_eq!(&a, &whole);
        prop_assert_eq!(&b, &whole);
        prop_assert_eq!(a.count(), xs.len() as u64);
        let expected = if xs.is_empty() { None } else { reference(&xs, q) };
        prop_assert_eq!(a.quantile_permille(q), expected);
        prop_assert_eq!(b.quantile_permille(q), expected);
        prop_assert_eq!(whole.quantile_permille(q), expected);
    }
}
