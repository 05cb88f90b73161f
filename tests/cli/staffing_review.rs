//! `jiceng staffing` against cases worked by hand: `--max-errors` in
//! `check` and `plan`. The expected outputs are worked in the comments.

#![allow(clippy::unwrap_used)]

use super::staffing_check::{HEAD, run_check};
use super::*;

/// l4.csv: a body (line 2) and five hires whose date `2025-01-0x` is no
/// date (lines 3 to 7): five errors.
const L4: &str = "body,a,A,township,,,,,,
hire,a,,,2025-01-0x,I1,,other,,1
hire,a,,,2025-01-0x,I2,,other,,1
hire,a,,,2025-01-0x,I3,,other,,1
hire,a,,,2025-01-0x,I4,,other,,1
hire,a,,,2025-01-0x,I5,,other,,1
";

fn bad_hire(p: &str, line: u32) -> String {
    format!(
        "{p}:{line}: error: hire event: field date: \"2025-01-0x\" is not a date (YYYY-MM-DD)\n"
    )
}

#[test]
fn staffing_check_lists_at_most_max_errors_errors_and_counts_the_rest() {
    let scratch = Scratch::new("staffing-l4");
    let path = scratch.write("l4.csv", &format!("{HEAD}{L4}"));
    let p = path_str(&path);
    // --max-errors 2: lines 3 and 4 listed, 5 − 2 = 3 more counted on
    // standard error; the count line still says 5; exit 1.
    let (code, out, err) = jiceng(&["staffing", "check", p, "--max-errors", "2"], "");
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        out,
        format!("{}{}errors: 5, flags: 0\n", bad_hire(p, 3), bad_hire(p, 4))
    );
    assert_eq!(
        err,
        format!(
            "jiceng: … 3 more bad lines not shown (--max-errors 2; 0 shows all)\n\
             jiceng: error: {p} has errors\n"
        )
    );
    // 0 shows all five, and nothing is counted.
    let (code, out, err) = jiceng(&["staffing", "check", p, "--max-errors", "0"], "");
    assert_eq!(code, 1);
    let all: String = (3..=7).map(|l| bad_hire(p, l)).collect();
    assert_eq!(out, format!("{all}errors: 5, flags: 0\n"));
    assert_eq!(err, format!("jiceng: error: {p} has errors\n"));
}

#[test]
fn staffing_check_never_hides_a_flag() {
    // A flag is what a body did, not a bad line: with --max-errors 1, the
    // over-establishment of line 3 (2 hired on 0 quotas) is listed after
    // the first error is, and the second error is counted.
    let scratch = Scratch::new("staffing-flags");
    let rows = "body,a,A,township,,,,,,
hire,a,,,2025-01-02,H,,other,,2
hire,a,,,2025-01-0x,I1,,other,,1
hire,a,,,2025-01-0x,I2,,other,,1
";
    let path = scratch.write("f.csv", &format!("{HEAD}{rows}"));
    let p = path_str(&path);
    let (code, out, err) = jiceng(&["staffing", "check", p, "--max-errors", "1"], "");
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        out.lines().filter(|l| l.contains(": flag: ")).count(),
        1,
        "{out}"
    );
    assert_eq!(
        out.lines().filter(|l| l.contains(": error: ")).count(),
        1,
        "{out}"
    );
    assert!(out.ends_with("errors: 2, flags: 1\n"), "{out}");
    assert!(
        err.starts_with("jiceng: … 1 more bad line not shown (--max-errors 1; 0 shows all)\n"),
        "{err}"
    );
}

