//! The short table on standard output: at the province, one row per
//! metric; for each variant its mean and 95% interval, then for each reform
//! its difference from the baseline with its interval.
//!
//! `table` and `md` are for people: labels in the chosen language, shares
//! in percent, differences of shares in percentage points. `csv` and `json`
//! are for programs: raw numbers under stable column names (the CSV keeps a
//! `label` column in the chosen language), and JSON never changes with the
//! language.

use std::io::Write;

use jiceng::sim::{Metric, Summary};
use serde::Serialize;

use super::{Index, Lang, TableFormat, human_cell, unit_code};

/// Prints the short table of province-level totals in `format`.
pub(super) fn print(
    summary: &Summary,
    format: TableFormat,
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let index = Index::new(summary);
    match format {
        TableFormat::Table => text(summary, &index, lang, out, false),
        TableFormat::Md => text(summary, &index, lang, out, true),
        TableFormat::Csv => csv(summary, &index, lang, out),
        TableFormat::Json => json(summary, &index, out),
    }
}

/// The baseline (the first variant) and the reforms (the others).
fn split(summary: &Summary) -> (Option<&str>, &[String]) {
    match summary.variants.split_first() {
        Some((base, reforms)) => (Some(base.as_str()), reforms),
        None => (None, &[]),
    }
}

/// Control characters (a tab or newline in a name) would break the columns:
/// they read as spaces.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// How wide a cell prints: East Asian wide characters take two columns.
fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// The header and the cells for people.
fn human_rows(summary: &Summary, index: &Index<'_>, lang: Lang) -> Vec<Vec<String>> {
    let (base, reforms) = split(summary);
    let base_name = base.unwrap_or("baseline");
    let mut header = vec![lang.pick("metric", "指标").to_owned()];
    header.extend(summary.variants.iter().map(|v| clean(v)));
    header.extend(reforms.iter().map(|r| {
        clean(&match lang {
            Lang::En => format!("{r} − {base_name}"),
            Lang::Zh => format!("{r}较{base_name}"),
        })
    }));
    let mut rows = vec![header];
    let province = index.province.unwrap_or_default();
    for &metric in Metric::ALL {
        let unit = metric.unit();
        let mut row = vec![lang.pick(metric.name_en(), metric.name_zh()).to_owned()];
        for v in &summary.variants {
            row.push(index.total(v, province, metric).map_or_else(
                || "-".to_owned(),
                |e| human_cell(unit, e.mean, e.ci_low, e.ci_high, false, lang),
            ));
        }
        for r in reforms {
            row.push(index.difference(r, province, metric).map_or_else(
                || "-".to_owned(),
                |d| human_cell(unit, d.mean, d.ci_low, d.ci_high, true, lang),
            ));
        }
        rows.push(row);
    }
    rows
}

