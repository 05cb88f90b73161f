//! The snapshot and the statistics of one small ledger, every figure
//! worked by hand on the days around each instrument's first and last
//! day: a grant is in force from `effective_from` up to the day before
//! `effective_until`.
//!
//! The ledger: Qiu County concentrates CF-1 and CF-2 (penalties) in its
//! enforcement bureau from 2021-06-01 (Art. 18 of the Administrative
//! Penalty Law); the bureau devolves both to 新马头镇 (T1) and 邱城镇 (T2)
//! from 2022-03-01 until 2023-03-01 (Art. 24); the 市场监管 department
//! devolves XK-1 (a licence) to 邱城镇 from 2022-03-01 with no end, and
//! entrusts XK-1 to 南辛店乡 (T3) from 2022-03-01 until 2022-09-01.

use std::collections::BTreeMap;

use jiceng_authority::{Ledger, PowerCategory};

use crate::{CONCENTRATE, d, instrument, ledger};

const T1: &str = "130430100000";
const T2: &str = "130430101000";
const T3: &str = "130430200000";
const QIU: &str = "130430000000";

fn sample() -> Ledger {
    let extra = format!(
        "{CONCENTRATE}{}{}{}",
        instrument(
            "dev",
            "devolution",
            "\"c-zhzf\"",
            "2022-02-20",
            "2022-03-01",
            &format!(
                "effective_until = \"2023-03-01\"\ntownships = [\"{T1}\", \"{T2}\"]\nitems = [\"CF-1\", \"CF-2\"]"
            ),
        ),
        instrument(
            "lic",
            "devolution",
            "\"c-scjg\"",
            "2022-02-20",
            "2022-03-01",
            &format!("townships = [\"{T2}\"]\nitems = [\"XK-1\"]"),
        ),
        instrument(
            "ent",
            "entrustment",
            "\"c-scjg\"",
            "2022-02-20",
            "2022-03-01",
            &format!(
                "effective_until = \"2022-09-01\"\ntownships = [\"{T3}\"]\nitems = [\"XK-1\"]"
            ),
        ),
    );
    ledger(&extra)
}

type Row = (String, String, String, Option<String>);

fn snapshot(l: &Ledger, date: &str) -> Vec<Row> {
    l.snapshot(d(date))
        .entries
        .into_iter()
        .map(|((item, div), e)| (item, div.to_string(), e.holder, e.exercised_by))
        .collect()
}

fn row(item: &str, div: &str, holder: &str, by: Option<&str>) -> Row {
    (
        item.to_owned(),
        div.to_owned(),
        holder.to_owned(),
        by.map(str::to_owned),
    )
}

/// The county's four items, held by law by the department of their sector
/// (CF-3 and XK-1) or, once concentrated, by the bureau (CF-1, CF-2).
fn county_rows() -> Vec<Row> {
    vec![
        row("CF-1", QIU, "c-zhzf", None),
        row("CF-2", QIU, "c-zhzf", None),
        row("CF-3", QIU, "c-sthj", None),
        row("XK-1", QIU, "c-scjg", None),
    ]
}

/// On the eve of the grants only the county holds; from 2022-03-01 the
/// towns' governments hold the devolved penalties, exercised by their
/// teams, 邱城镇's government holds XK-1 and exercises it itself (it has no
/// service centre), and 南辛店乡's service centre exercises the licence the
/// department keeps (an entrustment). The entrustment's last day is
/// 2022-08-31; the penalties' is 2023-02-28.
#[test]
fn the_snapshot_follows_each_grant_from_its_first_to_its_last_day() {
    let l = sample();
    let sorted = |mut v: Vec<Row>| {
        v.sort();
        v
    };
    assert_eq!(snapshot(&l, "2022-02-28"), county_rows());
    let penalties = [
        row("CF-1", T1, "t1-gov", Some("t1-zfd")),
        row("CF-2", T1, "t1-gov", Some("t1-zfd")),
        row("CF-1", T2, "t2-gov", Some("t2-zfd")),
        row("CF-2", T2, "t2-gov", Some("t2-zfd")),
    ];
    let licence = row("XK-1", T2, "t2-gov", None);
    let entrusted = row("XK-1", T3, "c-scjg", Some("t3-fwzx"));
    let mut all = county_rows();
    all.extend(penalties.iter().cloned());
    all.push(licence.clone());
    all.push(entrusted);
    let all = sorted(all);
    assert_eq!(snapshot(&l, "2022-03-01"), all);
    assert_eq!(snapshot(&l, "2022-08-31"), all);
    let mut after = county_rows();
    after.extend(penalties.iter().cloned());
    after.push(licence.clone());
    let after = sorted(after);
    assert_eq!(snapshot(&l, "2022-09-01"), after);
    assert_eq!(snapshot(&l, "2023-02-28"), after);
    let mut last = county_rows();
    last.push(licence);
    assert_eq!(snapshot(&l, "2023-03-01"), sorted(last));
}

