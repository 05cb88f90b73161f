//! Explanations that list the steps that actually passed the power, cities
//! without counties, and the boundaries a single test used to guard.

use jiceng_authority::{CheckOptions, FindingKind, Ledger};

use crate::{CONCENTRATE, d, findings, instrument, ledger};

const T1: &str = "130430100000";
const T2: &str = "130430101000";

/// A second county bureau, for successive concentrations.
const BUREAU2: &str = "\n[[body]]\ncode = \"c-zhzf2\"\nname = \"邱县第二执法局\"\nkind = \"enforcement_bureau\"\ndivision = \"130430000000\"\n";

fn ids(h: &jiceng_authority::Holding) -> Vec<Option<String>> {
    h.explanation
        .iter()
        .map(|s| s.instrument.as_ref().map(|i| i.id.clone()))
        .collect()
}

fn holders(h: &jiceng_authority::Holding) -> Vec<String> {
    h.explanation
        .iter()
        .map(|s| s.holder.code.clone())
        .collect()
}

fn concentrate(id: &str, date: &str, to: &str, from: &str) -> String {
    instrument(
        id,
        "concentration",
        from,
        date,
        date,
        &format!("county = \"130430000000\"\nto = \"{to}\"\nitems = [\"CF-1\"]"),
    )
}

#[test]
fn a_concentration_after_the_devolution_is_not_a_step() {
    // CF-1 devolved by the environment bureau on 2022-03-01; the county
    // concentrates it on 2023-01-01, after the town already holds it.
    let extra = format!(
        "{}{}",
        instrument(
            "dev",
            "devolution",
            "\"c-sthj\"",
            "2022-02-20",
            "2022-03-01",
            &format!("townships = [\"{T1}\"]\nitems = [\"CF-1\"]")
        ),
        concentrate("conc", "2023-01-01", "c-zhzf", "\"c-sthj\""),
    );
    let l = ledger(&extra);
    let h = l.holder("CF-1", T1, d("2024-01-01")).unwrap();
    assert_eq!(ids(&h), [None, Some("dev".to_owned())]);
    assert_eq!(holders(&h), ["c-sthj", "t1-gov"]);
    // The guidance list that allowed it is cited.
    assert_eq!(h.explanation[1].allowed_by.as_ref().unwrap().id, "guide");
    // Where nothing was devolved, the concentration is the chain.
    let h = l.holder("CF-1", T2, d("2024-01-01")).unwrap();
    assert_eq!(ids(&h), [None, Some("conc".to_owned())]);
}

#[test]
fn successive_concentrations_all_appear_with_their_own_holders() {
    let extra = format!(
        "{BUREAU2}{}{}",
        concentrate("conc1", "2021-06-01", "c-zhzf", "\"c-sthj\""),
        concentrate("conc2", "2022-01-01", "c-zhzf2", "\"c-zhzf\""),
    );
    let l = ledger(&extra);
    let h = l.holder("CF-1", T1, d("2023-01-01")).unwrap();
    assert_eq!(
        ids(&h),
        [None, Some("conc1".to_owned()), Some("conc2".to_owned())]
    );
    assert_eq!(holders(&h), ["c-sthj", "c-zhzf", "c-zhzf2"]);
    // Between the two, only the first.
    let h = l.holder("CF-1", T1, d("2021-12-31")).unwrap();
    assert_eq!(ids(&h), [None, Some("conc1".to_owned())]);
    // A devolution on 2022-06-01 carries both concentrations before it.
    let dev = instrument(
        "dev",
        "devolution",
        "\"c-zhzf2\"",
        "2022-05-20",
        "2022-06-01",
        &format!("townships = [\"{T1}\"]\nitems = [\"CF-1\"]"),
    );
    let l = ledger(&format!("{extra}{dev}"));
    let h = l.holder("CF-1", T1, d("2023-01-01")).unwrap();
    assert_eq!(
        ids(&h),
        [
            None,
            Some("conc1".to_owned()),
            Some("conc2".to_owned()),
            Some("dev".to_owned())
        ]
    );
}

/// 东莞 has no counties: its towns' county-level powers are held by the
/// city's departments, and the city devolves them directly.
const DONGGUAN: &str = r#"format = 1
name = "dongguan"

[[division]]
code = "440000000000"
name = "广东省"
kind = "province"

[[division]]
code = "441900000000"
name = "东莞市"
kind = "city"

[[division]]
code = "441900003000"
name = "东城街道"
kind = "subdistrict"

[[division]]
code = "441900101000"
name = "石碣镇"
kind = "town"

[[body]]
code = "gd-gov"
name = "广东省人民政府"
kind = "government"
division = "440000000000"

[[body]]
code = "dg-gov"
name = "东莞市人民政府"
kind = "government"
division = "441900000000"

