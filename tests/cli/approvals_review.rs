//! `jiceng approvals` and `approvals catalogue`: cases a review worked by
//! hand against the release binary, each named after what it found.

#![allow(clippy::unwrap_used)]

use super::*;

/// One case in each of the 15 statuses on Thursday 20 March 2025 (March
/// 2025 has no holiday):
///
/// * S01 received 1 April: not yet received.
/// * S02 received 19 March: its 5-day window runs to 26 March.
/// * S03 notified of incomplete materials: awaiting the supplement.
/// * S04 accepted 17 March by a lower agency, not forwarded (Art. 43).
/// * S05 accepted 17 March, 20wd to 14 April: on track.
/// * S06 promised 3wd from 18 March: due 21 March, 1 day left.
/// * S07 suspended on 12 March and not resumed.
/// * S08 promised 1wd from 10 March: due 11 March, passed.
/// * S09 accepted 2 January: 20wd ran out in February.
/// * S10 accepted 3 March, decided 5 March: 20wd runs to 31 March.
/// * S11 promised 2wd from 3 March: due and decided 5 March.
/// * S12 promised 1wd from 3 March: due 4 March, decided 5 March.
/// * S13 accepted 2 January, decided 5 March.
/// * S14 rejected, S15 withdrawn.
const EVERY_STATUS: &str = r#"{"id":"S01","events":[{"date":"2025-04-01","kind":"received"}]}
{"id":"S02","events":[{"date":"2025-03-19","kind":"received"}]}
{"id":"S03","events":[{"date":"2025-03-17","kind":"received"},{"date":"2025-03-18","kind":"incomplete_notice"}]}
{"id":"S04","preliminary_review":true,"events":[{"date":"2025-03-17","kind":"received"},{"date":"2025-03-17","kind":"accepted"}]}
{"id":"S05","events":[{"date":"2025-03-17","kind":"received"},{"date":"2025-03-17","kind":"accepted"}]}
{"id":"S06","promised":"3wd","events":[{"date":"2025-03-18","kind":"received"},{"date":"2025-03-18","kind":"accepted"}]}
{"id":"S07","events":[{"date":"2025-03-10","kind":"received"},{"date":"2025-03-10","kind":"accepted"},{"date":"2025-03-12","kind":"suspended","reason":"testing"}]}
{"id":"S08","promised":"1wd","events":[{"date":"2025-03-10","kind":"received"},{"date":"2025-03-10","kind":"accepted"}]}
{"id":"S09","events":[{"date":"2025-01-02","kind":"received"},{"date":"2025-01-02","kind":"accepted"}]}
{"id":"S10","events":[{"date":"2025-03-03","kind":"received"},{"date":"2025-03-03","kind":"accepted"},{"date":"2025-03-05","kind":"decided","outcome":"granted"}]}
{"id":"S11","promised":"2wd","events":[{"date":"2025-03-03","kind":"received"},{"date":"2025-03-03","kind":"accepted"},{"date":"2025-03-05","kind":"decided","outcome":"granted"}]}
{"id":"S12","promised":"1wd","events":[{"date":"2025-03-03","kind":"received"},{"date":"2025-03-03","kind":"accepted"},{"date":"2025-03-05","kind":"decided","outcome":"granted"}]}
{"id":"S13","events":[{"date":"2025-01-02","kind":"received"},{"date":"2025-01-02","kind":"accepted"},{"date":"2025-03-05","kind":"decided","outcome":"granted"}]}
{"id":"S14","events":[{"date":"2025-03-03","kind":"received"},{"date":"2025-03-04","kind":"rejected","reason":"不属于本机关职权范围"}]}
{"id":"S15","events":[{"date":"2025-03-03","kind":"received"},{"date":"2025-03-04","kind":"withdrawn"}]}
"#;

