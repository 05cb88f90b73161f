//! The assessment report (考核事项 and 责任状 against the township duty
//! lists) worked by hand over the days its assessments start and end, with
//! the share of backed assessment items rounded half up at its awkward
//! values (1 of 8 is 12.5%, shown 13; 2 of 3 is 66.7%, shown 67).

use jiceng_authority::Ledger;

use crate::{BASE, d};

const T1: &str = "130430100000";
const T2: &str = "130430101000";
const T3: &str = "130430200000";

/// D-1 (basic, needs CF-1) and D-2 (cooperative, led by 市场监管) are on
/// the province template that Qiu County adopts from 2021-07-01; D-4 is a
/// duty on no list.
const DUTIES: &str = r#"
[[duty]]
code = "D-1"
name = "生态环境执法"
domain = "生态文明"
kind = "basic"
powers = ["CF-1"]

[[duty]]
code = "D-2"
name = "市场监管配合"
domain = "经济发展"
kind = "cooperative"
powers = ["CF-2"]
lead = "市场监管"

[[duty]]
code = "D-4"
name = "不在清单上的事项"
domain = "社会治理"
kind = "basic"

[[duty_list]]
id = "tpl"
issuer = "p-gov"
document = "冀办字〔2021〕1号"
title = "乡镇履行职责事项清单（模板）"
published = "2021-07-01"
effective_from = "2021-07-01"
province = "130000000000"
items = ["D-1", "D-2"]

[[duty_list]]
id = "qiu"
issuer = "c-gov"
document = "邱办字〔2021〕1号"
title = "邱县乡镇履行职责事项清单"
published = "2021-07-01"
effective_from = "2021-07-01"
county = "130430000000"
template = "tpl"
"#;

/// An assessment (`kind`), aimed at `scope`, from `from` (and until
/// `until` if not empty), assessing `duty` if not empty.
fn assess(id: &str, kind: &str, scope: &str, from: &str, until: &str, duty: &str) -> String {
    let until = if until.is_empty() {
        String::new()
    } else {
        format!("effective_until = \"{until}\"\n")
    };
    let duty = if duty.is_empty() {
        String::new()
    } else {
        format!("duty = \"{duty}\"\n")
    };
    format!(
        "\n[[assessment]]\nid = \"{id}\"\nkind = \"{kind}\"\nissuer = \"c-gov\"\ntitle = \"{id}\"\neffective_from = \"{from}\"\n{until}{scope}\n{duty}"
    )
}

fn sample() -> Ledger {
    let county = "county = \"130430000000\"";
    let town = |t: &str| format!("townships = [\"{t}\"]");
    let mut extra = String::from(DUTIES);
    let a = "考核事项";
    extra += &assess("a1", a, county, "2021-08-01", "", "D-1");
    extra += &assess("a2", a, county, "2021-10-01", "", "D-2");
    extra += &assess("a3", a, county, "2021-08-01", "2022-01-01", "D-4");
    extra += &assess("a4", a, &town(T2), "2021-08-01", "", "D-4");
    for k in 1..=6 {
        extra += &assess(&format!("b{k}"), a, &town(T1), "2021-08-01", "", "D-4");
    }
    extra += &assess("p1", "责任状", county, "2021-08-01", "", "D-1");
    extra += &assess("p2", "责任状", &town(T2), "2021-08-01", "", "");
    Ledger::from_text(&format!("{BASE}{extra}"), "mini.toml").unwrap()
}

type Row = (String, usize, usize, Option<u32>, usize, Vec<String>);

fn report(l: &Ledger, date: &str) -> Vec<Row> {
    l.assessment_report(d(date))
        .into_iter()
        .map(|r| {
            (
                r.township.to_string(),
                r.assessments,
                r.backed,
                r.backed_percent,
                r.pledges,
                r.pledges_outside,
            )
        })
        .collect()
}

