//! Hand-made summaries for the unit tests. Every value is chosen by hand;
//! the tests work their expected outputs out from these.

use ::parquet::record::Field;
use chrono::NaiveDate;
use jiceng::sim::{Difference, Estimate, Level, Metric, Place, Summary};

pub(super) const PROVINCE: &str = "130000000000";
pub(super) const NORTH: &str = "130100000000";
pub(super) const SOUTH: &str = "130200000000";
pub(super) const TOWN_A: &str = "130100001000";
pub(super) const TOWN_B: &str = "130100002000";
pub(super) const TOWN_C: &str = "130200001000";
pub(super) const TOWN_D: &str = "130200002000";

pub(super) fn day(d: u32) -> NaiveDate {
    // Invariant: March 2025 has days 1 to 31, and the tests ask for 1 to 5.
    NaiveDate::from_ymd_opt(2025, 3, d).expect("a day of March 2025")
}

pub(super) fn place(code: &str, name: &str, level: Level, parent: Option<&str>) -> Place {
    Place {
        code: code.into(),
        name: name.into(),
        level,
        parent: parent.map(Into::into),
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) fn est(
    variant: &str,
    division: &str,
    metric: Metric,
    day: Option<NaiveDate>,
    mean: f64,
    ci: Option<(f64, f64)>,
    replications: u32,
) -> Estimate {
    Estimate {
        variant: variant.into(),
        division: division.into(),
        metric,
        day,
        mean,
        ci_low: ci.map(|c| c.0),
        ci_high: ci.map(|c| c.1),
        replications,
    }
}

pub(super) fn diff(
    reform: &str,
    division: &str,
    metric: Metric,
    mean: f64,
    ci: Option<(f64, f64)>,
    replications: u32,
) -> Difference {
    Difference {
        reform: reform.into(),
        division: division.into(),
        metric,
        mean,
        ci_low: ci.map(|c| c.0),
        ci_high: ci.map(|c| c.1),
        replications,
    }
}

/// Two variants (`baseline`, `devolve`), a province, two counties (North:
/// towns A and B; South: towns C and D), three days (3 to 5 March 2025),
/// five replications.
///
/// Province totals: on time (statute) 0.80 [0.75, 0.85] against 0.90
/// [0.86, 0.94]; resolved locally 0.50 [0.45, 0.55] against 0.75 [0.70,
/// 0.80]; mean working days 6.5 (one replication, no interval) against 4.25
/// [4.0, 4.5]; backlog 12 [10, 14] for the baseline only. Differences
/// (devolve − baseline): +0.10 [0.07, 0.13], +0.25 [0.20, 0.30], −2.25
/// [−2.5, −2.0]; none for the backlog.
///
/// Township totals (on time; resolved locally), each ± 0.05 over 5
/// replications:
/// baseline A 0.70; 0.40, B 0.90; 0.60, C 0.60; 0.30, D 0.95; 0.70;
/// devolve  A 0.80; 0.70, B 0.92; 0.80, C 0.85; 0.75, D 0.97; 0.78.
///
/// Daily backlog at the province: baseline 10 [8, 12], 12 [9, 15], 14 [10,
/// 18]; devolve 9 [7, 11], 10 [8, 12], 11 [9, 13]; and one county row
/// (North, baseline, 3 March: 5, no interval, 1 replication).
pub(super) fn summary() -> Summary {
    use Metric::*;
    let b = "baseline";
    let r = "devolve";
    let ci = |lo: f64, hi: f64| Some((lo, hi));
    let mut totals = vec![
        est(b, PROVINCE, OnTimeStatute, None, 0.8, ci(0.75, 0.85), 5),
        est(r, PROVINCE, OnTimeStatute, None, 0.9, ci(0.86, 0.94), 5),
        est(b, PROVINCE, ResolvedLocally, None, 0.5, ci(0.45, 0.55), 5),
        est(r, PROVINCE, ResolvedLocally, None, 0.75, ci(0.7, 0.8), 5),
        est(b, PROVINCE, MeanDaysToDecision, None, 6.5, None, 1),
        est(r, PROVINCE, MeanDaysToDecision, None, 4.25, ci(4.0, 4.5), 5),
        est(b, PROVINCE, Backlog, None, 12.0, ci(10.0, 14.0), 5),
    ];
    let towns = [TOWN_A, TOWN_B, TOWN_C, TOWN_D];
    let table = [
        (b, OnTimeStatute, [0.70, 0.90, 0.60, 0.95]),
        (r, OnTimeStatute, [0.80, 0.92, 0.85, 0.97]),
        (b, ResolvedLocally, [0.40, 0.60, 0.30, 0.70]),
        (r, ResolvedLocally, [0.70, 0.80, 0.75, 0.78]),
    ];
    for (variant, metric, means) in table {
        for (town, mean) in towns.iter().zip(means) {
            totals.push(est(
                variant,
                town,
                metric,
                None,
                mean,
                ci(mean - 0.05, mean + 0.05),
                5,
            ));
        }
    }
    let daily = vec![
        est(b, PROVINCE, Backlog, Some(day(3)), 10.0, ci(8.0, 12.0), 5),
        est(b, PROVINCE, Backlog, Some(day(4)), 12.0, ci(9.0, 15.0), 5),
        est(b, PROVINCE, Backlog, Some(day(5)), 14.0, ci(10.0, 18.0), 5),
        est(r, PROVINCE, Backlog, Some(day(3)), 9.0, ci(7.0, 11.0), 5),
        est(r, PROVINCE, Backlog, Some(day(4)), 10.0, ci(8.0, 12.0), 5),
        est(r, PROVINCE, Backlog, Some(day(5)), 11.0, ci(9.0, 13.0), 5),
        est(b, NORTH, Backlog, Some(day(3)), 5.0, None, 1),
    ];
    let differences = vec![
        diff(r, PROVINCE, OnTimeStatute, 0.1, ci(0.07, 0.13), 5),
        diff(r, PROVINCE, ResolvedLocally, 0.25, ci(0.2, 0.3), 5),
        diff(r, PROVINCE, MeanDaysToDecision, -2.25, ci(-2.5, -2.0), 5),
    ];
    Summary {
        scenario: "two counties".into(),
        seed: 42,
        replications: 5,
        from: day(3),
        to: day(5),
        variants: vec![b.into(), r.into()],
        places: vec![
            place(PROVINCE, "Province", Level::Province, None),
            place(NORTH, "North County", Level::County, Some(PROVINCE)),
            place(SOUTH, "South County", Level::County, Some(PROVINCE)),
            place(TOWN_A, "Town A", Level::Township, Some(NORTH)),
            place(TOWN_B, "Town B", Level::Township, Some(NORTH)),
            place(TOWN_C, "Town C", Level::Township, Some(SOUTH)),
            place(TOWN_D, "Town D", Level::Township, Some(SOUTH)),
        ],
        totals,
        daily,
        differences,
        events: 1234,
        provisional: false,
    }
}

/// The smallest summary with every kind of row: a province with a name that
/// needs CSV quoting, a total of a division the summary does not name, a
/// difference, and a daily row without an interval.
pub(super) fn tiny() -> Summary {
    Summary {
        scenario: "tiny".into(),
        seed: 1,
        replications: 4,
        from: day(1),
        to: day(2),
        variants: vec!["baseline".into(), "r".into()],
        places: vec![place(PROVINCE, "Hebei, \"test\"", Level::Province, None)],
        totals: vec![
            est(
                "baseline",
                PROVINCE,
                Metric::OnTimeStatute,
                None,
                0.875,
                Some((0.85, 0.9)),
                4,
            ),
            est("baseline", "999", Metric::Closed, None, 2.0, None, 1),
        ],
        daily: vec![est(
            "baseline",
            PROVINCE,
            Metric::Backlog,
            Some(day(2)),
            3.0,
            None,
            1,
        )],
        differences: vec![diff(
            "r",
            PROVINCE,
            Metric::OnTimeStatute,
            -0.125,
            Some((-0.2, -0.05)),
            4,
        )],
        events: 9,
        provisional: false,
    }
}

/// One cell read from the Parquet file against the same cell of the CSV:
/// a null is an empty field, a number parses to the same `f64` (NaN to
/// NaN), a DATE counts days from 1970-01-01.
pub(super) fn same_cell(field: &Field, csv: &str) -> bool {
    match field {
        Field::Null => csv.is_empty(),
        Field::Str(s) => s == csv,
        Field::Int(i) => i.to_string() == csv,
        Field::Double(x) => csv
            .parse::<f64>()
            .is_ok_and(|y| y == *x || (x.is_nan() && y.is_nan())),
        Field::Date(d) => {
            let day = NaiveDate::default() + chrono::Duration::days(i64::from(*d));
            day.format("%Y-%m-%d").to_string() == csv
        }
        _ => false,
    }
}