/// The Chinese summary printed "状态\t?\t1" for a case under preliminary
/// review: its list of statuses had left one out. Every status, in both
/// languages, on its case line and in the summary.
#[test]
fn approvals_summary_named_preliminary_review_with_a_question_mark() {
    let statuses = [
        ("not_yet_received", "尚未收件"),
        ("awaiting_acceptance", "待受理"),
        ("awaiting_supplement", "待补正"),
        ("preliminary_review", "下级机关初步审查"),
        ("on_track", "正常办理"),
        ("due_soon", "即将到期"),
        ("suspended", "暂停计时"),
        ("late_against_promise", "超承诺时限"),
        ("late_against_statute", "超法定期限"),
        ("closed_early", "提前办结"),
        ("closed_on_time", "按期办结"),
        ("closed_late_against_promise", "超承诺时限办结"),
        ("closed_late_against_statute", "超法定期限办结"),
        ("rejected", "不予受理"),
        ("withdrawn", "撤回"),
    ];
    let args = ["approvals", "evaluate", "-", "--at", "2025-03-20"];
    let (code, en, err) = jiceng(&args, EVERY_STATUS);
    assert_eq!(code, 0, "{err}");
    let (code, zh, err) = jiceng(&[&["--lang", "zh"][..], &args[..]].concat(), EVERY_STATUS);
    assert_eq!(code, 0, "{err}");
    for (i, (name, label)) in statuses.iter().enumerate() {
        let id = format!("S{:02}", i + 1);
        assert!(en.contains(&format!("{id}\t{name}\t")), "{id} {name}: {en}");
        assert!(
            zh.contains(&format!("{id}\t{label}\t")),
            "{id} {label}: {zh}"
        );
        assert!(
            en.contains(&format!("\nstatus\t{name}\t1\n")),
            "{name}: {en}"
        );
        assert!(
            zh.contains(&format!("\n状态\t{label}\t1\n")),
            "{label}: {zh}"
        );
    }
    assert_eq!(zh.matches("\n状态\t").count(), 15, "{zh}");
    assert!(!zh.contains('?'), "{zh}");
}

/// `approvals evaluate` counted an extension event's own length on an
/// item that allows none (个体工商户注册登记, 15wd, no extension): 7 August
/// and 10 days counted instead of 24 July and 0. Accepted Monday 3 July
/// 2023 (no holiday that month): 15wd → 4–7 (4), 10–14 (9), 17–21 (14),
/// 24 (15). Inline, 0wd allowed: 20wd → 31 July; 5wd allowed with a
/// 10wd event: 5 counted → 1–4 Aug (24), 7 Aug (25).
#[test]
fn approvals_extension_length_overrode_an_item_that_allows_none() {
    let lines = r#"{"id":"K11","item":"HBFW-XK-002","division":"130926100000","events":[{"date":"2023-07-03","kind":"received"},{"date":"2023-07-03","kind":"accepted"},{"date":"2023-07-05","kind":"extended","length":"10wd","approved_by":"镇长"}]}
{"id":"K11c","extension":"0wd","events":[{"date":"2023-07-03","kind":"received"},{"date":"2023-07-03","kind":"accepted"},{"date":"2023-07-05","kind":"extended","length":"10wd","approved_by":"局长"}]}
{"id":"K11d","extension":"5wd","events":[{"date":"2023-07-03","kind":"received"},{"date":"2023-07-03","kind":"accepted"},{"date":"2023-07-05","kind":"extended","length":"10wd","approved_by":"局长"}]}
"#;
    let (code, out, err) = jiceng(
        &["approvals", "evaluate", "-", "--at", "2023-07-05", "--json"],
        lines,
    );
    assert_eq!(code, 0, "{err}");
    let v: Vec<serde_json::Value> = out
        .lines()
        .take(3)
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for (v, (due, counted)) in
        v.iter()
            .zip([("2023-07-24", 0), ("2023-07-31", 0), ("2023-08-07", 5)])
    {
        assert_eq!(v["deadlines"]["statutory_due"], due, "{v}");
        assert_eq!(v["deadlines"]["extension_counted"], counted, "{v}");
        assert!(
            v["flags"]
                .as_array()
                .unwrap()
                .contains(&serde_json::json!("extension_too_long")),
            "{v}"
        );
    }
}

/// The explanation of a 35-day suspension said "1 suspended days": see
/// the library's regression test for the working (accepted 3 March 2025,
/// stopped 10 March–13 April: 24 working days, 3 holidays and 8 weekend
/// days inside; due 7 May).
#[test]
fn approvals_explain_counted_a_long_suspension_as_one_day() {
    let line = r#"{"id":"L1","events":[{"date":"2025-03-03","kind":"received"},{"date":"2025-03-03","kind":"accepted"},{"date":"2025-03-10","kind":"suspended","reason":"testing"},{"date":"2025-04-14","kind":"resumed"},{"date":"2025-04-30","kind":"decided","outcome":"granted"}]}
"#;
    let args = [
        "approvals",
        "evaluate",
        "-",
        "--at",
        "2025-06-30",
        "--explain",
    ];
    let (code, en, err) = jiceng(&args, line);
    assert_eq!(code, 0, "{err}");
    assert!(
        // The clock counted Sunday 27 April, a Labour Day make-up day
        // (国办发明电〔2024〕12号), and names it.
        en.contains("ends 2025-05-07; skipped 13 weekend days, 8 holidays, 24 suspended days; counted make-up working days: 2025-04-27 (劳动节, 国办发明电〔2024〕12号)\t"),
        "{en}"
    );
    let (code, zh, err) = jiceng(&[&["--lang", "zh"][..], &args[..]].concat(), line);
    assert_eq!(code, 0, "{err}");
    assert!(
        zh.contains("至2025-05-07届满；不计周末13日、节假日8日、暂停计时24日；计入调休上班日：2025-04-27（劳动节调休上班，国办发明电〔2024〕12号）\t"),
        "{zh}"
    );
}

