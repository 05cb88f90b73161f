//! Tests named after mistakes found in review.

use jiceng_approvals::{Case, Error, Limits, Options, Status, evaluate, statutory_limit};
use jiceng_calendar::{Calendar, Period};

fn case(json: &str) -> Case {
    serde_json::from_str(json).unwrap()
}

fn at(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

/// Art. 42: an extension is approved within the 20 days; one approved after
/// the limit ran out (31 March 2025 for acceptance on 3 March) must not turn
/// a late case back into a lawful one.
#[test]
fn extension_after_the_limit_ran_out_is_not_counted() {
    let c = case(
        r#"{"id":"late-ext","events":[
        {"date":"2025-03-03","kind":"received"},{"date":"2025-03-03","kind":"accepted"},
        {"date":"2025-04-08","kind":"extended","approved_by":"局长"},
        {"date":"2025-04-10","kind":"decided","outcome":"granted"}]}"#,
    );
    let cal = Calendar::china_mainland();
    let e = evaluate(&c, at("2025-04-30"), &cal, &Options::default()).unwrap();
    assert_eq!(e.deadlines.statutory_due, Some(at("2025-03-31")));
    assert!(e.deadlines.extension_late);
    assert_eq!(e.status, Status::ClosedLateAgainstStatute);
    // Open on the day of the late extension: still late.
    let e = evaluate(&c, at("2025-04-08"), &cal, &Options::default()).unwrap();
    assert_eq!(e.status, Status::LateAgainstStatute);
    // Approved in time (on 31 March, the last day), it counts: 30 working
    // days from 3 March, with Qingming 4–6 April: 1–3 Apr (23), 7–11 (28),
    // 14–15 Apr (30).
    let in_time = case(
        r#"{"id":"ext","events":[
        {"date":"2025-03-03","kind":"received"},{"date":"2025-03-03","kind":"accepted"},
        {"date":"2025-03-31","kind":"extended","approved_by":"局长"}]}"#,
    );
    let e = evaluate(&in_time, at("2025-04-01"), &cal, &Options::default()).unwrap();
    assert_eq!(e.deadlines.statutory_due, Some(at("2025-04-15")));
    assert!(!e.deadlines.extension_late);
}

/// `"joint": true` in a case file means 45 + 15 working days (Art. 42),
/// unless the file says otherwise.
#[test]
fn joint_cases_default_to_45_and_15_working_days() {
    let c = case(r#"{"id":"J","joint":true,"events":[]}"#);
    assert_eq!(c.limits, Limits::joint());
    let c = case(r#"{"id":"J","joint":true,"statutory":"30wd","events":[]}"#);
    assert_eq!(c.limits.statutory, Period::WorkingDays(30));
    assert_eq!(c.limits.extension, Period::WorkingDays(15));
    let plain = case(r#"{"id":"P","events":[]}"#);
    assert_eq!(plain.limits, Limits::default());
}

/// A statutory limit and extension too large to add are an error, not an
/// overflow.
#[test]
fn huge_limits_are_an_error() {
    let l = Limits {
        statutory: Period::WorkingDays(u32::MAX),
        ..Limits::default()
    };
    assert!(matches!(
        statutory_limit(&l, true),
        Err(Error::LimitTooLarge { .. })
    ));
}

/// Art. 44 concerns a licence granted: a refusal has no delivery limit.
#[test]
fn refusals_have_no_delivery_limit() {
    let c = case(
        r#"{"id":"R","events":[
        {"date":"2024-09-23","kind":"received"},{"date":"2024-09-23","kind":"accepted"},
        {"date":"2024-09-27","kind":"decided","outcome":"refused"}]}"#,
    );
    let e = evaluate(
        &c,
        at("2024-10-17"),
        &Calendar::china_mainland(),
        &Options::default(),
    )
    .unwrap();
    assert_eq!(e.deadlines.delivery_due, None);
    assert!(!e.delivery_late);
}

/// Issue 7: a case accepted on the fourth working day after receipt had
/// its clock started on the day of receipt, so a decision on the 20th
/// working day after acceptance was reported late. Received Monday 3 Mar
/// 2025, accepted Friday 7 Mar: 20 working days from 7 Mar → 10–14 (5),
/// 17–21 (10), 24–28 (15), 31 Mar (16), 1–3 Apr (19), 7 Apr (20) → 7 Apr.
#[test]
fn clock_started_at_receipt_for_an_acceptance_inside_the_window() {
    let c = case(
        r#"{"id":"w","events":[
        {"date":"2025-03-03","kind":"received"},{"date":"2025-03-07","kind":"accepted"},
        {"date":"2025-04-07","kind":"decided","outcome":"granted"}]}"#,
    );
    let e = evaluate(
        &c,
        at("2025-04-08"),
        &Calendar::china_mainland(),
        &Options::default(),
    )
    .unwrap();
    assert_eq!(e.deadlines.acceptance, Some(at("2025-03-07")));
    assert_eq!(e.deadlines.statutory_due, Some(at("2025-04-07")));
    assert_eq!(e.status, Status::ClosedOnTime);
}

