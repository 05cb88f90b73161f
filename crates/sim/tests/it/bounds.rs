//! The scenario's limits at both ends, the t quantiles past the table, and
//! the names people read.

use jiceng_sim::{Error, Metric, Scenario};

use crate::common::{REFORM, model, tiny};

/// Reads `text`: accepted (`None`), or refused with `expected` the field
/// of the first problem.
fn check(text: &str, expected: Option<&str>) {
    let got = match Scenario::from_toml_str(text, "b.toml") {
        Ok(_) => None,
        Err(Error::Scenario(p)) => Some(p[0].field.clone()),
        Err(e) => panic!("{e}"),
    };
    assert_eq!(got.as_deref(), expected);
}

#[test]
fn a_name_is_1_to_200_characters_not_blank() {
    let named = |name: &str| tiny("").replace("name = \"tiny\"", &format!("name = \"{name}\""));
    // Counted in characters, not bytes: 200 CJK characters are 600 bytes.
    check(&named(&"模".repeat(200)), None);
    check(&named(&"模".repeat(201)), Some("name"));
    check(&named("   "), Some("name"));
}

#[test]
fn a_staffing_rules_least_staff_is_at_most_10000() {
    let rules = |min: u32| {
        tiny(&format!(
            "\n[staff.township]\nservice_per_10k = 1.0\nenforcement_per_10k = 0.5\n\
             grid_per_10k = 1.5\nmin = {min}\n\n[staff.county]\nservice_per_10k = 0.2\n\
             enforcement_per_10k = 0.1\ngrid_per_10k = 0.2\n"
        ))
    };
    check(&rules(10_000), None);
    check(&rules(10_001), Some("staff.township.min"));
}

#[test]
fn a_townships_population_is_1_to_10_million() {
    // The second township, 邱城镇, given 10 million residents: the expected
    // arrivals, 3.2 a day per 10,000 residents over 10,020,000 residents
    // and 20 days, are 64,128, far under the cap.
    let people = |n: u32| tiny("").replace("population = 10000\n", &format!("population = {n}\n"));
    check(&people(10_000_000), None);
    check(
        &people(10_000_001),
        Some("territory.county[0].township[1].population"),
    );
}

#[test]
fn an_item_code_is_1_to_100_bytes() {
    // The grid item is the third; a reform names none of them.
    let coded = |code: &str| tiny("").replace("code = \"grid.a\"", &format!("code = \"{code}\""));
    check(&coded(&"g".repeat(100)), None);
    check(&coded(&"g".repeat(101)), Some("item[2].code"));
}

#[test]
fn limits_in_working_days_are_at_most_1000() {
    // The grid item's service level and the approval's statutory limit.
    let promised = |n: u32| {
        tiny("").replace(
            "promised_working_days = 1\n",
            &format!("promised_working_days = {n}\n"),
        )
    };
    check(&promised(1000), None);
    check(&promised(1001), Some("item[2].promised_working_days"));
    let statutory = |n: u32| {
        tiny("").replace(
            "promised_working_days = 2\n",
            &format!("promised_working_days = 2\nstatutory_working_days = {n}\n"),
        )
    };
    check(&statutory(1000), None);
    check(&statutory(1001), Some("item[0].statutory_working_days"));
}

#[test]
fn past_the_table_the_t_quantiles_agree_to_four_decimals() {
    // Student t, 0.975, to four decimals: df 31 2.0395, df 40 2.0211,
    // df 60 2.0003 (tables). The expansion's last term is 1.2 × 10⁻³ at
    // df 31, so a wrong coefficient shows there.
    for (df, t) in [(31, 2.0395), (40, 2.0211), (60, 2.0003)] {
        let got = jiceng_sim::t975(df);
        assert!((got - t).abs() < 1.5e-4, "df {df}: {got}");
    }
}

#[test]
fn the_variants_are_named_baseline_first() {
    assert_eq!(
        model(&tiny(REFORM)).variant_names(),
        ["baseline", "devolve"]
    );
    assert_eq!(model(&tiny("")).variant_names(), ["baseline"]);
}

#[test]
fn each_metric_has_its_own_chinese_label() {
    let labels: std::collections::BTreeSet<&str> =
        Metric::ALL.iter().map(|m| m.name_zh()).collect();
    assert_eq!(labels.len(), Metric::ALL.len());
    // Each is Chinese: it holds a CJK ideograph (U+4E00 to U+9FFF).
    for m in Metric::ALL {
        assert!(
            m.name_zh()
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{m:?}"
        );
    }
    // The share resolved in the township names the township (乡镇).
    assert!(Metric::ResolvedLocally.name_zh().contains("乡镇"));
}

