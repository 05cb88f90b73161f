//! Jurisdiction through the bundled Hebei sample: the Qiu County workshop
//! before and after the reform, entrustment, first to file.
//!
//! The sample (crates/authority/data/hebei-sample.toml) holds what the
//! story needs: items HB-CF-001..005 of the five sectors an unlicensed
//! workshop without environmental assessment touched (生态环境, 市场监管,
//! 应急管理, 农业农村, 自然资源), Qiu County's departments of those sectors, the
//! concentration in 邱县综合行政执法局 in force from 1 June 2021, and the
//! devolution of HB-CF-001..040 to the townships from 1 March 2022.

use jiceng_authority::Ledger;
use jiceng_enforcement::jurisdiction::{
    Basis, Filing, common_superior, compare, competent, first_to_file, resolve,
};

use crate::day;

const WORKSHOP: [&str; 5] = [
    "HB-CF-001",
    "HB-CF-002",
    "HB-CF-003",
    "HB-CF-004",
    "HB-CF-005",
];
/// 西杜林疃村, a village of 古城营镇.
const VILLAGE: &str = "130430104200";

/// Checks the competent bodies' codes for the workshop on a date.
fn check(date: &str, expected: &[&str]) {
    let j = resolve(&Ledger::hebei_sample(), &WORKSHOP, VILLAGE, day(date)).unwrap();
    let codes: Vec<&str> = j.bodies.iter().map(|b| b.code.as_str()).collect();
    assert_eq!(codes, expected, "on {date}");
    assert_eq!(j.count, expected.len());
}

#[test]
fn qiu_county_workshop_five_then_one() {
    // Before the reform: five county departments, one per item.
    check(
        "2021-01-04",
        &[
            "130430-sthj",
            "130430-scjg",
            "130430-yjgl",
            "130430-nync",
            "130430-zrzy",
        ],
    );
    // The last day before the concentration (effective 1 June 2021).
    check(
        "2021-05-31",
        &[
            "130430-sthj",
            "130430-scjg",
            "130430-yjgl",
            "130430-nync",
            "130430-zrzy",
        ],
    );
    // Concentrated: the county's comprehensive enforcement bureau.
    check("2021-06-01", &["130430-zhzf"]);
    check("2022-02-28", &["130430-zhzf"]);
    // Devolved from 1 March 2022: the township government, one body.
    check("2022-03-01", &["130430104-gov"]);
    check("2024-06-01", &["130430104-gov"]);
}

#[test]
fn devolved_body_acts_through_its_team() {
    let c = competent(
        &Ledger::hebei_sample(),
        "HB-CF-003",
        VILLAGE,
        day("2024-06-01"),
    )
    .unwrap();
    assert_eq!(c.basis, Basis::Devolved);
    assert_eq!(c.body.name, "古城营镇人民政府");
    assert_eq!(c.acting.as_ref().unwrap().name, "古城营镇综合行政执法队");
    // The grounds: the statute, the concentration, the devolution, the team.
    let articles: Vec<&str> = c.explanation.iter().map(|g| g.article.as_str()).collect();
    assert_eq!(
        articles,
        [
            "行政处罚法第二十二条、第二十三条",
            "行政处罚法第十八条第二款",
            "行政处罚法第二十四条",
            "行政处罚法第二十四条"
        ]
    );
    assert_eq!(
        c.explanation[2].instrument.as_ref().unwrap().id,
        "qiu-devolution-2022"
    );
}

#[test]
fn territorial_and_concentrated_bases() {
    let l = Ledger::hebei_sample();
    let c = competent(&l, "HB-CF-001", VILLAGE, day("2021-01-04")).unwrap();
    assert_eq!(
        (c.basis, c.body.name.as_str()),
        (Basis::Territorial, "邱县生态环境分局")
    );
    assert!(c.acting.is_none());
    // HB-CF-050 was concentrated and never devolved.
    let c = competent(&l, "HB-CF-050", VILLAGE, day("2024-06-01")).unwrap();
    assert_eq!(
        (c.basis, c.body.name.as_str()),
        (Basis::Concentrated, "邱县综合行政执法局")
    );
}

#[test]
fn entrusting_body_stays_competent() {
    // 肃宁县民政局 entrusted HB-GF-003 to 梁家村镇 from 1 January 2023.
    let c = competent(
        &Ledger::hebei_sample(),
        "HB-GF-003",
        "130926101000",
        day("2023-06-01"),
    )
    .unwrap();
    assert_eq!(c.basis, Basis::Entrusted);
    assert_eq!(c.body.code, "130926-mzj");
    let acting = c.acting.unwrap();
    assert!(acting.code.starts_with("130926101"), "{}", acting.code);
    assert!(
        c.explanation
            .last()
            .unwrap()
            .rule
            .contains("in the name of")
    );
}

