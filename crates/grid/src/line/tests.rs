//! The hand scanner's pieces, each against the reader it stands in for.

#![allow(clippy::unwrap_used)]

use chrono::{DateTime, FixedOffset};
use proptest::prelude::*;

use super::{
    Fields, INLINE, RETAIN, channel, entry, escalation, fixed_time, parts, scan, skip_ws,
    small_int, string_stop, writers_parts, writers_start,
};
use crate::event::{Channel, EscalationReason};

/// The fast path itself reads every action of the bundled day (all
/// twelve kinds appear in it), rather than leaving the line to the
/// derived reader: the answers would agree either way, so only this
/// test sees a fast path that gave up.
#[test]
fn the_fast_path_reads_every_action_of_the_day() {
    let mut seen = std::collections::BTreeSet::new();
    for line in crate::GUCHENGYING_DAY.lines() {
        let fields = scan(line).unwrap_or_else(|| panic!("scan gave up on {line}"));
        let entry = fields
            .parts()
            .map(entry)
            .unwrap_or_else(|| panic!("entry gave up on {line}"));
        assert_eq!(
            Some(&entry),
            serde_json::from_str::<crate::Entry>(line).ok().as_ref(),
            "{line}"
        );
        // Equality of times ignores the offset: the Debug text shows it.
        let slow = serde_json::from_str::<crate::Entry>(line).unwrap();
        assert_eq!(format!("{entry:?}"), format!("{slow:?}"), "{line}");
        seen.insert(entry.action.name());
    }
    assert_eq!(seen.len(), 12, "{seen:?}");
}

#[test]
fn whitespace_is_the_four_characters_of_json() {
    // RFC 8259 § 2: space, tab, line feed, carriage return; nothing else
    // (not a form feed, not an ideographic space).
    let check = |s: &str, expected: usize| assert_eq!(skip_ws(s.as_bytes(), 0), expected, "{s:?}");
    check(" \t\n\rx", 4);
    check("x ", 0);
    check("\u{c}x", 0);
    check("\u{3000}x", 0);
    check("   ", 3);
}

#[test]
fn small_integers_are_plain_digits_that_fit_a_byte() {
    let check = |s: &str, expected: Option<(u8, usize)>| {
        assert_eq!(small_int(s.as_bytes(), 0), expected, "{s:?}");
    };
    check("5}", Some((5, 1)));
    check("0}", Some((0, 1)));
    check("255,", Some((255, 3)));
    check("256", None);
    check("1000", None);
    check("05", None);
    check("00", None);
    check("5.0", None);
    check("5e0", None);
    check("5E0", None);
    check("-1", None);
    check("", None);
    check("\"5\"", None);
    check("42 ", Some((42, 2)));
}