#[test]
fn an_interval_by_hand() {
    // Three replications whose province sees 10, 20 and 30 arrivals: mean
    // 20, variance (100 + 0 + 100) / 2 = 100, standard error √(100 / 3) =
    // 5.7735; t975(2) = 4.303, so the half-width is 24.8433.
    let m = model(&tiny(""));
    let mut tallies = jiceng_sim::run(&m, 1, &[0, 1, 2], &|| {});
    for (r, t) in tallies.iter_mut().enumerate() {
        let towns = &mut t.variants[0].towns;
        towns[0].arrivals = [10 * (r as u64 + 1), 0, 0];
        towns[1].arrivals = [0, 0, 0];
    }
    let s = jiceng_sim::summarise(&m, 1, &tallies).unwrap_or_else(|e| panic!("{e}"));
    let province = &s.places[0].code;
    let e = s
        .totals
        .iter()
        .find(|e| &e.division == province && e.metric == Metric::Arrivals)
        .unwrap_or_else(|| panic!("no estimate"));
    let half = 4.303 * (100.0f64 / 3.0).sqrt();
    assert!((half - 24.8433).abs() < 1e-4);
    assert_eq!((e.mean, e.replications), (20.0, 3));
    let (lo, hi) = (e.ci_low.unwrap_or(f64::NAN), e.ci_high.unwrap_or(f64::NAN));
    assert!((lo - (20.0 - half)).abs() < 1e-9, "{lo}");
    assert!((hi - (20.0 + half)).abs() < 1e-9, "{hi}");
}

#[test]
fn an_escalation_delay_is_at_most_100000_minutes() {
    let delayed = |m: u32| tiny(&format!("\n[escalation]\ndelay_minutes = {m}\n"));
    check(&delayed(100_000), None);
    check(&delayed(100_001), Some("escalation.delay_minutes"));
}

#[test]
fn a_reform_name_is_1_to_100_bytes_without_separators() {
    let named =
        |name: &str| tiny(&REFORM.replace("name = \"devolve\"", &format!("name = \"{name}\"")));
    check(&named(&"r".repeat(100)), None);
    check(&named(&"r".repeat(101)), Some("reform[0].name"));
    // A slash, a backslash or a comma would break file names and lists.
    for bad in ["a/b", "a\\\\b", "a,b", " "] {
        check(&named(bad), Some("reform[0].name"));
    }
}

#[test]
fn a_scenario_keeps_the_name_it_was_read_under() {
    let s = Scenario::from_toml_str(&tiny(""), "邱县.toml").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.origin(), "邱县.toml");
}

#[test]
fn which_way_is_better() {
    // Shares decided on time, resolved locally, and closures: the more the
    // better. Days, backlog, residents per staff member: the fewer. How
    // many arrive, and how busy staff are, is neither.
    let want = [
        (Metric::OnTimeStatute, Some(true)),
        (Metric::OnTimePromise, Some(true)),
        (Metric::ResolvedLocally, Some(true)),
        (Metric::Closed, Some(true)),
        (Metric::MeanDaysToDecision, Some(false)),
        (Metric::P90DaysToDecision, Some(false)),
        (Metric::Backlog, Some(false)),
        (Metric::ResidentsPerStaff, Some(false)),
        (Metric::Utilisation, None),
        (Metric::Arrivals, None),
    ];
    for (m, better) in want {
        assert_eq!(m.higher_is_better(), better, "{m:?}");
    }
}

#[test]
fn a_synthetic_territory_without_spread_gives_every_township_the_median() {
    // population_sigma = 0: each township has exactly the median, 1,000
    // residents. The default township rules give 1.0, 0.5 and 1.5 staff
    // per 10,000 residents, 0.1, 0.05 and 0.15 here, each rounded to 0 and
    // raised to the least, 1: 3 staff, so 1,000 / 3 residents per staff.
    let tiny = tiny("");
    let items = &tiny[tiny.find("[[item]]").unwrap_or(0)..];
    let text = format!(
        "name = \"flat\"\nseed = 5\nreplications = 1\n\n[period]\nfrom = \"2025-03-03\"\n\
         days = 5\n\n[territory]\nprovince_code = \"130000000000\"\n\n[territory.synthetic]\nseed = 1\ncounties = 2\n\
         townships_per_county = [2, 3]\npopulation_median = 1000.0\npopulation_sigma = 0.0\n\n\
         {items}"
    );
    let m = model(&text);
    let s = jiceng_sim::summarise(&m, 5, &jiceng_sim::run(&m, 5, &[0], &|| {}))
        .unwrap_or_else(|e| panic!("{e}"));
    let towns: Vec<&str> = s
        .places
        .iter()
        .filter(|p| p.level == jiceng_sim::Level::Township)
        .map(|p| p.code.as_str())
        .collect();
    assert!((4..=6).contains(&towns.len()), "{towns:?}");
    for code in towns {
        let e = s
            .totals
            .iter()
            .find(|e| e.division == code && e.metric == Metric::ResidentsPerStaff)
            .unwrap_or_else(|| panic!("no estimate for {code}"));
        assert_eq!(e.mean, 1000.0 / 3.0, "{code}");
    }
}

