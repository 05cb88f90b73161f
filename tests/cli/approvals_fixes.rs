//! Defects found by checking `jiceng approvals` against cases worked by
//! hand (issues 4, 7 and 16), one test or more for each, named after the
//! bug.
//!
//! Dates are worked from the 2025 holiday notice (国办发明电〔2024〕12号:
//! 国庆节、中秋节 1–8 Oct off, Sunday 28 Sep and Saturday 11 Oct worked).

use super::*;

const SHANGCUN: &str = "130926103000";

/// Runs `approvals evaluate` on `cases` (JSON Lines, on standard input)
/// with extra leading arguments.
fn evaluate(lead: &[&str], cases: &str, at: &str, tail: &[&str]) -> (i32, String, String) {
    let mut args: Vec<&str> = lead.to_vec();
    args.extend(["approvals", "evaluate", "-", "--at", at]);
    args.extend(tail);
    jiceng(&args, cases)
}

/// `catalogue diff` of one place with itself on one day finds nothing, and
/// says so in one line in either language; JSON keeps its empty lists.
#[test]
fn catalogue_diff_with_no_differences_said_nothing() {
    let args = |lang: &'static str, json: bool| {
        let mut a = vec![
            "--lang",
            lang,
            "approvals",
            "catalogue",
            "diff",
            "--division",
            SHANGCUN,
            "--date",
            "2024-03-01",
        ];
        if json {
            a.push("--json");
        }
        a
    };
    check(&[
        (
            &args("en", false),
            "no differences between 130926103000 2024-03-01 and 130926103000 2024-03-01",
        ),
        (
            &args("zh", false),
            "130926103000 2024-03-01 与 130926103000 2024-03-01 无差异",
        ),
    ]);
    let (code, out, _) = jiceng(&args("zh", true), "");
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["only_a"], serde_json::json!([]));
    assert_eq!(v["only_b"], serde_json::json!([]));
    assert_eq!(v["changed"], serde_json::json!([]));
}

/// `guide` with a division that is not a code is bad input (exit 2), with
/// the message `items` gives, not "not offered" (exit 1).
#[test]
fn guide_with_a_malformed_division_said_not_offered() {
    for bad in ["13092610300X", "1309261"] {
        let items = expect_input_error(
            &[
                "approvals",
                "items",
                "--division",
                bad,
                "--date",
                "2024-03-01",
            ],
            "",
            &[&format!("invalid --division {bad:?}")],
        );
        let guide = expect_input_error(
            &[
                "approvals",
                "guide",
                "--item",
                "HBFW-XK-003",
                "--division",
                bad,
                "--date",
                "2024-03-01",
            ],
            "",
            &[&format!("invalid --division {bad:?}")],
        );
        assert_eq!(guide, items);
        assert!(!guide.contains("not offered"), "{guide}");
    }
}

/// A case naming an item with a 9-digit division is a bad line that says
/// the code is invalid, naming the field and the value.
#[test]
fn evaluate_with_a_malformed_division_said_not_offered() {
    let line = r#"{"id":"D9","item":"HBFW-XK-003","division":"130926103","events":[{"date":"2025-09-22","kind":"received"}]}"#;
    let (code, out, err) = evaluate(&[], &format!("{line}\n"), "2025-09-30", &["--summary"]);
    assert_eq!(code, 1, "{err}");
    assert!(out.starts_with("summary\tcases 0\n"), "{out}");
    assert!(
        err.contains(
            "-:1: case \"D9\": field `division`, value \"130926103\": not a valid division code"
        ),
        "{err}"
    );
    assert!(!err.contains("not offered"), "{err}");
}

// The story case: received and accepted Monday 22 Sep 2025, promised 7
// working days, decided 13 Oct. Promised: 23–26 Sep (4), Sunday 28 Sep
// (5, worked), 29–30 Sep (7) → 30 Sep. Statutory 20: then 9–10 Oct (9),
// Saturday 11 Oct (10, worked), 13–17 (15), 20–24 Oct (20) → 24 Oct.
// Working days used to 13 Oct: 11.
use super::approvals::SC1 as STORY;

