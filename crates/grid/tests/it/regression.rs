//! Regression tests, named after the bug they pin.

use serde_json::json;

use crate::{World, entry, to_closure};

/// Resolving twice through rework must count the rework and keep the
/// resolver of the last resolution, so that the verifier rule follows it.
#[test]
fn verifier_rule_follows_the_last_resolver_after_rework() {
    let w = World::new();
    let mut e = w.engine();
    let path = to_closure(1);
    e.replay(&path[..5]).unwrap();
    e.apply(&entry(
        1,
        "11:00",
        "C02",
        json!({"action": "rework", "reason": "未清运"}),
    ))
    .unwrap();
    e.apply(&entry(
        1,
        "11:10",
        "130430104-zfd",
        json!({"action": "start"}),
    ))
    .unwrap();
    e.apply(&entry(
        1,
        "11:20",
        "130430104-zfd",
        json!({"action": "resolve"}),
    ))
    .unwrap();
    let t = e.ticket(path[0].event).unwrap();
    assert_eq!(t.reworks, 1);
    assert!(
        e.apply(&entry(
            1,
            "11:30",
            "130430104-zfd",
            json!({"action": "verify"})
        ))
        .is_err()
    );
}

/// A score outside 1–5 is an error, not a rating.
#[test]
fn rating_out_of_range_is_refused() {
    let w = World::new();
    let mut e = w.engine();
    e.replay(&to_closure(1)).unwrap();
    assert!(
        e.apply(&entry(
            1,
            "11:30",
            "W01",
            json!({"action": "rate", "score": 6})
        ))
        .is_err()
    );
    assert_eq!(e.ticket(to_closure(1)[0].event).unwrap().rating, None);
}

/// Routing looked up only a category's first item: a rubbish category
/// that also needs HB-CF-057 (concentrated in 邱县综合行政执法局 by
/// 邱政字〔2021〕15号, never devolved) stayed with 古城营镇's team, which
/// cannot act on HB-CF-057. It must go to the bureau, escalated.
#[test]
fn routing_used_only_the_first_item() {
    let w = World::new();
    let mut tax = w.tax.clone();
    tax.categories[0].items.push("HB-CF-057".to_owned());
    let ledger = jiceng_authority::Ledger::hebei_sample();
    let at = chrono::DateTime::parse_from_rfc3339("2025-06-10T09:35:00+08:00").unwrap();
    let r =
        jiceng_grid::route(&ledger, &tax, &w.cal, &w.hours, "0101", "130430104200", at).unwrap();
    assert_eq!(
        (r.body.code.as_str(), r.escalated, r.item.as_str()),
        ("130430-zhzf", true, "HB-CF-057")
    );
}

/// A postponed event that was then closed counted in the closure rate's
/// numerator but not in its denominator (accepted − postponed), so the
/// rate could pass 100%. Two events, both closed, one postponed first:
/// closure = (2 closed − 1 postponed) / (2 accepted − 1 postponed) = 1/1;
/// on time = 1 (event 1, resolved 10:50, due 11:35) / (2 due − 1
/// postponed) = 1/1.
#[test]
fn postponed_events_closed_pushed_closure_past_100_percent() {
    let w = World::new();
    let mut e = w.engine();
    e.replay(&to_closure(1)).unwrap();
    let mut second = to_closure(2);
    second.insert(
        4,
        entry(
            2,
            "10:10",
            "130430104-zfd",
            json!({"action": "postpone", "until": "2025-06-13", "approved_by": "C02"}),
        ),
    );
    e.replay(&second).unwrap();
    let as_of = crate::at("17:30");
    let mut m = jiceng_grid::Metrics::default();
    for t in e.tickets() {
        m.add(t, as_of, &w.cal, &w.hours).unwrap();
    }
    let s = m.summary();
    assert_eq!((s.closure.num, s.closure.den), (1, 1));
    assert_eq!((s.on_time_closure.num, s.on_time_closure.den), (1, 1));
    assert_eq!((s.township_share.num, s.township_share.den), (2, 2));
    // The same from two halves, the postponed event in the first: the
    // merge carries its count (1 closed postponed, not 0 or -1).
    let (mut first, mut second) = (
        jiceng_grid::Metrics::default(),
        jiceng_grid::Metrics::default(),
    );
    for t in e.tickets() {
        let half = if t.postponed.is_some() {
            &mut first
        } else {
            &mut second
        };
        half.add(t, as_of, &w.cal, &w.hours).unwrap();
    }
    let mut whole = jiceng_grid::Metrics::default();
    whole.merge(&first);
    whole.merge(&second);
    assert_eq!(whole.closed_postponed, 1);
    assert_eq!(whole, m);
}

