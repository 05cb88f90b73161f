//! The fast line reader agrees with the derived one, line for line.

use jiceng_grid::{Entry, GUCHENGYING_DAY, synth};
use proptest::prelude::*;
use serde_json::Value;

fn agree(line: &str) -> Result<(), TestCaseError> {
    let fast = Entry::from_json_line(line);
    let slow = crate::derived(line);
    match (&fast, &slow) {
        (Ok(a), Ok(b)) => {
            // Equality of times ignores the offset: the Debug text shows it.
            prop_assert_eq!(format!("{a:?}"), format!("{b:?}"), "{}", line);
            prop_assert_eq!(a, b);
        }
        (Err(a), Err(b)) => prop_assert!(
            crate::same_error(&a.to_string(), b.as_deref()),
            "{line}: {a} against {b:?}"
        ),
        (a, b) => prop_assert!(false, "{line}: fast {a:?}, derived {b:?}"),
    }
    // Read into an entry that held each kind of action before, whose
    // strings it takes over: the same entry, or the same error and the
    // entry as it was.
    for before in one_of_each_action() {
        let mut reused = before.clone();
        match (reused.read_json_line(line), &slow) {
            (Ok(()), Ok(b)) => {
                prop_assert_eq!(format!("{reused:?}"), format!("{b:?}"), "{}", line)
            }
            (Err(a), Err(b)) => {
                prop_assert!(
                    crate::same_error(&a.to_string(), b.as_deref()),
                    "{line}: {a} against {b:?}"
                );
                prop_assert_eq!(format!("{reused:?}"), format!("{before:?}"), "{}", line);
            }
            (a, b) => prop_assert!(false, "{line}: reused {a:?}, derived {b:?}"),
        }
    }
    Ok(())
}

