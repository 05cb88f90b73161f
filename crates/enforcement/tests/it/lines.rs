//! `PenaltyCase::from_json`, the reader of a cases file's lines: what it
//! refuses beyond serde's derived reader, and how it names the field. The
//! messages are written out whole, from the rule each case tests.

use jiceng_enforcement::{Error, PenaltyCase};

/// The field and message of a refused line.
fn refused(line: &str) -> (String, String) {
    match PenaltyCase::from_json(line) {
        Err(Error::Parse { field, message }) => (field, message),
        other => panic!("{line}: {other:?}"),
    }
}

fn pair(field: &str, message: &str) -> (String, String) {
    (field.to_owned(), message.to_owned())
}

/// A case of one event, with `extra` inside it.
fn with_event(extra: &str) -> String {
    format!(r#"{{"id":"QX-1","events":[{{"date":"2025-03-03",{extra}}}]}}"#)
}

#[test]
fn a_valid_line_reads_as_serde_reads_it() {
    for line in jiceng_enforcement::BUNDLED_SAMPLE_CASES.lines() {
        let derived: PenaltyCase = serde_json::from_str(line).unwrap();
        assert_eq!(PenaltyCase::from_json(line).unwrap(), derived);
    }
    // Every kind's own fields, and the case's limits, are taken.
    let line = r#"{"id":"QX-2","party":{"kind":"citizen","name":"李某"},"items":["HB-CF-011"],
        "body":"b","act_ended":"2025-01-02","grave":true,"major":false,"filing":"15wd",
        "decision":"90d","extension":"30d","exclude_hearing":false,"exclude_suspensions":true,
        "events":[{"date":"2025-03-03","kind":"clue"},{"kind":"filed","date":"2025-03-04"},
        {"date":"2025-03-05","kind":"hearing_scheduled","hearing_on":"2025-03-20"},
        {"date":"2025-03-06","kind":"suspended","reason":"testing"},
        {"date":"2025-03-07","kind":"extended","approved_by":"局长"},
        {"date":"2025-03-08","kind":"decided","penalties":[],"reason":"Art. 33","party_present":false},
        {"date":"2025-03-08","kind":"decided","penalties":[{"kind":"fine","amount":"200"},
            {"kind":"confiscate_gains","amount":"50"},{"kind":"confiscate_property","value":"80"},
            {"kind":"other","name":"责令改正"},{"kind":"closure"}]},
        {"date":"2025-03-09","kind":"paid","amount":"200.00"},
        {"date":"2025-03-10","kind":"surcharged","amount":"6.00"},
        {"date":"2025-03-11","kind":"transferred","to":"公安机关"}]}"#;
    let case = PenaltyCase::from_json(line).unwrap();
    assert_eq!(case, serde_json::from_str::<PenaltyCase>(line).unwrap());
    assert_eq!(case.events.len(), 10);
}

#[test]
fn a_key_the_case_does_not_take_is_refused_not_dropped() {
    // serde's derived reader drops `majr` (the flatten of the limits takes
    // any key), and the case would lose Art. 58's legal review unseen.
    let line = r#"{"id":"QX-1","majr":true,"events":[]}"#;
    assert!(serde_json::from_str::<PenaltyCase>(line).is_ok());
    assert_eq!(refused(line), pair("majr", "not a field of a case"));
    // A key's escapes are read: "m\u0061jor" is `major`, and is taken.
    let line = r#"{"id":"QX-1","m\u0061jor":true,"events":[]}"#;
    assert!(PenaltyCase::from_json(line).unwrap().major);
}