/// Issue 7: `received` then `decided`, with no `accepted`, was refused as
/// an invalid transition; it is lawful under deemed acceptance.
#[test]
fn received_then_decided_was_refused() {
    let c = case(
        r#"{"id":"rd","events":[
        {"date":"2025-03-03","kind":"received"},
        {"date":"2025-03-04","kind":"decided","outcome":"granted"}]}"#,
    );
    let e = evaluate(
        &c,
        at("2025-03-04"),
        &Calendar::china_mainland(),
        &Options::default(),
    )
    .unwrap();
    assert_eq!(e.deadlines.acceptance, Some(at("2025-03-03")));
    assert_eq!(e.working_days_used, Some(1));
}

/// Issue 9: `synth --days 4294967295` panicked on a date out of range and
/// `--n 18446744073709551615` overflowed a capacity.
#[test]
fn synth_flags_beyond_their_limits_panicked() {
    use jiceng_approvals::synth;
    let cal = Calendar::china_mainland();
    let err = synth::cases(&cal, 1, 1, at("2025-01-01"), u32::MAX).unwrap_err();
    assert_eq!(
        err,
        Error::SynthLimit {
            what: "span of days",
            value: "4294967295".to_owned(),
            max: 36_600
        }
    );
    let err = synth::cases(&cal, 1, usize::MAX, at("2025-01-01"), 365).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "number of cases {} is beyond the limit of 100000000",
            usize::MAX
        )
    );
    // At the limits themselves: accepted (no case generated with n = 0).
    assert_eq!(
        synth::cases(&cal, 1, 0, at("2025-01-01"), 36_600),
        Ok(vec![])
    );
    assert!(synth::Generator::new(&cal, 1, 100_000_000, at("2025-01-01"), 365).is_ok());
    assert!(synth::Generator::new(&cal, 1, 100_000_001, at("2025-01-01"), 365).is_err());
    assert!(synth::Generator::new(&cal, 1, 1, at("2025-01-01"), 36_601).is_err());
}

