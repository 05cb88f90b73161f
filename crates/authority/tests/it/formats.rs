//! The file formats: TOML and JSON round trips, parse errors, the schema.

use jiceng_authority::{Error, Ledger, LedgerFile};

use crate::{BASE, CONCENTRATE};

#[test]
fn toml_and_json_round_trip() {
    let text = format!("{BASE}{CONCENTRATE}");
    let file = LedgerFile::from_toml_str(&text, "mini.toml").unwrap();
    assert_eq!(
        LedgerFile::from_toml_str(&file.to_toml_string(), "again").unwrap(),
        file
    );
    let json = file.to_json_string();
    assert_eq!(LedgerFile::from_json_str(&json, "mini.json").unwrap(), file);
    // The same ledger from either text answers the same.
    let a = Ledger::from_text(&text, "mini.toml").unwrap();
    let b = Ledger::from_text(&json, "mini.json").unwrap();
    let date = "2022-01-01".parse().unwrap();
    assert_eq!(a.snapshot(date), b.snapshot(date));
}

#[test]
fn parse_errors_point_at_the_line() {
    let bad = BASE.replace("category = \"许可\"", "category = \"approval\"");
    let err = LedgerFile::from_toml_str(&bad, "bad.toml").unwrap_err();
    let line = bad
        .lines()
        .position(|l| l.contains("\"approval\""))
        .unwrap()
        + 1;
    assert!(
        matches!(&err, Error::Parse { line: Some(l), .. } if *l == line),
        "{err}"
    );
    assert!(
        err.to_string().contains("(at `category = \"approval\"`)"),
        "{err}"
    );
    let bad = BASE.replace("code = \"130430101000\"", "code = \"1304301010\"");
    let err = LedgerFile::from_toml_str(&bad, "bad.toml").unwrap_err();
    assert!(err.to_string().contains("1304301010"), "{err}");
    let err = LedgerFile::from_json_str("{\"format\": 1, \"name\": 3}", "bad.json").unwrap_err();
    assert!(err.to_string().starts_with("bad.json:1:"), "{err}");
    let err = LedgerFile::from_toml_str("format = 2\nname = \"x\"\n", "v2.toml").unwrap_err();
    assert!(err.to_string().contains("format 2"), "{err}");
}

#[test]
fn registry_problems_stop_the_build() {
    let bad = BASE.replace("division = \"130430200000\"", "division = \"130430300000\"");
    let err = Ledger::from_text(&bad, "bad.toml").unwrap_err();
    assert!(matches!(err, Error::Registry { .. }));
    assert!(err.to_string().contains("130430300000"), "{err}");
}

#[test]
fn schema_describes_the_ledger() {
    let schema: serde_json::Value = serde_json::from_str(&LedgerFile::schema()).unwrap();
    assert!(schema["properties"]["instrument"].is_object());
    assert!(schema["properties"]["division"].is_object());
}
