//! The two ways a layer finds a (slot, item) timeline, the bitmap and the
//! binary search, against each other and against values worked by hand.

#![allow(clippy::unwrap_used)]

use proptest::prelude::*;

use crate::compile::OPEN;
use crate::ledger::{Layer, NONE, Segment, bitmap_fits};

fn seg(from: i32, until: i32, holder: u32) -> Segment {
    Segment {
        from,
        until,
        holder,
        by: NONE,
        instrument: holder,
    }
}

fn both(slots: usize, n_items: usize, entries: &[(u32, u32, Segment)]) -> [Layer; 2] {
    [true, false].map(|bitmap| {
        Layer::build_with(slots, n_items, entries.to_vec(), |_, _, _| {}, Some(bitmap))
    })
}

fn check(slots: usize, n_items: usize, pairs: usize, expected: bool) {
    assert_eq!(
        bitmap_fits(slots, n_items, pairs),
        expected,
        "bitmap_fits({slots}, {n_items}, {pairs})"
    );
}

#[test]
fn bitmap_bound() {
    // Words are slots × ceil(items / 64); the bound is 4 a pair + 65,536.
    // The default synthetic province: 2,300 × ceil(300 / 64) = 2,300 × 5 =
    // 11,500 words, under the floor even with no pairs.
    check(2_300, 300, 0, true);
    // The hostile 100,000 townships with 20,000 items: ceil(20,000 / 64) =
    // 313, so 31,300,000 words, against 4 × 2,000,000 + 65,536 = 8,065,536.
    check(100_000, 20_000, 2_000_000, false);
    // At the floor exactly: 65,536 slots × 1 word.
    check(65_536, 64, 0, true);
    check(65_537, 64, 0, false);
    // One pair allows 4 words more: 65,540 but not 65,541.
    check(65_540, 64, 1, true);
    check(65_541, 64, 1, false);
    // 65 items take 2 words a slot: 32,768 × 2 = 65,536 fits, 32,769 not.
    check(32_768, 65, 0, true);
    check(32_769, 65, 0, false);
    // 64 items take 1 word, 65 take 2: 40,000 slots fit with 64 items
    // (40,000 words) but not with 65 (80,000).
    check(40_000, 64, 0, true);
    check(40_000, 65, 0, false);
    // Sizes that would overflow saturate rather than wrap to a small table.
    check(usize::MAX, 2, 0, false);
    check(usize::MAX, 2, usize::MAX, true);
}

#[test]
fn lookups_worked_by_hand() {
    // Slot 0: item 3 from day 5 on (holder 6); item 70 (the second word of
    // the slot's bitmap) on days 10..20 (holder 5). Slot 1: item 70 on
    // days 1..5 (holder 7) and 8..12 (holder 8), with a gap between.
    let entries = vec![
        (0, 70, seg(10, 20, 5)),
        (0, 3, seg(5, OPEN, 6)),
        (1, 70, seg(8, 12, 8)),
        (1, 70, seg(1, 5, 7)),
    ];
    for layer in both(3, 100, &entries) {
        let cases: [(u32, u32, i32, Option<u32>); 16] = [
            (0, 3, 4, None),
            (0, 3, 5, Some(6)),
            (0, 3, i32::MAX - 1, Some(6)),
            (0, 70, 9, None),
            (0, 70, 10, Some(5)),
            (0, 70, 19, Some(5)),
            (0, 70, 20, None),
            (1, 70, 0, None),
            (1, 70, 1, Some(7)),
            (1, 70, 4, Some(7)),
            (1, 70, 5, None),
            (1, 70, 8, Some(8)),
            (1, 70, 11, Some(8)),
            (1, 70, 12, None),
            (1, 3, 6, None),
            (2, 70, 10, None),
        ];
        for (slot, item, d, want) in cases {
            assert_eq!(
                layer.holder_at(slot, item, d),
                want,
                "({slot}, {item}, {d})"
            );
            assert_eq!(layer.at(slot, item, d).map(|s| s.holder), want);
        }
        // Out of range: an item past the items, a slot past the slots.
        assert_eq!(layer.holder_at(0, 100, 10), None);
        assert_eq!(layer.holder_at(0, u32::MAX, 10), None);
        assert_eq!(layer.holder_at(3, 70, 10), None);
        assert_eq!(layer.holder_at(u32::MAX, 70, 10), None);
        // The runs, in date order, and a slot's items in item order.
        assert_eq!(layer.run(1, 70), &[seg(1, 5, 7), seg(8, 12, 8)]);
        assert_eq!(layer.run(0, 3), &[seg(5, OPEN, 6)]);
        assert!(layer.run(1, 3).is_empty());
        let items: Vec<u32> = layer.items_of(0).map(|(i, _)| i).collect();
        assert_eq!(items, [3, 70]);
        assert_eq!(layer.items_of(2).count(), 0);
    }
}

