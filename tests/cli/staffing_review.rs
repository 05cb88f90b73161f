//! `jiceng staffing` against cases worked by hand: `--max-errors` in
//! `check` and `plan`. The expected outputs are worked in the comments.

#![allow(clippy::unwrap_used)]

use super::*;

const HEAD: &str = "kind,body,name,level,date,instrument,to,quota,rank,count\n";

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