#[test]
fn a_kilobyte_event_kind_made_a_kilobyte_message() {
    // Found by `fuzz_case_lines`: the "unknown event kind" message quoted
    // the whole value. The value is cut to its first 60 characters.
    let kind = "许可".repeat(500);
    let line = format!(r#"{{"id":"A","events":[{{"date":"2025-03-03","kind":"{kind}"}}]}}"#);
    let m = Case::from_json(&line).unwrap_err().to_string();
    let cut = format!(
        "unknown event kind \"{}\"… on 2025-03-03",
        "许可".repeat(30)
    );
    assert!(m.contains(&cut), "{m}");
    assert!(m.len() < 4000, "{} bytes", m.len());
}

#[test]
fn a_kilobyte_channel_made_a_kilobyte_message() {
    // The same for serde's own "unknown variant `…`, expected …" message.
    let channel = "窗口".repeat(500);
    let line = format!(r#"{{"id":"A","channel":"{channel}","events":[]}}"#);
    let m = Case::from_json(&line).unwrap_err().to_string();
    let cut = format!("unknown variant `{}…`, expected", "窗口".repeat(30));
    assert!(m.contains(&cut), "{m}");
    assert!(m.len() < 1000, "{} bytes", m.len());
}

#[test]
fn a_kilobyte_unknown_field_name_made_a_kilobyte_message() {
    // Found by `fuzz_case_lines` in CI: the "unknown field" message named
    // the whole key. The name is cut to its first 60 characters.
    let key = "许可法".repeat(500);
    let line = format!(r#"{{"id":"A","{key}":true,"events":[]}}"#);
    let m = Case::from_json(&line).unwrap_err().to_string();
    let want = format!(
        "field `{}…`, value true: unknown field",
        "许可法".repeat(20)
    );
    assert_eq!(m, want);
}

#[test]
fn an_event_field_name_holding_at_line_escaped_the_cut() {
    // The position of serde's message was cut at the last " at line ",
    // which a key may hold: the cut then took "`, expected …" off too, and
    // the 1,000-character name was left whole.
    let key = format!("{} at line 1", "x".repeat(1000));
    let line =
        format!(r#"{{"id":"A","events":[{{"date":"2025-01-02","kind":"received","{key}":1}}]}}"#);
    let m = Case::from_json(&line).unwrap_err().to_string();
    let cut = format!("unknown field `{}…`, expected", "x".repeat(60));
    assert!(m.contains(&cut), "{m}");
    assert!(m.len() < 400, "{} bytes", m.len());
}

/// The extension event's own `length` was capped by the law's 10 working
/// days only, not by the case's own extension limit: an item that allows
/// no extension (个体工商户注册登记, HBFW-XK-002, `extension_allowed =
/// false`, 15wd) got 10 more days when the event said `"length":"10wd"`.
///
/// Worked by hand (July 2023 has no holiday): accepted Monday 3 July;
/// 15wd → 4–7 (4), 10–14 (9), 17–21 (14), 24 (15): 24 July; 20wd → 25–28
/// (19), 31 July (20); 20 + 5 → 1–4 Aug (24), 7 Aug (25).
#[test]
fn an_extension_event_stating_a_length_overrode_the_items_own_limit() {
    let cal = Calendar::china_mainland();
    let ev = |ext: &str, length: &str| {
        let length = if length.is_empty() {
            String::new()
        } else {
            format!(r#","length":"{length}""#)
        };
        case(&format!(
            r#"{{"id":"K","extension":"{ext}","events":[
            {{"date":"2023-07-03","kind":"received"}},{{"date":"2023-07-03","kind":"accepted"}},
            {{"date":"2023-07-05","kind":"extended"{length},"approved_by":"局长"}}]}}"#
        ))
    };
    let check = |ext: &str, length: &str, due: &str, counted: u32, too_long: bool| {
        let e = evaluate(
            &ev(ext, length),
            at("2023-07-05"),
            &cal,
            &Options::default(),
        )
        .unwrap();
        let what = format!("extension {ext}, event length {length:?}");
        assert_eq!(e.deadlines.statutory_due, Some(at(due)), "{what}");
        assert_eq!(e.deadlines.extension_counted, counted, "{what}");
        assert_eq!(
            e.flags.contains(jiceng_approvals::Flag::ExtensionTooLong),
            too_long,
            "{what}"
        );
    };
    // No extension allowed: the event stays, and counts for nothing.
    check("0wd", "10wd", "2023-07-31", 0, true);
    check("0wd", "1wd", "2023-07-31", 0, true);
    check("0wd", "", "2023-07-31", 0, false);
    // 5 allowed: at the limit it counts in full, one day more is capped.
    check("5wd", "5wd", "2023-08-07", 5, false);
    check("5wd", "6wd", "2023-08-07", 5, true);
    check("5wd", "10wd", "2023-08-07", 5, true);
    check("5wd", "", "2023-08-07", 5, false);
    // The law's own 10 still caps a longer limit and a longer event.
    check("10wd", "4wd", "2023-08-04", 4, false);
    check("10wd", "11wd", "2023-08-14", 10, true);

    // The same item resolved from the bundled catalogue: 肃宁镇 offers
    // HBFW-XK-002 at the provincial template's 15wd with no extension.
    let cat = jiceng_approvals::Catalogue::suning_sample();
    let line = r#"{"id":"K11","item":"HBFW-XK-002","division":"130926100000","events":[{"date":"2023-07-03","kind":"received"},{"date":"2023-07-03","kind":"accepted"},{"date":"2023-07-05","kind":"extended","length":"10wd","approved_by":"镇长"}]}"#;
    let mut k11 = case(line);
    cat.apply(
        &mut k11,
        &jiceng_approvals::Inline::from_json(line).unwrap(),
    )
    .unwrap();
    let e = evaluate(&k11, at("2023-07-05"), &cal, &Options::default()).unwrap();
    assert_eq!(e.deadlines.statutory_due, Some(at("2023-07-24")));
    assert_eq!(e.deadlines.statutory_base_due, Some(at("2023-07-24")));
    assert_eq!(e.deadlines.extension_counted, 0);
    assert!(e.flags.contains(jiceng_approvals::Flag::ExtensionTooLong));
}

/// A suspension longer than a month is listed as one run of days, and the
/// explanation counted the run as "1 suspended days", with the weekends
/// and holidays inside it not counted at all: the sentence disagreed with
/// `suspended_working_days` and its counts did not add up.
///
/// Worked by hand from 国办发明电〔2024〕12号 (清明 4–6 April; 劳动节 1–5
/// May, Sunday 27 April worked). Accepted Monday 3 March 2025, suspended
/// from Monday 10 March (testing), resumed on the `resumed` day:
///
/// * resumed 14 April (L1): stopped 10 Mar–13 Apr, 35 days: working days
///   10–14, 17–21, 24–28, 31 Mar, 1–3 Apr, 7–11 Apr = 24; holidays 4–6
///   Apr = 3; weekends 15, 16, 22, 23, 29, 30 Mar, 12, 13 Apr = 8. Counted:
///   4–7 Mar (4), 14–18 Apr (9), 21–25 (14), Sunday 27 (15), 28–30 (18),
///   6–7 May (20): due 7 May. Weekends outside: 8, 9 Mar, 19, 20, 26 Apr
///   = 5; holidays 1–5 May = 5. In all 13 weekend days, 8 holidays, 24
///   suspended: 45 skipped of the 65 days 4 Mar–7 May, 20 counted.
/// * resumed 11 April (32 days stopped, the shortest run listed as one):
///   23 suspended, 3 holidays, 6 weekend days inside; counted 4–7 Mar (4),
///   11 Apr (5), 14–18 (10), 21–25 (15), 27 (16), 28–30 (19), 6 May (20):
///   due 6 May; outside 7 weekend days and 5 holidays: 13, 8, 23 (44 of
///   the 64 days 4 Mar–6 May).
/// * resumed 10 April (31 days stopped, the longest listed day by day):
///   22 suspended, 3 holidays, 6 weekend days inside; counted to 30 April
///   (10–11 Apr (6), 14–18 (11), 21–25 (16), 27 (17), 28–30 (20)); outside
///   7 weekend days: 13, 3, 22 (38 of the 58 days 4 Mar–30 Apr).
#[test]
fn a_suspension_longer_than_a_month_was_explained_as_one_suspended_day() {
    let cal = Calendar::china_mainland();
    let check = |resumed: &str, due: &str, we: u32, ho: u32, su: i64| {
        let c = case(&format!(
            r#"{{"id":"L","events":[
            {{"date":"2025-03-03","kind":"received"}},{{"date":"2025-03-03","kind":"accepted"}},
            {{"date":"2025-03-10","kind":"suspended","reason":"testing"}},
            {{"date":"{resumed}","kind":"resumed"}},
            {{"date":"2025-04-30","kind":"decided","outcome":"granted"}}]}}"#
        ));
        let ex =
            jiceng_approvals::explain(&c, at("2025-06-30"), &cal, &Options::default()).unwrap();
        assert_eq!(ex.evaluation.deadlines.statutory_due, Some(at(due)));
        assert_eq!(ex.evaluation.suspended_working_days, su);
        let st = ex
            .statements
            .iter()
            .find(|s| s.topic == "statutory")
            .unwrap();
        assert!(
            st.en.contains(&format!(
                "ends {due}; skipped {we} weekend days, {ho} holidays, {su} suspended days"
            )),
            "{}",
            st.en
        );
        assert!(
            st.zh.contains(&format!(
                "至{due}届满；不计周末{we}日、节假日{ho}日、暂停计时{su}日"
            )),
            "{}",
            st.zh
        );
    };
    check("2025-04-14", "2025-05-07", 13, 8, 24);
    check("2025-04-11", "2025-05-06", 13, 8, 23);
    check("2025-04-10", "2025-04-30", 13, 3, 22);
}

