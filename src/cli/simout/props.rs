//! Fuzz targets (`fuzz_*`): proptest properties on generated summaries with
//! hostile names (markup, quotes, control characters, wide characters) and
//! extreme numbers (NaN, infinities, huge and tiny values). Every output is
//! written and read back, and compared with a simple reference model of
//! what it must hold. CI runs proptest's default number of cases
//! (`PROPTEST_CASES` overrides it).

use std::fs::File;

use ::parquet::file::reader::{FileReader, SerializedFileReader};
use chrono::NaiveDate;
use jiceng::sim::{Difference, Estimate, Level, Metric, Place, Summary};
use proptest::prelude::*;
use roxmltree::Document;

use super::fixture::same_cell;
use super::{Lang, TableFormat, csv, html, parquet, print_table};

fn text() -> impl Strategy<Value = String> {
    prop::string::string_regex("[a-z<>&\"' |,\t\n\u{0}-\u{1f}\u{fffe}镇街道]{0,12}")
        .expect("a valid pattern")
}

fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => -1e3..1e3_f64,
        1 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
        1 => Just(f64::NEG_INFINITY),
        1 => Just(1e300),
        1 => Just(-1e-300),
        1 => Just(-0.0),
    ]
}

fn interval() -> impl Strategy<Value = Option<(f64, f64)>> {
    prop::option::of((number(), number()))
}

fn metric() -> impl Strategy<Value = Metric> {
    prop::sample::select(Metric::ALL.to_vec())
}

/// An estimate as drawn: variant and place indexes, metric, day offset,
/// mean, interval, replications.
type Drawn = (
    usize,
    usize,
    Metric,
    Option<i64>,
    f64,
    Option<(f64, f64)>,
    u32,
);

/// A summary over `n` places: 0 the province, 1 and 2 counties, the rest
/// townships; estimates name places by index (an index past the end is a
/// division the summary does not name).
fn summary() -> impl Strategy<Value = Summary> {
    let variants = prop::collection::vec(text(), 1..4);
    let names = prop::collection::vec(text(), 1..8);
    let estimate = || {
        (
            0usize..4,
            0usize..9,
            metric(),
            prop::option::of(0i64..600),
            number(),
            interval(),
            0u32..100,
        )
    };
    let difference = (
        0usize..4,
        0usize..9,
        metric(),
        number(),
        interval(),
        0u32..100,
    );
    (
        text(),
        any::<u64>(),
        variants,
        names,
        prop::collection::vec(estimate(), 0..30),
        prop::collection::vec(estimate(), 0..60),
        prop::collection::vec(difference, 0..6),
    )
        .prop_map(|(scenario, seed, variants, names, totals, daily, diffs)| {
            let code = |k: usize| format!("13{k:010}");
            let places: Vec<Place> = names
                .iter()
                .enumerate()
                .map(|(k, name)| Place {
                    code: code(k),
                    name: name.clone(),
                    level: match k {
                        0 => Level::Province,
                        1 | 2 => Level::County,
                        _ => Level::Township,
                    },
                    parent: (k > 0).then(|| code(if k < 3 { 0 } else { 1 + k % 2 })),
                })
                .collect();
            let from = NaiveDate::default() + chrono::Duration::days(20_000);
            let variant = |k: usize| variants.get(k).cloned().unwrap_or_else(|| "ghost".into());
            let est = |(v, p, metric, day, mean, ci, reps): Drawn| Estimate {
                variant: variant(v),
                division: code(p),
                metric,
                day: day.map(|d| from + chrono::Duration::days(d)),
                mean,
                ci_low: ci.map(|c| c.0),
                ci_high: ci.map(|c| c.1),
                replications: reps,
            };
            Summary {
                scenario,
                seed,
                replications: 5,
                from,
                to: from + chrono::Duration::days(599),
                variants: variants.clone(),
                places,
                totals: totals.into_iter().map(est).collect(),
                daily: daily.into_iter().map(est).collect(),
                differences: diffs
                    .into_iter()
                    .map(|(v, p, metric, mean, ci, reps)| Difference {
                        reform: variant(v),
                        division: code(p),
                        metric,
                        mean,
                        ci_low: ci.map(|c| c.0),
                        ci_high: ci.map(|c| c.1),
                        replications: reps,
                    })
                    .collect(),
                events: 0,
                provisional: false,
            }
        })
}

/// The CSV's records, read back with the csv crate.
fn csv_records(s: &Summary) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    csv::write(s, &mut out).expect("writing to memory cannot fail");
    let mut reader = ::csv::Reader::from_reader(out.as_slice());
    reader
        .records()
        .map(|r| {
            r.expect("the CSV reads back")
                .iter()
                .map(String::from)
                .collect()
        })
        .collect()
}

fn float_is(csv: &str, v: f64) -> bool {
    csv.parse::<f64>()
        .is_ok_and(|x| x.to_bits() == v.to_bits() || (x.is_nan() && v.is_nan()))
}