[[body]]
code = "dg-sthj"
name = "东莞市生态环境局"
kind = "department"
division = "441900000000"
sector = "生态环境"

[[body]]
code = "dc-gov"
name = "东城街道办事处"
kind = "government"
division = "441900003000"

[[body]]
code = "dc-zfd"
name = "东城街道综合行政执法队"
kind = "enforcement_team"
division = "441900003000"

[[body]]
code = "sj-gov"
name = "石碣镇人民政府"
kind = "government"
division = "441900101000"

[[item]]
code = "CF-1"
name = "对未批先建的处罚"
category = "处罚"
sector = "生态环境"

[[instrument]]
id = "gd-guide"
kind = "guidance_list"
issuer = "gd-gov"
document = "粤府〔2021〕1号"
title = "指导目录"
published = "2021-08-01"
effective_from = "2021-08-01"
province = "440000000000"
items = ["CF-1"]

[[instrument]]
id = "dg-dev"
kind = "devolution"
issuer = "dg-gov"
document = "东府〔2022〕1号"
title = "下放"
published = "2022-01-01"
effective_from = "2022-01-01"
from = ["dg-sthj"]
townships = ["441900003000"]
items = ["CF-1"]
"#;

#[test]
fn cities_without_counties_hold_by_their_departments() {
    let l = Ledger::from_text(DONGGUAN, "dg.toml").unwrap();
    assert!(l.check(&CheckOptions::default()).is_empty());
    // 石碣镇: nothing devolved, the city's department holds by law.
    let h = l.holder("CF-1", "441900101000", d("2023-01-01")).unwrap();
    assert_eq!(h.holder.code, "dg-sthj");
    // 东城街道: devolved by the city from 2022-01-01.
    let h = l.holder("CF-1", "441900003000", d("2023-01-01")).unwrap();
    assert_eq!(h.holder.code, "dc-gov");
    assert_eq!(h.exercised_by.unwrap().code, "dc-zfd");
    assert_eq!(
        holders(&l.holder("CF-1", "441900003000", d("2021-12-31")).unwrap()),
        ["dg-sthj"]
    );
    // The city is named as the county level of its towns.
    let whole = DONGGUAN.replace(
        "townships = [\"441900003000\"]",
        "county = \"441900000000\"",
    );
    let l = Ledger::from_text(&whole, "dg.toml").unwrap();
    assert_eq!(
        l.holder("CF-1", "441900101000", d("2023-01-01"))
            .unwrap()
            .holder
            .code,
        "sj-gov"
    );
}

mod regression {
    use super::*;

    /// With two overlapping concentrations the earlier one won: the later
    /// one took effect last and must hold, whichever comes first in the file.
    #[test]
    fn overlapping_concentrations_the_later_wins() {
        let a = concentrate("a", "2021-06-01", "c-zhzf", "\"c-sthj\"");
        let b = concentrate("b", "2022-01-01", "c-zhzf2", "\"c-zhzf\"");
        for extra in [format!("{BUREAU2}{a}{b}"), format!("{BUREAU2}{b}{a}")] {
            let l = ledger(&extra);
            assert_eq!(
                l.holder("CF-1", T1, d("2022-01-01")).unwrap().holder.code,
                "c-zhzf2"
            );
            assert_eq!(
                l.holder("CF-1", T1, d("2021-12-31")).unwrap().holder.code,
                "c-zhzf"
            );
        }
    }

    /// A concentration in force for one day inside a longer one made the
    /// chain end at its bureau after it had ended (found by the property
    /// in `reference.rs`): on 2022-01-02 only the long one is in force.
    #[test]
    fn a_concentration_that_ended_is_not_the_last_step() {
        let long = concentrate("long", "2021-06-01", "c-zhzf2", "\"c-sthj\"");
        let short = concentrate("short", "2022-01-01", "c-zhzf", "\"c-zhzf2\"")
            .replace("county = ", "effective_until = \"2022-01-02\"\ncounty = ");
        let l = ledger(&format!("{BUREAU2}{long}{short}"));
        let h = l.holder("CF-1", T1, d("2022-01-02")).unwrap();
        assert_eq!(h.holder.code, "c-zhzf2");
        assert_eq!(ids(&h), [None, Some("long".to_owned())]);
        let h = l.holder("CF-1", T1, d("2022-01-01")).unwrap();
        assert_eq!(
            ids(&h),
            [None, Some("long".to_owned()), Some("short".to_owned())]
        );
        assert_eq!(holders(&h), ["c-sthj", "c-zhzf2", "c-zhzf"]);
    }