#[test]
fn a_key_given_twice_is_refused() {
    assert_eq!(
        refused(r#"{"id":"QX-1","major":true,"events":[],"major":false}"#),
        pair("major", "given twice")
    );
    // A limit is read through the flatten, which keeps either; the walk
    // over the keys does not.
    assert_eq!(
        refused(r#"{"id":"QX-1","decision":"90d","events":[],"decision":"30d"}"#),
        pair("decision", "given twice")
    );
    assert_eq!(
        refused(&with_event(r#""kind":"filed","date":"2025-03-04""#)),
        pair("events[0].date", "given twice")
    );
    assert_eq!(
        refused(&with_event(r#""kind":"filed","kind":"clue""#)),
        pair("events[0].kind", "given twice")
    );
    assert_eq!(
        refused(&with_event(r#""kind":"paid","amount":"1","amount":"2""#)),
        pair("events[0].amount", "given twice")
    );
}

#[test]
fn an_event_key_its_kind_does_not_take_is_refused() {
    assert_eq!(
        refused(&with_event(r#""kind":"filed","hearing_on":"2025-03-09""#)),
        pair("events[0].hearing_on", "not a field of a `filed` event")
    );
    // `reason` belongs to `suspended` and `decided`, not to `paid`.
    assert_eq!(
        refused(&with_event(r#""kind":"paid","amount":"1","reason":"x""#)),
        pair("events[0].reason", "not a field of a `paid` event")
    );
    // A fourth key besides date and kind is refused whatever the kind: no
    // kind takes more than three.
    assert_eq!(
        refused(&with_event(
            r#""a":1,"b":2,"c":3,"d":4,"kind":"decided","penalties":[]"#
        )),
        pair("events[0].d", "not a field of an event")
    );
}

#[test]
fn an_error_names_the_field_below_a_flatten() {
    // Limits and an event's kind are read through serde's flatten, whose
    // errors name only the case or the event.
    assert_eq!(
        refused(r#"{"id":"QX-1","decision":"ninety days","events":[]}"#),
        pair(
            "decision",
            "invalid period \"ninety days\": missing number before the unit"
        )
    );
    assert_eq!(
        refused(r#"{"id":"QX-1","exclude_hearing":"no","events":[]}"#),
        pair(
            "exclude_hearing",
            "invalid type: string \"no\", expected a boolean"
        )
    );
    assert_eq!(
        refused(&with_event(r#""kind":"paid","amount":"two hundred""#)).0,
        "events[0].amount"
    );
    assert_eq!(
        refused(&with_event(r#""kind":"suspended""#)),
        pair("events[0].reason", "missing")
    );
    assert_eq!(
        refused(&with_event(
            r#""kind":"hearing_scheduled","hearing_on":"2025-02-30""#
        ))
        .0,
        "events[0].hearing_on"
    );
    assert_eq!(
        refused(&with_event(
            r#""kind":"decided","penalties":[{"kind":"fine","amount":"5","x":1}]"#
        )),
        pair(
            "events[0].penalties[0].x",
            "not a field of a `fine` penalty"
        )
    );
    assert_eq!(
        refused(&with_event(r#""kind":"filing""#)).0,
        "events[0].kind"
    );
    assert_eq!(
        refused(r#"{"id":"QX-1","events":[{"kind":"filed"}]}"#),
        pair("events[0].date", "missing")
    );
    assert_eq!(refused(r#"{"events":[]}"#), pair("id", "missing"));
    assert_eq!(
        refused(r#"{"id":5,"events":[]}"#),
        pair("id", "invalid type: integer `5`, expected a string")
    );
    assert_eq!(
        refused("[1]"),
        pair(
            "(case)",
            "invalid type: sequence, expected a case (a JSON object)"
        )
    );
    assert_eq!(
        refused(r#"{"id":"QX-1","events":[]} {}"#),
        pair("(line)", "not JSON: trailing characters")
    );
}

#[test]
fn no_message_quotes_more_than_sixty_characters_of_a_value_or_a_key() {
    let long = "邱".repeat(3000);
    let cut = format!("{}…", "邱".repeat(60));
    assert_eq!(
        refused(&format!(r#"{{"id":"QX-1","{long}":1,"events":[]}}"#)),
        pair(&cut, "not a field of a case")
    );
    let (field, message) = refused(&with_event(&format!(r#""kind":"{long}""#)));
    assert_eq!(field, "events[0].kind");
    assert!(
        message.starts_with(&format!(
            "unknown variant `{cut}`, expected one of `clue`, "
        )),
        "{message}"
    );
    let (field, message) = refused(&with_event(&format!(r#""kind":"paid","amount":"{long}""#)));
    assert_eq!(field, "events[0].amount");
    assert!(
        message.starts_with(&format!("invalid value: string \"{cut}\", expected ")),
        "{message}"
    );
    let (field, message) = refused(&format!(
        r#"{{"id":"QX-1","decision":"{long}","events":[]}}"#
    ));
    assert_eq!(
        (field.as_str(), message),
        (
            "decision",
            format!("invalid period \"{cut}\": missing number before the unit")
        )
    );
    // A key of an event, and a key the flatten's message names.
    assert_eq!(
        refused(&with_event(&format!(r#""kind":"filed","{long}":1"#))),
        pair(
            &format!("events[0].{cut}"),
            "not a field of a `filed` event"
        )
    );
}

#[test]
fn a_field_of_each_kind_is_named_below_the_flatten() {
    // Each kind's own field with a value of the wrong form, after events
    // that read, so that the search goes past them.
    let ok = r#"{"date":"2025-03-01","kind":"filed"},{"date":"2025-03-01","kind":"extended","approved_by":"局长"},{"date":"2025-03-01","kind":"transferred","to":"公安机关"},"#;
    let cases = [
        (r#""kind":"suspended","reason":"lunch""#, "reason"),
        (r#""kind":"decided","penalties":[],"reason":5"#, "reason"),
        (
            r#""kind":"decided","penalties":[],"party_present":"yes""#,
            "party_present",
        ),
        (r#""kind":"extended","approved_by":5"#, "approved_by"),
        (r#""kind":"transferred","to":5"#, "to"),
        (r#""kind":"paid","amount":"two hundred""#, "amount"),
        (r#""kind":"surcharged","amount":5"#, "amount"),
        (
            r#""kind":"hearing_scheduled","hearing_on":"soon""#,
            "hearing_on",
        ),
        (r#""kind":"decided","penalties":{}"#, "penalties"),
    ];
    for (event, field) in cases {
        let line = format!(r#"{{"id":"QX-1","events":[{ok}{{"date":"2025-03-03",{event}}}]}}"#);
        assert_eq!(refused(&line).0, format!("events[3].{field}"), "{line}");
    }
}

#[test]
fn a_field_each_kind_needs_is_named_missing() {
    for (kind, field) in [
        ("hearing_scheduled", "hearing_on"),
        ("suspended", "reason"),
        ("extended", "approved_by"),
        ("decided", "penalties"),
        ("paid", "amount"),
        ("surcharged", "amount"),
        ("transferred", "to"),
    ] {
        let line = format!(
            r#"{{"id":"QX-1","events":[{{"date":"2025-03-01","kind":"filed"}},{{"date":"2025-03-03","kind":"{kind}"}}]}}"#
        );
        assert_eq!(
            refused(&line),
            pair(&format!("events[1].{field}"), "missing"),
            "{line}"
        );
    }
}

#[test]
fn the_walk_names_the_event_by_its_place_in_the_list() {
    let line = r#"{"id":"QX-1","events":[{"date":"2025-03-01","kind":"clue"},
        {"date":"2025-03-02","kind":"filed"},
        {"date":"2025-03-03","kind":"filed","hearing_on":"2025-03-09"}]}"#;
    assert_eq!(
        refused(line),
        pair("events[2].hearing_on", "not a field of a `filed` event")
    );
}

/// Found by a review of the reader: each line below was named at the
/// wrong field, or quoted too much.
#[test]
fn a_review_of_the_reader_found_these() {
    let decided = |penalty: &str| {
        with_event(&format!(
            r#""kind":"decided","penalties":[{{"kind":"warning"}},{penalty}]"#
        ))
    };
    // serde refuses no key on a penalty without fields: the amount of a
    // closure was dropped.
    assert_eq!(
        refused(&decided(r#"{"kind":"closure","amount":"5000"}"#)),
        pair(
            "events[0].penalties[1].amount",
            "not a field of a `closure` penalty"
        )
    );
    assert_eq!(
        refused(&decided(r#"{"kind":"fine","amount":"1","amount":"2"}"#)),
        pair("events[0].penalties[1].amount", "given twice")
    );
    assert_eq!(
        refused(&decided(r#"{"kind":"warning","kind":"warning"}"#)),
        pair("events[0].penalties[1].kind", "given twice")
    );
    assert_eq!(
        refused(&decided(r#"{"kind":"other","name":"x","value":"1"}"#)),
        pair(
            "events[0].penalties[1].value",
            "not a field of a `other` penalty"
        )
    );
    assert_eq!(
        refused(&decided(r#"{"kind":"fine","a":1,"b":2,"c":3}"#)),
        pair("events[0].penalties[1].c", "not a field of a penalty")
    );
    // A key holding a backquote is named whole.
    assert_eq!(
        refused(r#"{"id":"A","party":{"kind":"citizen","name":"x","na`me":1},"events":[]}"#),
        pair("party.na`me", "not a field here, expected `name`")
    );
    // serde reads the first copy of a key and a JSON value the last: a bad
    // first copy was named at the case or the event, not as given twice.
    assert_eq!(
        refused(r#"{"id":"A","decision":"bogus","events":[],"decision":"30d"}"#),
        pair("decision", "given twice")
    );
    assert_eq!(
        refused(&with_event(r#""kind":"bogus","kind":"filed""#)),
        pair("events[0].kind", "given twice")
    );
    // Text that is not JSON has no field; the path serde gives is `?`.
    for line in [
        r#"{"id":"A""#,
        "{",
        r#"{"id":"A","party":{"kind":"citizen""#,
    ] {
        let (field, message) = refused(line);
        assert_eq!(field, "(line)", "{line}");
        assert!(
            message.starts_with("not JSON: EOF while parsing"),
            "{message}"
        );
    }
    // No wire type is named.
    let (field, message) = refused(r#"{"id":"A","events":[[]]}"#);
    assert_eq!(field, "events[0]");
    assert!(!message.contains("struct"), "{message}");
    // A kilobyte of credit code is cut where its error is made.
    let long = "a ".repeat(300);
    let (field, message) = refused(&format!(
        r#"{{"id":"A","party":{{"kind":"organisation","name":"x","credit_code":"{long}"}},"events":[]}}"#
    ));
    assert_eq!(field, "party.credit_code");
    assert!(
        message.starts_with(&format!(
            "invalid unified social credit code \"{}…\": has 600 characters, not 18",
            &long[..60]
        )),
        "{message}"
    );
}

/// serde's flatten reads a number as the index of a kind: `"kind": 1` was
/// read as `filed`, and a penalty of `"kind": 7` as a licence revocation.
/// The schema names kinds by strings, and the reader refuses any other
/// value.
#[test]
fn a_kind_named_by_a_number_is_refused() {
    let not_a_string = |v: &str| format!("invalid type: {v}, expected a kind (a string)");
    assert_eq!(
        refused(&with_event(r#""kind":1"#)),
        pair("events[0].kind", &not_a_string("integer `1`"))
    );
    assert_eq!(
        refused(&with_event(
            r#""kind":"decided","penalties":[{"kind":"warning"},{"kind":7}]"#
        )),
        pair("events[0].penalties[1].kind", &not_a_string("integer `7`"))
    );
    assert_eq!(
        refused(&with_event(
            r#""kind":"decided","penalties":[{"kind":null}]"#
        )),
        pair("events[0].penalties[0].kind", &not_a_string("null"))
    );
    // serde's own reader takes both.
    for line in [
        with_event(r#""kind":1"#),
        with_event(r#""kind":"decided","penalties":[{"kind":7}]"#),
    ] {
        assert!(serde_json::from_str::<PenaltyCase>(&line).is_ok(), "{line}");
    }
}

/// A penalty's and a party's fields are tagged objects, whose fields serde
/// does not name: each is tried on its own.
#[test]
fn a_penalty_or_a_party_is_named_down_to_its_field() {
    let decided = |penalty: &str| {
        with_event(&format!(
            r#""kind":"decided","penalties":[{{"kind":"warning"}},{penalty}]"#
        ))
    };
    let (field, message) = refused(&decided(r#"{"kind":"fine","amount":"abc"}"#));
    assert_eq!(field, "events[0].penalties[1].amount");
    assert!(
        message.starts_with(r#"invalid value: string "abc""#),
        "{message}"
    );
    let (field, message) = refused(&decided(r#"{"kind":"confiscate_property","value":7}"#));
    assert_eq!(field, "events[0].penalties[1].value");
    assert!(
        message.starts_with("invalid type: integer `7`"),
        "{message}"
    );
    assert_eq!(
        refused(&decided(r#"{"kind":"fine"}"#)),
        pair("events[0].penalties[1].amount", "missing")
    );
    assert_eq!(
        refused(&decided(r#"{"amount":"5"}"#)),
        pair("events[0].penalties[1].kind", "missing")
    );
    // A kind that is not one is named, not the amount it carries.
    let (field, message) = refused(&decided(r#"{"kind":"fines","amount":"5"}"#));
    assert_eq!(field, "events[0].penalties[1].kind");
    assert!(
        message.starts_with("unknown variant `fines`, expected one of `warning`"),
        "{message}"
    );
    let party = |p: &str| format!(r#"{{"id":"A","party":{p},"events":[]}}"#);
    let (field, message) = refused(&party(
        r#"{"kind":"organisation","name":"x","credit_code":"123"}"#,
    ));
    assert_eq!(field, "party.credit_code");
    assert_eq!(
        message,
        r#"invalid unified social credit code "123": has 3 characters, not 18"#
    );
    let (field, message) = refused(&party(r#"{"kind":"organisation","name":7}"#));
    assert_eq!(field, "party.name");
    assert!(
        message.starts_with("invalid type: integer `7`"),
        "{message}"
    );
    // A citizen has no credit code to check: the key is not one of hers.
    let (field, message) = refused(&party(
        r#"{"kind":"citizen","name":"x","credit_code":"123"}"#,
    ));
    assert_eq!(field, "party.credit_code");
    assert!(message.starts_with("not a field here"), "{message}");
}
