//! Defects found by checking `jiceng approvals` against cases worked by
//! hand (issues 4, 7 and 16), one test or more for each, named after the
//! bug.
//!
//! Dates are worked from the 2025 holiday notice (国办发明电〔2024〕12号:
//! 国庆节、中秋节 1–8 Oct off, Sunday 28 Sep and Saturday 11 Oct worked).

use super::*;

const SHANGCUN: &str = "130926103000";

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
    let (code, out, err) = jiceng(
        &[
            "approvals",
            "evaluate",
            "-",
            "--at",
            "2025-09-30",
            "--summary",
        ],
        &format!("{line}\n"),
    );
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