/// Aligned columns (two spaces apart, text left, figures right) or a
/// Markdown table.
fn text(
    summary: &Summary,
    index: &Index<'_>,
    lang: Lang,
    out: &mut dyn Write,
    markdown: bool,
) -> std::io::Result<()> {
    let rows = human_rows(summary, index, lang);
    if markdown {
        for (k, row) in rows.iter().enumerate() {
            let cells: Vec<String> = row.iter().map(|c| c.replace('|', "\\|")).collect();
            writeln!(out, "| {} |", cells.join(" | "))?;
            if k == 0 {
                let rule: Vec<&str> = (0..row.len())
                    .map(|i| if i == 0 { "---" } else { "---:" })
                    .collect();
                writeln!(out, "| {} |", rule.join(" | "))?;
            }
        }
        return Ok(());
    }
    let columns = rows.first().map_or(0, Vec::len);
    let mut widths = vec![0; columns];
    for row in &rows {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(c));
        }
    }
    for row in &rows {
        let mut line = String::new();
        for (i, (c, w)) in row.iter().zip(&widths).enumerate() {
            let pad = " ".repeat(w - width(c));
            if i == 0 {
                line.push_str(c);
                line.push_str(&pad);
            } else {
                line.push_str("  ");
                line.push_str(&pad);
                line.push_str(c);
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// One row per metric: `metric` (its code), `label` (in the chosen
/// language), then `<variant>`, `<variant> ci_low`, `<variant> ci_high` for
/// each variant and `<reform> - <baseline>` (with its `ci_low`, `ci_high`)
/// for each reform. Absent values are empty fields.
fn csv(
    summary: &Summary,
    index: &Index<'_>,
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let (base, reforms) = split(summary);
    let base_name = base.unwrap_or("baseline");
    let mut w = csv::Writer::from_writer(out);
    let mut header = vec!["metric".to_owned(), "label".to_owned()];
    let triple = |name: String| {
        [
            name.clone(),
            format!("{name} ci_low"),
            format!("{name} ci_high"),
        ]
    };
    for v in &summary.variants {
        header.extend(triple(v.clone()));
    }
    for r in reforms {
        header.extend(triple(format!("{r} - {base_name}")));
    }
    w.write_record(&header)?;
    // Rust's shortest exact form (`0.8`, `12.0`, `1e-7`), as metrics.csv.
    let num = |v: Option<f64>| v.map_or_else(String::new, |v| format!("{v:?}"));
    let province = index.province.unwrap_or_default();
    for &metric in Metric::ALL {
        let mut row = vec![
            metric.code().to_owned(),
            lang.pick(metric.name_en(), metric.name_zh()).to_owned(),
        ];
        for v in &summary.variants {
            let e = index.total(v, province, metric);
            row.push(num(e.map(|e| e.mean)));
            row.push(num(e.and_then(|e| e.ci_low)));
            row.push(num(e.and_then(|e| e.ci_high)));
        }
        for r in reforms {
            let d = index.difference(r, province, metric);
            row.push(num(d.map(|d| d.mean)));
            row.push(num(d.and_then(|d| d.ci_low)));
            row.push(num(d.and_then(|d| d.ci_high)));
        }
        w.write_record(&row)?;
    }
    w.flush()
}

#[derive(Serialize)]
struct JsonTable<'a> {
    scenario: &'a str,
    division: Option<&'a str>,
    division_name: Option<&'a str>,
    baseline: Option<&'a str>,
    /// Present, and true, only when a figure rests on provisional calendar
    /// answers (so that the table of a covered period is unchanged).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    provisional: bool,
    rows: Vec<JsonRow<'a>>,
}

#[derive(Serialize)]
struct JsonRow<'a> {
    metric: Metric,
    unit: String,
    estimates: Vec<JsonValue<'a>>,
    differences: Vec<JsonValue<'a>>,
}

#[derive(Serialize)]
struct JsonValue<'a> {
    variant: &'a str,
    mean: f64,
    ci_low: Option<f64>,
    ci_high: Option<f64>,
    replications: u32,
}