/// `evaluate --explain --lang zh` printed its row labels in English and
/// periods as `20wd` inside Chinese sentences.
#[test]
fn explain_in_chinese_left_english_labels_and_units() {
    let (code, out, err) = evaluate(
        &["--lang", "zh"],
        &format!("{STORY}\n"),
        "2025-10-31",
        &["--explain"],
    );
    assert_eq!(code, 0, "{err}");
    let rows: Vec<&str> = out
        .lines()
        .filter_map(|l| l.strip_prefix("  "))
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    // Acceptance, both clocks, delivery (granted, Art. 44), working days,
    // and the one flag (delivery late: due 27 Oct, none by 31 Oct).
    assert_eq!(
        rows,
        ["受理", "法定期限", "承诺时限", "颁发送达", "工作日", "问题"],
        "{out}"
    );
    // Statutory clock, 22 Sep to 24 Oct: weekend days 27 Sep, 12, 18, 19
    // Oct (4); 1–8 Oct, holidays (8).
    assert!(
        out.contains(
            "  法定期限\t法定期限：自2025-09-22起（当日不计）计20个工作日，至2025-10-24届满；不计周末4日、节假日8日、暂停计时0日"
        ),
        "{out}"
    );
    // Promised clock, 22–30 Sep: weekend 27 Sep (1).
    assert!(
        out.contains(
            "  承诺时限\t承诺时限：自2025-09-22起（当日不计）计7个工作日，至2025-09-30届满；不计周末1日、节假日0日、暂停计时0日"
        ),
        "{out}"
    );
    // Art. 44: 10 working days from 13 Oct: 14–17 (4), 20–24 (9), 27 Oct.
    assert!(
        out.contains("应在10个工作日内、2025-10-27前颁发、送达行政许可证件"),
        "{out}"
    );
    assert!(!out.contains("wd"), "{out}");
}

/// The explanation names the make-up working days it counted (issue 7:
/// "listed as such"): the promised clock counted Sunday 28 Sep, the
/// statutory clock 28 Sep and Saturday 11 Oct (国办发明电〔2024〕12号).
#[test]
fn explain_did_not_name_make_up_days() {
    let run = |lang: &str| {
        let (code, out, _) = evaluate(
            &["--lang", lang],
            &format!("{STORY}\n"),
            "2025-10-31",
            &["--explain"],
        );
        assert_eq!(code, 0);
        out
    };
    let en = run("en");
    assert!(
        en.contains(
            "  promised\tpromised clock: 7wd from 2025-09-22 (not counted) ends 2025-09-30; skipped 1 weekend days, 0 holidays, 0 suspended days; counted make-up working days: 2025-09-28 (国庆节、中秋节, 国办发明电〔2024〕12号)\t[承诺时限]"
        ),
        "{en}"
    );
    let zh = run("zh");
    assert!(
        zh.contains(
            "  法定期限\t法定期限：自2025-09-22起（当日不计）计20个工作日，至2025-10-24届满；不计周末4日、节假日8日、暂停计时0日；计入调休上班日：2025-09-28（国庆节、中秋节调休上班，国办发明电〔2024〕12号）、2025-10-11（国庆节、中秋节调休上班，国办发明电〔2024〕12号）\t[行政许可法第四十二条]"
        ),
        "{zh}"
    );
    assert!(
        zh.contains(
            "  承诺时限\t承诺时限：自2025-09-22起（当日不计）计7个工作日，至2025-09-30届满；不计周末1日、节假日0日、暂停计时0日；计入调休上班日：2025-09-28（国庆节、中秋节调休上班，国办发明电〔2024〕12号）\t[承诺时限]"
        ),
        "{zh}"
    );
}