/// A statutory limit in calendar days ("20d", "1m") was refused only once
/// a clock ran on it: received 3 March 2025 and not yet accepted, the case
/// was evaluated on 10 March (inside the Art. 32 window, 3 → 10 March is
/// 5 working days) and refused on 20 March. Art. 82 makes the limit
/// malformed whatever the date, as an extension or delivery limit in
/// calendar days already was.
#[test]
fn a_statutory_limit_in_calendar_days_was_refused_only_once_a_clock_ran() {
    let cal = Calendar::china_mainland();
    for limit in ["20d", "1m", "1y"] {
        for events in [
            r#"[]"#,
            r#"[{"date":"2025-03-03","kind":"received"}]"#,
            r#"[{"date":"2025-03-03","kind":"received"},{"date":"2025-03-03","kind":"accepted"}]"#,
        ] {
            let c = case(&format!(
                r#"{{"id":"B7","statutory":"{limit}","events":{events}}}"#
            ));
            for date in ["2025-03-01", "2025-03-10", "2025-03-11", "2025-03-20"] {
                let e = evaluate(&c, at(date), &cal, &Options::default());
                assert_eq!(
                    e,
                    Err(Error::NotWorkingDays {
                        period: limit.to_owned()
                    }),
                    "{limit} {events} on {date}"
                );
            }
        }
    }
    // In working days it is evaluated on every one of those dates.
    let c = case(
        r#"{"id":"B7","statutory":"20wd","events":[{"date":"2025-03-03","kind":"received"}]}"#,
    );
    for date in ["2025-03-01", "2025-03-10", "2025-03-11", "2025-03-20"] {
        assert!(evaluate(&c, at(date), &cal, &Options::default()).is_ok());
    }
}