/// bad.csv: x has an area of −10 (line 2), y a current of `abc` (line 3),
/// z an empty area (0, a good row). Both bad rows are reported, then the
/// plan is refused (exit 2).
#[test]
fn staffing_plan_reports_every_bad_row() {
    let scratch = Scratch::new("staffing-plan-bad");
    let path = scratch.write("bad.csv", "code,current,area\nx,5,-10\ny,abc,30\nz,3,\n");
    let p = path_str(&path);
    let args = [
        "staffing",
        "plan",
        "--pool",
        "10",
        "--units",
        p,
        "--weights",
        "area=1",
    ];
    let (code, out, err) = jiceng(&args, "");
    assert_eq!(code, 2, "{err}");
    assert_eq!(out, "");
    assert_eq!(
        err,
        format!(
            "jiceng: {p}:2: column area: \"-10\" is not a number, zero or more\n\
             jiceng: {p}:3: column current: \"abc\" is not a whole number of staff\n\
             jiceng: error: {p}: 2 bad rows: no plan\n"
        )
    );
    // --max-errors 1: the first, then one counted.
    let (code, _, err) = jiceng(&[&args[..], &["--max-errors", "1"]].concat(), "");
    assert_eq!(code, 2);
    assert_eq!(
        err,
        format!(
            "jiceng: {p}:2: column area: \"-10\" is not a number, zero or more\n\
             jiceng: … 1 more bad line not shown (--max-errors 1; 0 shows all)\n\
             jiceng: error: {p}: 2 bad rows: no plan\n"
        )
    );
}

#[test]
fn staffing_plan_names_every_wrong_field_of_a_row() {
    // One row, two wrong fields: both named, in the header's order.
    let scratch = Scratch::new("staffing-plan-row");
    let path = scratch.write("r.csv", "code,current,area\nx,-1,y\n");
    let p = path_str(&path);
    let (code, _, err) = jiceng(
        &[
            "staffing",
            "plan",
            "--pool",
            "1",
            "--units",
            p,
            "--weights",
            "area=1",
        ],
        "",
    );
    assert_eq!(code, 2);
    assert!(
        err.starts_with(&format!(
            "jiceng: {p}:2: column current: \"-1\" is not a whole number of staff; \
             column area: \"y\" is not a number, zero or more\n"
        )),
        "{err}"
    );
}

/// A county and a township: 5 public-institution quotas (line 5), 6 hired
/// (line 6: over by 1), a sixth quota on 1 February (line 7), 3
/// administrative quotas sunk from the county (line 8).
const TWA: &str = "body,cty,County,county,,,,,,
body,twA,Town A,township,,,,,,
create,cty,,,2025-01-02,C1,,administrative,,10
create,twA,,,2025-01-02,C2,,public_institution,,5
hire,twA,,,2025-01-02,H1,,public_institution,,6
create,twA,,,2025-02-01,C3,,public_institution,,1
sink,cty,,,2025-03-03,S1,twA,administrative,,3
";

#[test]
fn staffing_check_flags_speak_chinese() {
    let scratch = Scratch::new("staffing-zh-check");
    let path = scratch.write("t.csv", &format!("{HEAD}{TWA}"));
    let p = path_str(&path);
    let (code, out, err) = jiceng(&["--lang", "zh", "staffing", "check", p], "");
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        format!(
            "{p}:6: 提示: twA 超编 1 名（事业编制）：实有 6，编制 5；自 2025-01-02 至 2025-02-01（第 7 行）\n\
             错误: 0, 提示: 1\n"
        )
    );
    // JSON does not change with the language.
    let (_, en, _) = jiceng(&["staffing", "check", p, "--json"], "");
    let (_, zh, _) = jiceng(&["--lang", "zh", "staffing", "check", p, "--json"], "");
    assert_eq!(en, zh);
    assert!(
        en.contains("over establishment (超编) by 1 public_institution"),
        "{en}"
    );
}

