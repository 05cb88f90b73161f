//! Every problem of a scenario's values comes in one pass, each at the
//! line of its own field; type errors, which stop the TOML reader, come
//! one at a time with theirs.

use jiceng_sim::scenario::{BUNDLED_PROVINCE, BUNDLED_QIU};
use jiceng_sim::{Error, Scenario};

/// The M/M/c queue: one county, one township, one grid item.
const MMC: &str = include_str!("../../data/mmc.toml");

/// The 1-based lines on which `needle` starts, in order.
fn lines_of(text: &str, needle: &str) -> Vec<usize> {
    text.match_indices(needle)
        .map(|(at, _)| text[..at].matches('\n').count() + 1)
        .collect()
}

fn line_of(text: &str, needle: &str) -> usize {
    let lines = lines_of(text, needle);
    assert_eq!(lines.len(), 1, "{needle} appears {} times", lines.len());
    lines[0]
}

/// Reading `text` fails with exactly `expected` (line, field, message), in
/// order.
fn check(text: &str, expected: &[(usize, &str, &str)]) {
    match Scenario::from_toml_str(text, "s.toml") {
        Ok(_) => panic!("expected problems {expected:?}"),
        Err(Error::Scenario(problems)) => {
            let got: Vec<(Option<usize>, &str, &str)> = problems
                .iter()
                .map(|p| (p.line, p.field.as_str(), p.message.as_str()))
                .collect();
            let expected: Vec<(Option<usize>, &str, &str)> =
                expected.iter().map(|&(l, f, m)| (Some(l), f, m)).collect();
            assert_eq!(got, expected);
        }
        Err(other) => panic!("{other}"),
    }
}

#[test]
fn four_value_errors_of_the_province_come_together_each_at_its_line() {
    // The hand-made sp_multi2.toml: before, none of the four had a line.
    let text = BUNDLED_PROVINCE
        .replace("min = 2\n", "min = 100000\n")
        .replace("counties = 167", "counties = 0")
        .replace(
            "working_hours = \"08:30-12:00,14:00-17:30\"",
            "working_hours = \"bad\"",
        );
    // [staff.township] comes before [staff.county].
    let mins = lines_of(&text, "min = 100000");
    assert_eq!(mins.len(), 2);
    check(
        &text,
        &[
            (
                line_of(&text, "working_hours = \"bad\""),
                "policy.working_hours",
                "`bad` is not a list of sessions like 08:30-12:00,14:00-17:30",
            ),
            (mins[0], "staff.township.min", "100000 is above 10000"),
            (mins[1], "staff.county.min", "100000 is above 10000"),
            (
                line_of(&text, "counties = 0"),
                "territory.synthetic.counties",
                "0 is not between 1 and 1000",
            ),
        ],
    );
}

#[test]
fn a_value_is_located_at_its_own_line_not_its_entrys() {
    // The hand-made sc_three.toml without its type error: `days = 0` is
    // line 11 of the file, `rate = -1.0` line 31 (its `[[item]]` is 28).
    let text = MMC
        .replace("days = 3660", "days = 0")
        .replace("rate = 47.96666666666667", "rate = -1.0");
    assert_eq!(line_of(&text, "days = 0"), 11);
    assert_eq!(line_of(&text, "rate = -1.0"), 31);
    check(
        &text,
        &[
            (11, "period.days", "0 is not between 1 and 3660"),
            (31, "item[0].rate", "-1 is not between 0 and 10000"),
        ],
    );
}

#[test]
fn a_type_error_stops_the_reader_and_comes_alone_at_its_line() {
    // A string where a count goes: serde stops there, so the bad days and
    // rate after it wait for the next reading.
    let text = MMC
        .replace("days = 3660", "days = 0")
        .replace("population = 10000", "population = \"many\"");
    match Scenario::from_toml_str(&text, "s.toml") {
        Err(Error::Scenario(p)) => {
            assert_eq!(p.len(), 1, "{p:?}");
            assert_eq!(p[0].field, "territory.county[0].township[0].population");
            assert_eq!(p[0].line, Some(line_of(&text, "population = \"many\"")));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_ledgers_problems_the_staffings_and_the_files_come_in_one_pass() {
    // The hand-made sq1.toml: a township code that is no division at all,
    // a power item the ledger lacks and a staff cut below zero. Before, the
    // ledger's two came first and the cut only once they were fixed.
    let text = BUNDLED_QIU
        .replace("\"130430100000\"", "\"999999999999\"")
        .replace("\"HB-CF-043\"", "\"HB-NOPE-999\"")
        .replace("add = 3\n", "add = -100000\n");
    let code = line_of(&text, "code = \"999999999999\"");
    check(
        &text,
        &[
            (
                code,
                "territory.county[0].township[0].code",
                "`999999999999` is not a division code (unknown province prefix)",
            ),
            (
                code,
                "territory.county[0].township[0].code",
                "`999999999999` is not a township of the ledger `hebei-sample`",
            ),
            (
                line_of(&text, "power_item = \"HB-NOPE-999\""),
                "item[5].power_item",
                "`HB-NOPE-999` is not an item of the ledger `hebei-sample`",
            ),
            // 新马头镇: 42,000 residents × 0.8 per 10,000 = 3.36, so 3
            // enforcement staff; 3 − 100,000 = −99,997. All 7 towns fall
            // below zero, since none has 100,000.
            (
                line_of(&text, "add = -100000"),
                "reform[0].staff[0].add",
                "-100000 leaves 7 bodies with fewer than 0 staff at the enforcement desk, \
                 999999999999 with -99997 the first",
            ),
        ],
    );
}