/// A statutory limit in calendar days was evaluated on 10 March (the
/// Art. 32 window of a case received 3 March still running) and refused
/// on 20 March: it is a bad line on every date (Art. 82).
#[test]
fn approvals_calendar_day_statutory_limit_was_refused_only_on_some_dates() {
    for limit in ["20d", "1m"] {
        let line = format!(
            "{{\"id\":\"B7\",\"statutory\":\"{limit}\",\"events\":[{{\"date\":\"2025-03-03\",\"kind\":\"received\"}}]}}\n"
        );
        for at in ["2025-03-03", "2025-03-10", "2025-03-11", "2025-03-20"] {
            let (code, _, err) = jiceng(&["approvals", "evaluate", "-", "--at", at], &line);
            assert_eq!(code, 1, "{limit} at {at}: {err}");
            assert!(
                err.contains(&format!("limit {limit} must be in working days"))
                    && err.contains("行政许可法第八十二条"),
                "{limit} at {at}: {err}"
            );
        }
    }
}

/// Approvals errors outside the calendar's coverage did not name the
/// `--provisional` flag, as the calendar commands do. 20 working days
/// from 10 December 2026 run into January 2027, which no notice covers
/// yet (the last bundled notice is for 2026).
#[test]
fn approvals_errors_outside_coverage_did_not_name_provisional() {
    expect_input_error(
        &["approvals", "deadline", "--accepted", "2026-12-10"],
        "",
        &["pass --provisional to answer"],
    );
    expect_input_error(
        &[
            "--lang",
            "zh",
            "approvals",
            "deadline",
            "--accepted",
            "2026-12-10",
        ],
        "",
        &["加 --provisional"],
    );
    let line = r#"{"id":"P","events":[{"date":"2026-12-10","kind":"received"},{"date":"2026-12-10","kind":"accepted"}]}
"#;
    let (code, _, err) = jiceng(&["approvals", "evaluate", "-", "--at", "2026-12-20"], line);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("pass --provisional to answer"), "{err}");
    // With the flag it answers, flagged provisional.
    let (code, out, err) = jiceng(
        &[
            "approvals",
            "deadline",
            "--accepted",
            "2026-12-10",
            "--provisional",
            "--json",
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\"provisional\":true"), "{out}");
}

/// `catalogue check` accepted a statutory limit (or an extension) in
/// calendar days, which every case of the item is then refused for. The
/// bundled catalogue has 630 lines; an entry appended after a blank line
/// starts at line 632. 肃宁镇 offering the county's sewer permit (its
/// holder, 130926-zjj, decides) is otherwise clean.
#[test]
fn approvals_catalogue_check_accepted_limits_in_calendar_days() {
    let dir = Scratch::new("approvals-cat-days");
    let bundled = include_str!("../../crates/approvals/data/suning-catalogue.toml");
    let first = bundled.lines().count() + 2;
    for (limit, bad) in [
        ("statutory = \"20d\"", true),
        ("extension = \"15d\"", true),
        ("statutory = \"20wd\"", false),
        ("extension = \"10wd\"", false),
    ] {
        let text = format!(
            "{bundled}\n[[entry]]\ndivision = \"130926100000\"\ncode = \"HBFW-XK-005\"\nfrom = \"2023-01-01\"\n{limit}\ndeciding_body = \"130926-zjj\"\n"
        );
        let f = dir.write("f.toml", &text);
        let (code, out, err) = jiceng(&["approvals", "catalogue", "check", path_str(&f)], "");
        let found: Vec<_> = out
            .lines()
            .filter(|l| l.contains("\tlimit_not_working_days\t"))
            .collect();
        if bad {
            assert_eq!(code, 1, "{limit}: {out}{err}");
            assert_eq!(found.len(), 1, "{limit}: {out}");
            assert!(
                found[0].contains(&format!("f.toml:{first}\t"))
                    && found[0].contains("\t130926100000\tHBFW-XK-005\t2023-01-01\t")
                    && found[0].contains("行政许可法第八十二条"),
                "{limit}: {out}"
            );
            assert!(
                out.ends_with("1 error, 0 warnings in 61 entries\n"),
                "{out}"
            );
        } else {
            assert_eq!(code, 0, "{limit}: {out}{err}");
            assert_eq!(out, "0 errors, 0 warnings in 61 entries\n");
        }
    }
}

