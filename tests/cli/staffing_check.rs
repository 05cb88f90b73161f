//! `jiceng staffing check` as a monitoring report, the input errors of
//! `staffing plan` and the header of `staffing at`. The expected outputs
//! are worked by hand in the comments.

#![allow(clippy::unwrap_used)]

use super::*;

pub(super) const HEAD: &str = "kind,body,name,level,date,instrument,to,quota,rank,count\n";

/// Writes `rows` after the ledger header as `name` and runs
/// `jiceng staffing check` on it (with `extra` arguments): (status,
/// stdout, the path as printed).
pub(super) fn run_check(
    scratch: &Scratch,
    name: &str,
    rows: &str,
    extra: &[&str],
) -> (i32, String, String) {
    let path = scratch.write(name, &format!("{HEAD}{rows}"));
    let p = path_str(&path).to_string();
    let mut args = vec!["staffing", "check", p.as_str()];
    args.extend_from_slice(extra);
    let (code, out, _) = jiceng(&args, "");
    (code, out, p)
}

/// t1: 5 quotas (line 4), 6 people from 2 January (line 5), a sixth quota
/// on 1 February (line 6). Over by 1 for that month: a flag at line 5,
/// exit 0 (a flag is not an error). In Chinese, the label changes.
#[test]
fn staffing_check_flags_the_hire_that_went_over() {
    let scratch = Scratch::new("staffing-check-d1");
    let rows = "body,t1,甲镇,township,,,,,,
body,t2,乙镇,township,,,,,,
create,t1,,,2024-01-01,doc1,,administrative,,5
hire,t1,,,2024-01-02,doc2,,administrative,,6
create,t1,,,2024-02-01,doc3,,administrative,,1
create,t2,,,2024-03-01,doc4,,administrative,,5
";
    let (code, out, p) = run_check(&scratch, "l8.csv", rows, &[]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        out,
        format!(
            "{p}:5: flag: t1 is over establishment (超编) by 1 administrative: headcount 6, \
             quotas 5; from 2024-01-02 until 2024-02-01 (line 6)\nerrors: 0, flags: 1\n"
        )
    );
    let (code, out, _) = run_check(&scratch, "l8.csv", rows, &["--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (v[0]["line"].as_u64(), v[0]["severity"].as_str()),
        (Some(5), Some("flag"))
    );
}

/// The hand-made l11.csv: three bad rows (no instrument on line 3, month
/// 13 on line 4, a count of `x` on line 5), all listed, exit 1 (the file
/// was read; its rows are wrong). A header without `kind` is no ledger:
/// exit 2.
#[test]
fn staffing_check_lists_every_bad_row() {
    let scratch = Scratch::new("staffing-check-d2");
    let rows = "body,t1,x,township,,,,,,
create,t1,,,2024-01-01,,,administrative,,5
create,t1,,,2024-13-01,d,,administrative,,5
hire,t1,,,2024-01-02,d,,administrative,,x
";
    let (code, out, p) = run_check(&scratch, "l11.csv", rows, &[]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        out,
        format!(
            "{p}:3: error: create event: field instrument is missing\n\
             {p}:4: error: create event: field date: \"2024-13-01\" is not a date (YYYY-MM-DD)\n\
             {p}:5: error: hire event: field count: \"x\" is not a whole number from 0 to 4294967295\n\
             errors: 3, flags: 0\n"
        )
    );
    let bad = scratch.write("h.csv", "body,date\nt1,2024-01-01\n");
    expect_input_error(
        &["staffing", "check", path_str(&bad)],
        "",
        &["line 1: the header has no kind column"],
    );
}

/// The hand-made u7.csv: unit A on lines 2 and 3. Exit 2, naming the code
/// and both lines, as `staffing check` does for a body declared twice.
#[test]
fn staffing_plan_refuses_a_unit_given_twice() {
    let scratch = Scratch::new("staffing-plan-d7");
    let u = scratch.write("u7.csv", "code,current,population\nA,0,6\nA,0,6\n");
    expect_input_error(
        &[
            "staffing",
            "plan",
            "--pool",
            "5",
            "--units",
            path_str(&u),
            "--weights",
            "population=1",
        ],
        "",
        &["u7.csv:3: unit \"A\" is given twice (first on line 2)"],
    );
}

/// The hand-made u10.csv: a header and no rows. Exit 2 saying there are no
/// units, in English and in Chinese, not blaming the weights.
#[test]
fn staffing_plan_of_no_units_says_so() {
    let scratch = Scratch::new("staffing-plan-c2");
    let u = scratch.write("u10.csv", "code,current,population\n");
    let args = [
        "staffing",
        "plan",
        "--pool",
        "5",
        "--units",
        path_str(&u),
        "--weights",
        "population=1",
    ];
    let err = expect_input_error(
        &args,
        "",
        &["u10.csv: no units: the file has a header but no rows"],
    );
    assert!(!err.contains("weights"), "{err}");
    let mut zh = vec!["--lang", "zh"];
    zh.extend_from_slice(&args);
    expect_input_error(&zh, "", &["u10.csv: 没有单位：文件只有表头，没有数据行"]);
}

/// The header of `staffing at` reads as a phrase: "CODE NAME on DATE", and
/// in Chinese the name first with the code in full-width brackets; a body
/// without a name shows its code alone. Baitaling on 31 May 2019 holds 39
/// other quotas and 39 staff (the bundled ledger, before the reform).
#[test]
fn staffing_at_header_reads_naturally() {
    let at = |lang: &str, file: &str, body: &str| {
        let (code, out, err) = jiceng(
            &[
                "--lang",
                lang,
                "staffing",
                "at",
                file,
                "--body",
                body,
                "--date",
                "2019-05-31",
            ],
            "",
        );
        assert_eq!(code, 0, "{err}");
        out.lines().next().unwrap_or_default().to_string()
    };
    let toml = "crates/staffing/data/baitaling.toml";
    assert_eq!(
        at("en", toml, "baitaling"),
        "baitaling 白塔岭街道 on 2019-05-31"
    );
    assert_eq!(
        at("zh", toml, "baitaling"),
        "白塔岭街道（baitaling）2019-05-31"
    );
    let scratch = Scratch::new("staffing-at-c1");
    let f = scratch.write("n.csv", &format!("{HEAD}body,t1,,township,,,,,,\n"));
    assert_eq!(at("en", path_str(&f), "t1"), "t1 on 2019-05-31");
    assert_eq!(at("zh", path_str(&f), "t1"), "t1 2019-05-31");
    // The rest of the Chinese answer keeps its labels.
    let (_, out, _) = jiceng(
        &[
            "--lang",
            "zh",
            "staffing",
            "at",
            toml,
            "--body",
            "baitaling",
            "--date",
            "2019-05-31",
        ],
        "",
    );
    assert!(
        out.contains("  其他编制: 编制 39, 实有 39, 空编 0, 超编 0\n"),
        "{out}"
    );
}