#[test]
fn compare_before_and_after() {
    let l = Ledger::hebei_sample();
    let c = compare(
        (&l, day("2021-01-04")),
        (&l, day("2024-06-01")),
        &WORKSHOP,
        VILLAGE,
    )
    .unwrap();
    assert_eq!(c.before.count, 5);
    assert_eq!(c.after.count, 1);
    assert_eq!(c.gone.len(), 5);
    assert_eq!(c.came, ["130430104-gov"]);
    assert_eq!(c.after.bodies[0].items.len(), 5);
}

#[test]
fn first_to_file_and_disputes() {
    let l = Ledger::hebei_sample();
    let reg = l.registry();
    let f = |b: &str, d: &str| Filing {
        body: b.to_owned(),
        date: day(d),
    };
    let competent = ["130430-sthj", "130430-scjg", "130430-yjgl"];
    // The earliest filing wins.
    let r = first_to_file(
        reg,
        &competent,
        &[
            f("130430-scjg", "2021-03-03"),
            f("130430-yjgl", "2021-03-02"),
        ],
    );
    assert_eq!(r.winner.as_deref(), Some("130430-yjgl"));
    assert_eq!(r.filed, Some(day("2021-03-02")));
    // A body that is not competent is ignored, even if earlier.
    let r = first_to_file(
        reg,
        &competent,
        &[
            f("130430-fgj", "2021-03-01"),
            f("130430-scjg", "2021-03-03"),
        ],
    );
    assert_eq!(
        (r.winner.as_deref(), r.not_competent.clone()),
        (Some("130430-scjg"), vec!["130430-fgj".to_owned()])
    );
    // The same day: a dispute for the county government.
    let r = first_to_file(
        reg,
        &competent,
        &[
            f("130430-scjg", "2021-03-03"),
            f("130430-sthj", "2021-03-03"),
        ],
    );
    let d = r.dispute.unwrap();
    assert_eq!(
        (d.superior.code.as_str(), d.bodies.len()),
        ("130430-gov", 2)
    );
    assert!(r.winner.is_none());
    // No filing yet.
    assert!(first_to_file(reg, &competent, &[]).winner.is_none());
}

#[test]
fn common_superior_across_levels() {
    let reg = Ledger::hebei_sample();
    let reg = reg.registry();
    // Two township governments of one county: the county government.
    assert_eq!(
        common_superior(reg, &["130430104-gov", "130430101-gov"])
            .unwrap()
            .code,
        "130430-gov"
    );
    // Bodies of two counties of different cities: the province.
    assert_eq!(
        common_superior(reg, &["130430-sthj", "130926-mzj"])
            .unwrap()
            .code,
        "130000-gov"
    );
    // A township body and its own government: one level up, the county.
    assert_eq!(
        common_superior(reg, &["130430104-zfd", "130430104-gov"])
            .unwrap()
            .code,
        "130430-gov"
    );
    assert!(common_superior(reg, &["no-such-body"]).is_none());
}

#[test]
fn errors_name_the_input() {
    let l = Ledger::hebei_sample();
    let e = resolve(&l, &["HB-NOPE"], VILLAGE, day("2024-06-01")).unwrap_err();
    assert!(e.to_string().contains("HB-NOPE"), "{e}");
    let e = resolve(&l, &WORKSHOP, "999999999999", day("2024-06-01")).unwrap_err();
    assert!(e.to_string().contains("999999999999"), "{e}");
    let none: [&str; 0] = [];
    assert!(resolve(&l, &none, VILLAGE, day("2024-06-01")).is_err());
    let many = vec!["HB-CF-001"; 1001];
    assert!(resolve(&l, &many, VILLAGE, day("2024-06-01")).is_err());
}

#[test]
fn fast_path_agrees_with_the_explained_answer() {
    use jiceng_enforcement::jurisdiction::Resolver;
    let l = Ledger::hebei_sample();
    let r = Resolver::new(&l);
    let village = l.registry().division_id(VILLAGE.parse().unwrap()).unwrap();
    let items: Vec<_> = WORKSHOP.iter().map(|c| l.item_id(c).unwrap()).collect();
    let mut out = Vec::new();
    assert_eq!(r.bodies(&items, village, day("2021-01-04"), &mut out), 5);
    assert_eq!(r.bodies(&items, village, day("2024-06-01"), &mut out), 1);
    assert_eq!(l.registry().body_at(out[0]).code, "130430104-gov");
    let one = r.body(items[0], village, day("2021-01-04")).unwrap();
    assert_eq!(l.registry().body_at(one).code, "130430-sthj");
}
