//! Every unreadable row or table of a ledger file at once, each an error
//! with its line, and reading goes on; at most `MAX_PROBLEMS` listed.
//! Expected lines are counted by hand (the header is line 1).

use jiceng_staffing::{Error, Finding, LedgerFile, MAX_PROBLEMS, Severity};

const HEAD: &str = "kind,body,name,level,date,instrument,to,quota,rank,count\n";

/// Every finding of `compile` as (line, severity, message).
fn findings(f: &LedgerFile) -> Vec<(Option<usize>, Severity, String)> {
    f.compile()
        .1
        .into_iter()
        .map(
            |Finding {
                 line,
                 severity,
                 message,
                 ..
             }| (line, severity, message),
        )
        .collect()
}

fn error(line: usize, message: &str) -> (Option<usize>, Severity, String) {
    (Some(line), Severity::Error, message.to_string())
}

/// The hand-worked case l11.csv: three bad rows, all reported, not only the first.
/// Line 3 has no instrument; line 4's month is 13; line 5's count is `x`.
/// The body on line 2 is still read.
#[test]
fn every_bad_csv_row_with_its_line() {
    let f = LedgerFile::parse_csv(&format!(
        "{HEAD}body,t1,x,township,,,,,,
create,t1,,,2024-01-01,,,administrative,,5
create,t1,,,2024-13-01,d,,administrative,,5
hire,t1,,,2024-01-02,d,,administrative,,x
"
    ))
    .unwrap();
    assert_eq!((f.body.len(), f.event.len()), (1, 0));
    assert_eq!(
        findings(&f),
        vec![
            error(3, "create event: field instrument is missing"),
            error(
                4,
                "create event: field date: \"2024-13-01\" is not a date (YYYY-MM-DD)"
            ),
            error(
                5,
                "hire event: field count: \"x\" is not a whole number from 0 to 4294967295"
            ),
        ]
    );
}

/// A missing `to` (found when the event is applied) and a missing
/// `instrument` (found when the row is read) are reported alike: an error
/// at the row's line, in line order, and the good rows still applied
/// (line 3 creates 5; line 6 hires 6 on them, 1 over to the end).
#[test]
fn read_and_applied_problems_alike() {
    let f = LedgerFile::parse_csv(&format!(
        "{HEAD}body,cty,某县,county,,,,,,
create,cty,,,2024-01-01,doc1,,administrative,,5
sink,cty,,,2024-01-03,doc3,,administrative,,1
create,cty,,,2024-01-04,,,administrative,,1
hire,cty,,,2024-01-05,doc5,,administrative,,6
"
    ))
    .unwrap();
    assert_eq!(
        findings(&f),
        vec![
            error(4, "sink event: field to is missing"),
            error(5, "create event: field instrument is missing"),
            (
                Some(6),
                Severity::Flag,
                "cty is over establishment (超编) by 1 administrative: headcount 6, quotas 5; \
                 from 2024-01-05 to the end of the ledger"
                    .to_string()
            ),
        ]
    );
}

/// Every problem of one row in one finding; a row of the wrong length, a
/// bad quota kind and a bad level too. Line 2: count and quota both bad;
/// line 3: 3 fields against the header's 10; line 4: a level that is not
/// one; line 5 a good body, read after them.
#[test]
fn every_problem_of_a_row() {
    let f = LedgerFile::parse_csv(&format!(
        "{HEAD}hire,t1,,,2024-01-02,d,,admin,,-3
hire,t1,x
body,t2,,planet,,,,,,
body,t3,,township,,,,,,
"
    ))
    .unwrap();
    assert_eq!(f.body.len(), 1);
    assert_eq!(
        findings(&f),
        vec![
            error(
                2,
                "hire event: field count: \"-3\" is not a whole number from 0 to 4294967295; \
                 field quota: \"admin\" is not one of administrative, public_institution, other"
            ),
            error(3, "row has 3 fields where the header has 10"),
            error(
                4,
                "body event: body \"t2\": field level: \"planet\" is not one of province, city, \
                 county, township, village"
            ),
        ]
    );
}