/// The text summary had no breakdown by body; JSON had `by_body`. One
/// case, decided in 11 working days: late against the 7-day promise, in
/// time against the statute.
#[test]
fn evaluate_summary_had_no_by_body() {
    let run = |lang: &str| {
        let (code, out, _) = evaluate(
            &["--lang", lang],
            &format!("{STORY}\n"),
            "2025-10-31",
            &["--summary"],
        );
        assert_eq!(code, 0);
        out
    };
    let en = run("en");
    assert!(
        en.contains("by body\t130926103-fwzx\tcases 1\ton time (promise) 0.0%\ton time (statute) 100.0%\tmedian 11\n"),
        "{en}"
    );
    let zh = run("zh");
    assert!(
        zh.contains("按 机关\t130926103-fwzx\t件数 1\t承诺时限内办结率 0.0%\t法定期限内办结率 100.0%\t中位数 11\n"),
        "{zh}"
    );
    // The channel is named in Chinese too, as `items --lang zh` names it.
    assert!(zh.contains("按 渠道\t窗口办理\t件数 1\t"), "{zh}");
}

/// A line that is not JSON was reported with an empty value; it echoes
/// the line now, as a JSON string cut to 60 characters, and control
/// characters never reach the terminal.
#[test]
fn a_line_that_is_not_json_had_an_empty_value() {
    let (code, _, err) = evaluate(
        &[],
        "not json\n{\"id\":\"T\",\"events\":[\n",
        "2025-10-31",
        &["--summary"],
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("jiceng: -:1: field `(line)`, value \"not json\": not JSON: expected ident"),
        "{err}"
    );
    assert!(
        err.contains("jiceng: -:2: field `(line)`, value \"{\\\"id\\\":\\\"T\\\",\\\"events\\\":[\": not JSON"),
        "{err}"
    );
    // 100 letters and a bell: the quote and 59 letters, then the cut.
    let long = format!("{}\u{7}", "x".repeat(100));
    let (_, _, err) = evaluate(&[], &format!("{long}\n"), "2025-10-31", &["--summary"]);
    assert!(
        err.contains(&format!("value \"{}…: not JSON", "x".repeat(59))),
        "{err}"
    );
    // A bell inside the line is escaped, as JSON writes it.
    let (_, _, err) = evaluate(&[], "\u{7}bell\n", "2025-10-31", &["--summary"]);
    assert!(err.contains("value \"\\u0007bell\": not JSON"), "{err}");
    assert!(!err.contains('\u{7}'), "{err}");
}

/// `items` and `guide` JSON showed `"extension":"10wd"` for HBFW-XK-002,
/// which allows none (`extension_allowed = false`): 0wd, as evaluated.
#[test]
fn an_item_without_extension_showed_10wd() {
    let (code, out, _) = jiceng(
        &[
            "approvals",
            "items",
            "--division",
            SHANGCUN,
            "--date",
            "2024-03-01",
            "--format",
            "json",
        ],
        "",
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let item = v
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == "HBFW-XK-002")
        .unwrap();
    assert_eq!(item["extension_allowed"], false);
    assert_eq!(item["extension"], "0wd");
    let (code, out, _) = jiceng(
        &[
            "approvals",
            "guide",
            "--item",
            "HBFW-XK-002",
            "--division",
            SHANGCUN,
            "--date",
            "2024-03-01",
            "--format",
            "json",
        ],
        "",
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["item"]["extension"], "0wd", "{out}");
    let (_, md, _) = jiceng(
        &[
            "approvals",
            "guide",
            "--item",
            "HBFW-XK-002",
            "--division",
            SHANGCUN,
            "--date",
            "2024-03-01",
        ],
        "",
    );
    assert!(md.contains("- 是否可以延期：否\n"), "{md}");
}

