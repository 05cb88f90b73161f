//! A scenario's division codes nest (DOMAIN.md: a township's first six
//! digits are its county's, a county's first two its province's), and the
//! province comes from the counties' codes when the file leaves it out.

use jiceng_sim::{Error, Model, Scenario, run, summarise};

/// The M/M/c queue: county 130430000000 (邱县) with township 130430100000
/// and no `[territory]` table, so no province given.
const MMC: &str = include_str!("../../data/mmc.toml");

/// The (field, message) of every problem of `text`, or `None` when it reads.
fn problems(text: &str) -> Option<Vec<(String, String)>> {
    match Scenario::from_toml_str(text, "m.toml") {
        Ok(_) => None,
        Err(Error::Scenario(p)) => Some(p.into_iter().map(|p| (p.field, p.message)).collect()),
        Err(e) => panic!("{e}"),
    }
}

fn check(text: &str, expected: &[(&str, &str)]) {
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(f, m)| ((*f).to_owned(), (*m).to_owned()))
        .collect();
    assert_eq!(problems(text), Some(expected));
}

/// `mmc.toml` with its county and township codes replaced.
fn mmc(county: &str, township: &str) -> String {
    // The township first: a new county code may be the old township's.
    MMC.replace("\"130430100000\"", &format!("\"{township}\""))
        .replace("\"130430000000\"", &format!("\"{county}\""))
}

#[test]
fn a_township_outside_its_county_is_a_problem() {
    // Regression: 110101001000 (a Beijing code: 11 01 01) was accepted
    // under 130430000000 (13 04 30).
    check(
        &mmc("130430000000", "110101001000"),
        &[(
            "territory.county[0].township[0].code",
            "`110101001000` is not in county `130430000000` (a township's first six digits \
             are its county's)",
        )],
    );
}

#[test]
fn the_province_is_derived_from_the_counties_not_assumed_to_be_hebei() {
    // Regression: county 440103000000 (荔湾区, Guangzhou) came out as a
    // child of 130000000000 河北省. Its first two digits, 44, are 广东省.
    let text = mmc("440103000000", "440103001000");
    let s = Scenario::from_toml_str(&text, "m.toml").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.province(), ("440000000000", "广东省"));
    let s = s.with_days(2).unwrap_or_else(|e| panic!("{e}"));
    let m = Model::new(&s).unwrap_or_else(|e| panic!("{e}"));
    let summary = summarise(&m, 1, &run(&m, 1, &[0], &|| {})).unwrap_or_else(|e| panic!("{e}"));
    let p = &summary.places;
    assert_eq!(
        (p[0].code.as_str(), p[0].name.as_str()),
        ("440000000000", "广东省")
    );
    assert_eq!(p[1].code, "440103000000");
    assert_eq!(p[1].parent.as_deref(), Some("440000000000"));
    assert_eq!(p[2].parent.as_deref(), Some("440103000000"));
    // mmc.toml as bundled: 13 is 河北省.
    let s = Scenario::from_toml_str(MMC, "m.toml").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.province(), ("130000000000", "河北省"));
}

#[test]
fn a_given_province_must_hold_the_counties_and_keeps_its_name() {
    // The `[territory]` table goes before `[period]`, after the top-level
    // keys.
    let given = |code: &str, name: &str, text: &str| {
        text.replace(
            "[period]",
            &format!(
                "[territory]\nprovince_code = \"{code}\"\nprovince_name = \"{name}\"\n\n[period]"
            ),
        )
    };
    let text = given(
        "130000000000",
        "示例省",
        &mmc("440103000000", "440103001000"),
    );
    check(
        &text,
        &[(
            "territory.county[0].code",
            "`440103000000` is not in province `130000000000` (a county's first two digits \
             are its province's)",
        )],
    );
    let text = given(
        "440000000000",
        "示例省",
        &mmc("440103000000", "440103001000"),
    );
    let s = Scenario::from_toml_str(&text, "m.toml").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.province(), ("440000000000", "示例省"));
    // 99 is no province of GB/T 2260.
    check(
        &given("990000000000", "x", MMC),
        &[(
            "territory.province_code",
            "`990000000000` is not a province's division code (two digits, then ten zeros)",
        )],
    );
}

#[test]
fn counties_of_two_provinces_need_the_province_given() {
    let second = "\n[[territory.county]]\ncode = \"440103000000\"\nname = \"荔湾区\"\n\n\
                  [[territory.county.township]]\ncode = \"440103001000\"\nname = \"沙面街道\"\n\
                  population = 10000\n";
    let text = MMC.replace("[[item]]", &format!("{second}\n[[item]]"));
    check(
        &text,
        &[(
            "territory.province_code",
            "not given, and the counties lie in 2 provinces (13, 44): give it",
        )],
    );
}

#[test]
fn codes_must_be_at_their_level() {
    // A township's code as the county's, and a village's as the township's.
    check(
        &mmc("130430100000", "130430100201"),
        &[
            (
                "territory.county[0].code",
                "`130430100000` is not a county's division code (six digits, the last two \
                 not 00, then six zeros)",
            ),
            (
                "territory.county[0].township[0].code",
                "`130430100201` is not a township's division code (nine digits, the last \
                 three not 000, then 000)",
            ),
        ],
    );
}

#[test]
fn a_synthetic_territory_must_give_its_province() {
    let text = MMC.replace(
        "[[territory.county]]",
        "[territory.synthetic]\nseed = 1\ncounties = 1\n\
                  townships_per_county = [1, 1]\npopulation_median = 1000.0\n\
                  population_sigma = 0.0\n\n[[ignored]]",
    );
    // Cut the explicit county and township out: from the synthetic table to
    // the first item.
    let start = text.find("[[ignored]]").unwrap_or(0);
    let end = text.find("[[item]]").unwrap_or(text.len());
    let text = format!("{}{}", &text[..start], &text[end..]);
    check(
        &text,
        &[(
            "territory.province_code",
            "give the province's code: a synthetic territory's county codes are made from it",
        )],
    );
}
