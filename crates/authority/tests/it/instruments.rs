//! What each kind of instrument does to the holder.

use jiceng_authority::{BodyRef, Error, InstrumentKind};

use crate::{CONCENTRATE, d, instrument, ledger};

fn holder(extra: &str, item: &str, division: &str, date: &str) -> (String, Option<String>) {
    let h = ledger(extra).holder(item, division, d(date)).unwrap();
    (h.holder.code, h.exercised_by.map(|b: BodyRef| b.code))
}

const T1: &str = "130430100000";
const T2: &str = "130430101000";
const T3: &str = "130430200000";
const VILLAGE: &str = "130430100200";
const COUNTY: &str = "130430000000";

#[test]
fn statutory_holder_is_the_department_of_the_sector() {
    let l = ledger("");
    let h = l.holder("CF-1", T1, d("2021-01-01")).unwrap();
    assert_eq!(h.holder.code, "c-sthj");
    assert!(h.exercised_by.is_none());
    assert_eq!(h.explanation.len(), 1);
    assert_eq!(h.explanation[0].basis[0].article, "第三十一条");
    assert_eq!(holder("", "CF-2", COUNTY, "2021-01-01").0, "c-scjg");
    // Six digits name a county too.
    assert_eq!(holder("", "CF-2", "130430", "2021-01-01").0, "c-scjg");
}

#[test]
fn concentration_moves_items_to_the_bureau_from_its_date() {
    assert_eq!(holder(CONCENTRATE, "CF-1", T1, "2021-05-31").0, "c-sthj");
    assert_eq!(holder(CONCENTRATE, "CF-1", T1, "2021-06-01").0, "c-zhzf");
    assert_eq!(
        holder(CONCENTRATE, "CF-2", COUNTY, "2021-06-01").0,
        "c-zhzf"
    );
    // Items not named stay where they were.
    assert_eq!(holder(CONCENTRATE, "XK-1", T1, "2021-06-01").0, "c-scjg");
    let h = ledger(CONCENTRATE)
        .holder("CF-1", T1, d("2022-01-01"))
        .unwrap();
    assert_eq!(h.explanation.len(), 2);
    let ins = h.explanation[1].instrument.as_ref().unwrap();
    assert_eq!(ins.kind, InstrumentKind::Concentration);
    assert_eq!(ins.document.as_deref(), Some("邱政字〔2021〕5号"));
}

#[test]
fn devolution_makes_the_township_government_the_holder() {
    let extra = format!(
        "{CONCENTRATE}{}",
        instrument(
            "dev",
            "devolution",
            "\"c-zhzf\"",
            "2022-02-20",
            "2022-03-01",
            &format!("townships = [\"{T1}\", \"{T2}\"]\nitems = [\"CF-1\"]")
        )
    );
    assert_eq!(holder(&extra, "CF-1", T1, "2022-02-28").0, "c-zhzf");
    assert_eq!(
        holder(&extra, "CF-1", T1, "2022-03-01"),
        ("t1-gov".to_owned(), Some("t1-zfd".to_owned()))
    );
    // A village's matters are its township's.
    assert_eq!(holder(&extra, "CF-1", VILLAGE, "2022-03-01").0, "t1-gov");
    // Not named: still the bureau; the county itself: the bureau.
    assert_eq!(holder(&extra, "CF-1", T3, "2022-03-01").0, "c-zhzf");
    assert_eq!(holder(&extra, "CF-1", COUNTY, "2022-03-01").0, "c-zhzf");
    // The explanation: statute, concentration, devolution.
    let h = ledger(&extra).holder("CF-1", T2, d("2023-01-01")).unwrap();
    let kinds: Vec<_> = h
        .explanation
        .iter()
        .map(|s| s.instrument.as_ref().map(|i| i.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            None,
            Some(InstrumentKind::Concentration),
            Some(InstrumentKind::Devolution)
        ]
    );
    assert_eq!(h.exercised_by.unwrap().name, "邱城镇综合行政执法队");
}

