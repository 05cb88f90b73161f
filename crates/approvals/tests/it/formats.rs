//! The case format: strict reading, round trips, the schema.

use jiceng_approvals::Case;

fn parse(json: &str) -> Result<Case, String> {
    serde_json::from_str(json).map_err(|e| e.to_string())
}

#[test]
fn unknown_or_misplaced_fields_are_refused() {
    // A typo must not silently drop the promise.
    let err = parse(r#"{"id":"x","promise":"7wd","events":[]}"#).unwrap_err();
    assert!(err.contains("unknown field `promise`"), "{err}");
    let err = parse(
        r#"{"id":"x","events":[{"date":"2025-01-02","kind":"received","outcom":"granted"}]}"#,
    )
    .unwrap_err();
    assert!(err.contains("unknown field `outcom`"), "{err}");
    let err =
        parse(r#"{"id":"x","events":[{"date":"2025-01-02","kind":"recieved"}]}"#).unwrap_err();
    assert!(err.contains("\"recieved\""), "{err}");
    let err = parse(r#"{"id":"x","events":[{"date":"2025-01-02","kind":"decided"}]}"#).unwrap_err();
    assert!(err.contains("needs `outcome`"), "{err}");
    let err =
        parse(r#"{"id":"x","events":[{"date":"2025-01-02","kind":"accepted","reason":"x"}]}"#)
            .unwrap_err();
    assert!(err.contains("takes no `reason`"), "{err}");
    let err =
        parse(r#"{"id":"x","events":[{"date":"2025-01-02","kind":"suspended","reason":"lunch"}]}"#)
            .unwrap_err();
    assert!(err.contains("第四十五条"), "{err}");
    let err = parse(r#"{"id":"x","statutory":"20","events":[]}"#).unwrap_err();
    assert!(err.contains("\"20\""), "{err}");
}

#[test]
fn cases_round_trip_through_json() {
    let json = r#"{"id":"SC-1","item":"HB-XK-003","channel":"village_proxy","promised":"7wd","joint":true,"events":[
        {"date":"2025-09-22","kind":"received"},
        {"date":"2025-09-22","kind":"accepted"},
        {"date":"2025-09-23","kind":"suspended","reason":"expert_review"},
        {"date":"2025-09-25","kind":"resumed"},
        {"date":"2025-09-26","kind":"extended","approved_by":"县长"},
        {"date":"2025-10-13","kind":"decided","outcome":"refused"},
        {"date":"2025-10-14","kind":"delivered"}]}"#;
    let case = parse(json).unwrap();
    assert!(case.limits.joint);
    let again = parse(&serde_json::to_string(&case).unwrap()).unwrap();
    assert_eq!(case, again);
}

#[test]
fn the_schema_refuses_unknown_fields() {
    let schema: serde_json::Value = serde_json::from_str(&jiceng_approvals::case_schema()).unwrap();
    assert_eq!(schema["additionalProperties"], false);
    assert!(schema["properties"]["events"].is_object());
    let kinds = schema["$defs"]["EventName"].to_string();
    assert!(
        kinds.contains("incomplete_notice") && kinds.contains("withdrawn"),
        "{kinds}"
    );
}