/// `catalogue check` never compared a promise and a statute in different
/// units: "2m" against 20 working days passed, and every case was then
/// flagged. 肃宁镇 offering the sewer permit (20wd) from Sunday 1 January
/// 2023, its entry at line 632 (see above): "2m" ends on 1 March for a
/// case accepted that day, 20 working days on 2 February (3–6 Jan (4),
/// 9–13 (9), 16–20 (14), Saturday 28 and Sunday 29 Jan worked (16), 30
/// Jan–2 Feb (20)); "28d" is first longer for a case accepted on Thursday
/// 26 January (23 Feb against 22 Feb); "20d" never is.
#[test]
fn approvals_catalogue_check_compared_promises_in_one_unit_only() {
    let dir = Scratch::new("approvals-cat-units");
    let bundled = include_str!("../../crates/approvals/data/suning-catalogue.toml");
    let line = bundled.lines().count() + 2;
    for (promised, found) in [
        ("2m", Some("2023-01-01")),
        ("28d", Some("2023-01-26")),
        ("20d", None),
    ] {
        let text = format!(
            "{bundled}\n[[entry]]\ndivision = \"130926100000\"\ncode = \"HBFW-XK-005\"\nfrom = \"2023-01-01\"\npromised = \"{promised}\"\ndeciding_body = \"130926-zjj\"\n"
        );
        let f = dir.write("f.toml", &text);
        let (code, out, err) = jiceng(&["approvals", "catalogue", "check", path_str(&f)], "");
        match found {
            Some(day) => {
                assert_eq!(code, 1, "{promised}: {out}{err}");
                assert!(
                    out.starts_with(&format!(
                        "{}:{line}\tpromise_longer_than_statute\t130926100000\tHBFW-XK-005\t{day}\t",
                        path_str(&f)
                    )),
                    "{promised}: {out}"
                );
                assert!(
                    out.ends_with("1 error, 0 warnings in 61 entries\n"),
                    "{out}"
                );
            }
            None => assert_eq!(
                (code, out.as_str()),
                (0, "0 errors, 0 warnings in 61 entries\n")
            ),
        }
    }
}

/// `approvals items` for a township offering nothing printed only the
/// header, and for a village printed nothing at all, while `guide` and
/// `evaluate` find a village's items at its township. The sample's
/// townships offer their items from 1 July 2022 (4 each, 12 at 尚村镇):
/// on 30 June 2022 师素镇 (130926105000) offers nothing; on 1 July 2022
/// its 4; a village of 尚村镇 (130926103201) offers the town's 12 on
/// 1 March 2024.
#[test]
fn approvals_items_said_nothing_for_an_empty_township_and_a_village() {
    let items = |division: &str, date: &str, extra: &[&str]| {
        let args = [
            &["approvals", "items", "--division", division, "--date", date][..],
            extra,
        ]
        .concat();
        let (code, out, err) = jiceng(&args, "");
        assert_eq!(code, 0, "{err}");
        out
    };
    assert_eq!(
        items("130926105000", "2022-06-30", &[]),
        "nothing offered in 130926105000 on 2022-06-30\n"
    );
    assert_eq!(
        items("130926105000", "2022-06-30", &["--format", "md"]),
        "nothing offered in 130926105000 on 2022-06-30\n"
    );
    assert_eq!(
        items("130926105000", "2022-06-30", &["--format", "json"]),
        "[]\n"
    );
    let zh = jiceng(
        &[
            "--lang",
            "zh",
            "approvals",
            "items",
            "--division",
            "130926105000",
            "--date",
            "2022-06-30",
        ],
        "",
    );
    assert_eq!(zh.1, "130926105000 在 2022-06-30 未提供任何事项\n");
    // CSV keeps its header alone, for a program.
    assert_eq!(
        items("130926105000", "2022-06-30", &["--format", "csv"])
            .lines()
            .count(),
        1
    );
    // A header and 4 items the day the devolution took effect.
    assert_eq!(items("130926105000", "2022-07-01", &[]).lines().count(), 5);
    // A filter that leaves nothing says so.
    assert_eq!(
        items(
            "130926105000",
            "2022-07-01",
            &["--channel", "village-proxy", "--category", "许可"]
        ),
        "nothing offered in 130926105000 on 2022-07-01 in that category and channel\n"
    );
    // A village lists its township's items, the same lines.
    let town = items("130926103000", "2024-03-01", &[]);
    assert_eq!(town.lines().count(), 13, "{town}");
    assert_eq!(items("130926103201", "2024-03-01", &[]), town);
}
