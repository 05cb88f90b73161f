//! The published forms of the crate's types: the JSON Schemas of the codes
//! (a provincial system validates its files with them before loading) and
//! the text of a sector.

use jiceng_org::{CreditCode, DivisionCode, Sector};

#[test]
fn the_division_code_schema_is_a_string_of_twelve_or_six_digits() {
    // The parse rule: 12 digits, or a 6-digit GB/T 2260 code.
    let schema = serde_json::to_value(schemars::schema_for!(DivisionCode)).unwrap();
    assert_eq!(schema["type"], "string");
    assert_eq!(schema["pattern"], "^([0-9]{12}|[0-9]{6})$");
    assert!(schema["description"].as_str().unwrap().contains("12-digit"));
}

#[test]
fn the_credit_code_schema_is_eighteen_characters_of_the_standard_alphabet() {
    // GB 32100-2015: the digits and the capitals without I, O, S, V, Z, that
    // is A–H, J–N, P, Q, R, T, U, W, X, Y.
    let schema = serde_json::to_value(schemars::schema_for!(CreditCode)).unwrap();
    assert_eq!(schema["type"], "string");
    assert_eq!(schema["pattern"], "^[0-9A-HJ-NPQRTUWXY]{18}$");
    assert!(
        schema["description"]
            .as_str()
            .unwrap()
            .contains("18-character")
    );
}

#[test]
fn a_sector_is_written_as_its_name() {
    assert_eq!(Sector::new("住建").to_string(), "住建");
    assert_eq!(format!("[{}]", Sector::new("市场监管")), "[市场监管]");
    assert_eq!(Sector::new("生态环境").as_str(), "生态环境");
}