/// The figures of `stats`, worked from the instruments in force:
///
/// | day        | in force | devolved (T1+T2) | entrusted | penalties | licences |
/// |------------|----------|------------------|-----------|-----------|----------|
/// | 2022-02-28 | 2        | 0                | 0         | 0         | 0        |
/// | 2022-03-01 | 5        | 2 + 3 = 5        | 1         | 4         | 1        |
/// | 2022-08-31 | 5        | 5                | 1         | 4         | 1        |
/// | 2022-09-01 | 4        | 5                | 0         | 4         | 1        |
/// | 2023-02-28 | 4        | 5                | 0         | 4         | 1        |
/// | 2023-03-01 | 3        | 1                | 0         | 0         | 1        |
///
/// "In force" counts the guidance list and the concentration (both open)
/// plus the grants of the day. Qiu County has 3 townships, so 5 devolved
/// pairs are 5/3 a township and 1 licence 1/3; the entrusted licence is
/// counted apart, not as devolved. By sector: CF-1 is 生态环境, CF-2 and
/// XK-1 市场监管.
#[test]
fn the_statistics_follow_each_grant_from_its_first_to_its_last_day() {
    let l = sample();
    type Figures = (usize, usize, usize, usize, usize, usize, usize);
    let figures = |date: &str| -> Figures {
        let s = l.stats(d(date));
        assert_eq!(s.counties.len(), 1);
        let c = &s.counties[0];
        assert_eq!(c.townships, 3);
        assert_eq!(c.concentrated, 2);
        assert_eq!(s.items, 4);
        let cat = |k: PowerCategory| s.by_category.get(&k).copied().unwrap_or(0);
        assert_eq!(
            c.by_category
                .get(&PowerCategory::Penalty)
                .copied()
                .unwrap_or(0),
            cat(PowerCategory::Penalty)
        );
        assert!((c.average_per_township - c.devolved as f64 / 3.0).abs() < 1e-12);
        assert!(
            (c.average_licensing_per_township - cat(PowerCategory::Licensing) as f64 / 3.0).abs()
                < 1e-12
        );
        assert_eq!(c.entrusted, s.entrusted);
        (
            s.instruments_in_force,
            c.devolved,
            s.entrusted,
            cat(PowerCategory::Penalty),
            cat(PowerCategory::Licensing),
            s.by_sector.get("生态环境").copied().unwrap_or(0),
            s.by_sector.get("市场监管").copied().unwrap_or(0),
        )
    };
    assert_eq!(figures("2022-02-28"), (2, 0, 0, 0, 0, 0, 0));
    assert_eq!(figures("2022-03-01"), (5, 5, 1, 4, 1, 2, 3));
    assert_eq!(figures("2022-08-31"), (5, 5, 1, 4, 1, 2, 3));
    assert_eq!(figures("2022-09-01"), (4, 5, 0, 4, 1, 2, 3));
    assert_eq!(figures("2023-02-28"), (4, 5, 0, 4, 1, 2, 3));
    assert_eq!(figures("2023-03-01"), (3, 1, 0, 0, 1, 0, 1));
    // The averages on the busiest day, worked out: 5/3 and 1/3.
    let s = l.stats(d("2022-03-01"));
    assert!((s.counties[0].average_per_township - 1.666_666_666_666_666_7).abs() < 1e-12);
    assert!((s.counties[0].average_licensing_per_township - 0.333_333_333_333_333_3).abs() < 1e-12);
    let expected: BTreeMap<PowerCategory, usize> =
        [(PowerCategory::Penalty, 4), (PowerCategory::Licensing, 1)].into();
    assert_eq!(s.by_category, expected);
    assert_eq!(s.counties[0].by_category, expected);
}

/// The compact query gives the same holders as the snapshot, by handle:
/// on 2022-03-01 新马头镇's CF-1 is its government's, exercised by its
/// team; 南辛店乡's XK-1 stays the department's, exercised by the town's
/// service centre (an entrustment); the county's CF-1 is the bureau's
/// alone. A handle past the ledger's items holds nothing.
#[test]
fn holding_by_handle_matches_the_snapshot() {
    let l = sample();
    let reg = l.registry();
    let place = |code: &str| reg.division_id(code.parse().unwrap()).unwrap();
    let holding = |item: &str, div: &str, date: &str| -> Option<(String, Option<String>)> {
        l.holding_id(l.item_id(item).unwrap(), place(div), d(date))
            .map(|(h, by)| {
                (
                    reg.body_at(h).code.clone(),
                    by.map(|b| reg.body_at(b).code.clone()),
                )
            })
    };
    let some = |h: &str, by: Option<&str>| Some((h.to_owned(), by.map(str::to_owned)));
    assert_eq!(
        holding("CF-1", T1, "2022-03-01"),
        some("t1-gov", Some("t1-zfd"))
    );
    assert_eq!(holding("CF-1", T1, "2022-02-28"), some("c-zhzf", None));
    assert_eq!(
        holding("XK-1", T3, "2022-03-01"),
        some("c-scjg", Some("t3-fwzx"))
    );
    assert_eq!(holding("CF-1", QIU, "2022-03-01"), some("c-zhzf", None));
    assert_eq!(
        l.holding_id(jiceng_authority::ItemId(4), place(T1), d("2022-03-01")),
        None
    );
}
