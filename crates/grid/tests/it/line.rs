//! The fast line reader agrees with the derived one, line for line.

use jiceng_grid::{Entry, GUCHENGYING_DAY, synth};
use proptest::prelude::*;
use serde_json::Value;

fn agree(line: &str) -> Result<(), TestCaseError> {
    let fast = Entry::from_json_line(line);
    let slow = serde_json::from_str::<Entry>(line);
    match (fast, slow) {
        (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
        (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string()),
        (a, b) => prop_assert!(false, "{line}: fast {a:?}, derived {b:?}"),
    }
    Ok(())
}

#[test]
fn every_line_of_the_day_and_of_a_synthetic_log() {
    let start = chrono::DateTime::parse_from_rfc3339("2025-03-03T08:30:00+08:00").unwrap();
    let synthetic: Vec<String> = synth::events(9, 300, start, 600)
        .map(|e| serde_json::to_string(&e).unwrap())
        .collect();
    for line in GUCHENGYING_DAY.lines().map(str::to_owned).chain(synthetic) {
        agree(&line).unwrap();
    }
}

/// Replacement values of every JSON kind, strings that look like the
/// fields' own values, and escapes.
fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<i64>().prop_map(Value::from),
        Just(Value::from(5)),
        Just(Value::from(300)),
        Just(Value::from(2.5)),
        Just(Value::from(true)),
        Just(serde_json::json!([1])),
        Just(serde_json::json!({"a": 1})),
        prop::sample::select(vec![
            "report",
            "accept",
            "reject",
            "dispatch",
            "start",
            "resolve",
            "verify",
            "rework",
            "close",
            "rate",
            "escalate",
            "postpone",
            "no_authority",
            "overdue",
            "hotline",
            "2025-06-13",
            "2025-02-30",
            "2025-06-10T09:35:00+08:00",
            "2025-06-10 09:35:00+08:00",
            "01975779-f5a0-7000-8000-000000000001",
            "{01975779-f5a0-7000-8000-000000000001}",
            "C01",
            "GCY-01",
            "0101",
            "\u{5783}\\\"\n",
            "",
        ])
        .prop_map(Value::from),
    ]
}

proptest! {
    /// A bundled line with a field removed, replaced or added reads the
    /// same both ways, or fails the same way.
    #[test]
    fn mutated_lines_read_the_same(
        line in prop::sample::select(GUCHENGYING_DAY.lines().collect::<Vec<_>>()),
        key in prop::sample::select(vec![
            "event", "at", "actor", "action", "cell", "category", "channel", "description",
            "reason", "body", "score", "until", "approved_by", "extra",
        ]),
        op in 0u8..3,
        v in value(),
    ) {
        let mut obj: serde_json::Map<String, Value> = serde_json::from_str(line).unwrap();
        match op {
            0 => { obj.remove(key); }
            _ => { obj.insert(key.to_owned(), v); }
        }
        agree(&Value::Object(obj).to_string())?;
    }

    /// Any text at all: never a panic, and the same answer.
    #[test]
    fn any_text_reads_the_same(s in "\\PC{0,80}") {
        agree(&s)?;
    }
}
