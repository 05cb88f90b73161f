//! Township duty lists: each finding with its line, the queries, the Qiu
//! County before-and-after on the bundled sample, and the law that giving
//! a township the power a duty-without-power finding names removes it.
//!
//! Expected lines are found independently: by searching the test's own
//! text for the entry the finding must point at.

use jiceng_authority::{
    AssessmentKind, DutyChangeKind, DutyKind, Finding, FindingKind, Ledger, Severity,
};
use proptest::prelude::*;

use crate::{BASE, CONCENTRATE, d};

/// Duty items of the mini county: D-1 needs CF-1 (basic); D-2 is
/// cooperative, led by 市场监管, and needs CF-2; D-3 is cooperative without
/// a lead; D-4 is led by 交通运输, which the county lacks; D-5 is returned;
/// D-6 needs no power.
const DUTIES: &str = r#"
[[duty]]
code = "D-1"
name = "生态环境执法"
domain = "生态文明"
kind = "基本履职事项"
powers = ["CF-1"]

[[duty]]
code = "D-2"
name = "市场监管配合"
domain = "经济发展"
kind = "cooperative"
powers = ["CF-2"]
lead = "市场监管"

[[duty]]
code = "D-3"
name = "无牵头配合事项"
domain = "社会治理"
kind = "cooperative"

[[duty]]
code = "D-4"
name = "交通配合事项"
domain = "平安法治"
kind = "cooperative"
lead = "交通运输"

[[duty]]
code = "D-5"
name = "收回事项"
domain = "经济发展"
kind = "returned"
lead = "市场监管"

[[duty]]
code = "D-6"
name = "基层党建"
domain = "党的建设"
kind = "basic"
"#;

/// A duty list in TOML.
fn list(id: &str, scope: &str, from: &str, rest: &str) -> String {
    format!(
        "\n[[duty_list]]\nid = \"{id}\"\nissuer = \"c-gov\"\ndocument = \"邱办字〔2021〕{id}号\"\ntitle = \"职责清单 {id}\"\npublished = \"{from}\"\neffective_from = \"{from}\"\n{scope}\n{rest}\n"
    )
}

const TEMPLATE_ALL: &str = "province = \"130000000000\"";
const COUNTY: &str = "county = \"130430000000\"\ntemplate = \"tpl\"";

/// The 1-based line of the first `needle` after the first `anchor`.
fn line(text: &str, anchor: &str, needle: &str) -> usize {
    let a = text.find(anchor).unwrap();
    let at = a + text[a..].find(needle).unwrap();
    text[..at].matches('\n').count() + 1
}

/// An expected finding: its kind, (anchor, needle) locating its line, its
/// division and its power item.
type Expected<'a> = (FindingKind, (&'a str, &'a str), &'a str, Option<&'a str>);

/// A finding as compared: kind, line, division, item.
type Got = (FindingKind, Option<usize>, Option<String>, Option<String>);