#[test]
fn the_scanner_takes_a_flat_object_and_gives_up_on_anything_else() {
    let f = scan(r#" {"actor" : "C01" ,"score":3 } "#).unwrap();
    assert_eq!(
        f,
        Fields {
            actor: Some("C01"),
            score: Some(3),
            ..Fields::default()
        }
    );
    // A space is a plain character; only controls (below 0x20) need an
    // escape.
    assert_eq!(scan(r#"{"reason":"a b"}"#).unwrap().reason, Some("a b"));
    assert_eq!(
        scan("{\"reason\":\"~\u{7f}\"}").unwrap().reason,
        Some("~\u{7f}")
    );
    for bad in [
        r#"{"actor":"C01","actor":"C02"}"#,
        r#"{"score":1,"score":1}"#,
        r#"{"actor":"C\u0030"}"#,
        r#"{"actor":"C01","extra":"x"}"#,
        r#"{"actor":"C01",}"#,
        r#"{"actor":"C01"} x"#,
        r#"{"actor":"C01""#,
        r#"{"actor" "C01"}"#,
        r#"{"actor":1}"#,
        r#"{"score":"1"}"#,
        r#"{"actor":null}"#,
        r#"{"actor":["C01"]}"#,
        "{\"actor\":\"C\t01\"}",
        "{}",
        "[]",
        "",
    ] {
        assert_eq!(scan(bad), None, "{bad}");
    }
}

/// A line as `serde_json::to_string` writes an entry: the id and the time
/// at fixed places.
const WRITTEN: &str = concat!(
    r#"{"event":"01955968-df40-710d-a48c-ea4c09676b8e","at":"2025-03-03T08:46:00+08:00","#,
    r#""actor":"C01","action":"accept"}"#
);

#[test]
fn the_writers_start_is_read_from_its_fixed_places() {
    let (f, i) = writers_start(WRITTEN).unwrap();
    assert_eq!(f.event, Some("01955968-df40-710d-a48c-ea4c09676b8e"));
    assert_eq!(f.at, Some("2025-03-03T08:46:00+08:00"));
    assert_eq!(f.actor, Some("C01"));
    assert_eq!((f.action, f.cell, f.score), (None, None, None));
    // Counted by hand: 10 bytes of `{"event":"`, 36 of the id, 8 of
    // `","at":"`, 25 of the time, 10 of `","actor":`, then `"C01"`.
    assert_eq!(i, 10 + 36 + 8 + 25 + 10 + 5);
    assert_eq!(&WRITTEN[i..], r#","action":"accept"}"#);
    // The rest of the line is read as the general loop reads it.
    assert_eq!(scan(WRITTEN).unwrap().action, Some("accept"));
}

#[test]
fn any_other_start_is_left_to_the_general_loop() {
    let spaced = WRITTEN.replacen('{', "{ ", 1);
    for other in [
        // Each key's place, one byte off its name, and the same lengths.
        WRITTEN.replacen(r#"{"event""#, r#"{"Event""#, 1),
        WRITTEN.replacen(r#""at""#, r#""At""#, 1),
        WRITTEN.replacen(r#""actor""#, r#""Actor""#, 1),
        // An escape in the id's or the time's place, of the same length.
        WRITTEN.replacen("ea4c09676b8e", r#"ea4c09676\8e"#, 1),
        WRITTEN.replacen("08:46:00", r#"08:46:\0"#, 1),
        spaced.clone(),
        WRITTEN[..60].to_owned(),
    ] {
        assert_eq!(writers_start(&other), None, "{other}");
    }
    // The general loop still reads a line with space in it.
    assert_eq!(scan(&spaced).unwrap().actor, Some("C01"));
    // A changed key is unknown, so nobody's fast path answers.
    assert_eq!(scan(&WRITTEN.replacen(r#""actor""#, r#""Actor""#, 1)), None);
}

#[test]
fn fixed_times_read_as_chrono_reads_them() {
    let check = |s: &str, expected: Option<&str>| {
        let want = expected.map(|x| DateTime::parse_from_rfc3339(x).unwrap());
        assert_eq!(fixed_time(s.as_bytes()), want, "{s}");
        // Equality of times ignores the offset: compare the text as well.
        if let Some(t) = fixed_time(s.as_bytes()) {
            assert_eq!(t.to_rfc3339(), s, "{s}");
        }
    };
    check("2025-06-10T09:35:00+08:00", Some("2025-06-10T01:35:00Z"));
    check("2025-06-10T09:35:00-05:30", Some("2025-06-10T15:05:00Z"));
    // The largest offset of the fixed form: 09:35 at +23:59 is 09:36 of
    // the day before in UTC.
    check("2025-06-10T09:35:00+23:59", Some("2025-06-09T09:36:00Z"));
    check("2024-02-29T23:59:59+00:00", Some("2024-02-29T23:59:59Z"));
    check("2025-02-29T09:35:00+08:00", None);
    check("2025-06-10T24:00:00+08:00", None);
    check("2025-06-10T23:60:00+08:00", None);
    check("2025-06-10T23:59:60+08:00", None);
    check("2025-06-10T09:35:00-00:00", None);
    check("2025-06-10T09:35:00+24:00", None);
    check("2025-06-10T09:35:00+08:60", None);
    check("2025-06-10t09:35:00+08:00", None);
    check("2025-06-10 09:35:00+08:00", None);
    check("2025-06-10T09:35:00Z", None);
    check("2025-06-10T09:35:00.5+08:00", None);
    check("2025/06/10T09:35:00+08:00", None);
    check("2025-06-10T09:35:00*08:00", None);
    check("2025-06-10T09-35:00+08:00", None);
    check("2025-06-10T09:35-00+08:00", None);
    check("2025-06-10T09:35:00+08-00", None);
    check("2025-0a-10T09:35:00+08:00", None);
    // ':' is the byte after '9': not a digit (1:, read as ten, would make
    // a day 20).
    check("2025-06-1:T09:35:00+08:00", None);
}

proptest! {
    /// Wherever the fixed form gives an answer, chrono gives the same one.
    #[test]
    fn fixed_times_agree_with_chrono(
        digits in prop::collection::vec(0u8..10, 16),
        sign in prop::sample::select(vec![b'+', b'-', b'x']),
        seps in prop::sample::select(vec![*b"--T::", *b"--t::", *b"-- ::", *b"/-T::"]),
    ) {
        let d: Vec<char> = digits.iter().map(|x| char::from(b'0' + x)).collect();
        let s = format!(
            "{}{}{}{}{}{}{}{}{}{}{}{}{}{}{}{}{}{}{}{}{}{}{}{}{}",
            d[0], d[1], d[2], d[3], char::from(seps[0]), d[4] .min('1'), d[5], char::from(seps[1]),
            d[6].min('3'), d[7], char::from(seps[2]), d[8].min('2'), d[9], char::from(seps[3]),
            d[10].min('6'), d[11], char::from(seps[4]), d[12].min('6'), d[13], char::from(sign),
            d[14].min('2'), d[15], ':', d[13], d[12],
        );
        let chrono = s.parse::<DateTime<FixedOffset>>().ok();
        if let Some(t) = fixed_time(s.as_bytes()) {
            prop_assert_eq!(Some(t), chrono, "{}", s);
            // Equality of times ignores the offset; the offset is kept too.
            prop_assert_eq!(Some(t.to_rfc3339()), chrono.map(|c| c.to_rfc3339()));
        }
        prop_assert_eq!(super::time(&s), chrono, "{}", s);
    }
}

proptest! {
    /// Times read one after another, most of them on a day and at an
    /// offset read just before (the day remembered) and some not: each
    /// reads as chrono reads it, whatever came before, across midnight in
    /// UTC either way.
    #[test]
    fn times_in_a_row_agree_with_chrono(
        times in prop::collection::vec(
            (
                prop::sample::select(vec![
                    "2025-06-10", "2025-06-11", "2024-02-29", "2025-02-29", "2024-12-31",
                    "2025-01-01", "0000-01-01", "9999-12-31",
                ]),
                0u32..86_400,
                prop::sample::select(vec![
                    "+08:00", "+08:05", "+09:00", "-05:30", "+23:59", "-23:59", "+00:00",
                    "-00:00", "+24:00", "+08:60", "+0a:00",
                ]),
            ),
            1..40,
        ),
    ) {
        for (day, secs, offset) in times {
            let s = format!(
                "{day}T{:02}:{:02}:{:02}{offset}",
                secs / 3600,
                secs / 60 % 60,
                secs % 60
            );
            let chrono = s.parse::<DateTime<FixedOffset>>().ok();
            let fixed = fixed_time(s.as_bytes());
            if fixed.is_some() {
                prop_assert_eq!(fixed, chrono, "{}", s);
                prop_assert_eq!(
                    fixed.map(|t| t.to_rfc3339()),
                    chrono.map(|c| c.to_rfc3339())
                );
            } else {
                // Only what chrono refuses, or `-00:00`, is left to it.
                prop_assert!(chrono.is_none() || offset == "-00:00", "{}", s);
            }
        }
    }
}

#[test]
fn a_channel_outside_the_four_leaves_the_line_to_the_derived_reader() {
    // Even on an action that carries no channel: the fast path decides
    // only lines whose every field it knows to be well formed.
    let fields = |channel| Fields {
        event: Some("01975779-f5a0-7000-8000-000000000001"),
        at: Some("2025-06-10T09:40:00+08:00"),
        actor: Some("C01"),
        action: Some("accept"),
        channel,
        ..Fields::default()
    };
    assert!(fields(Some("hotline")).parts().is_some());
    assert!(fields(None).parts().is_some());
    assert!(fields(Some("fax")).parts().is_none());
}

#[test]
fn every_channel_and_escalation_reason_is_read_by_its_log_name() {
    // The names the derived reader takes (snake_case of the variants).
    for (name, c) in [
        ("grid_worker", Channel::GridWorker),
        ("citizen_app", Channel::CitizenApp),
        ("hotline", Channel::Hotline),
        ("inspection", Channel::Inspection),
    ] {
        assert_eq!(channel(name), Some(c), "{name}");
    }
    assert_eq!(channel("Hotline"), None);
    for (name, r) in [
        ("no_authority", EscalationReason::NoAuthority),
        ("overdue", EscalationReason::Overdue),
        ("beyond_capacity", EscalationReason::BeyondCapacity),
    ] {
        assert_eq!(escalation(name), Some(r), "{name}");
    }
    assert_eq!(escalation("late"), None);
}

/// Where a plain string must stop, found one byte at a time.
fn stop_by_bytes(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'"' || c == b'\\' || c < 0x20)
}

#[test]
fn a_string_stops_at_its_first_quote_backslash_or_control_byte() {
    // Every byte value at every place of the first two words and the
    // tail, after plain bytes, and before a later stop that must not win.
    for len in [1, 7, 8, 9, 16, 17, 20] {
        for at in 0..len {
            for c in 0..=255u8 {
                let mut b = vec![b'a'; len];
                b[at] = c;
                if let Some(last) = b.last_mut().filter(|_| at + 1 < len) {
                    *last = b'"';
                }
                assert_eq!(
                    string_stop(&b),
                    stop_by_bytes(&b),
                    "{c:#04x} at {at} of {len}"
                );
            }
        }
    }
    assert_eq!(string_stop(b""), None);
    assert_eq!(string_stop("垃圾桶满溢 9:35".as_bytes()), None);
    assert_eq!(string_stop(b"abcdefgh\\\""), Some(8));
    assert_eq!(string_stop(b"abcdefg\x1f\""), Some(7));
    assert_eq!(string_stop(b"abcdefgh ~\x7f\x80\xff\x20!"), None);
}

proptest! {
    /// On any bytes, eight at a time finds what one at a time finds.
    #[test]
    fn string_stop_agrees_with_a_byte_at_a_time(b in prop::collection::vec(
        prop_oneof![4 => 0x20u8..=0xff, 1 => Just(b'"'), 1 => Just(b'\\'), 1 => 0u8..0x20], 0..40)) {
        prop_assert_eq!(string_stop(&b), stop_by_bytes(&b));
    }
}

/// A report line with the given actor and description.
fn report_line(actor: &str, description: &str) -> String {
    format!(
        r#"{{"event":"01975779-f5a0-7000-8000-000000000001","at":"2025-06-10T09:35:00+08:00","actor":"{actor}","action":"report","cell":"GCY-01","category":"0101","channel":"grid_worker","description":"{description}"}}"#
    )
}

/// The memory held by an entry's strings.
fn capacities(e: &crate::Entry) -> Vec<usize> {
    let mut all = vec![e.actor.capacity()];
    if let crate::Action::Report {
        cell,
        category,
        description,
        ..
    } = &e.action
    {
        all.extend([cell.capacity(), category.capacity(), description.capacity()]);
    }
    all
}

#[test]
fn an_entry_used_again_keeps_no_long_string_from_a_line_before() {
    // A 10,000-byte actor and description, then a line of short ones: the
    // long buffers are dropped, not kept for the short strings.
    let long = "x".repeat(10_000);
    let mut e = crate::Entry::from_json_line(&report_line(&long, &long)).unwrap();
    assert!(capacities(&e).iter().filter(|&&c| c >= 10_000).count() == 2);
    e.read_json_line(&report_line("W01", "垃圾桶满溢")).unwrap();
    assert_eq!(
        e,
        crate::Entry::from_json_line(&report_line("W01", "垃圾桶满溢")).unwrap()
    );
    assert!(
        capacities(&e).iter().all(|&c| c <= RETAIN),
        "{:?}",
        capacities(&e)
    );
}

#[test]
fn a_string_of_exactly_the_retained_size_is_kept() {
    // A first push into an empty string allocates exactly its length: a
    // description of RETAIN bytes leaves a buffer of RETAIN bytes, which
    // the next line's strings take over (one of them holds it).
    // A text longer than INLINE (25 bytes here) takes it over; a shorter
    // one is held inline.
    let at_most = "y".repeat(RETAIN);
    let longer = "w".repeat(INLINE + 1);
    let mut e = crate::Entry::from_json_line(&report_line("W01", &at_most)).unwrap();
    assert!(capacities(&e).contains(&RETAIN));
    e.read_json_line(&report_line("W02", &longer)).unwrap();
    assert!(capacities(&e).contains(&RETAIN), "{:?}", capacities(&e));
    // So is an actor's.
    let mut e = crate::Entry::from_json_line(&report_line(&at_most, "短")).unwrap();
    assert_eq!(e.actor.capacity(), RETAIN);
    e.read_json_line(&report_line(&longer, "短")).unwrap();
    assert_eq!(
        (e.actor.as_str(), e.actor.capacity()),
        (longer.as_str(), RETAIN)
    );
    // A short one is inline, and the buffer goes.
    e.read_json_line(&report_line("W02", "短")).unwrap();
    assert_eq!(e.actor, "W02");
    assert!(!e.actor.is_heap_allocated());
    // One byte more is dropped.
    let over = "y".repeat(RETAIN + 1);
    let mut e = crate::Entry::from_json_line(&report_line(&over, &over)).unwrap();
    e.read_json_line(&report_line("W02", "短")).unwrap();
    assert!(
        capacities(&e).iter().all(|&c| c < RETAIN),
        "{:?}",
        capacities(&e)
    );
}

#[test]
fn every_action_hands_its_strings_to_the_next() {
    // An action whose one string is RETAIN bytes long, then a dispatch:
    // the dispatch's body takes that buffer over.
    let long = "y".repeat(RETAIN);
    let line = |action: &str| {
        format!(
            r#"{{"event":"01975779-f5a0-7000-8000-000000000001","at":"2025-06-10T09:35:00+08:00","actor":"C01","action":"{action}"}}"#
        )
    };
    // A body longer than INLINE, as a county body's code may be.
    let body = format!("130430104-zfd-{}", "x".repeat(INLINE));
    let dispatch = line(&format!(r#"dispatch","body":"{body}"#));
    for before in [
        format!(r#"reject","reason":"{long}"#),
        format!(r#"rework","reason":"{long}"#),
        format!(r#"dispatch","body":"{long}"#),
        format!(r#"postpone","until":"2025-06-13","approved_by":"{long}"#),
        // A report with one long string of its three, each in turn.
        format!(
            r#"report","cell":"{long}","category":"0101","channel":"grid_worker","description":"x"#
        ),
        format!(
            r#"report","cell":"GCY-01","category":"{long}","channel":"grid_worker","description":"x"#
        ),
        format!(
            r#"report","cell":"GCY-01","category":"0101","channel":"grid_worker","description":"{long}"#
        ),
    ] {
        let mut e = crate::Entry::from_json_line(&line(&before)).unwrap();
        e.read_json_line(&dispatch).unwrap();
        match &e.action {
            crate::Action::Dispatch { body: got } => {
                assert_eq!(got, &body);
                assert_eq!(got.capacity(), RETAIN, "after {before}");
            }
            other => panic!("{other:?}"),
        }
    }
}

/// Every line of the bundled day as the writer writes it (all twelve
/// kinds of action, with each one's fields) is read whole at fixed
/// places, to the derived reader's entry.
#[test]
fn the_writers_lines_are_read_whole_at_fixed_places() {
    let mut seen = std::collections::BTreeSet::new();
    let mut lines: Vec<String> = crate::GUCHENGYING_DAY
        .lines()
        .map(|l| serde_json::to_string(&serde_json::from_str::<crate::Entry>(l).unwrap()).unwrap())
        .collect();
    // A score of more than one digit, and the largest a byte holds.
    lines.push(
        lines
            .iter()
            .find(|l| l.contains(r#""score""#))
            .unwrap()
            .replacen(r#""score":5"#, r#""score":255"#, 1),
    );
    assert!(lines.last().unwrap().contains("255"));
    for line in &lines {
        let fast = writers_parts(line).unwrap_or_else(|| panic!("gave up on {line}"));
        let slow = serde_json::from_str::<crate::Entry>(line).unwrap();
        // Equality of times ignores the offset: the Debug text shows it.
        assert_eq!(format!("{:?}", entry(fast)), format!("{slow:?}"), "{line}");
        seen.insert(slow.action.name());
    }
    assert_eq!(seen.len(), 12, "{seen:?}");
}

/// A line one step off the writer's form is left to the general loop,
/// whose answer (where it has one) is the derived reader's.
#[test]
fn a_line_off_the_writers_form_is_left_to_the_general_loop() {
    const START: &str = concat!(
        r#"{"event":"01955968-df40-710d-a48c-ea4c09676b8e","at":"2025-03-03T08:46:00+08:00","#,
        r#""actor":"C01","#
    );
    let report = format!(
        r#"{START}"action":"report","cell":"GCY-05","category":"0102","channel":"hotline","description":"桶满"}}"#
    );
    let rate = format!(r#"{START}"action":"rate","score":4}}"#);
    let postpone =
        format!(r#"{START}"action":"postpone","until":"2025-03-10","approved_by":"C02"}}"#);
    let escalate = format!(r#"{START}"action":"escalate","reason":"overdue"}}"#);
    for line in [&report, &rate, &postpone, &escalate] {
        assert!(writers_parts(line).is_some(), "{line}");
    }
    let read_alike = [
        // Space where the writer writes none.
        report.replacen(r#","cell""#, r#", "cell""#, 1),
        report.replacen(r#""cell":"#, r#""cell": "#, 1),
        rate.replacen(r#":4}"#, r#":4 }"#, 1),
        // The fields in another order.
        report.replacen(
            r#""cell":"GCY-05","category":"0102""#,
            r#""category":"0102","cell":"GCY-05""#,
            1,
        ),
        postpone.replacen(
            r#""until":"2025-03-10","approved_by":"C02""#,
            r#""approved_by":"C02","until":"2025-03-10""#,
            1,
        ),
        // A key before the action.
        format!(r#"{START}"cell":"GCY-05","action":"accept"}}"#),
        // A time chrono reads that is not of the fixed form, at the
        // time's place and of its length.
        rate.replacen("T08:46", "t08:46", 1),
    ];
    for line in &read_alike {
        assert!(writers_parts(line).is_none(), "{line}");
        let general = parts(line).map(entry).unwrap_or_else(|| panic!("{line}"));
        let slow = serde_json::from_str::<crate::Entry>(line).unwrap();
        assert_eq!(format!("{general:?}"), format!("{slow:?}"), "{line}");
    }
    let refused = [
        // A key of another name, one byte off, at each place.
        report.replacen(r#""action""#, r#""Action""#, 1),
        report.replacen(r#""cell""#, r#""Cell""#, 1),
        report.replacen(r#""category""#, r#""Category""#, 1),
        report.replacen(r#""channel""#, r#""Channel""#, 1),
        report.replacen(r#""description""#, r#""Description""#, 1),
        rate.replacen(r#""score""#, r#""Score""#, 1),
        postpone.replacen(r#""until""#, r#""Until""#, 1),
        postpone.replacen(r#""approved_by""#, r#""Approved_by""#, 1),
        escalate.replacen(r#""reason""#, r#""Reason""#, 1),
        // A field missing, or one too many.
        report.replacen(r#","description":"桶满""#, "", 1),
        format!(r#"{START}"action":"accept","cell":"GCY-05"}}"#),
        // Values the action does not take.
        report.replacen("hotline", "fax", 1),
        escalate.replacen("overdue", "late", 1),
        postpone.replacen("2025-03-10", "2025-02-30", 1),
        rate.replacen(":4}", ":04}", 1),
        rate.replacen(":4}", ":256}", 1),
        rate.replacen(":4}", ":4.0}", 1),
        format!(r#"{START}"action":"reopen"}}"#),
        // Something after the closing brace, or no brace.
        format!("{rate}}}"),
        rate.trim_end_matches('}').to_owned(),
        // An id or a time that is not one, each of the same length.
        rate.replacen("ea4c09676b8e", r#"ea4c09676\8e"#, 1),
        rate.replacen("ea4c09676b8e", "ea4c09676g8e", 1),
        rate.replacen("08:46:00", r#"08:46:\0"#, 1),
        rate.replacen("08:46:00", "08:46:60", 1),
        // A value that is not plain.
        report.replacen("桶满", r#"桶\"满"#, 1),
    ];
    for line in &refused {
        assert!(writers_parts(line).is_none(), "{line}");
    }
    // The escaped description is still read, by the derived reader.
    let escaped = refused.last().unwrap();
    assert!(crate::Entry::from_json_line(escaped).is_ok(), "{escaped}");
}

#[test]
fn short_strings_are_held_inline_and_long_ones_reuse_the_heap() {
    // Ids and codes of at most INLINE bytes allocate nothing, whatever
    // the line before held; a longer text takes over a heap string.
    let mut e = crate::Entry::from_json_line(&report_line(&"a".repeat(INLINE), "短")).unwrap();
    assert!(!e.actor.is_heap_allocated());
    assert!(
        capacities(&e).iter().all(|&c| c == INLINE),
        "{:?}",
        capacities(&e)
    );
    let long = "z".repeat(INLINE + 1);
    e.read_json_line(&report_line("W01", &long)).unwrap();
    match &e.action {
        crate::Action::Report {
            description, cell, ..
        } => {
            assert!(description.is_heap_allocated());
            assert!(!cell.is_heap_allocated());
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_long_buffer_is_not_reused_for_a_text_past_the_inline_size() {
    // 10,000 bytes, then a text of 25: a new string of about 25 bytes,
    // not the old buffer, whether the actor's or the action's.
    let long = "x".repeat(10_000);
    let next = "w".repeat(INLINE + 1);
    let mut e = crate::Entry::from_json_line(&report_line(&long, &long)).unwrap();
    e.read_json_line(&report_line(&next, &next)).unwrap();
    assert_eq!(e.actor, next);
    assert!(
        capacities(&e).iter().all(|&c| c < RETAIN),
        "{:?}",
        capacities(&e)
    );
}
