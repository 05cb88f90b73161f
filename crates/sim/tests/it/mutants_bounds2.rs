//! Every bound a scenario's check puts on a count or a number, at both
//! ends: the last value allowed and the first refused, each refusal with
//! its field and message.

use jiceng_sim::{Error, Scenario};

use crate::common::{REFORM, tiny};

/// Reads `text` and checks its problems, as (field, message), against
/// `expected` (none: the scenario is accepted).
fn check(text: &str, expected: &[(&str, &str)]) {
    let got: Vec<(String, String)> = match Scenario::from_toml_str(text, "b.toml") {
        Ok(_) => Vec::new(),
        Err(Error::Scenario(p)) => p.into_iter().map(|p| (p.field, p.message)).collect(),
        Err(e) => panic!("{e}"),
    };
    let want: Vec<(String, String)> = expected
        .iter()
        .map(|&(f, m)| (f.to_owned(), m.to_owned()))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn replications_are_1_to_100000() {
    let reps = |n: u32| tiny("").replace("replications = 3", &format!("replications = {n}"));
    check(&reps(1), &[]);
    check(&reps(100_000), &[]);
    check(
        &reps(100_001),
        &[("replications", "100001 is not between 1 and 100000")],
    );
    check(
        &reps(0),
        &[("replications", "0 is not between 1 and 100000")],
    );
}

#[test]
fn a_period_is_1_to_3660_days() {
    // 3,660 days of the tiny scenario: 3.2 a day per 10,000 residents over
    // 30,000, 35,136 expected arrivals, far under the cap.
    let days = |n: u32| tiny("").replace("days = 20", &format!("days = {n}"));
    check(&days(1), &[]);
    check(&days(3660), &[]);
    check(
        &days(3661),
        &[("period.days", "3661 is not between 1 and 3660")],
    );
    // The same bounds on a shortened run.
    let s = Scenario::from_toml_str(&tiny(""), "b.toml").unwrap_or_else(|e| panic!("{e}"));
    let days_of = |r: Result<Scenario, Error>| r.map(|s| s.file().period.get_ref().days);
    assert_eq!(days_of(s.clone().with_days(3660)), Ok(3660));
    assert_eq!(days_of(s.clone().with_days(1)), Ok(1));
    for bad in [0, 3661] {
        assert_eq!(
            days_of(s.clone().with_days(bad)),
            Err(Error::Parameter {
                name: "days",
                value: bad.to_string(),
                expected: "1 to 3660",
            })
        );
    }
}

#[test]
fn a_scenario_has_1_to_500_items() {
    // The tiny scenario's 3 items and `extra` more grid categories of
    // rate 0.
    let items = |extra: usize| {
        let more: String = (0..extra)
            .map(|i| {
                format!(
                    "\n[[item]]\ncode = \"grid.x{i}\"\nkind = \"grid\"\nrate = 0.0\n\
                     handling.township = {{ median_minutes = 30 }}\n\
                     handling.county = {{ median_minutes = 30 }}\n"
                )
            })
            .collect();
        tiny(&more)
    };
    check(&items(497), &[]);
    check(&items(498), &[("item", "501 items: expected 1 to 500")]);
    // None at all (an empty list at the top: the key itself is required).
    let tiny = tiny("").replace("replications = 3\n", "replications = 3\nitem = []\n");
    let none = &tiny[..tiny.find("[[item]]").unwrap_or(0)];
    check(none, &[("item", "0 items: expected 1 to 500")]);
}

#[test]
fn a_scenario_has_at_most_20_reforms() {
    let reforms = |n: usize| {
        let all: String = (0..n)
            .map(|i| REFORM.replace("name = \"devolve\"", &format!("name = \"r{i}\"")))
            .collect();
        tiny(&all)
    };
    check(&reforms(20), &[]);
    check(&reforms(21), &[("reform", "21 reforms: at most 20")]);
}

/// A scenario of one synthetic county of `townships` townships
/// (`counties`, `median` and `sigma` as given) with the tiny items.
fn synthetic(counties: u32, townships: &str, median: &str, sigma: &str) -> String {
    let tiny = tiny("");
    let items = &tiny[tiny.find("[[item]]").unwrap_or(0)..];
    format!(
        "name = \"s\"\nseed = 5\n\n[period]\nfrom = \"2025-03-03\"\ndays = 5\n\n\
         [territory]\nprovince_code = \"130000000000\"\n\n[territory.synthetic]\nseed = 1\ncounties = {counties}\n\
         townships_per_county = {townships}\npopulation_median = {median}\n\
         population_sigma = {sigma}\n\n{items}"
    )
}

#[test]
fn a_synthetic_territory_has_1_to_1000_counties() {
    check(&synthetic(1, "[1, 1]", "1000.0", "0.5"), &[]);
    check(&synthetic(1000, "[1, 1]", "1000.0", "0.5"), &[]);
    check(
        &synthetic(1001, "[1, 1]", "1000.0", "0.5"),
        &[(
            "territory.synthetic.counties",
            "1001 is not between 1 and 1000",
        )],
    );
    check(
        &synthetic(0, "[1, 1]", "1000.0", "0.5"),
        &[(
            "territory.synthetic.counties",
            "0 is not between 1 and 1000",
        )],
    );
}

#[test]
fn a_synthetic_population_has_a_median_of_100_to_5_million_and_a_sigma_of_0_to_2() {
    let ok = |median: &str, sigma: &str| check(&synthetic(1, "[1, 1]", median, sigma), &[]);
    ok("100.0", "0.0");
    ok("5000000.0", "2.0");
    let median = "territory.synthetic.population_median";
    let sigma = "territory.synthetic.population_sigma";
    for (m, s, field, message) in [
        ("99.9", "0.5", median, "99.9 is not between 100 and 5000000"),
        (
            "5000000.5",
            "0.5",
            median,
            "5000000.5 is not between 100 and 5000000",
        ),
        ("nan", "0.5", median, "NaN is not between 100 and 5000000"),
        ("1000.0", "2.5", sigma, "2.5 is not between 0 and 2"),
        ("1000.0", "-0.5", sigma, "-0.5 is not between 0 and 2"),
        ("1000.0", "inf", sigma, "inf is not between 0 and 2"),
    ] {
        check(&synthetic(1, "[1, 1]", m, s), &[(field, message)]);
    }
}

#[test]
fn an_items_rate_is_0_to_10000_a_day_per_10000_residents() {
    // The penalty item's rate (item 1). At 10,000 the tiny scenario
    // expects (1.0 + 10,000 + 2.0) × 3 × 20 = 600,180 arrivals: allowed.
    let rate = |r: &str| tiny("").replace("rate = 0.2", &format!("rate = {r}"));
    check(&rate("0.0"), &[]);
    check(&rate("10000.0"), &[]);
    check(
        &rate("10000.5"),
        &[("item[1].rate", "10000.5 is not between 0 and 10000")],
    );
    check(
        &rate("-0.5"),
        &[("item[1].rate", "-0.5 is not between 0 and 10000")],
    );
    check(
        &rate("nan"),
        &[("item[1].rate", "NaN is not between 0 and 10000")],
    );
}

#[test]
fn handling_takes_a_median_of_a_tenth_of_a_minute_to_100000_and_a_sigma_of_0_to_3() {
    // The approval's handling at the township (item 0).
    let handling = |median: &str, sigma: &str| {
        tiny("").replace(
            "handling.township = { median_minutes = 60, sigma = 0.5 }",
            &format!("handling.township = {{ median_minutes = {median}, sigma = {sigma} }}"),
        )
    };
    check(&handling("0.1", "0.0"), &[]);
    check(&handling("100000.0", "3.0"), &[]);
    let median = "item[0].handling.township.median_minutes";
    let sigma = "item[0].handling.township.sigma";
    check(
        &handling("0.09", "0.5"),
        &[(median, "0.09 is not between 0.1 and 100000")],
    );
    check(
        &handling("100000.5", "0.5"),
        &[(median, "100000.5 is not between 0.1 and 100000")],
    );
    check(
        &handling("60", "3.5"),
        &[(sigma, "3.5 is not between 0 and 3")],
    );
    check(
        &handling("60", "-0.5"),
        &[(sigma, "-0.5 is not between 0 and 3")],
    );
}

#[test]
fn staff_per_10000_residents_are_0_to_1000() {
    let rules = |service: &str| {
        tiny(&format!(
            "\n[staff.township]\nservice_per_10k = {service}\nenforcement_per_10k = 0.5\n\
             grid_per_10k = 1.5\n\n[staff.county]\nservice_per_10k = 0.2\n\
             enforcement_per_10k = 0.1\ngrid_per_10k = 0.2\n"
        ))
    };
    check(&rules("0.0"), &[]);
    check(&rules("1000.0"), &[]);
    check(
        &rules("1000.5"),
        &[(
            "staff.township.service_per_10k",
            "1000.5 is not between 0 and 1000",
        )],
    );
    check(
        &rules("-0.5"),
        &[(
            "staff.township.service_per_10k",
            "-0.5 is not between 0 and 1000",
        )],
    );
}

#[test]
fn errors_read_as_file_line_field_and_message() {
    use jiceng_sim::Problem;
    let problem = |line: Option<usize>, field: &str, message: &str| Problem {
        origin: "s.toml".into(),
        line,
        field: field.into(),
        message: message.into(),
    };
    let e = Error::Scenario(vec![
        problem(Some(12), "item[1].rate", "-1 is not between 0 and 10000"),
        problem(None, "replications", "0 is not between 1 and 100000"),
    ]);
    assert_eq!(
        e.to_string(),
        "2 problem(s) in the scenario:\n\
         s.toml:12: item[1].rate: -1 is not between 0 and 10000\n\
         s.toml: replications: 0 is not between 1 and 100000"
    );
    assert_eq!(
        Error::Calendar("2040-01-01 is not covered".into()).to_string(),
        "calendar: 2040-01-01 is not covered"
    );
    assert_eq!(
        Error::Shard("8/8".into()).to_string(),
        "bad shard `8/8`: expected K/N with 0 <= K < N <= 10000"
    );
    assert_eq!(
        Error::Merge("replication 1 is missing".into()).to_string(),
        "cannot merge: replication 1 is missing"
    );
    assert_eq!(
        Error::Parameter {
            name: "days",
            value: "0".into(),
            expected: "1 to 3660",
        }
        .to_string(),
        "days = 0: expected 1 to 3660"
    );
}

#[test]
fn a_province_left_unnamed_is_hebei() {
    use jiceng_sim::{Level, Place};
    let m = crate::common::model(&tiny(""));
    let s = jiceng_sim::summarise(&m, 1, &jiceng_sim::run(&m, 1, &[0], &|| {}))
        .unwrap_or_else(|e| panic!("{e}"));
    let place = |code: &str, name: &str, level: Level, parent: Option<&str>| Place {
        code: code.into(),
        name: name.into(),
        level,
        parent: parent.map(Into::into),
    };
    assert_eq!(
        s.places,
        [
            place("130000000000", "河北省", Level::Province, None),
            place("130430000000", "邱县", Level::County, Some("130000000000")),
            place(
                "130430100000",
                "新马头镇",
                Level::Township,
                Some("130430000000")
            ),
            place(
                "130430101000",
                "邱城镇",
                Level::Township,
                Some("130430000000")
            ),
        ]
    );
}

#[test]
fn an_item_code_is_1_to_100_bytes_not_ending_in_a_star() {
    // The grid item is the third.
    let coded = |code: &str| tiny("").replace("code = \"grid.a\"", &format!("code = \"{code}\""));
    check(&coded("g"), &[]);
    check(&coded(&"g".repeat(100)), &[]);
    for bad in [String::new(), "g".repeat(101), "grid.*".into(), "*".into()] {
        let message = format!("`{bad}` must be 1 to 100 characters, not ending in *");
        check(&coded(&bad), &[("item[2].code", &message)]);
    }
}