/// An open event evaluated exactly at its resolution due time counted as
/// due (and so missed), though a resolution at that instant is on time.
#[test]
fn an_open_event_is_not_overdue_at_its_due_instant() {
    use chrono::Duration;
    use jiceng_grid::Metrics;
    let w = World::new();
    let mut e = w.engine();
    e.replay(&to_closure(1)[..2]).unwrap();
    let t = e.tickets().next().unwrap();
    // 0101: 120 working minutes from 09:35 is 11:35, inside the morning
    // session 08:30–12:00.
    assert_eq!(t.resolution_due, crate::at("11:35"));
    let due_at = |as_of| {
        let mut m = Metrics::default();
        m.add(t, as_of, &w.cal, &w.hours).unwrap();
        (m.due, m.summary().on_time_closure.den)
    };
    // At 11:35 it could still be resolved on time: not due, 0/0.
    assert_eq!(due_at(crate::at("11:35")), (0, 0));
    // One second later it has missed its time: due, 0/1.
    assert_eq!(due_at(crate::at("11:35") + Duration::seconds(1)), (1, 1));
}

/// A target of 0 working days fell due at the close of the report's own
/// day: before a report made after hours, or on a day off.
#[test]
fn zero_working_days_is_refused_naming_category_and_field() {
    use jiceng_grid::Taxonomy;
    let text = r#"
[[categories]]
code = "Z0"
major = "测试"
minor = "零"
items = ["HB-CF-016"]
urgency = "normal"
service = { response = { working_minutes = 30 }, resolution = { working_days = 0 } }
"#;
    let e = Taxonomy::from_str_auto(text, "tax.toml")
        .unwrap_err()
        .to_string();
    assert!(e.contains("tax.toml"), "{e}");
    assert!(e.contains("category Z0"), "{e}");
    assert!(
        e.contains("`service.resolution` has working_days = 0"),
        "{e}"
    );
    // One working day is the least: due at the close of the next one.
    let ok = text.replace("working_days = 0", "working_days = 1");
    assert!(Taxonomy::from_str_auto(&ok, "tax.toml").is_ok());
    let resp = text
        .replace("working_days = 0", "working_days = 1")
        .replace("working_minutes = 30", "working_days = 0");
    let e = Taxonomy::from_str_auto(&resp, "tax.toml")
        .unwrap_err()
        .to_string();
    assert!(e.contains("`service.response` has working_days = 0"), "{e}");
}

/// A kilobyte of cell, category, actor, body or approver came back whole
/// in the engine's error, bounded only by the command line's last guard:
/// each is now cut to its first 60 characters and `…`.
#[test]
fn a_kilobyte_value_is_cut_to_sixty_characters_in_a_refusal() {
    let w = World::new();
    let long = "甲".repeat(1000);
    let cut = format!("{}…", "甲".repeat(60));
    let event = crate::id(1);
    let report = |cell: &str, category: &str| {
        entry(
            1,
            "09:35",
            "W01",
            json!({"action": "report", "cell": cell, "category": category,
                   "channel": "grid_worker", "description": "垃圾桶满溢"}),
        )
    };
    let mut e = w.engine();
    let message = |e: &mut jiceng_grid::Engine<'_>, x: &jiceng_grid::Entry| {
        e.apply(x).map(drop).unwrap_err().to_string()
    };
    assert_eq!(
        message(&mut e, &report(&long, "0101")),
        format!("unknown cell {cut}")
    );
    assert_eq!(
        message(&mut e, &report("GCY-01", &long)),
        format!("unknown category {cut}")
    );
    e.apply(&report("GCY-01", "0101")).unwrap();
    assert_eq!(
        message(
            &mut e,
            &entry(1, "09:40", &long, json!({"action": "accept"}))
        ),
        format!("refused: {cut} may not accept event {event}: unknown actor")
    );
    e.apply(&entry(1, "09:40", "C01", json!({"action": "accept"})))
        .unwrap();
    assert_eq!(
        message(
            &mut e,
            &entry(
                1,
                "09:45",
                "C01",
                json!({"action": "dispatch", "body": long})
            )
        ),
        format!("refused: C01 may not dispatch event {event}: unknown body {cut}")
    );
    // Sixty characters are kept whole, with no mark.
    let sixty = "甲".repeat(60);
    assert_eq!(
        message(&mut w.engine(), &report(&sixty, "0101")),
        format!("unknown cell {sixty}")
    );
    e.apply(&entry(
        1,
        "09:45",
        "C01",
        json!({"action": "dispatch", "body": "130430104-zfd"}),
    ))
    .unwrap();
    assert_eq!(
        message(
            &mut e,
            &entry(
                1,
                "09:50",
                "130430104-zfd",
                json!({"action": "postpone", "until": "2025-06-20", "approved_by": long})
            )
        ),
        format!(
            "refused: 130430104-zfd may not postpone event {event}: approver {cut} is not the grid centre's staff"
        )
    );
}