#[test]
fn staffing_at_basis_speaks_chinese() {
    let scratch = Scratch::new("staffing-zh-at");
    let path = scratch.write("t.csv", &format!("{HEAD}{TWA}"));
    let p = path_str(&path);
    let (code, out, err) = jiceng(
        &[
            "--lang",
            "zh",
            "staffing",
            "at",
            p,
            "--body",
            "twA",
            "--date",
            "2025-03-31",
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    for line in [
        "  2025-01-02 核增 twA 5 事业编制：C2\n",
        "  2025-01-02 进人 twA 6 事业编制：H1\n",
        "  2025-03-03 下沉 cty → twA 3 行政编制：S1\n",
    ] {
        assert!(out.contains(line), "{line:?} in {out}");
    }
    for english in [
        "create",
        "hire",
        "sink",
        "public_institution",
        "administrative",
    ] {
        assert!(!out.contains(english), "{english} in {out}");
    }
    let (_, out, _) = jiceng(
        &["staffing", "at", p, "--body", "twA", "--date", "2025-03-31"],
        "",
    );
    assert!(
        out.contains("  2025-03-03 sink cty → twA 3 administrative: S1\n"),
        "{out}"
    );
}

#[test]
fn staffing_plan_table_speaks_chinese() {
    // A has 30 residents, B 10, one staff each; the scores are 0.75 and
    // 0.25 (shares of 40). Before: need per staff 0.75 and 0.25, mean 0.5,
    // population s.d. 0.25, CV 0.5; Gini |0.75 − 0.25| × 2 / (2 × 2² ×
    // 0.5) = 0.25. A pool of 4 by largest remainder: exact shares 3 and 1,
    // so A 4, B 2. After: 0.1875 and 0.125, mean 0.15625, s.d. 0.03125,
    // CV 0.2; Gini 0.0625 × 2 / (2 × 4 × 0.15625) = 0.1.
    let scratch = Scratch::new("staffing-zh-plan");
    let path = scratch.write("u.csv", "code,current,population\nA,1,30\nB,1,10\n");
    let args = [
        "staffing",
        "plan",
        "--pool",
        "4",
        "--units",
        path_str(&path),
        "--weights",
        "population=1",
        "--format",
        "table",
    ];
    let (code, out, err) = jiceng(&[&["--lang", "zh"][..], &args].concat(), "");
    assert_eq!(code, 0, "{err}");
    assert!(
        out.ends_with("合计: 2 → 6 (增量 4, 最大余额法)\n变异系数: 0.5000 → 0.2000；基尼系数: 0.2500 → 0.1000\n"),
        "{out}"
    );
    let (_, out, _) = jiceng(&args, "");
    assert!(
        out.ends_with("total: 2 → 6 (pool 4, hamilton)\ncoefficient of variation: 0.5000 → 0.2000; Gini: 0.2500 → 0.1000\n"),
        "{out}"
    );
}

#[test]
fn staffing_plan_names_the_bounds_and_the_column_given() {
    let scratch = Scratch::new("staffing-plan-args");
    let path = scratch.write("u.csv", "code,current,area\nA,1,3\nB,1,1\n");
    let p = path_str(&path);
    let plan = ["staffing", "plan", "--pool", "4", "--units", p];
    expect_input_error(
        &[
            &plan[..],
            &["--weights", "area=1", "--min", "10", "--max", "8"],
        ]
        .concat(),
        "",
        &["--min 10 is above --max 8"],
    );
    expect_input_error(
        &[&plan[..], &["--weights", "area=1,area=2"]].concat(),
        "",
        &["invalid --weights \"area=1,area=2\": column \"area\" is given twice"],
    );
}

#[test]
fn staffing_check_refuses_a_transfer_of_nothing_and_says_where() {
    // Line 5: a sinking of 0; line 6: an adjustment to a body never
    // declared; line 7: a cancellation of 5 at twA, which holds 3 after
    // the creation of line 4. Three errors, exit 1.
    let scratch = Scratch::new("staffing-check-msgs");
    let rows = "body,cty,County,county,,,,,,
body,twA,Town A,township,,,,,,
create,twA,,,2025-01-02,C,,administrative,,3
sink,cty,,,2025-01-03,S,twA,administrative,,0
adjust,twA,,,2025-01-03,A,zz,administrative,,1
cancel,twA,,,2025-01-04,X,,administrative,,5
";
    let (code, out, p) = run_check(&scratch, "m.csv", rows, &[]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        out,
        format!(
            "{p}:5: error: sink event: field count: 0 moves no quota (a transfer moves 1 or more)\n\
             {p}:6: error: field to: unknown body \"zz\"\n\
             {p}:7: error: cancellation of 5 administrative quotas at twA refused: twA holds 3 \
             with headcount 0, which would leave -2, a negative number\n\
             errors: 3, flags: 0\n"
        )
    );
}

#[test]
fn staffing_synth_and_plan_reproduce_the_provincial_figure() {
    // The story: 22,000 quotas moved down brought the average to 65. For
    // 2,300 units the staff before are 2,300 × 65 − 22,000 = 127,500
    // (55.43 a unit); after the plan 127,500 + 22,000 = 149,500 =
    // 2,300 × 65.
    let (code, csv, err) = jiceng(&["staffing", "synth", "--seed", "3"], "");
    assert_eq!(code, 0, "{err}");
    assert!(
        csv.starts_with("code,current,population,area,cases\n"),
        "{csv:.80}"
    );
    assert_eq!(csv.lines().count(), 1 + 2_300);
    let before: u64 = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap().parse::<u64>().unwrap())
        .sum();
    assert_eq!(before, 127_500);
    let (code, out, err) = jiceng(
        &[
            "staffing",
            "plan",
            "--units",
            "-",
            "--pool",
            "22000",
            "--weights",
            "population=1",
            "--json",
        ],
        &csv,
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["total"], 149_500);
    assert_eq!(v["units"].as_array().unwrap().len(), 2_300);
    assert_eq!(v["total"].as_f64().unwrap() / 2_300.0, 65.0);
    // The same seed gives the same province.
    let (_, again, _) = jiceng(&["staffing", "synth", "--seed", "3"], "");
    assert_eq!(again, csv);
    // A pool larger than the staff after is refused, naming the values.
    expect_input_error(
        &[
            "staffing",
            "synth",
            "--units",
            "10",
            "--average",
            "65",
            "--pool",
            "700",
        ],
        "",
        &["--units 10 × --average 65 is below --pool 700"],
    );
}

/// Runs `jiceng` in both languages with the same arguments: (status,
/// stdout, stderr) in English, then in Chinese.
fn both(args: &[&str]) -> ((i32, String, String), (i32, String, String)) {
    let en = jiceng(args, "");
    let zh = jiceng(&[&["--lang", "zh"][..], args].concat(), "");
    (en, zh)
}

/// A county with 5 administrative quotas and 5 staff (lines 4 and 5)
/// cannot sink 2 to a township (line 6): 3 quotas for 5 people. Line 7
/// names a body never declared. `check` says so in either language,
/// `at` stops at the first error.
const REFUSED: &str = "body,cty,,county,,,,,,
body,tw,,township,,,,,,
create,cty,,,2024-01-01,d1,,administrative,,5
hire,cty,,,2024-01-02,d2,,administrative,,5
sink,cty,,,2024-01-03,d3,tw,administrative,,2
create,nope,,,2024-01-04,d4,,other,,1
";

#[test]
fn staffing_check_errors_speak_chinese() {
    let scratch = Scratch::new("staffing-zh-errors");
    let path = scratch.write("r.csv", &format!("{HEAD}{REFUSED}"));
    let p = path_str(&path);
    let ((code, out, err), (zcode, zout, zerr)) = both(&["staffing", "check", p]);
    assert_eq!((code, zcode), (1, 1));
    assert_eq!(
        out,
        format!(
            "{p}:6: error: transfer of 2 administrative quotas from cty to tw refused: cty holds 5 \
             with headcount 5, which would leave 3, below its headcount\n\
             {p}:7: error: field body: unknown body \"nope\"\n\
             errors: 2, flags: 0\n"
        )
    );
    assert_eq!(err, format!("jiceng: error: {p} has errors\n"));
    assert_eq!(
        zout,
        format!(
            "{p}:6: 错误: 拒绝从 cty 向 tw “划转”行政编制 2 名：cty 有编制 5，实有人数 5，\
             划转后剩余 3，低于实有人数\n\
             {p}:7: 错误: 字段 `body`：未知的机构 \"nope\"\n\
             错误: 2, 提示: 0\n"
        )
    );
    assert_eq!(zerr, format!("jiceng: 错误: {p} 存在错误\n"));
}

#[test]
fn staffing_at_refused_and_unknown_body_speak_chinese() {
    let scratch = Scratch::new("staffing-zh-at-errors");
    let path = scratch.write("r.csv", &format!("{HEAD}{REFUSED}"));
    let p = path_str(&path);
    let at = ["staffing", "at", p, "--body", "tw", "--date", "2024-02-01"];
    let ((code, _, err), (zcode, _, zerr)) = both(&at);
    assert_eq!((code, zcode), (1, 1));
    assert_eq!(
        err,
        format!(
            "jiceng: error: {p}:6: transfer of 2 administrative quotas from cty to tw refused: \
             cty holds 5 with headcount 5, which would leave 3, below its headcount\n"
        )
    );
    assert_eq!(
        zerr,
        format!(
            "jiceng: 错误: {p}:6: 拒绝从 cty 向 tw “划转”行政编制 2 名：cty 有编制 5，\
             实有人数 5，划转后剩余 3，低于实有人数\n"
        )
    );
    // A body the bundled ledger does not hold; a date that is no date.
    let toml = "crates/staffing/data/baitaling.toml";
    let at = [
        "staffing",
        "at",
        toml,
        "--body",
        "nope",
        "--date",
        "2019-06-01",
    ];
    let ((code, _, err), (zcode, _, zerr)) = both(&at);
    assert_eq!((code, zcode), (2, 2));
    assert_eq!(err, "jiceng: error: unknown body \"nope\"\n");
    assert_eq!(zerr, "jiceng: 错误: 未知的机构 \"nope\"\n");
    let at = [
        "staffing",
        "at",
        toml,
        "--body",
        "baitaling",
        "--date",
        "2019-6-x",
    ];
    let ((_, _, err), (_, _, zerr)) = both(&at);
    assert_eq!(
        err,
        "jiceng: error: invalid --date \"2019-6-x\": expected a date YYYY-MM-DD\n"
    );
    assert_eq!(
        zerr,
        "jiceng: 错误: --date \"2019-6-x\" 无效：应为 YYYY-MM-DD 格式的日期\n"
    );
    // A file that is not there.
    let ((_, _, err), (_, _, zerr)) = both(&["staffing", "check", "no/such.toml"]);
    assert!(
        err.starts_with("jiceng: error: cannot read no/such.toml: "),
        "{err}"
    );
    assert_eq!(
        zerr,
        "jiceng: 错误: 无法读取 no/such.toml：文件不存在（No such file or directory (os error 2)）\n"
    );
}

#[test]
fn staffing_plan_errors_speak_chinese() {
    let scratch = Scratch::new("staffing-zh-plan-errors");
    let units = scratch.write("u.csv", "code,current,population\na,10,100\nb,20,300\n");
    let u = path_str(&units);
    let plan = |weights: &'static str, extra: &[&'static str]| {
        let mut a = vec![
            "staffing",
            "plan",
            "--pool",
            "5",
            "--units",
            u,
            "--weights",
            weights,
        ];
        a.extend_from_slice(extra);
        let ((code, _, err), (zcode, _, zerr)) = both(&a);
        assert_eq!((code, zcode), (2, 2), "{err}");
        (err, zerr)
    };
    // --weights without `=`, with no number, naming a column twice.
    assert_eq!(
        plan("population", &[]),
        (
            "jiceng: error: invalid --weights \"population\": expected COLUMN=WEIGHT\n".into(),
            "jiceng: 错误: --weights \"population\" 无效：应为 COLUMN=WEIGHT（列名=权重）\n".into()
        )
    );
    assert_eq!(
        plan("population=many", &[]),
        (
            "jiceng: error: invalid --weights \"population=many\": \"many\" is not a number\n"
                .into(),
            "jiceng: 错误: --weights \"population=many\" 无效：\"many\" 不是数字\n".into()
        )
    );
    assert_eq!(
        plan("population=1,population=2", &[]).1,
        "jiceng: 错误: --weights \"population=1,population=2\" 无效：列 \"population\" 重复给出\n"
    );
    // A column the units file does not have.
    assert_eq!(
        plan("area=1", &[]),
        (
            "jiceng: error: weights = area is out of range: a numeric column of the units file\n"
                .into(),
            "jiceng: 错误: weights = area 超出范围：应为单位文件中的数值列\n".into()
        )
    );
    // Infeasible: at least 30 each needs 20 more for a and 10 for b, 30
    // of a pool of 5 (25 short); at most 11 each leaves room for 1 more
    // at a and none at b (already 20), 4 too many.
    assert_eq!(
        plan("population=1", &["--min", "30"]),
        (
            "jiceng: error: infeasible: the floors need 30 but the pool is 5: 25 short\n".into(),
            "jiceng: 错误: 无法实现：各单位下限合计需 30，但增量只有 5：缺 25\n".into()
        )
    );
    assert_eq!(
        plan("population=1", &["--max", "11"]),
        (
            "jiceng: error: infeasible: the ceilings allow 1 but the pool is 5: 4 too many\n"
                .into(),
            "jiceng: 错误: 无法实现：各单位上限合计只容 1，但增量为 5：多出 4\n".into()
        )
    );
    assert_eq!(
        plan("population=1", &["--min", "30", "--max", "20"]).1,
        "jiceng: 错误: --min 30 大于 --max 20：没有单位能既不少于 30 人又不多于 20 人\n"
    );
    // A bad row of the units file, then the refusal.
    let bad = scratch.write("b.csv", "code,current,population\na,x,1\n");
    let b = path_str(&bad);
    let a = [
        "staffing",
        "plan",
        "--pool",
        "5",
        "--units",
        b,
        "--weights",
        "population=1",
    ];
    let (_, (zcode, _, zerr)) = both(&a);
    assert_eq!(zcode, 2);
    assert_eq!(
        zerr,
        format!(
            "jiceng: {b}:2: `current` 列：\"x\" 不是整数人数\n\
             jiceng: 错误: {b}: 1 行有误：不作方案\n"
        )
    );
}