#[test]
fn bitmap_counts_the_keys_before_an_item_in_its_word() {
    // Slot 0 has items 0, 1, 63 (word 0) and 64, 127 (word 1); slot 1 has
    // items 1 and 64. Keys in order: 0, 1, 63, 64, 127 | 1, 64, so each
    // item's holder is its place among the keys, numbered by hand.
    let pairs = [(0, 0), (0, 1), (0, 63), (0, 64), (0, 127), (1, 1), (1, 64)];
    let entries: Vec<_> = pairs
        .iter()
        .enumerate()
        .map(|(k, &(s, i))| (s, i, seg(0, OPEN, k as u32)))
        .collect();
    for layer in both(2, 128, &entries) {
        for (k, &(s, i)) in pairs.iter().enumerate() {
            assert_eq!(layer.holder_at(s, i, 0), Some(k as u32), "({s}, {i})");
        }
        for (s, i) in [
            (0, 2),
            (0, 62),
            (0, 65),
            (0, 126),
            (1, 0),
            (1, 63),
            (1, 127),
        ] {
            assert_eq!(layer.holder_at(s, i, 0), None, "({s}, {i})");
        }
    }
}

proptest! {
    /// Both ways give the same answers, `holder_at` agrees with `at`, and
    /// a pair has a run exactly when an entry named it.
    #[test]
    fn bitmap_and_search_agree(
        raw in prop::collection::vec((0u32..6, 0u32..140, 0i32..40, 1i32..20, 0u32..1000), 0..60),
        days in prop::collection::vec(-1i32..70, 1..8),
    ) {
        let entries: Vec<_> = raw
            .iter()
            .map(|&(s, i, from, len, h)| (s, i, seg(from, from + len, h)))
            .collect();
        let [bitmap, search] = both(6, 140, &entries);
        for slot in 0..7u32 {
            for item in 0..141u32 {
                let named = entries.iter().any(|e| (e.0, e.1) == (slot, item));
                prop_assert_eq!(!bitmap.run(slot, item).is_empty(), named);
                prop_assert_eq!(bitmap.run(slot, item), search.run(slot, item));
                for &d in &days {
                    let at = bitmap.at(slot, item, d);
                    prop_assert_eq!(at, search.at(slot, item, d));
                    prop_assert_eq!(bitmap.holder_at(slot, item, d), at.map(|s| s.holder));
                    prop_assert_eq!(search.holder_at(slot, item, d), at.map(|s| s.holder));
                }
            }
        }
    }
}