#[test]
fn devolution_to_all_townships_of_a_county_with_a_tag() {
    let extra = instrument(
        "dev",
        "devolution",
        "\"c-scjg\"",
        "2022-02-20",
        "2022-03-01",
        &format!("county = \"{COUNTY}\"\ntag = \"developed\"\nitems = [\"XK-1\"]"),
    );
    assert_eq!(holder(&extra, "XK-1", T2, "2022-03-01").0, "t2-gov");
    assert_eq!(holder(&extra, "XK-1", T1, "2022-03-01").0, "c-scjg");
    // Licensing items are exercised by the service centre, where there is one.
    let all = instrument(
        "dev",
        "devolution",
        "\"c-scjg\"",
        "2022-02-20",
        "2022-03-01",
        &format!("county = \"{COUNTY}\"\nitems = [\"XK-1\"]"),
    );
    assert_eq!(
        holder(&all, "XK-1", T1, "2022-03-01"),
        ("t1-gov".to_owned(), Some("t1-fwzx".to_owned()))
    );
    assert_eq!(
        holder(&all, "XK-1", T2, "2022-03-01"),
        ("t2-gov".to_owned(), None)
    );
}

#[test]
fn revocation_ends_a_devolution_and_effective_until_ends_it_too() {
    let extra = format!(
        "{}{}",
        instrument(
            "dev",
            "devolution",
            "\"c-scjg\"",
            "2022-02-20",
            "2022-03-01",
            &format!("townships = [\"{T1}\", \"{T2}\"]\nitems = [\"XK-1\"]")
        ),
        instrument(
            "rev",
            "revocation",
            "",
            "2022-12-20",
            "2023-01-01",
            &format!("townships = [\"{T1}\"]\nitems = [\"XK-1\"]")
        ),
    );
    assert_eq!(holder(&extra, "XK-1", T1, "2022-12-31").0, "t1-gov");
    assert_eq!(holder(&extra, "XK-1", T1, "2023-01-01").0, "c-scjg");
    assert_eq!(holder(&extra, "XK-1", T2, "2023-01-01").0, "t2-gov");
    let until = instrument(
        "dev",
        "devolution",
        "\"c-scjg\"",
        "2022-02-20",
        "2022-03-01",
        &format!("effective_until = \"2022-09-01\"\ntownships = [\"{T1}\"]\nitems = [\"XK-1\"]"),
    );
    assert_eq!(holder(&until, "XK-1", T1, "2022-08-31").0, "t1-gov");
    assert_eq!(holder(&until, "XK-1", T1, "2022-09-01").0, "c-scjg");
}

#[test]
fn entrustment_keeps_the_entrusting_body_as_holder() {
    let extra = instrument(
        "ent",
        "entrustment",
        "\"c-scjg\"",
        "2022-02-20",
        "2022-03-01",
        &format!("townships = [\"{T3}\"]\nitems = [\"XK-1\"]"),
    );
    assert_eq!(
        holder(&extra, "XK-1", T3, "2022-03-01"),
        ("c-scjg".to_owned(), Some("t3-fwzx".to_owned()))
    );
    let h = ledger(&extra).holder("XK-1", T3, d("2022-03-01")).unwrap();
    assert_eq!(
        h.explanation
            .last()
            .unwrap()
            .instrument
            .as_ref()
            .unwrap()
            .kind,
        InstrumentKind::Entrustment
    );
}

#[test]
fn powers_of_a_body_and_items_devolved_to_a_township() {
    let extra = format!(
        "{CONCENTRATE}{}",
        instrument(
            "dev",
            "devolution",
            "\"c-zhzf\"",
            "2022-02-20",
            "2022-03-01",
            &format!("townships = [\"{T1}\"]\nitems = [\"CF-1\"]")
        )
    );
    let l = ledger(&extra);
    let codes =
        |v: Vec<&jiceng_authority::PowerItem>| v.iter().map(|i| i.code.clone()).collect::<Vec<_>>();
    assert_eq!(
        codes(l.powers_of("c-zhzf", d("2022-03-01")).unwrap()),
        ["CF-1", "CF-2"]
    );
    assert_eq!(
        codes(l.powers_of("c-sthj", d("2022-03-01")).unwrap()),
        ["CF-3"]
    );
    assert_eq!(
        codes(l.powers_of("t1-zfd", d("2022-03-01")).unwrap()),
        ["CF-1"]
    );
    assert_eq!(
        codes(l.powers_of("t1-gov", d("2022-03-01")).unwrap()),
        ["CF-1"]
    );
    let devolved = l.devolved_to(T1.parse().unwrap(), d("2022-03-01")).unwrap();
    assert_eq!(devolved.len(), 1);
    assert_eq!(devolved[0].instrument.id, "dev");
    assert!(
        l.devolved_to(T1.parse().unwrap(), d("2022-02-28"))
            .unwrap()
            .is_empty()
    );
}