#[test]
fn staffing_erlang_and_synth_errors_speak_chinese() {
    let e = [
        "staffing",
        "erlang",
        "--arrivals",
        "200",
        "--aht-minutes",
        "3",
        "--target-share",
        "0.8",
        "--within-minutes",
        "0.33",
    ];
    let ((_, _, err), (_, _, zerr)) = both(&[&e[..], &["--shrinkage", "1"]].concat());
    assert_eq!(
        err,
        "jiceng: error: shrinkage = 1 is out of range: at least 0 and below 1\n"
    );
    assert_eq!(
        zerr,
        "jiceng: 错误: shrinkage = 1 超出范围：应为不小于 0 且小于 1\n"
    );
    let ((_, _, err), (_, _, zerr)) = both(&[&e[..], &["--day-hours", "30"]].concat());
    assert_eq!(
        err,
        "jiceng: error: invalid --day-hours 30: expected above 0 and at most 24\n"
    );
    assert_eq!(
        zerr,
        "jiceng: 错误: --day-hours 30 无效：应大于 0 且不超过 24\n"
    );
    let synth = ["staffing", "synth", "--units", "0", "--pool", "0"];
    let ((_, _, err), (_, _, zerr)) = both(&synth);
    assert_eq!(
        err,
        "jiceng: error: units = 0 is out of range: 1 to 1000000\n"
    );
    assert_eq!(
        zerr,
        "jiceng: 错误: units = 0 超出范围：应为 1 至 1000000\n"
    );
}