/// One JSON object on one line: the province, and for each metric the
/// variants' estimates and the reforms' differences that the summary has.
fn json(summary: &Summary, index: &Index<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    let (base, reforms) = split(summary);
    let province = index.province;
    let p = province.unwrap_or_default();
    let rows = Metric::ALL
        .iter()
        .map(|&metric| JsonRow {
            metric,
            unit: unit_code(metric.unit()),
            estimates: summary
                .variants
                .iter()
                .filter_map(|v| index.total(v, p, metric))
                .map(|e| JsonValue {
                    variant: &e.variant,
                    mean: e.mean,
                    ci_low: e.ci_low,
                    ci_high: e.ci_high,
                    replications: e.replications,
                })
                .collect(),
            differences: reforms
                .iter()
                .filter_map(|r| index.difference(r, p, metric))
                .map(|d| JsonValue {
                    variant: &d.reform,
                    mean: d.mean,
                    ci_low: d.ci_low,
                    ci_high: d.ci_high,
                    replications: d.replications,
                })
                .collect(),
        })
        .collect();
    let table = JsonTable {
        scenario: &summary.scenario,
        division: province,
        division_name: province.and_then(|p| index.places.get(p)).map(|p| p.name),
        baseline: base,
        provisional: summary.provisional,
        rows,
    };
    serde_json::to_writer(&mut *out, &table)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use super::*;

    fn check(summary: &Summary, format: TableFormat, lang: Lang, expected: &str) {
        let mut out = Vec::new();
        super::super::print_table(summary, format, lang, &mut out)
            .expect("writing to memory cannot fail");
        let text = String::from_utf8(out).expect("the table is UTF-8");
        assert_eq!(text, expected, "{format:?} {lang:?}\n{text}");
    }

    fn printed(summary: &Summary, format: TableFormat, lang: Lang) -> String {
        let mut out = Vec::new();
        super::super::print_table(summary, format, lang, &mut out)
            .expect("writing to memory cannot fail");
        String::from_utf8(out).expect("the table is UTF-8")
    }

    #[test]
    fn the_table_in_english() {
        // Cells worked from the fixture: 0.80 [0.75, 0.85] is 80.0% [75.0,
        // 85.0]; the difference +0.10 [0.07, 0.13] is +10.0 pp [+7.0,
        // +13.0]; 6.5 working days without an interval is 6.50; a metric
        // the summary lacks is "-". Widths: the longest label ("mean working
        // days to decision") is 29 characters; the variants' columns are 18
        // wide ("80.0% [75.0, 85.0]"); the difference column 23 ("+25.0 pp
        // [+20.0, +30.0]"); columns two spaces apart, figures right-aligned.
        let expected = "\
metric                                   baseline             devolve       devolve − baseline
on time (statute)              80.0% [75.0, 85.0]  90.0% [86.0, 94.0]   +10.0 pp [+7.0, +13.0]
on time (promise)                               -                   -                        -
resolved in the township       50.0% [45.0, 55.0]  75.0% [70.0, 80.0]  +25.0 pp [+20.0, +30.0]
mean working days to decision                6.50   4.25 [4.00, 4.50]     -2.25 [-2.50, -2.00]
p90 working days to decision                    -                   -                        -
staff utilisation                               -                   -                        -
backlog                         12.0 [10.0, 14.0]                   -                        -
residents per staff member                      -                   -                        -
arrivals                                        -                   -                        -
closed                                          -                   -                        -
";
        check(&fixture::summary(), TableFormat::Table, Lang::En, expected);
    }

    #[test]
    fn the_table_in_chinese_counts_wide_characters_twice() {
        // The widest label is 乡镇（街道）就地解决率: 11 wide characters, 22
        // columns. The difference column is 28 wide: "+25.0" (5), 个百分点
        // (8), " [+20.0, +30.0]" (15); "+10.0个百分点 [+7.0, +13.0]" is 27
        // and gets one space. 法定时限内办结率 is 16 and gets 6.
        let text = printed(&fixture::summary(), TableFormat::Table, Lang::Zh);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[1],
            "法定时限内办结率        80.0% [75.0, 85.0]  90.0% [86.0, 94.0]   +10.0个百分点 [+7.0, +13.0]"
        );
        assert_eq!(
            lines[3],
            "乡镇（街道）就地解决率  50.0% [45.0, 55.0]  75.0% [70.0, 80.0]  +25.0个百分点 [+20.0, +30.0]"
        );
        assert!(lines[0].starts_with("指标  "), "{}", lines[0]);
        assert!(lines[0].ends_with("devolve较baseline"), "{}", lines[0]);
    }

    #[test]
    fn the_table_in_markdown() {
        let text = printed(&fixture::summary(), TableFormat::Md, Lang::En);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2 + 10, "a header, a rule, ten metrics");
        assert_eq!(
            lines[0],
            "| metric | baseline | devolve | devolve − baseline |"
        );
        assert_eq!(lines[1], "| --- | ---: | ---: | ---: |");
        assert_eq!(
            lines[2],
            "| on time (statute) | 80.0% [75.0, 85.0] | 90.0% [86.0, 94.0] | +10.0 pp [+7.0, +13.0] |"
        );
        assert_eq!(
            lines[5],
            "| mean working days to decision | 6.50 | 4.25 [4.00, 4.50] | -2.25 [-2.50, -2.00] |"
        );
        let zh = printed(&fixture::summary(), TableFormat::Md, Lang::Zh);
        assert!(
            zh.lines().nth(4)
                == Some(
                    "| 乡镇（街道）就地解决率 | 50.0% [45.0, 55.0] | 75.0% [70.0, 80.0] | +25.0个百分点 [+20.0, +30.0] |"
                ),
            "{zh}"
        );
    }

    #[test]
    fn the_table_as_csv_has_raw_numbers_under_stable_names() {
        // The fixture's province values, written as Rust's shortest exact
        // form; absent values empty. Only the label follows the language.
        let expected = "\
metric,label,baseline,baseline ci_low,baseline ci_high,devolve,devolve ci_low,devolve ci_high,devolve - baseline,devolve - baseline ci_low,devolve - baseline ci_high
on_time_statute,on time (statute),0.8,0.75,0.85,0.9,0.86,0.94,0.1,0.07,0.13
on_time_promise,on time (promise),,,,,,,,,
resolved_locally,resolved in the township,0.5,0.45,0.55,0.75,0.7,0.8,0.25,0.2,0.3
mean_days_to_decision,mean working days to decision,6.5,,,4.25,4.0,4.5,-2.25,-2.5,-2.0
p90_days_to_decision,p90 working days to decision,,,,,,,,,
utilisation,staff utilisation,,,,,,,,,
backlog,backlog,12.0,10.0,14.0,,,,,,
residents_per_staff,residents per staff member,,,,,,,,,
arrivals,arrivals,,,,,,,,,
closed,closed,,,,,,,,,
";
        check(&fixture::summary(), TableFormat::Csv, Lang::En, expected);
        let zh = printed(&fixture::summary(), TableFormat::Csv, Lang::Zh);
        assert_eq!(
            zh.lines().nth(1),
            Some("on_time_statute,法定时限内办结率,0.8,0.75,0.85,0.9,0.86,0.94,0.1,0.07,0.13")
        );
    }

    #[test]
    fn the_table_as_json_is_the_same_in_both_languages() {
        let en = printed(&fixture::summary(), TableFormat::Json, Lang::En);
        let zh = printed(&fixture::summary(), TableFormat::Json, Lang::Zh);
        assert_eq!(en, zh);
        assert_eq!(en.lines().count(), 1, "one line");
        let v: serde_json::Value = serde_json::from_str(&en).expect("valid JSON");
        assert_eq!(v["scenario"], "two counties");
        assert_eq!(v["division"], "130000000000");
        assert_eq!(v["division_name"], "Province");
        assert_eq!(v["baseline"], "baseline");
        let rows = v["rows"].as_array().expect("rows");
        assert_eq!(rows.len(), 10);
        assert_eq!(rows[0]["metric"], "on_time_statute");
        assert_eq!(rows[0]["unit"], "share");
        assert_eq!(rows[0]["estimates"][1]["variant"], "devolve");
        assert_eq!(rows[0]["estimates"][1]["mean"], 0.9);
        assert_eq!(rows[0]["estimates"][1]["ci_low"], 0.86);
        assert_eq!(rows[0]["differences"][0]["variant"], "devolve");
        assert_eq!(rows[0]["differences"][0]["mean"], 0.1);
        assert_eq!(rows[0]["differences"][0]["replications"], 5);
        // On time (promise): nothing in the summary, nothing in the row.
        assert_eq!(rows[1]["estimates"].as_array().map(Vec::len), Some(0));
        // Mean working days: the baseline has no interval (null).
        assert_eq!(rows[3]["unit"], "working_days");
        assert_eq!(rows[3]["estimates"][0]["ci_low"], serde_json::Value::Null);
        // Backlog: only the baseline has an estimate, and no difference.
        assert_eq!(rows[6]["estimates"].as_array().map(Vec::len), Some(1));
        assert_eq!(rows[6]["differences"].as_array().map(Vec::len), Some(0));
    }

    #[test]
    fn without_a_province_every_cell_is_a_dash() {
        let mut s = fixture::summary();
        s.places.retain(|p| p.code != fixture::PROVINCE);
        let text = printed(&s, TableFormat::Md, Lang::En);
        assert_eq!(
            text.lines().nth(2),
            Some("| on time (statute) | - | - | - |")
        );
        let json = printed(&s, TableFormat::Json, Lang::En);
        let v: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        assert_eq!(v["division"], serde_json::Value::Null);
    }

    #[test]
    fn hostile_variant_names_cannot_break_the_columns() {
        // A tab and a newline read as spaces; a pipe is escaped in Markdown;
        // a comma and quotes are quoted in CSV.
        let mut s = fixture::summary();
        s.variants[1] = "de|vo\tl,\"ve\n".into();
        let table = printed(&s, TableFormat::Table, Lang::En);
        assert_eq!(table.lines().count(), 11, "{table}");
        assert!(
            table
                .lines()
                .next()
                .is_some_and(|l| l.contains("de|vo l,\"ve "))
        );
        let md = printed(&s, TableFormat::Md, Lang::En);
        assert_eq!(md.lines().count(), 12, "{md}");
        assert!(
            md.starts_with("| metric | baseline | de\\|vo l,\"ve  | "),
            "{md}"
        );
        let csv = printed(&s, TableFormat::Csv, Lang::En);
        let mut reader = ::csv::Reader::from_reader(csv.as_bytes());
        let header = reader.headers().expect("a header").clone();
        assert_eq!(header.get(5), Some("de|vo\tl,\"ve\n"));
        assert_eq!(reader.records().count(), 10);
    }
}