#[test]
fn query_errors_name_the_value() {
    let l = ledger("");
    assert_eq!(
        l.holder("NOPE", T1, d("2022-01-01")).unwrap_err(),
        Error::UnknownItem("NOPE".into())
    );
    assert!(
        matches!(l.holder("CF-1", "130430999000", d("2022-01-01")), Err(Error::UnknownDivision(c)) if c == "130430999000")
    );
    assert!(matches!(
        l.holder("CF-1", "abc", d("2022-01-01")),
        Err(Error::UnknownDivision(_))
    ));
    assert!(matches!(
        l.holder("CF-1", "130400000000", d("2022-01-01")),
        Err(Error::AboveCounty(_))
    ));
    assert!(matches!(
        l.powers_of("nobody", d("2022-01-01")),
        Err(Error::UnknownBody(_))
    ));
}

#[test]
fn stats_count_grants_by_county_and_category() {
    let extra = format!(
        "{CONCENTRATE}{}{}",
        instrument(
            "dev",
            "devolution",
            "\"c-zhzf\"",
            "2022-02-20",
            "2022-03-01",
            &format!("townships = [\"{T1}\", \"{T2}\"]\nitems = [\"CF-1\", \"CF-2\"]")
        ),
        instrument(
            "dev2",
            "devolution",
            "\"c-scjg\"",
            "2022-02-20",
            "2022-03-01",
            &format!("townships = [\"{T2}\"]\nitems = [\"XK-1\"]")
        ),
    );
    let s = ledger(&extra).stats(d("2022-06-01"));
    let qiu = &s.counties[0];
    assert_eq!(qiu.townships, 3);
    assert_eq!(qiu.devolved, 5);
    assert!((qiu.average_per_township - 5.0 / 3.0).abs() < 1e-9);
    assert!((qiu.average_licensing_per_township - 1.0 / 3.0).abs() < 1e-9);
    assert_eq!(qiu.concentrated, 2);
    assert_eq!(s.by_category[&jiceng_authority::PowerCategory::Penalty], 4);
}

/// Regression: an item held by townships by law made `devolved_to` index
/// an instrument that does not exist.
#[test]
fn devolved_to_skips_what_townships_hold_by_law() {
    let extra = "\n[[item]]\ncode = \"ZZ-1\"\nname = \"乡镇法定事项\"\ncategory = \"公共服务\"\nsector = \"民政\"\nlevel = \"township\"\n";
    let l = ledger(extra);
    assert!(
        l.devolved_to(T1.parse().unwrap(), d("2022-03-01"))
            .unwrap()
            .is_empty()
    );
    let h = l.holder("ZZ-1", T1, d("2022-03-01")).unwrap();
    assert_eq!(h.holder.code, "t1-gov");
    assert_eq!(h.explanation.len(), 1);
}

/// Regression: a revocation and a new devolution taking effect on the same
/// day erased the new devolution. The revocation ends what was held the day
/// before.
#[test]
fn revocation_and_new_devolution_on_the_same_day() {
    let extra = format!(
        "{}{}{}",
        instrument(
            "dev1",
            "devolution",
            "\"c-sthj\"",
            "2021-07-20",
            "2021-08-01",
            &format!("townships = [\"{T1}\"]\nitems = [\"CF-1\"]")
        ),
        instrument(
            "rev",
            "revocation",
            "",
            "2022-02-20",
            "2022-03-01",
            &format!("townships = [\"{T1}\"]\nitems = [\"CF-1\"]")
        ),
        instrument(
            "dev2",
            "devolution",
            "\"c-sthj\"",
            "2022-02-20",
            "2022-03-01",
            &format!("townships = [\"{T1}\"]\nitems = [\"CF-1\"]")
        ),
    );
    let l = ledger(&extra);
    let h = l.holder("CF-1", T1, d("2022-06-01")).unwrap();
    assert_eq!(h.holder.code, "t1-gov");
    assert_eq!(
        h.explanation
            .last()
            .unwrap()
            .instrument
            .as_ref()
            .unwrap()
            .id,
        "dev2"
    );
    assert_eq!(
        l.holder("CF-1", T1, d("2022-02-28"))
            .unwrap()
            .explanation
            .last()
            .unwrap()
            .instrument
            .as_ref()
            .unwrap()
            .id,
        "dev1"
    );
    assert!(
        l.check(&jiceng_authority::CheckOptions::default())
            .is_empty()
    );
}