/// The same long suspension on a promise in calendar days: such a clock
/// counts days off, so every day of the run is a suspended day. Promised
/// 60 days from 3 March 2025, stopped 10 March–13 April (35 days): 4–9
/// March (6), then 14–30 April (23), May (54), 1–6 June (60): Friday 6
/// June, a working day (端午节 ended 2 June). 95 days 4 March–6 June, 35
/// skipped, 60 counted.
#[test]
fn a_long_suspension_of_a_calendar_day_promise_was_explained_as_one_day() {
    let c = case(
        r#"{"id":"L","promised":"60d","events":[
        {"date":"2025-03-03","kind":"received"},{"date":"2025-03-03","kind":"accepted"},
        {"date":"2025-03-10","kind":"suspended","reason":"testing"},
        {"date":"2025-04-14","kind":"resumed"},
        {"date":"2025-04-30","kind":"decided","outcome":"granted"}]}"#,
    );
    let cal = Calendar::china_mainland();
    let ex = jiceng_approvals::explain(&c, at("2025-06-30"), &cal, &Options::default()).unwrap();
    let st = ex
        .statements
        .iter()
        .find(|s| s.topic == "promised")
        .unwrap();
    assert!(
        st.en.ends_with(
            "60d from 2025-03-03 (not counted) ends 2025-06-06; skipped 0 weekend days, 0 holidays, 35 suspended days"
        ),
        "{}",
        st.en
    );
}