/// A hostile file of bad rows cannot flood the report: 1,005 bad rows
/// (lines 2 to 1,006) list the first 1,000 (lines 2 to 1,001) and count
/// the other 5 in one last finding without a line.
#[test]
fn bad_rows_are_listed_up_to_the_bound() {
    let mut text = HEAD.to_string();
    for _ in 0..1_005 {
        text.push_str("hire,t1,,,2024-01-02,d,,other,,x\n");
    }
    let f = LedgerFile::parse_csv(&text).unwrap();
    assert_eq!(MAX_PROBLEMS, 1_000);
    let all = findings(&f);
    assert_eq!(all.len(), 1_001);
    assert_eq!(all[999].0, Some(1_001));
    assert_eq!(
        all[1_000],
        (
            None,
            Severity::Error,
            "5 more bad rows not shown: at most 1000 are listed".to_string()
        )
    );
    // Exactly 1,000 bad rows: all listed, nothing counted.
    let exact: String = text.lines().take(1_001).map(|l| format!("{l}\n")).collect();
    assert_eq!(
        findings(&LedgerFile::parse_csv(&exact).unwrap()).len(),
        1_000
    );
}

/// A header without `kind` or `body` is no ledger: the reading stops.
#[test]
fn a_header_without_kind_stops_the_reading() {
    let e = LedgerFile::parse_csv("body,date\nt1,2024-01-01\n").unwrap_err();
    assert_eq!(
        e,
        Error::Parse {
            line: Some(1),
            message: "the header has no kind column".into()
        }
    );
    let e = LedgerFile::parse_csv("kind\nbody\n").unwrap_err();
    assert_eq!(e.to_string(), "line 1: the header has no body column");
}

/// TOML is read whole, so a syntax error stops the reading; but each
/// table is then read on its own, so every bad table is reported, with
/// the line of its wrong field where one is wrong (line 13's date, line
/// 26's count), else of its header (line 5 lacks its instrument). The
/// good event of line 28 is applied: 5 hired on no quotas, 5 over.
#[test]
fn every_bad_toml_table_with_its_line() {
    let text = r#"[[body]]
code = "t1"
level = "township"

[[event]]
date = 2024-01-01
kind = "create"
body = "t1"
quota = "administrative"
count = 5

[[event]]
date = "2024-13-01"
instrument = "d"
kind = "create"
body = "t1"
quota = "administrative"
count = 5

[[event]]
date = 2024-01-02
instrument = "d"
kind = "hire"
body = "t1"
quota = "administrative"
count = -1

[[event]]
date = 2024-01-03
instrument = "d"
kind = "hire"
body = "t1"
quota = "administrative"
count = 5
"#;
    let f = LedgerFile::parse_toml(text).unwrap();
    assert_eq!((f.event.len(), f.lines.clone()), (1, vec![Some(28)]));
    assert_eq!(
        findings(&f),
        vec![
            error(5, "create event: missing field `instrument`"),
            error(
                13,
                "create event: field date: \"2024-13-01\" is not a date (YYYY-MM-DD)"
            ),
            error(
                26,
                "hire event: field count: invalid value: integer `-1`, expected u32"
            ),
            (
                Some(28),
                Severity::Flag,
                "t1 is over establishment (超编) by 5 administrative: headcount 5, quotas 0; \
                 from 2024-01-03 to the end of the ledger"
                    .to_string()
            ),
        ]
    );
    // A date that is not a TOML date at all is a syntax error: it stops.
    let e = LedgerFile::parse_toml("[[event]]\ndate = 2024-13-01\n").unwrap_err();
    assert!(e.to_string().starts_with("line 2: "), "{e}");
}

/// serde quotes a wrong value whole; a TOML table with a count of a
/// million `x` gives a message of 200 characters and an ellipsis, not of
/// a megabyte: `field count: invalid type: string "xxx…`.
#[test]
fn a_huge_wrong_value_is_cut_in_the_message() {
    let text = format!(
        "[[event]]\ndate = 2024-01-01\ninstrument = \"d\"\nkind = \"hire\"\nbody = \"t\"\n\
         quota = \"other\"\ncount = \"{}\"\n",
        "x".repeat(1_000_000)
    );
    let f = LedgerFile::parse_toml(&text).unwrap();
    let m = &f.problems[0].message;
    assert_eq!(f.problems[0].line, Some(7));
    // "hire event: field count: " is 25 characters, then 200 and "…".
    assert_eq!(m.chars().count(), 25 + 200 + 1, "{}", &m[..80]);
    assert!(m.starts_with("hire event: field count: invalid type: string \"xxx"));
    assert!(m.ends_with("x…"));
}
