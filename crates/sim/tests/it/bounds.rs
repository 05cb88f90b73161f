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
