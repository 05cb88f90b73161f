//! `metrics.csv`: the long rows of [`super::rows`], with a header, through
//! the `csv` crate. Numbers are written in their shortest exact form
//! (`0.875`, `1.0`, `1e-7`; `NaN`, `inf`), days as `YYYY-MM-DD`, and an
//! absent value (no day, no interval, an unnamed division) as an empty
//! field, which pandas, polars and DuckDB read as null.

use std::io::Write;

use jiceng::sim::Summary;

use super::Index;
use super::rows::rows;

/// Writes the CSV of `summary` to `out`.
pub(super) fn write(summary: &Summary, out: &mut dyn Write) -> std::io::Result<()> {
    let index = Index::new(summary);
    let mut w = csv::WriterBuilder::new().has_headers(true).from_writer(out);
    let mut any = false;
    for row in rows(summary, &index) {
        w.serialize(row)?;
        any = true;
    }
    // A summary with no rows still gets its header (the serializer writes
    // it with the first row), so readers see the columns.
    if !any {
        w.write_record(super::rows::COLUMNS)?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use super::*;

    fn csv_of(summary: &Summary) -> String {
        let mut out = Vec::new();
        write(summary, &mut out).expect("writing to memory cannot fail");
        String::from_utf8(out).expect("the CSV writer writes UTF-8")
    }

    #[test]
    fn every_kind_of_row_is_written_in_order() {
        // Whole-period estimates first (the summary's order), then the
        // differences (variant = the reform), then the daily rows. The name
        // holds a comma and quotes: it is quoted, its quotes doubled. The
        // total of division 999, which the summary does not name, has empty
        // name and level. Numbers in shortest exact form: 2.0, not 2.
        let expected = "\
scenario,variant,kind,division,division_name,level,metric,day,mean,ci_low,ci_high,replications
tiny,baseline,estimate,130000000000,\"Hebei, \"\"test\"\"\",province,on_time_statute,,0.875,0.85,0.9,4
tiny,baseline,estimate,999,,,closed,,2.0,,,1
tiny,r,difference,130000000000,\"Hebei, \"\"test\"\"\",province,on_time_statute,,-0.125,-0.2,-0.05,4
tiny,baseline,estimate,130000000000,\"Hebei, \"\"test\"\"\",province,backlog,2025-03-02,3.0,,,1
";
        assert_eq!(csv_of(&fixture::tiny()), expected);
    }

    #[test]
    fn an_empty_summary_still_has_its_header() {
        let mut s = fixture::tiny();
        s.totals.clear();
        s.daily.clear();
        s.differences.clear();
        assert_eq!(
            csv_of(&s),
            "scenario,variant,kind,division,division_name,level,metric,day,mean,ci_low,ci_high,replications\n"
        );
    }

    #[test]
    fn a_summary_without_differences_has_one_header() {
        // Only the header and the two totals and one daily row of the tiny
        // fixture: four lines.
        let mut s = fixture::tiny();
        s.differences.clear();
        let text = csv_of(&s);
        assert_eq!(text.lines().count(), 4, "{text}");
        assert_eq!(text.matches("scenario,variant").count(), 1);
    }

    #[test]
    fn one_row_per_estimate_and_difference() {
        // The fixture has 7 + 16 = 23 totals, 3 differences and 7 daily
        // rows: 33 rows and a header.
        let text = csv_of(&fixture::summary());
        assert_eq!(text.lines().count(), 1 + 33);
        // The county's daily row, without an interval, is the last.
        assert_eq!(
            text.lines().last(),
            Some(
                "two counties,baseline,estimate,130100000000,North County,county,backlog,2025-03-03,5.0,,,1"
            )
        );
    }

    #[test]
    fn the_same_summary_gives_the_same_bytes() {
        let s = fixture::summary();
        assert_eq!(csv_of(&s), csv_of(&s.clone()));
    }

    #[test]
    fn non_finite_values_are_written_as_readers_spell_them() {
        // pandas, polars and DuckDB read NaN and inf as doubles.
        let mut s = fixture::tiny();
        s.totals[1].mean = f64::NAN;
        s.daily[0].mean = f64::INFINITY;
        let text = csv_of(&s);
        assert!(text.contains(",closed,,NaN,,,1\n"), "{text}");
        assert!(text.contains(",backlog,2025-03-02,inf,,,1\n"), "{text}");
    }
}
