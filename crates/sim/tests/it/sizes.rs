//! The run's output is bounded in validation: townships × variants and
//! daily series × days × variants, refused at load naming the fields,
//! their values and the cap; and replications × a replication's cells,
//! refused before a run.

use jiceng_sim::{Error, MAX_RUN_CELLS, Scenario};

use crate::common::{model, tiny};

/// A synthetic province of `counties` × `tpc` townships, `days` days,
/// daily series `daily`, `reforms` empty reforms; one grid item at a rate
/// small enough that arrivals never reach their own cap (at most 10,000
/// townships × 3,000 residents × 0.01 / 10,000 × 3,660 days = 110,000).
fn synthetic(counties: u32, tpc: [u32; 2], days: u32, daily: &str, reforms: usize) -> String {
    let mut s = format!(
        "name = \"sizes\"\nseed = 1\nreplications = 1\n\n[period]\nfrom = \"2025-01-01\"\n\
         days = {days}\n\n[territory]\nprovince_code = \"130000000000\"\n\n[territory.synthetic]\nseed = 1\ncounties = {counties}\n\
         townships_per_county = [{}, {}]\npopulation_median = 1000.0\npopulation_sigma = 0.1\n\n\
         [policy]\nworking_hours = \"00:00-23:59\"\ncalendar = \"every_day\"\n\n\
         [output]\ndaily = \"{daily}\"\n\n[[item]]\ncode = \"grid.x\"\nkind = \"grid\"\n\
         rate = 0.01\nheld_by = \"township\"\n\
         handling.township = {{ median_minutes = 10, shape = \"exponential\" }}\n\
         handling.county = {{ median_minutes = 10, shape = \"exponential\" }}\n",
        tpc[0], tpc[1]
    );
    for r in 0..reforms {
        s.push_str(&format!("\n[[reform]]\nname = \"r{r}\"\n"));
    }
    s
}

/// Reads `text`: accepted (`None`), or the (field, message) of its problems.
fn problems(text: &str) -> Option<Vec<(String, String)>> {
    match Scenario::from_toml_str(text, "s.toml") {
        Ok(_) => None,
        Err(Error::Scenario(p)) => Some(p.into_iter().map(|p| (p.field, p.message)).collect()),
        Err(e) => panic!("{e}"),
    }
}

fn check(text: &str, expected: Option<&[(&str, &str)]>) {
    let expected = expected.map(|e| {
        e.iter()
            .map(|(f, m)| ((*f).to_owned(), (*m).to_owned()))
            .collect::<Vec<_>>()
    });
    assert_eq!(problems(text), expected);
}

#[test]
fn a_ten_year_county_series_is_refused_at_load() {
    // sc_big.toml: 1,000 counties of one township, 3,660 days, a series per
    // county, one reform: (1 + 1,000) × 3,660 × 2 = 7,327,320 daily points,
    // which took 1.7 GB before it was refused.
    check(
        &synthetic(1000, [1, 1], 3660, "counties", 1),
        Some(&[(
            "output.daily",
            "1001 daily series (`output.daily = \"counties\"`: the province and 1000 counties) \
             × 3660 days (`period.days`) × 2 variants (the baseline and 1 `reform`) = 7327320 \
             daily points: at most 150000; set `output.daily = \"province\"`, or give fewer days \
             or reforms",
        )]),
    );
}

#[test]
fn a_wide_province_is_refused_at_load() {
    // sc_wide.toml: 10,000 townships, 20 reforms: 10,000 × 21 = 210,000
    // township results, which took 1.24 GB and a 465 MB summary.json.
    check(
        &synthetic(1000, [10, 10], 30, "province", 20),
        Some(&[(
            "territory",
            "10000 townships × 21 variants (the baseline and 20 `reform`) = 210000 township \
             results: at most 20000; give fewer townships or reforms",
        )]),
    );
}

#[test]
fn township_results_are_capped_at_20000_exactly() {
    // 50 × 200 = 10,000 townships × 2 variants = 20,000: the cap itself.
    check(&synthetic(50, [200, 200], 1, "province", 1), None);
    // 59 × 113 = 6,667 townships × 3 variants = 20,001: one over. A
    // synthetic territory counts its largest draw, counties × the most
    // townships a county (113 here, though a county may draw 1).
    check(
        &synthetic(59, [1, 113], 1, "province", 2),
        Some(&[(
            "territory",
            "6667 townships × 3 variants (the baseline and 2 `reform`) = 20001 township \
             results: at most 20000; give fewer townships or reforms",
        )]),
    );
}

#[test]
fn daily_points_are_capped_at_150000_exactly() {
    // (1 + 49) series × 3,000 days × 1 variant = 150,000: the cap itself;
    // 3,001 days make 150,050.
    check(&synthetic(49, [1, 1], 3000, "counties", 0), None);
    let over = problems(&synthetic(49, [1, 1], 3001, "counties", 0)).unwrap_or_default();
    assert_eq!(over.len(), 1, "{over:?}");
    assert_eq!(over[0].0, "output.daily");
    assert!(over[0].1.contains("= 150050 daily points"), "{}", over[0].1);
    // The province's own series: 1 × 3,660 × 21 = 76,860, well inside.
    check(&synthetic(1, [1, 1], 3660, "province", 20), None);
}

#[test]
fn more_days_on_the_command_line_are_checked_against_the_cap() {
    let s = Scenario::from_toml_str(&synthetic(49, [1, 1], 10, "counties", 0), "s.toml")
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(s.clone().with_days(3000).is_ok());
    match s.with_days(3001) {
        Err(Error::Scenario(p)) => {
            assert_eq!(p[0].field, "output.daily");
            assert!(
                p[0].message.ends_with("(with --days 3001)"),
                "{}",
                p[0].message
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_bundled_scenarios_and_a_province_with_five_reforms_fit() {
    for name in ["province", "qiu", "baitaling"] {
        assert!(Scenario::bundled(name).is_ok(), "{name}");
    }
    // The documented use: a province of ~2,300 townships (the bundled
    // draw, up to 167 × 18 = 3,006), ten years, five reforms: 3,006 × 6 =
    // 18,036 township results and 1 × 3,660 × 6 = 21,960 daily points.
    check(&synthetic(167, [10, 18], 3660, "province", 5), None);
}

#[test]
fn replications_are_bounded_by_the_cells_they_hold() {
    // The tiny scenario: 1 county, 2 townships, 20 days, the province's
    // and the county's daily series, the baseline only:
    // 2 × 104 + 1 + 2 × 20 × 4 = 369 cells a replication.
    let m = model(&tiny(""));
    assert_eq!(m.cells_per_replication(), 369);
    // 2^25 / 369 = 90,933.4: 90,933 replications fit, 90,934 do not.
    assert_eq!(MAX_RUN_CELLS, 33_554_432);
    assert!(m.check_replications(90_933).is_ok());
    match m.check_replications(90_934) {
        Err(Error::Parameter { name, value, .. }) => {
            assert_eq!(name, "replications");
            assert_eq!(
                value,
                "90934 (× 369 cells a replication = 33554646 cells; at most 33554432, \
                 so at most 90933 replications of this scenario)"
            );
        }
        other => panic!("{other:?}"),
    }
}