/// The extension statement names the case's own limit only when it is
/// below the law's: "this item 0" for an item that allows none (accepted
/// 3 July 2023, see above), nothing for a limit of 10 (the law's) or 15
/// (above it, counted for the law's 10).
#[test]
fn the_extension_statement_names_an_items_own_limit_below_the_laws() {
    let cal = Calendar::china_mainland();
    for (ext, own) in [
        ("0wd", Some(0)),
        ("5wd", Some(5)),
        ("10wd", None),
        ("15wd", None),
    ] {
        let c = case(&format!(
            r#"{{"id":"K","extension":"{ext}","events":[
            {{"date":"2023-07-03","kind":"received"}},{{"date":"2023-07-03","kind":"accepted"}},
            {{"date":"2023-07-05","kind":"extended","length":"10wd","approved_by":"局长"}}]}}"#
        ));
        let ex =
            jiceng_approvals::explain(&c, at("2023-07-05"), &cal, &Options::default()).unwrap();
        let st = ex
            .statements
            .iter()
            .find(|s| s.topic == "extension")
            .unwrap();
        let (en, zh) = match own {
            Some(n) => (
                format!("the law allows 10 working days once, this item {n};"),
                format!("法定可延长一次、10个工作日，本事项可延长{n}个工作日；"),
            ),
            None => (
                "the law allows 10 working days once;".to_owned(),
                "法定可延长一次、10个工作日；".to_owned(),
            ),
        };
        assert!(st.en.contains(&en), "{ext}: {}", st.en);
        assert!(st.zh.contains(&zh), "{ext}: {}", st.zh);
        assert!(
            st.en.contains("(head of the agency), for 10wd;"),
            "{}",
            st.en
        );
    }
}

/// Case H2: accepted Friday 26 September 2025, told of the right to a
/// hearing on 9 October, requested on 15 October: the 5 days (calendar
/// days, the applicant's) ran from 10 to 14 October, so the request is
/// late and the law no longer requires a hearing. Art. 45 leaves out only
/// hearing time "依法需要听证", so the request stopped no clock.
///
/// 20 working days from 26 Sep (not counted), under 国办发明电〔2024〕12号:
/// Sun 28 Sep (1, worked), 29–30 Sep (3), 1–8 Oct off, 9–10 Oct (5),
/// Sat 11 Oct (6, worked), 13–17 Oct (11), 20–24 Oct (16), 27–30 Oct (20)
/// → 30 October; on 3 November the case is late against the statute.
#[test]
fn hearing_requested_late_stopped_both_clocks() {
    const H2: &str = r#"{"id":"H2","events":[{"date":"2025-09-26","kind":"received"},{"date":"2025-09-26","kind":"accepted"},{"date":"2025-10-09","kind":"hearing_notified"},{"date":"2025-10-15","kind":"hearing_requested"}"#;
    let cal = Calendar::china_mainland();
    let open = case(&format!("{H2}]}}"));
    let e = evaluate(&open, at("2025-11-03"), &cal, &Options::default()).unwrap();
    assert_eq!(e.deadlines.hearing_request_due, Some(at("2025-10-14")));
    assert_eq!(e.deadlines.statutory_due, Some(at("2025-10-30")));
    assert_eq!(e.suspended_working_days, 0);
    assert_eq!(e.status, Status::LateAgainstStatute);
    assert_eq!(
        e.flags.iter().map(|f| f.name()).collect::<Vec<_>>(),
        ["overdue_against_statute", "hearing_request_late"]
    );
    // On 20 October the clock runs: 21–24 and 27–30 Oct are 8 working
    // days left, more than the 2 of "due soon".
    let e = evaluate(&open, at("2025-10-20"), &cal, &Options::default()).unwrap();
    assert_eq!(e.status, Status::OnTrack);
    // A request in time (14 Oct) stops the clocks as before.
    let timely = case(&format!("{}]}}", H2.replace("2025-10-15", "2025-10-14")));
    let e = evaluate(&timely, at("2025-10-20"), &cal, &Options::default()).unwrap();
    assert_eq!(e.status, Status::Suspended);
}