/// A scenario of `territory` (TOML) with the tiny scenario's items.
fn with_territory(territory: &str) -> String {
    let tiny = tiny("");
    let items = &tiny[tiny.find("[[item]]").unwrap_or(0)..];
    format!(
        "name = \"t\"\nseed = 5\nreplications = 1\n\n[period]\nfrom = \"2025-03-03\"\n\
         days = 5\n\n{territory}\n{items}"
    )
}

#[test]
fn a_territory_needs_counties_or_a_synthetic_one() {
    // A territory table with neither.
    check(&with_territory("[territory]\n"), Some("territory"));
}

#[test]
fn synthetic_counties_hold_1_to_200_townships() {
    let spread = |lo: u32, hi: u32| {
        with_territory(&format!(
            "[territory]\nprovince_code = \"130000000000\"\n\n[territory.synthetic]\nseed = 1\ncounties = 2\n\
             townships_per_county = [{lo}, {hi}]\npopulation_median = 1000.0\n\
             population_sigma = 0.5\n"
        ))
    };
    check(&spread(1, 200), None);
    check(&spread(200, 200), None);
    check(
        &spread(1, 201),
        Some("territory.synthetic.townships_per_county"),
    );
    check(
        &spread(0, 2),
        Some("territory.synthetic.townships_per_county"),
    );
    check(
        &spread(3, 2),
        Some("territory.synthetic.townships_per_county"),
    );
}

#[test]
fn past_the_table_the_t_quantile_is_the_cornish_fisher_expansion() {
    // Abramowitz and Stegun 26.7.5, to the n⁻² term: t = z + g1(z)/n +
    // g2(z)/n² with g1 = (z³ + z)/4 and g2 = (5z⁵ + 16z³ + 3z)/96, z the
    // normal 0.975 quantile 1.959963984540054. At n = 31 the terms of g2
    // are 1.57 × 10⁻³, 1.31 × 10⁻³ and 6.4 × 10⁻⁵.
    let z: f64 = 1.959_963_984_540_054;
    for df in [31u32, 50, 1000] {
        let n = f64::from(df);
        let g1 = (z * z * z + z) / 4.0;
        let g2 = (5.0 * z.powi(5) + 16.0 * z * z * z + 3.0 * z) / 96.0;
        let t = z + g1 / n + g2 / (n * n);
        assert!((jiceng_sim::t975(df) - t).abs() < 1e-12, "df {df}");
    }
}

#[test]
fn synthetic_populations_are_lognormal_around_the_median() {
    // 500 townships (5 counties of 100), median 1,000, sigma 0.5: the log
    // of a population is normal with sd 0.5, so its quartiles are
    // 1,000 × e^(±0.5 × 0.6745) = 714 and 1,401. The sample quartile's
    // log has a standard error of about √(0.25 × 0.75 / 500) / φ(0.6745)
    // × 0.5 = 0.030: ±10% is over three of them. Township rules of no
    // staff per resident and at least 1 give each desk 1, so a township's
    // residents per staff member are its population over 3.
    let text = with_territory(
        "[territory]\nprovince_code = \"130000000000\"\n\n[territory.synthetic]\nseed = 3\ncounties = 5\ntownships_per_county = [100, 100]\n\
         population_median = 1000.0\npopulation_sigma = 0.5\n\n[staff.township]\n\
         service_per_10k = 0.0\nenforcement_per_10k = 0.0\ngrid_per_10k = 0.0\n\n\
         [staff.county]\nservice_per_10k = 0.2\nenforcement_per_10k = 0.1\ngrid_per_10k = 0.2\n",
    );
    let m = model(&text);
    let s = jiceng_sim::summarise(&m, 5, &jiceng_sim::run(&m, 5, &[0], &|| {}))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut people: Vec<f64> = s
        .totals
        .iter()
        .filter(|e| e.metric == Metric::ResidentsPerStaff)
        .filter(|e| {
            s.places
                .iter()
                .any(|p| p.code == e.division && p.level == jiceng_sim::Level::Township)
        })
        .map(|e| e.mean * 3.0)
        .collect();
    assert_eq!(people.len(), 500);
    people.sort_by(f64::total_cmp);
    let (q1, q3) = (people[124], people[374]);
    assert!((q1 / 714.0 - 1.0).abs() < 0.1, "lower quartile {q1}");
    assert!((q3 / 1401.0 - 1.0).abs() < 0.1, "upper quartile {q3}");
}