/// Assessment items in force, per town (a1 backs D-1, a2 D-2; a3, a4 and
/// b1–b6 assess D-4, on no list):
///
/// | days                     | 新马头镇 T1            | 邱城镇 T2           | 南辛店乡 T3         |
/// |--------------------------|------------------------|---------------------|---------------------|
/// | 2021-08-01 to 2021-09-30 | a1 a3 b1–b6: 1 of 8    | a1 a3 a4: 1 of 3    | a1 a3: 1 of 2       |
/// | 2021-10-01 to 2021-12-31 | + a2: 2 of 9           | + a2: 2 of 4        | + a2: 2 of 3        |
/// | from 2022-01-01          | − a3: 2 of 8           | − a3: 2 of 3        | − a3: 2 of 2        |
///
/// Rounded half up (⌊(200 b + n) / 2n⌋): 1/8 = 12.5 → 13, 1/3 = 33.3 →
/// 33, 1/2 → 50; 2/9 = 22.2 → 22, 2/4 → 50, 2/3 = 66.7 → 67; 2/8 → 25,
/// 2/3 → 67, 2/2 → 100. Pledges: p1 (county-wide, backs D-1) everywhere,
/// p2 (邱城镇, assesses no duty) outside 邱城镇's list. Before 2021-08-01
/// nothing is in force and nobody is reported.
#[test]
fn the_assessment_report_follows_each_assessment_and_rounds_half_up() {
    let l = sample();
    let row = |t: &str, n: usize, b: usize, pct: u32, pledges: usize, outside: &[&str]| -> Row {
        (
            t.to_owned(),
            n,
            b,
            Some(pct),
            pledges,
            outside.iter().map(|s| (*s).to_owned()).collect(),
        )
    };
    assert_eq!(report(&l, "2021-07-31"), []);
    let first = vec![
        row(T1, 8, 1, 13, 1, &[]),
        row(T2, 3, 1, 33, 2, &["p2"]),
        row(T3, 2, 1, 50, 1, &[]),
    ];
    assert_eq!(report(&l, "2021-08-01"), first);
    assert_eq!(report(&l, "2021-09-30"), first);
    let second = vec![
        row(T1, 9, 2, 22, 1, &[]),
        row(T2, 4, 2, 50, 2, &["p2"]),
        row(T3, 3, 2, 67, 1, &[]),
    ];
    assert_eq!(report(&l, "2021-10-01"), second);
    assert_eq!(report(&l, "2021-12-31"), second);
    let third = vec![
        row(T1, 8, 2, 25, 1, &[]),
        row(T2, 3, 2, 67, 2, &["p2"]),
        row(T3, 2, 2, 100, 1, &[]),
    ];
    assert_eq!(report(&l, "2022-01-01"), third);
    // Each report names its town.
    let names: Vec<String> = l
        .assessment_report(d("2022-01-01"))
        .into_iter()
        .map(|r| r.name)
        .collect();
    assert_eq!(names, ["新马头镇", "邱城镇", "南辛店乡"]);
}

/// A town aimed at by pledges only has no share: with no assessment item
/// the percentage is absent, not 0 (it would divide by zero).
#[test]
fn a_town_with_pledges_only_has_no_share() {
    let extra = format!(
        "{DUTIES}{}",
        assess(
            "p",
            "责任状",
            &format!("townships = [\"{T1}\"]"),
            "2021-08-01",
            "",
            "D-2"
        )
    );
    let l = Ledger::from_text(&format!("{BASE}{extra}"), "mini.toml").unwrap();
    assert_eq!(
        report(&l, "2021-08-01"),
        [(T1.to_owned(), 0, 0, None, 1, vec![])]
    );
}

/// Two lists of 新马头镇 in force together name D-4 differently: "ta"
/// lists it from 2021-08-01 as its item kind (basic), "tb" makes it
/// cooperative, led by 市场监管, from 2021-09-01. From that day the duty is
/// listed twice, and the message names each list with the kind it gives
/// (the later list's change, not the item's own kind); the day before,
/// nothing clashes.
#[test]
fn a_duty_listed_twice_names_each_lists_kind() {
    let town_list = |id: &str, from: &str, rest: &str| {
        format!(
            "\n[[duty_list]]\nid = \"{id}\"\nissuer = \"t1-gov\"\ndocument = \"新马头镇〔2021〕{id}号\"\ntitle = \"{id}\"\npublished = \"{from}\"\neffective_from = \"{from}\"\ntownships = [\"{T1}\"]\n{rest}\n"
        )
    };
    let extra = format!(
        "{DUTIES}{}{}",
        town_list("ta", "2021-08-01", "items = [\"D-4\"]"),
        town_list(
            "tb",
            "2021-09-01",
            "changes = [{ code = \"D-4\", kind = \"cooperative\", lead = \"市场监管\" }]"
        ),
    );
    let l = Ledger::from_text(&format!("{BASE}{extra}"), "mini.toml").unwrap();
    let twice = |date: &str| -> Vec<String> {
        l.check_duties(d(date))
            .into_iter()
            .filter(|f| f.kind == jiceng_authority::FindingKind::DutyListedTwice)
            .map(|f| f.message)
            .collect()
    };
    assert_eq!(twice("2021-08-31"), Vec::<String>::new());
    assert_eq!(
        twice("2021-09-01"),
        [format!(
            "duty \"D-4\" is listed as basic by \"ta\" and as cooperative by \"tb\", both in force for township {T1} on 2021-09-01"
        )]
    );
}
