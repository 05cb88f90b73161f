//! A value of the wrong type names its field's path, its value and its
//! line, as value errors do (the review of issue 13: these came as
//! `(syntax): invalid type …`).

use jiceng_sim::{Error, Scenario};

use crate::common::tiny;

/// Reads `text` and returns its one problem: (line, field, message).
fn one(text: &str) -> (Option<usize>, String, String) {
    match Scenario::from_toml_str(text, "t.toml") {
        Err(Error::Scenario(p)) => {
            assert_eq!(p.len(), 1, "{p:?}");
            (p[0].line, p[0].field.clone(), p[0].message.clone())
        }
        other => panic!("{other:?}"),
    }
}

fn line_of(text: &str, needle: &str) -> Option<usize> {
    text.lines().position(|l| l.contains(needle)).map(|i| i + 1)
}

fn check(text: &str, at: &str, field: &str, value: &str) {
    let (line, f, message) = one(text);
    assert_eq!((line, f.as_str()), (line_of(text, at), field), "{message}");
    assert!(message.contains(value), "{message} should name {value}");
}

#[test]
fn a_string_where_a_count_goes_names_the_township_field() {
    let text = tiny("").replace("population = 20000", "population = \"many\"");
    check(
        &text,
        "population = \"many\"",
        "territory.county[0].township[0].population",
        "\"many\"",
    );
    // The TOML message quotes the value already: nothing is put first.
    assert_eq!(one(&text).2, "invalid type: string \"many\", expected u32");
}

#[test]
fn a_negative_seed_names_the_seed() {
    let text = tiny("").replace("seed = 5", "seed = -1");
    check(&text, "seed = -1", "seed", "-1");
}

#[test]
fn a_date_that_does_not_exist_names_the_period_start() {
    // 2025 is no leap year: February has 28 days.
    let text = tiny("").replace("from = \"2025-03-03\"", "from = \"2025-02-30\"");
    check(&text, "from = \"2025-02-30\"", "period.from", "2025-02-30");
    // The TOML message does not quote it: the value comes first.
    assert_eq!(one(&text).2, "\"2025-02-30\": input is out of range");
}

#[test]
fn a_value_over_lines_or_over_64_characters_is_not_echoed() {
    // A multi-line string holding the same bad date: its text spans two
    // lines, so it is not put before the message.
    let text = tiny("").replace("from = \"2025-03-03\"", "from = \"\"\"\n2025-02-30\"\"\"");
    assert_eq!(one(&text).2, "input is out of range");
    // 65 characters (a date and 55 spaces inside the quotes, plus the
    // quotes): too long to echo.
    let long = format!("\"2025-02-30{}\"", " ".repeat(53));
    assert_eq!(long.chars().count(), 65);
    let text = tiny("").replace("\"2025-03-03\"", &long);
    let (_, field, message) = one(&text);
    assert_eq!(field, "period.from");
    assert!(!message.starts_with('"'), "{message}");
}

#[test]
fn a_word_for_a_staff_change_names_the_reform_field() {
    let text = tiny(
        "[[reform]]\nname = \"r\"\n[[reform.staff]]\ndesk = \"grid\"\nlevel = \"township\"\nadd = \"nine\"\n",
    );
    check(
        &text,
        "add = \"nine\"",
        "reform[0].staff[0].add",
        "\"nine\"",
    );
}

#[test]
fn a_broken_file_is_still_a_syntax_error() {
    let text = tiny("").replace("seed = 5", "seed = = 5");
    let (line, field, _) = one(&text);
    assert_eq!(
        (line, field.as_str()),
        (line_of(&text, "seed = = 5"), "(syntax)")
    );
}
