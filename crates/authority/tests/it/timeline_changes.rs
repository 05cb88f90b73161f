//! What made each change of an item's history (issue 8: "every change with
//! its instrument"), worked by hand on the mini county of `main.rs`: CF-1
//! is the 生态环境 department's (c-sthj) by law; `conc` concentrates it in
//! the enforcement bureau (c-zhzf) from 2021-06-01.

use jiceng_authority::{Cause, Ledger};

use crate::{CONCENTRATE, d, instrument, ledger};

const T1: &str = "130430100000";

/// (from, holder, basis instrument, change, changed by) of each stretch.
type Row = (
    Option<chrono::NaiveDate>,
    String,
    Option<String>,
    Option<Cause>,
    Option<String>,
);

fn check(l: &Ledger, expected: &[Row]) {
    let got: Vec<Row> = l
        .timeline("CF-1", T1)
        .unwrap()
        .into_iter()
        .map(|p| {
            (
                p.from,
                p.holder.code,
                p.instrument.map(|i| i.id),
                p.change,
                p.changed_by.map(|i| i.id),
            )
        })
        .collect();
    assert_eq!(got, expected);
}

fn grant(id: &str, kind: &str, effective: &str, rest: &str) -> String {
    let from = if kind == "revocation" {
        ""
    } else {
        "\"c-zhzf\""
    };
    instrument(
        id,
        kind,
        from,
        "2021-07-20",
        effective,
        &format!("townships = [\"{T1}\"]\nitems = [\"CF-1\"]\n{rest}"),
    )
}

fn s(x: &str) -> Option<String> {
    Some(x.to_owned())
}

/// The first three stretches of every case here: the department by law,
/// the bureau by `conc` from 2021-06-01, the town by `dev` from
/// 2022-01-01.
fn head() -> Vec<Row> {
    vec![
        (None, "c-sthj".into(), None, None, None),
        (
            Some(d("2021-06-01")),
            "c-zhzf".into(),
            s("conc"),
            Some(Cause::TookEffect),
            s("conc"),
        ),
        (
            Some(d("2022-01-01")),
            "t1-gov".into(),
            s("dev"),
            Some(Cause::TookEffect),
            s("dev"),
        ),
    ]
}

#[test]
fn a_revocation_is_named_though_the_holder_holds_by_the_concentration() {
    // `rev` takes CF-1 back from 新马头镇 on 2023-01-01: the bureau holds it
    // again, by `conc` (2021), and `rev` made the change.
    let l = ledger(&format!(
        "{CONCENTRATE}{}{}",
        grant("dev", "devolution", "2022-01-01", ""),
        grant("rev", "revocation", "2023-01-01", "")
    ));
    let mut expected = head();
    expected.push((
        Some(d("2023-01-01")),
        "c-zhzf".into(),
        s("conc"),
        Some(Cause::Revoked),
        s("rev"),
    ));
    check(&l, &expected);
}

#[test]
fn a_grant_on_the_day_of_a_revocation_made_the_change() {
    // `rev` ends `dev` on 2023-01-01 and `dev2` gives CF-1 again that day:
    // the town holds it by `dev2`, which made the change.
    let l = ledger(&format!(
        "{CONCENTRATE}{}{}{}",
        grant("dev", "devolution", "2022-01-01", ""),
        grant("rev", "revocation", "2023-01-01", ""),
        grant("dev2", "devolution", "2023-01-01", "")
    ));
    let mut expected = head();
    expected.push((
        Some(d("2023-01-01")),
        "t1-gov".into(),
        s("dev2"),
        Some(Cause::TookEffect),
        s("dev2"),
    ));
    check(&l, &expected);
}

#[test]
fn a_term_that_ends_is_named() {
    // `dev` is in force until 2023-01-01 (the first day no longer): that
    // day the bureau holds CF-1 again by `conc`, because `dev`'s term ended.
    let l = ledger(&format!(
        "{CONCENTRATE}{}",
        grant(
            "dev",
            "devolution",
            "2022-01-01",
            "effective_until = \"2023-01-01\""
        ),
    ));
    let mut expected = head();
    expected.push((
        Some(d("2023-01-01")),
        "c-zhzf".into(),
        s("conc"),
        Some(Cause::TermEnded),
        s("dev"),
    ));
    check(&l, &expected);
}

#[test]
fn a_revocation_of_another_township_or_item_is_not_named() {
    // `rev` takes CF-1 from 邱城镇 (130430101000) and CF-2 from 新马头镇 on
    // 2023-01-01: neither touches CF-1 in 新马头镇, whose history has no
    // change that day.
    let other = instrument(
        "rev",
        "revocation",
        "",
        "2022-12-20",
        "2023-01-01",
        "townships = [\"130430101000\"]\nitems = [\"CF-1\"]",
    ) + &instrument(
        "rev2",
        "revocation",
        "",
        "2022-12-20",
        "2023-01-01",
        &format!("townships = [\"{T1}\"]\nitems = [\"CF-2\"]"),
    );
    let l = ledger(&format!(
        "{CONCENTRATE}{}{other}",
        grant("dev", "devolution", "2022-01-01", ""),
    ));
    check(&l, &head());
}

/// A village's duty list is its township's (as `powers` answers): in the
/// bundled sample 130430104200 is a village of 古城营镇 (130430104000),
/// whose one duty without power before the 2022 devolution is straw
/// burning control (QX-01, needing HB-CF-011), and none after.
#[test]
fn a_villages_duties_are_its_townships() {
    use jiceng_authority::Error;
    let l = Ledger::hebei_sample();
    let village = "130430104200".parse().unwrap();
    let town = "130430104000".parse().unwrap();
    for date in ["2021-12-01", "2022-06-01"] {
        assert_eq!(
            l.duties_of(village, d(date)).unwrap(),
            l.duties_of(town, d(date)).unwrap()
        );
    }
    let gaps = l.duty_gaps(village, d("2021-12-01")).unwrap();
    assert_eq!(gaps.len(), 1);
    assert_eq!(gaps[0].location.item.as_deref(), Some("HB-CF-011"));
    assert!(l.duty_gaps(village, d("2022-06-01")).unwrap().is_empty());
    // A county has no duty list.
    assert!(matches!(
        l.duties_of("130430000000".parse().unwrap(), d("2022-06-01")),
        Err(Error::NotTownship(c)) if c == "130430000000"
    ));
}