proptest! {
    #[test]
    fn fuzz_csv_reads_back_every_row(s in summary()) {
        let rows = csv_records(&s);
        // Reference: totals, then differences, then daily rows.
        let expected: Vec<(&str, &str, f64)> = s
            .totals
            .iter()
            .map(|e| (e.variant.as_str(), e.division.as_str(), e.mean))
            .chain(s.differences.iter().map(|d| (d.reform.as_str(), d.division.as_str(), d.mean)))
            .chain(s.daily.iter().map(|e| (e.variant.as_str(), e.division.as_str(), e.mean)))
            .collect();
        prop_assert_eq!(rows.len(), expected.len());
        for (row, (variant, division, mean)) in rows.iter().zip(expected) {
            prop_assert_eq!(row.len(), 12);
            prop_assert_eq!(&row[0], &s.scenario);
            prop_assert_eq!(row[1].as_str(), variant);
            prop_assert_eq!(row[3].as_str(), division);
            prop_assert!(float_is(&row[8], mean), "{} against {}", row[8], mean);
        }
    }

    #[test]
    fn fuzz_parquet_holds_the_csv_rows(s in summary()) {
        let path = std::env::temp_dir().join(format!(
            "jiceng-simout-{}-{:?}-fuzz.parquet",
            std::process::id(),
            std::thread::current().id()
        ));
        let file = File::create(&path).expect("a scratch file");
        parquet::write(&s, file).expect("every generated summary is written");
        let reader = SerializedFileReader::new(File::open(&path).expect("the file exists"))
            .expect("a Parquet file");
        let rows: Vec<Vec<::parquet::record::Field>> = reader
            .get_row_iter(None)
            .expect("rows")
            .map(|r| r.expect("a row").get_column_iter().map(|(_, f)| f.clone()).collect())
            .collect();
        let _ = std::fs::remove_file(&path);
        let csv = csv_records(&s);
        prop_assert_eq!(rows.len(), csv.len());
        for (p, c) in rows.iter().zip(&csv) {
            for (f, cell) in p.iter().zip(c) {
                prop_assert!(same_cell(f, cell), "{:?} against {:?}", f, cell);
            }
        }
    }

    #[test]
    fn fuzz_report_parses_with_a_mark_per_point(s in summary(), zh in any::<bool>()) {
        let lang = if zh { Lang::Zh } else { Lang::En };
        let mut out = Vec::new();
        html::write(&s, lang, &mut out).expect("writing to memory cannot fail");
        let text = String::from_utf8(out).expect("UTF-8");
        let options = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
        let doc = Document::parse_with_options(&text, options);
        prop_assert!(doc.is_ok(), "{:?}", doc.err());
        let doc = doc.expect("checked above");
        prop_assert_eq!(doc.descendants().filter(|n| n.has_tag_name("script")).count(), 0);
        // Reference: the province is the first place of its level; a
        // variant has a mark in a metric's chart when some total has its
        // name, the province's code and the metric.
        let province = s.places.iter().find(|p| p.level == Level::Province).map(|p| p.code.as_str());
        let marks_of = |n: roxmltree::Node<'_, '_>| {
            n.descendants()
                .filter(|m| m.attribute("class") == Some("mark"))
                .count()
        };
        for chart in doc.descendants().filter(|n| n.attribute("data-chart") == Some("metric")) {
            let code = chart.attribute("data-metric").unwrap_or_default();
            let expected = s
                .variants
                .iter()
                .filter(|v| {
                    s.totals.iter().any(|e| {
                        e.variant == **v
                            && Some(e.division.as_str()) == province
                            && e.metric.code() == code
                    })
                })
                .count();
            prop_assert_eq!(marks_of(chart), expected, "{}", code);
        }
        let mut seen = std::collections::HashSet::new();
        let backlog: usize = s
            .variants
            .iter()
            .filter(|v| seen.insert(v.as_str()))
            .map(|v| {
                s.daily
                    .iter()
                    .filter(|e| {
                        e.variant == *v
                            && Some(e.division.as_str()) == province
                            && e.metric == Metric::Backlog
                            && e.day.is_some()
                    })
                    .count()
                    .min(html::MAX_POINTS)
            })
            .sum();
        let drawn: usize = doc
            .descendants()
            .filter(|n| n.attribute("data-chart") == Some("backlog"))
            .map(marks_of)
            .sum();
        prop_assert_eq!(drawn, backlog);
    }

    #[test]
    fn fuzz_table_prints_one_line_per_metric(s in summary(), zh in any::<bool>()) {
        let lang = if zh { Lang::Zh } else { Lang::En };
        let print = |format| {
            let mut out = Vec::new();
            print_table(&s, format, lang, &mut out).expect("writing to memory cannot fail");
            String::from_utf8(out).expect("UTF-8")
        };
        let n = Metric::ALL.len();
        prop_assert_eq!(print(TableFormat::Table).lines().count(), 1 + n);
        prop_assert_eq!(print(TableFormat::Md).lines().count(), 2 + n);
        let csv = print(TableFormat::Csv);
        let mut reader = ::csv::Reader::from_reader(csv.as_bytes());
        prop_assert_eq!(reader.records().filter(Result::is_ok).count(), n);
        let json: Result<serde_json::Value, _> = serde_json::from_str(&print(TableFormat::Json));
        prop_assert!(json.is_ok());
    }
}