/// The fast path reads heads and the statutory table; the slow path whole
/// segments. On every (item, division, day) of a small synthetic province
/// (130 items: three bitmap words a place) and of the Hebei sample, they
/// name the same holder.
#[test]
fn fast_holder_agrees_with_segment() {
    use crate::ledger::{Ledger, day};
    use crate::synth::{SynthParams, province};

    let small = SynthParams {
        cities: 2,
        townships: 40,
        villages: 40,
        items: 130,
        instruments: 400,
        ..SynthParams::default()
    };
    let ledgers = [
        Ledger::build(province(&small), crate::file::Source::default()).unwrap(),
        Ledger::hebei_sample(),
    ];
    for ledger in &ledgers {
        let days: Vec<i32> = [
            "2020-12-31",
            "2021-06-01",
            "2022-03-01",
            "2023-07-15",
            "2025-12-31",
        ]
        .iter()
        .map(|d| day(d.parse().unwrap()))
        .collect();
        let mut granted = 0;
        for item in 0..ledger.items().len() as u32 {
            for div in 0..ledger.registry().divisions().len() {
                for &d in &days {
                    let slow = ledger.segment(item, div, d);
                    granted += usize::from(slow.is_some_and(|(_, town)| town));
                    assert_eq!(
                        ledger.fast_holder(item, div, d),
                        slow.map(|(s, _)| s.holder),
                        "item {item}, division {div}, day {d}"
                    );
                }
            }
        }
        // The comparison reaches the township layer, not only the law.
        assert!(granted > 0);
    }
}

/// A concentration that names an item held by townships by law and one
/// held by the city: the county layer has timelines for both, but neither
/// is read (the township item stays with the township government; the
/// city item is read from the county layer as any concentrated item).
/// Worked by hand: on 2022-01-01 in 某镇, T is 某镇人民政府's (by law,
/// Art. 24 devolution aside), C is the bureau's (concentrated 2021-06-01),
/// K is the bureau's too; on 2021-01-01, before the concentration, C is
/// the city's department and K the county's.
#[test]
fn fast_holder_reads_only_what_the_item_level_allows() {
    use crate::ledger::{Ledger, day};

    let text = r#"format = 1
name = "levels"

[[division]]
code = "130000000000"
name = "省"
kind = "province"

[[division]]
code = "130400000000"
name = "市"
kind = "city"

[[division]]
code = "130430000000"
name = "县"
kind = "county"

[[division]]
code = "130430100000"
name = "某镇"
kind = "town"

[[body]]
code = "city-dept"
name = "市局"
kind = "department"
division = "130400000000"
sector = "s"

[[body]]
code = "c-gov"
name = "县政府"
kind = "government"
division = "130430000000"

[[body]]
code = "c-dept"
name = "县局"
kind = "department"
division = "130430000000"
sector = "s"

[[body]]
code = "c-zhzf"
name = "县执法局"
kind = "enforcement_bureau"
division = "130430000000"

[[body]]
code = "t-gov"
name = "某镇人民政府"
kind = "government"
division = "130430100000"

[[item]]
code = "T"
name = "t"
category = "处罚"
sector = "s"
level = "township"

[[item]]
code = "C"
name = "c"
category = "处罚"
sector = "s"
level = "city"

[[item]]
code = "K"
name = "k"
category = "处罚"
sector = "s"

[[instrument]]
id = "conc"
kind = "concentration"
issuer = "c-gov"
document = "县政字〔2021〕5号"
title = "集中"
published = "2021-05-20"
effective_from = "2021-06-01"
county = "130430000000"
from = ["c-dept"]
to = "c-zhzf"
items = ["T", "C", "K"]
"#;
    let ledger = Ledger::from_text(text, "levels.toml").unwrap();
    let reg = ledger.registry();
    let town = reg
        .division_id("130430100000".parse().unwrap())
        .unwrap()
        .index();
    let body = |code: &str| reg.body_id(code).unwrap().0;
    let item = |code: &str| ledger.item_id(code).unwrap().0;
    let (before, after) = (
        day("2021-01-01".parse().unwrap()),
        day("2022-01-01".parse().unwrap()),
    );
    let cases = [
        ("T", after, "t-gov"),
        ("C", after, "c-zhzf"),
        ("K", after, "c-zhzf"),
        ("T", before, "t-gov"),
        ("C", before, "city-dept"),
        ("K", before, "c-dept"),
    ];
    for (code, d, holder) in cases {
        let want = Some(body(holder));
        assert_eq!(
            ledger.fast_holder(item(code), town, d),
            want,
            "{code} on {d}"
        );
        assert_eq!(
            ledger.segment(item(code), town, d).map(|(s, _)| s.holder),
            want
        );
    }
}