/// A hearing the agency holds after a late request is hearing time all
/// the same: held on 24 Oct, it leaves out 15–24 Oct (15–17, 20–24: 8
/// working days). Counted before it: 28, 29, 30 Sep, 9, 10, 11, 13, 14 Oct
/// (8); after it: 27–31 Oct (13), 3–7 Nov (18), 10–11 Nov (20) → 11 Nov.
#[test]
fn hearing_held_after_a_late_request_is_not_counted() {
    let c = case(
        r#"{"id":"H2h","events":[{"date":"2025-09-26","kind":"received"},{"date":"2025-09-26","kind":"accepted"},{"date":"2025-10-09","kind":"hearing_notified"},{"date":"2025-10-15","kind":"hearing_requested"},{"date":"2025-10-24","kind":"hearing_held"}]}"#,
    );
    let cal = Calendar::china_mainland();
    let e = evaluate(&c, at("2025-11-03"), &cal, &Options::default()).unwrap();
    assert_eq!(e.deadlines.statutory_due, Some(at("2025-11-11")));
    assert_eq!(e.suspended_working_days, 8);
    // 4–7, 10–11 Nov: 6 working days left.
    assert_eq!(e.status, Status::OnTrack);
    assert_eq!(
        e.flags.iter().map(|f| f.name()).collect::<Vec<_>>(),
        ["hearing_request_late"]
    );
}

/// The hearing statement says whether the request's time is counted:
/// told 9 Oct 2025, the 5 days end 14 Oct. A request on 14 Oct (the last
/// day) is in time; on 15 Oct it is late and, with no hearing held, its
/// time is counted; held on 24 Oct, it is left out again.
#[test]
fn the_hearing_statement_said_a_late_request_was_not_counted() {
    let cal = Calendar::china_mainland();
    let text = |requested: &str, held: bool| {
        let c = case(&format!(
            r#"{{"id":"H","events":[{{"date":"2025-09-26","kind":"received"}},{{"date":"2025-09-26","kind":"accepted"}},{{"date":"2025-10-09","kind":"hearing_notified"}},{{"date":"{requested}","kind":"hearing_requested"}}{}]}}"#,
            if held {
                r#",{"date":"2025-10-24","kind":"hearing_held"}"#
            } else {
                ""
            }
        ));
        let ex =
            jiceng_approvals::explain(&c, at("2025-10-27"), &cal, &Options::default()).unwrap();
        ex.statements
            .iter()
            .find(|s| s.en.starts_with("hearing requested"))
            .map(|s| (s.en.clone(), s.zh.clone()))
            .unwrap()
    };
    let not_counted = "hearing time is not counted";
    let counted = "requested after the 5 days and not held: the law does not require this hearing, so its time is counted and the clocks run";
    for (requested, held, expected, zh) in [
        (
            "2025-10-14",
            false,
            not_counted,
            "听证所需时间不计算在期限内",
        ),
        (
            "2025-10-14",
            true,
            not_counted,
            "听证所需时间不计算在期限内",
        ),
        (
            "2025-10-15",
            false,
            counted,
            "申请已逾五日且未举行听证：该听证并非依法需要，所需时间计算在期限内，继续计时",
        ),
        (
            "2025-10-15",
            true,
            not_counted,
            "听证所需时间不计算在期限内",
        ),
    ] {
        let (en, cn) = text(requested, held);
        assert!(en.ends_with(expected), "{requested} {held}: {en}");
        assert!(cn.ends_with(zh), "{requested} {held}: {cn}");
    }
}