    /// Revoking a devolution that ended the day before was not reported:
    /// the township held it the day before, so it is not "revoking what is
    /// not held". A revocation a day later is.
    #[test]
    fn revoking_a_devolution_that_ended_the_day_before() {
        let dev = instrument(
            "dev",
            "devolution",
            "\"c-scjg\"",
            "2022-02-20",
            "2022-03-01",
            &format!(
                "effective_until = \"2023-01-01\"\ntownships = [\"{T1}\"]\nitems = [\"XK-1\"]"
            ),
        );
        let rev = |date: &str| {
            instrument(
                "rev",
                "revocation",
                "",
                date,
                date,
                &format!("townships = [\"{T1}\"]\nitems = [\"XK-1\"]"),
            )
        };
        // Last day held: 2022-12-31.
        let on = findings(
            &format!("{dev}{}", rev("2023-01-01")),
            &CheckOptions::default(),
        );
        assert!(on.is_empty(), "{on:#?}");
        let after = findings(
            &format!("{dev}{}", rev("2023-01-02")),
            &CheckOptions::default(),
        );
        assert_eq!(after.len(), 1, "{after:#?}");
        assert_eq!(after[0].kind, FindingKind::RevokingNotHeld);
    }

    /// A revocation could cut what a township holds by law: an item held at
    /// the township level stays with the township government.
    #[test]
    fn a_revocation_does_not_cut_what_the_law_gives() {
        let item = "\n[[item]]\ncode = \"XZ-1\"\nname = \"乡镇法定事项\"\ncategory = \"其他\"\nsector = \"民政\"\nlevel = \"township\"\n";
        let rev = instrument(
            "rev",
            "revocation",
            "",
            "2023-01-01",
            "2023-01-01",
            &format!("townships = [\"{T1}\"]\nitems = [\"XZ-1\"]"),
        );
        let l = ledger(&format!("{item}{rev}"));
        assert_eq!(
            l.holder("XZ-1", T1, d("2023-06-01")).unwrap().holder.code,
            "t1-gov"
        );
        let found = l.check(&CheckOptions::default());
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].kind, FindingKind::RevokingNotHeld);
    }

    /// The 365-day evaluation boundary: a devolution in force since
    /// 2022-03-01 is 365 days old on 2023-03-01 (2022-03-01 + 365 days, no
    /// 29 February between) and not overdue; on 2023-03-02 it is 366 days
    /// old and overdue.
    #[test]
    fn evaluation_interval_both_sides_of_365_days() {
        let dev = format!(
            "{CONCENTRATE}{}",
            instrument(
                "dev",
                "devolution",
                "\"c-zhzf\"",
                "2022-02-20",
                "2022-03-01",
                &format!("townships = [\"{T1}\"]\nitems = [\"CF-1\"]"),
            )
        );
        let at = |date: &str| {
            findings(
                &dev,
                &CheckOptions {
                    as_of: Some(d(date)),
                    evaluation_interval_days: 365,
                },
            )
        };
        assert!(at("2023-03-01").is_empty());
        let late = at("2023-03-02");
        assert_eq!(late.len(), 1, "{late:#?}");
        assert!(late[0].message.contains("366 days"), "{}", late[0].message);
    }
}

#[test]
fn overlapping_grants_give_findings_linear_in_their_number() {
    // N devolutions of XK-1 to T1, all open from the same day: one run, so
    // one finding naming a dozen of them and counting the rest.
    for n in [2usize, 10, 200] {
        let extra: String = (0..n)
            .map(|k| {
                instrument(
                    &format!("dev{k}"),
                    "devolution",
                    "\"c-scjg\"",
                    "2022-02-20",
                    "2022-03-01",
                    &format!("townships = [\"{T1}\"]\nitems = [\"XK-1\"]"),
                )
            })
            .collect();
        let found = findings(&extra, &CheckOptions::default());
        assert_eq!(found.len(), 1, "{n}: {found:#?}");
        assert_eq!(found[0].kind, FindingKind::OverlappingGrant);
        assert!(
            found[0].message.contains(&format!("by {n} instruments")),
            "{}",
            found[0].message
        );
        assert!(found[0].message.contains("(line "), "{}", found[0].message);
    }
    // Two separate runs (the second pair after the first ended) give two.
    let pair = |a: &str, b: &str, from: &str, until: &str| -> String {
        [a, b]
            .iter()
            .map(|id| {
                instrument(
                    id,
                    "devolution",
                    "\"c-scjg\"",
                    from,
                    from,
                    &format!(
                        "effective_until = \"{until}\"\ntownships = [\"{T1}\"]\nitems = [\"XK-1\"]"
                    ),
                )
            })
            .collect()
    };
    let extra = format!(
        "{}{}",
        pair("a1", "a2", "2022-03-01", "2022-06-01"),
        pair("b1", "b2", "2022-06-01", "2022-09-01")
    );
    let found = findings(&extra, &CheckOptions::default());
    assert_eq!(found.len(), 2, "{found:#?}");
}