/// The duty findings on `date` of the mini county with `extra`, as (kind,
/// line, division, item), with the full text for locating lines.
fn check(extra: &str, date: &str, expected: &[Expected<'_>]) {
    let text = format!("{BASE}{DUTIES}{extra}");
    let ledger = Ledger::from_text(&text, "mini.toml").unwrap();
    let mut got: Vec<Got> = ledger
        .check_duties(d(date))
        .into_iter()
        .inspect(crate::assert_chinese)
        .map(|f| {
            (
                f.kind,
                f.location.line,
                f.location.division,
                f.location.item,
            )
        })
        .collect();
    let mut want: Vec<Got> = expected
        .iter()
        .map(|&(k, (anchor, needle), div, item)| {
            (
                k,
                Some(line(&text, anchor, needle)),
                Some(div.to_owned()),
                item.map(str::to_owned),
            )
        })
        .collect();
    got.sort_by_key(|x| format!("{x:?}"));
    want.sort_by_key(|x| format!("{x:?}"));
    assert_eq!(got, want, "{extra}");
}

const T1: &str = "130430100000";
const T2: &str = "130430101000";
const T3: &str = "130430200000";
const QIU: &str = "130430000000";

#[test]
fn duty_without_power_points_at_the_list_entry() {
    // D-1 (basic) needs CF-1, held by the county bureau after the
    // concentration: every township of the county lacks it.
    let extra = format!(
        "{CONCENTRATE}{}{}",
        list(
            "tpl",
            TEMPLATE_ALL,
            "2021-07-01",
            "items = [\"D-1\", \"D-6\"]"
        ),
        list("qiu", COUNTY, "2021-07-01", "")
    );
    let at = ("id = \"tpl\"", "\"D-1\"");
    let k = FindingKind::DutyWithoutPower;
    check(
        &extra,
        "2022-01-01",
        &[
            (k, at, T1, Some("CF-1")),
            (k, at, T2, Some("CF-1")),
            (k, at, T3, Some("CF-1")),
        ],
    );
    // Before the county adopts the template, no township has a list.
    check(&extra, "2021-06-30", &[]);
    // Devolving CF-1 to 新马头镇 closes its gap only.
    let devolved = format!(
        "{extra}{}",
        crate::instrument(
            "dev",
            "devolution",
            "\"c-zhzf\"",
            "2021-11-20",
            "2021-12-01",
            "townships = [\"130430100000\"]\nitems = [\"CF-1\"]"
        )
    );
    check(
        &devolved,
        "2022-01-01",
        &[(k, at, T2, Some("CF-1")), (k, at, T3, Some("CF-1"))],
    );
}

#[test]
fn power_without_duty_points_at_the_grant() {
    // CF-2 devolved to 新马头镇, whose list needs only D-6: an orphan.
    let extra = format!(
        "{}{}{}",
        list("tpl", TEMPLATE_ALL, "2021-07-01", "items = [\"D-6\"]"),
        list("qiu", COUNTY, "2021-07-01", ""),
        crate::instrument(
            "dev",
            "devolution",
            "\"c-scjg\"",
            "2021-11-20",
            "2021-12-01",
            "townships = [\"130430100000\"]\nitems = [\"CF-2\"]"
        )
    );
    check(
        &extra,
        "2022-01-01",
        &[(
            FindingKind::PowerWithoutDuty,
            ("id = \"dev\"", "\"CF-2\""),
            T1,
            Some("CF-2"),
        )],
    );
    // A cooperative duty that needs CF-2 uses it.
    let used = extra.replace("items = [\"D-6\"]", "items = [\"D-6\", \"D-2\"]");
    check(&used, "2022-01-01", &[]);
}

#[test]
fn cooperative_without_lead_is_reported_once_per_county() {
    let extra = format!(
        "{}{}",
        list(
            "tpl",
            TEMPLATE_ALL,
            "2021-07-01",
            "items = [\"D-2\", \"D-3\", \"D-4\"]"
        ),
        list("qiu", COUNTY, "2021-07-01", "")
    );
    let k = FindingKind::CooperativeWithoutLead;
    check(
        &extra,
        "2022-01-01",
        &[
            (k, ("id = \"tpl\"", "\"D-3\""), QIU, None),
            (k, ("id = \"tpl\"", "\"D-4\""), QIU, None),
        ],
    );
}

#[test]
fn returned_duty_assigned_again_by_a_township_list() {
    // The county returns D-5; 邱城镇's own list assigns it as basic.
    let extra = format!(
        "{}{}{}",
        list("tpl", TEMPLATE_ALL, "2021-07-01", "items = [\"D-6\"]"),
        list("qiu", COUNTY, "2021-07-01", "items = [\"D-5\"]"),
        list(
            "t2",
            "townships = [\"130430101000\"]",
            "2021-08-01",
            "changes = [{ code = \"D-5\", kind = \"basic\" }]"
        )
    );
    check(
        &extra,
        "2022-01-01",
        &[(
            FindingKind::ReturnedStillAssigned,
            ("id = \"t2\"", "\"D-5\""),
            T2,
            None,
        )],
    );
}

#[test]
fn duty_listed_twice_in_one_list_and_in_two() {
    // One list: D-6 as basic and as cooperative.
    let one = format!(
        "{}{}",
        list(
            "tpl",
            TEMPLATE_ALL,
            "2021-07-01",
            "items = [\"D-6\"]\nchanges = [{ code = \"D-6\", kind = \"cooperative\", lead = \"市场监管\" }]"
        ),
        list("qiu", COUNTY, "2021-07-01", "")
    );
    let text = format!("{BASE}{DUTIES}{one}");
    let l = Ledger::from_text(&text, "mini.toml").unwrap();
    let twice: Vec<Finding> = l
        .check_duties(d("2022-01-01"))
        .into_iter()
        .filter(|f| f.kind == FindingKind::DutyListedTwice)
        .collect();
    assert_eq!(twice.len(), 1, "{twice:?}");
    // The line is the list's first naming of the duty.
    assert_eq!(
        twice[0].location.line,
        Some(line(&text, "id = \"tpl\"", "\"D-6\""))
    );
    // Two township lists of 新马头镇 in force together, basic and
    // cooperative.
    let two = format!(
        "{}{}{}{}",
        list("tpl", TEMPLATE_ALL, "2021-07-01", "items = [\"D-1\"]"),
        list("qiu", COUNTY, "2021-07-01", ""),
        list(
            "ta",
            "townships = [\"130430100000\"]",
            "2021-08-01",
            "items = [\"D-6\"]"
        ),
        list(
            "tb",
            "townships = [\"130430100000\"]",
            "2021-09-01",
            "changes = [{ code = \"D-6\", kind = \"cooperative\", lead = \"市场监管\" }]"
        )
    );
    let gaps = FindingKind::DutyWithoutPower;
    let tpl = ("id = \"tpl\"", "\"D-1\"");
    check(
        &two,
        "2022-01-01",
        &[
            (
                FindingKind::DutyListedTwice,
                ("id = \"tb\"", "\"D-6\""),
                T1,
                None,
            ),
            (gaps, tpl, T1, Some("CF-1")),
            (gaps, tpl, T2, Some("CF-1")),
            (gaps, tpl, T3, Some("CF-1")),
        ],
    );
}

#[test]
fn assessments_outside_the_list() {
    let assess = |id: &str, kind: &str, duty: &str| {
        format!(
            "\n[[assessment]]\nid = \"{id}\"\nkind = \"{kind}\"\nissuer = \"c-gov\"\ntitle = \"{id}\"\neffective_from = \"2021-08-01\"\ncounty = \"130430000000\"\n{duty}\n"
        )
    };
    let extra = format!(
        "{}{}{}{}{}",
        list(
            "tpl",
            TEMPLATE_ALL,
            "2021-07-01",
            "items = [\"D-6\", \"D-5\"]"
        ),
        list("qiu", COUNTY, "2021-07-01", ""),
        assess("ok", "考核事项", "duty = \"D-6\""),
        assess("returned", "考核事项", "duty = \"D-5\""),
        assess("none", "责任状", "")
    );
    let k = FindingKind::AssessmentOutsideList;
    let returned = ("id = \"returned\"", "\"D-5\"");
    let none = ("id = \"none\"", "id = \"none\"");
    check(
        &extra,
        "2022-01-01",
        &[
            (k, returned, T1, None),
            (k, returned, T2, None),
            (k, returned, T3, None),
            (k, none, T1, None),
            (k, none, T2, None),
            (k, none, T3, None),
        ],
    );
    // The report: 2 assessment items, 1 backed (D-6; D-5 went back up):
    // 50%; 1 pledge, outside the list.
    let l = Ledger::from_text(&format!("{BASE}{DUTIES}{extra}"), "mini.toml").unwrap();
    let r = l.assessment_report(d("2022-01-01"));
    assert_eq!(r.len(), 3);
    assert_eq!(
        (
            r[0].assessments,
            r[0].backed,
            r[0].backed_percent,
            r[0].pledges
        ),
        (2, 1, Some(50), 1)
    );
    assert_eq!(r[0].pledges_outside, ["none"]);
    assert_eq!(l.assessments()[2].kind, AssessmentKind::Pledge);
}

#[test]
fn unknown_codes_in_duty_files_are_errors_with_lines() {
    let extra = format!(
        "{}{}",
        list("tpl", TEMPLATE_ALL, "2021-07-01", "items = [\"D-404\"]"),
        list(
            "qiu",
            "county = \"130430000000\"\ntemplate = \"nope\"",
            "2021-07-01",
            ""
        )
    );
    let text = format!("{BASE}{DUTIES}{extra}");
    let l = Ledger::from_text(&text, "mini.toml").unwrap();
    let got: Vec<(FindingKind, Option<usize>)> = l
        .check_duties(d("2022-01-01"))
        .into_iter()
        .map(|f| (f.kind, f.location.line))
        .collect();
    assert_eq!(
        got,
        [
            (
                FindingKind::UnknownCode,
                Some(line(&text, "id = \"tpl\"", "\"D-404\""))
            ),
            (
                FindingKind::UnknownCode,
                Some(line(&text, "id = \"qiu\"", "\"nope\""))
            ),
        ]
    );
}

#[test]
fn queries_answer_kind_lead_and_diff() {
    let extra = format!(
        "{}{}",
        list(
            "tpl",
            TEMPLATE_ALL,
            "2021-07-01",
            "items = [\"D-2\", \"D-6\", \"D-5\"]"
        ),
        list(
            "qiu",
            COUNTY,
            "2021-07-01",
            "items = [\"D-1\"]\nremoves = [\"D-5\"]\nchanges = [{ code = \"D-2\", township_part = \"巡查报告\" }, { code = \"D-6\", kind = \"cooperative\", lead = \"生态环境\" }]"
        )
    );
    let l = Ledger::from_text(&format!("{BASE}{DUTIES}{extra}"), "mini.toml").unwrap();
    let list = l.duties_of(T1.parse().unwrap(), d("2022-01-01")).unwrap();
    // By kind (basic first), then domain, then code.
    let got: Vec<(&str, DutyKind)> = list.iter().map(|x| (x.code.as_str(), x.kind)).collect();
    assert_eq!(
        got,
        [
            ("D-1", DutyKind::Basic),
            ("D-6", DutyKind::Cooperative),
            ("D-2", DutyKind::Cooperative),
        ]
    );
    let d2 = &list[2];
    assert_eq!(d2.lead.as_ref().unwrap().code, "c-scjg");
    assert_eq!(d2.cooperating.as_ref().unwrap().code, "t1-gov");
    assert_eq!(d2.township_part.as_deref(), Some("巡查报告"));
    assert_eq!(list[0].lead.as_ref().unwrap().code, "t1-gov");
    assert_eq!(list[1].lead.as_ref().unwrap().code, "c-sthj");
    // D-1 needs CF-1, held by the environment department (no concentration).
    assert_eq!(list[0].powers[0].holder.as_ref().unwrap().code, "c-sthj");
    assert!(!list[0].powers[0].held_by_township);
    let diff = l.duty_diff(T1.parse().unwrap(), d("2022-01-01")).unwrap();
    let got: Vec<(&str, DutyChangeKind)> =
        diff.iter().map(|x| (x.code.as_str(), x.change)).collect();
    assert_eq!(
        got,
        [
            ("D-1", DutyChangeKind::Added),
            ("D-5", DutyChangeKind::Removed),
            ("D-6", DutyChangeKind::Changed),
        ]
    );
    assert!(l.duties_of(QIU.parse().unwrap(), d("2022-01-01")).is_err());
}

/// Qiu County, on the bundled sample: the towns lead straw-burning control
/// (QX-01) from 2021-10-01, but the penalty power it needs (HB-CF-011) is
/// the county enforcement bureau's until the devolution of 2022-03-01.
/// Expected: one gap in each of Qiu County's 7 towns and townships (the
/// story's 7 township teams) before; none after.
#[test]
fn qiu_county_before_and_after_the_devolution() {
    let l = Ledger::hebei_sample();
    let gaps = |date: &str| -> Vec<(String, String, String)> {
        l.check_duties(d(date))
            .into_iter()
            .filter(|f| f.kind == FindingKind::DutyWithoutPower)
            .map(|f| {
                (
                    f.location.division.unwrap(),
                    f.location.duty.unwrap(),
                    f.location.item.unwrap(),
                )
            })
            .collect()
    };
    let before = gaps("2021-12-01");
    let towns = [
        "130430100000",
        "130430101000",
        "130430102000",
        "130430103000",
        "130430104000",
        "130430200000",
        "130430201000",
    ];
    let want: Vec<_> = towns
        .iter()
        .map(|t| (t.to_string(), "QX-01".to_owned(), "HB-CF-011".to_owned()))
        .collect();
    assert_eq!(before, want);
    assert_eq!(gaps("2022-02-28").len(), 7);
    assert_eq!(gaps("2022-03-01"), []);
    assert_eq!(gaps("2025-01-01"), []);
    // Before Qiu adopted a list (2021-10-01) there was nothing to check.
    assert_eq!(gaps("2021-09-30"), []);
    // The template: 90 items.
    let tpl = &l.duty_lists()[0];
    assert_eq!(tpl.items.len(), 90);
    assert!(l.is_illustrative());
}

#[test]
fn bundled_sample_duties_are_clean_on_the_last_date() {
    let l = Ledger::hebei_sample();
    // The last date anything starts or ends in the sample: 2024-01-01.
    let found = l.check_duties(d("2024-01-01"));
    assert_eq!(found, []);
    // 付家佐乡 gave registration back with the power.
    let fjz = l
        .duties_of("130926201000".parse().unwrap(), d("2024-01-01"))
        .unwrap();
    let sn02 = fjz.iter().find(|x| x.code == "SN-02").unwrap();
    assert_eq!(sn02.kind, DutyKind::Returned);
    assert_eq!(sn02.lead.as_ref().unwrap().code, "130926-scjg");
    assert!(l.check_duties(d("2021-12-01")).iter().all(|f| {
        f.severity == Severity::Error || f.kind == FindingKind::AssessmentOutsideList
    }));
}

mod regression;

proptest! {
    /// Adding to a township the power a duty-without-power finding names
    /// removes that finding and adds none.
    #[test]
    fn granting_the_named_power_closes_the_gap(
        needs in proptest::collection::vec(proptest::collection::vec(0usize..3, 0..3), 1..5),
        held in proptest::collection::vec(any::<bool>(), 9),
        pick in any::<proptest::sample::Index>(),
    ) {
        let items = ["CF-1", "CF-2", "XK-1"];
        let towns = [T1, T2, T3];
        let mut extra = String::new();
        let mut codes = Vec::new();
        for (k, n) in needs.iter().enumerate() {
            let powers: Vec<String> = n.iter().map(|&i| format!("\"{}\"", items[i])).collect();
            extra.push_str(&format!(
                "\n[[duty]]\ncode = \"P-{k}\"\nname = \"事项{k}\"\ndomain = \"社会治理\"\nkind = \"basic\"\npowers = [{}]\n",
                powers.join(", ")
            ));
            codes.push(format!("\"P-{k}\""));
        }
        extra.push_str(&list("tpl", TEMPLATE_ALL, "2021-07-01", &format!("items = [{}]", codes.join(", "))));
        extra.push_str(&list("qiu", COUNTY, "2021-07-01", ""));
        for (k, &h) in held.iter().enumerate() {
            if h {
                extra.push_str(&crate::instrument(
                    &format!("g{k}"), "devolution", "", "2021-08-01", "2021-08-01",
                    &format!("townships = [\"{}\"]\nitems = [\"{}\"]", towns[k / 3], items[k % 3]),
                ));
            }
        }
        let text = format!("{BASE}{extra}");
        let before = Ledger::from_text(&text, "p.toml").unwrap().check_duties(d("2022-01-01"));
        let gaps: Vec<&Finding> = before.iter().filter(|f| f.kind == FindingKind::DutyWithoutPower).collect();
        prop_assume!(!gaps.is_empty());
        let f = gaps[pick.index(gaps.len())];
        let grant = crate::instrument(
            "fix", "devolution", "", "2021-08-01", "2021-08-01",
            &format!(
                "townships = [\"{}\"]\nitems = [\"{}\"]",
                f.location.division.as_deref().unwrap(),
                f.location.item.as_deref().unwrap()
            ),
        );
        let after = Ledger::from_text(&format!("{text}{grant}"), "p.toml").unwrap().check_duties(d("2022-01-01"));
        prop_assert!(!after.contains(f), "{f:?} still in {after:?}");
        for g in &after {
            prop_assert!(before.contains(g), "new finding {g:?}");
        }
    }
}