/// One entry of each of the twelve actions, from the bundled day.
fn one_of_each_action() -> Vec<Entry> {
    let mut seen = std::collections::BTreeMap::new();
    for line in GUCHENGYING_DAY.lines() {
        let e: Entry = serde_json::from_str(line).unwrap();
        seen.entry(e.action.name()).or_insert(e);
    }
    assert_eq!(seen.len(), 12, "the day has every action");
    seen.into_values().collect()
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

/// serde's flatten reads a number as the index of an action: `"action":
/// 1` was the second action, an acceptance. The schema names actions by
/// strings, and both readers refuse any other value.
#[test]
fn an_action_named_by_a_number_is_refused() {
    let id = "01975779-f5a0-7000-8000-000000000001";
    for (action, rest) in [
        (
            "0",
            r#","cell":"GCY-01","category":"0101","channel":"grid_worker","description":"x""#,
        ),
        ("1", ""),
        ("8", ""),
        ("1.0", ""),
        ("true", ""),
        ("null", ""),
    ] {
        let line = format!(
            r#"{{"event":"{id}","at":"2025-06-10T09:35:00+08:00","actor":"C01","action":{action}{rest}}}"#
        );
        let e = Entry::from_json_line(&line).unwrap_err().to_string();
        match serde_json::from_str::<Entry>(&line) {
            // The derived reader takes an integer, as the index of an
            // action.
            Ok(_) => assert!(
                e.starts_with("invalid type: integer") && e.contains("expected a string"),
                "{line}: {e}"
            ),
            // Any other value it refuses itself, and its words stand.
            Err(derived) => {
                assert!(!action.chars().all(|c| c.is_ascii_digit()), "{line}");
                assert_eq!(e, derived.to_string());
            }
        }
        let mut reused = Entry::from_json_line(GUCHENGYING_DAY.lines().next().unwrap()).unwrap();
        let before = reused.clone();
        assert_eq!(reused.read_json_line(&line).unwrap_err().to_string(), e);
        assert_eq!(reused, before);
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

/// The lines the scanner is for: the bundled day and a synthetic log.
fn valid_lines() -> Vec<String> {
    let start = chrono::DateTime::parse_from_rfc3339("2025-03-03T08:30:00+08:00").unwrap();
    GUCHENGYING_DAY
        .lines()
        .map(str::to_owned)
        .chain(synth::events(3, 40, start, 600).map(|e| serde_json::to_string(&e).unwrap()))
        .collect()
}

/// A value written with an escape the scanner leaves to the derived
/// reader: `\u` for its first character, or `\/` in front.
fn escaped(v: &Value, how: u8) -> String {
    match (v, how) {
        (Value::String(s), 1) => {
            let mut c = s.chars();
            match c.next() {
                Some(first) if (first as u32) < 0x10000 => {
                    format!("\"\\u{:04x}{}\"", first as u32, c.as_str())
                }
                _ => v.to_string(),
            }
        }
        (Value::String(s), 2) => format!("\"\\/{s}\""),
        _ => v.to_string(),
    }
}

/// A line rebuilt from a valid one: its pairs in a shuffled order, one of
/// them perhaps repeated, an unknown key perhaps added, one value perhaps
/// escaped, and JSON whitespace (or a stray character) between the tokens.
fn rebuilt() -> impl Strategy<Value = String> {
    let lines = valid_lines();
    (
        prop::sample::select(lines),
        any::<prop::sample::Index>(),
        0u8..4,
        any::<prop::sample::Index>(),
        0u8..3,
        prop::collection::vec(
            prop::sample::select(vec![
                "", "", "", " ", "\t", "\n", "\r", "  ", "\u{c}", "\u{a0}",
            ]),
            64,
        ),
        any::<u64>(),
    )
        .prop_map(|(line, pick, extra, esc_at, esc, ws, seed)| {
            let obj: serde_json::Map<String, Value> = serde_json::from_str(&line).unwrap();
            let mut pairs: Vec<(String, String)> = obj
                .iter()
                .map(|(k, v)| (k.clone(), v.to_string()))
                .collect();
            // A seeded shuffle (Fisher-Yates with a splitmix step).
            let mut x = seed;
            for i in (1..pairs.len()).rev() {
                x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
                let j = usize::try_from((x >> 33) % (i as u64 + 1)).unwrap();
                pairs.swap(i, j);
            }
            let k = pick.index(pairs.len());
            match extra {
                1 => pairs.push(pairs[k].clone()),
                2 => pairs.push(("extra".to_owned(), "\"x\"".to_owned())),
                3 => pairs.push(("score".to_owned(), "4".to_owned())),
                _ => {}
            }
            let e = esc_at.index(pairs.len());
            let v: Value = serde_json::from_str(&pairs[e].1).unwrap();
            pairs[e].1 = escaped(&v, esc);
            let mut w = ws.iter().cycle();
            let mut out = format!("{}{{", w.next().unwrap());
            for (i, (k, v)) in pairs.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out += &format!(
                    "{}\"{k}\"{}:{}{v}{}",
                    w.next().unwrap(),
                    w.next().unwrap(),
                    w.next().unwrap(),
                    w.next().unwrap()
                );
            }
            out += &format!("}}{}", w.next().unwrap());
            out
        })
}

/// A valid line cut short, or with one character replaced by one of
/// JSON's structural characters, a digit, a sign or a control character.
fn damaged() -> impl Strategy<Value = String> {
    (
        prop::sample::select(valid_lines()),
        any::<prop::sample::Index>(),
        any::<bool>(),
        prop::sample::select(vec![
            '"', '\\', '{', '}', '[', ',', ':', '0', '9', '-', '+', 'T', 'Z', ' ', '\u{1}', 'x',
            '垃',
        ]),
    )
        .prop_map(|(line, at, cut, c)| {
            let chars: Vec<char> = line.chars().collect();
            let i = at.index(chars.len());
            if cut {
                chars[..i].iter().collect()
            } else {
                let mut chars = chars;
                chars[i] = c;
                chars.into_iter().collect()
            }
        })
}

proptest! {
    /// Valid lines rebuilt with reordered, repeated, unknown or escaped
    /// pairs and odd whitespace read the same both ways.
    #[test]
    fn rebuilt_lines_read_the_same(line in rebuilt()) {
        agree(&line)?;
    }

    /// Valid lines cut short or with a character replaced read the same
    /// both ways, or fail with the same message.
    #[test]
    fn damaged_lines_read_the_same(line in damaged()) {
        agree(&line)?;
    }
}

/// An entry of any action with any texts, score and time, as the writer
/// writes it: the form read at fixed places.
fn written() -> impl Strategy<Value = String> {
    use jiceng_grid::{Action, Channel, EscalationReason};
    let text = "\\PC{0,30}";
    let action = prop_oneof![
        (text, text, text).prop_map(|(cell, category, description)| Action::Report {
            cell: cell.into(),
            category: category.into(),
            channel: Channel::Hotline,
            description: description.into(),
        }),
        Just(Action::Accept),
        text.prop_map(|r| Action::Reject { reason: r.into() }),
        text.prop_map(|b| Action::Dispatch { body: b.into() }),
        Just(Action::Start),
        Just(Action::Resolve),
        Just(Action::Verify),
        text.prop_map(|r| Action::Rework { reason: r.into() }),
        Just(Action::Close),
        any::<u8>().prop_map(|score| Action::Rate { score }),
        Just(Action::Escalate {
            reason: EscalationReason::BeyondCapacity
        }),
        (0i64..4_000_000, text).prop_map(|(d, a)| Action::Postpone {
            until: chrono::NaiveDate::from_num_days_from_ce_opt(d as i32).unwrap(),
            approved_by: a.into(),
        }),
    ];
    (
        any::<u128>(),
        -62_000_000_000i64..250_000_000_000,
        -86_399i32..86_400,
        text,
        action,
    )
        .prop_map(|(id, secs, offset, actor, action)| {
            let offset = chrono::FixedOffset::east_opt(offset).unwrap();
            let at = chrono::DateTime::from_timestamp(secs, 0)
                .unwrap()
                .with_timezone(&offset);
            let e = Entry {
                event: uuid::Uuid::from_u128(id),
                at,
                actor: actor.into(),
                action,
            };
            serde_json::to_string(&e).unwrap()
        })
}

proptest! {
    /// Whatever the writer writes reads back the same both ways.
    #[test]
    fn written_lines_read_the_same(line in written()) {
        agree(&line)?;
    }
}