/// `catalogue check` under `--lang zh` wrote its messages in English, and
/// `catalogue diff` its field names and periods. 尚村镇's permit promise
/// went from 10 to 7 working days on 2023-07-01.
#[test]
fn catalogue_in_chinese_left_english_messages_and_fields() {
    let (code, out, _) = jiceng(
        &[
            "--lang",
            "zh",
            "approvals",
            "catalogue",
            "diff",
            "--division",
            SHANGCUN,
            "--date",
            "2023-06-30",
            "--against-date",
            "2023-07-01",
        ],
        "",
    );
    assert_eq!(
        (code, out.as_str()),
        (0, "不同\tHBFW-XK-003\t承诺时限\t10个工作日 → 7个工作日\n")
    );
    // A county entry promising 25 working days where the statute gives 20.
    let extra = "\n[[entry]]\ndivision = \"130926000000\"\ncode = \"T-P\"\nfrom = \"2025-10-01\"\nname = \"测试T-P\"\npower_item = \"HB-XK-004\"\ncategory = \"许可\"\ndeciding_body = \"130926-zjj\"\nhandling = \"promised\"\nstatutory = \"20wd\"\npromised = \"25wd\"\n";
    let (f, line, _scratch) = bundled_with("catalogue-zh", extra);
    let (code, out, _) = jiceng(&["--lang", "zh", "approvals", "catalogue", "check", &f], "");
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(&format!(
            "{f}:{line}\t承诺时限长于法定时限\t130926000000\tT-P\t2025-10-01\t事项 T-P：承诺时限25个工作日长于法定时限20个工作日\n"
        )),
        "{out}"
    );
    // JSON keeps the English message only.
    let (_, out, _) = jiceng(&["approvals", "catalogue", "check", &f, "--json"], "");
    assert!(
        out.contains("\"message\":\"item T-P: promised 25wd is longer than statutory 20wd\""),
        "{out}"
    );
    assert!(!out.contains("message_zh"), "{out}");
}

/// The bundled catalogue with `extra` appended, in a scratch file: its
/// path, the line of the appended entry (after the bundled lines and a
/// blank one), and the scratch directory that keeps it.
fn bundled_with(name: &str, extra: &str) -> (String, usize, Scratch) {
    let bundled = std::fs::read_to_string("crates/approvals/data/suning-catalogue.toml").unwrap();
    let scratch = Scratch::new(name);
    let path = scratch.write("cat.toml", &format!("{bundled}{extra}"));
    let line = bundled.lines().count() + 2;
    (path_str(&path).to_owned(), line, scratch)
}

/// `catalogue check` did not flag an extension longer than Art. 42
/// allows: a county entry with 15wd, not joint (the law allows 10).
#[test]
fn catalogue_check_missed_an_extension_longer_than_art_42() {
    let extra = "\n[[entry]]\ndivision = \"130926000000\"\ncode = \"T-10\"\nfrom = \"2025-10-01\"\nname = \"测试T-10\"\npower_item = \"HB-XK-004\"\ncategory = \"许可\"\ndeciding_body = \"130926-zjj\"\nhandling = \"promised\"\nstatutory = \"20wd\"\nextension = \"15wd\"\n";
    let (f, line, _scratch) = bundled_with("catalogue-ext", extra);
    let (code, out, _) = jiceng(&["--lang", "zh", "approvals", "catalogue", "check", &f], "");
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(&format!(
            "{f}:{line}\t延长期限超过法定上限（行政许可法第四十二条）\t130926000000\tT-10\t2025-10-01\t事项 T-10：延长期限15个工作日超过行政许可法第四十二条允许的10个工作日\n"
        )),
        "{out}"
    );
    let (_, out, _) = jiceng(&["approvals", "catalogue", "check", &f, "--json"], "");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let found: Vec<&serde_json::Value> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "extension_too_long")
        .collect();
    assert_eq!(found.len(), 1, "{out}");
    assert_eq!(found[0]["item"], "T-10");
}
