//! `explain()`: the Art. 32 sentence and the days behind both clocks.

use jiceng_approvals::{ART_32_NOTICE, Limits, Options, explain};
use jiceng_calendar::{Explanation, SkipReason};

use crate::{cal, case, day, story_limits};

/// The skipped days of a period, as (date, kind, holiday name, document).
fn skipped(ex: &Explanation) -> Vec<(String, &'static str, String, String)> {
    ex.skipped
        .iter()
        .map(|s| {
            let (kind, name, doc) = match &s.reason {
                SkipReason::Weekend { .. } => ("weekend", String::new(), String::new()),
                SkipReason::Holiday { name, document, .. } => {
                    ("holiday", name.clone(), document.clone())
                }
                SkipReason::Suspended { reason } => ("suspended", reason.clone(), String::new()),
                SkipReason::RolledPast { .. } => ("rolled", String::new(), String::new()),
            };
            (s.date.to_string(), kind, name, doc)
        })
        .collect()
}

fn holidays(ex: &Explanation) -> Vec<(String, String, String)> {
    skipped(ex)
        .into_iter()
        .filter(|s| s.1 == "holiday")
        .map(|(d, _, n, doc)| (d, n, doc))
        .collect()
}

fn weekends(ex: &Explanation) -> Vec<String> {
    skipped(ex)
        .into_iter()
        .filter(|s| s.1 == "weekend")
        .map(|s| s.0)
        .collect()
}

#[test]
fn the_story_case_explained() {
    let c = case(
        story_limits(),
        &[
            ("2025-09-22", "received"),
            ("2025-09-22", "accepted"),
            ("2025-10-13", "granted"),
        ],
    );
    let ex = explain(&c, day("2025-10-31"), &cal(), &Options::default()).unwrap();
    assert_eq!(
        ex.acceptance,
        "received 2025-09-22; accepted within the window ending 2025-09-28; accepted 2025-09-22; the clocks start on the day of acceptance, not counted (行政许可法第三十二条、第四十二条，民法典第二百零一条)"
    );
    assert_eq!(ex.extension, None);
    let stat = ex.statutory.as_ref().unwrap();
    assert_eq!(stat.start, day("2025-09-22"));
    assert_eq!(stat.end, day("2025-10-24"));
    // National Day and Mid-Autumn 2025: 1–8 Oct off under 国办发明电〔2024〕12号.
    let notice = "国办发明电〔2024〕12号";
    let expected: Vec<(String, String, String)> = (1..=8)
        .map(|d| {
            (
                format!("2025-10-0{d}"),
                "国庆节、中秋节".to_owned(),
                notice.to_owned(),
            )
        })
        .collect();
    assert_eq!(holidays(stat), expected);
    // Saturday 27 Sep, Sunday 12 Oct, 18–19 Oct; Sunday 28 Sep and
    // Saturday 11 Oct were worked, so not skipped.
    assert_eq!(
        weekends(stat),
        ["2025-09-27", "2025-10-12", "2025-10-18", "2025-10-19"]
    );
    let prom = ex.promised.as_ref().unwrap();
    assert_eq!(prom.end, day("2025-09-30"));
    assert_eq!(weekends(prom), ["2025-09-27"]);
    assert!(holidays(prom).is_empty());
    // The statement counts them by kind: the 4 weekend days and the 8
    // holidays above, nothing suspended.
    let st = ex
        .statements
        .iter()
        .find(|s| s.topic == "statutory")
        .unwrap();
    assert_eq!(
        st.en,
        "statutory clock: 20wd from 2025-09-22 (not counted) ends 2025-10-24; skipped 4 weekend days, 8 holidays, 0 suspended days; counted make-up working days: 2025-09-28 (国庆节、中秋节, 国办发明电〔2024〕12号), 2025-10-11 (国庆节、中秋节, 国办发明电〔2024〕12号)"
    );
    // In Chinese the period is written in words, and the two make-up
    // days the notice moved (Sunday 28 Sep, Saturday 11 Oct) are named.
    assert_eq!(
        st.zh,
        "法定期限：自2025-09-22起（当日不计）计20个工作日，至2025-10-24届满；不计周末4日、节假日8日、暂停计时0日；计入调休上班日：2025-09-28（国庆节、中秋节调休上班，国办发明电〔2024〕12号）、2025-10-11（国庆节、中秋节调休上班，国办发明电〔2024〕12号）"
    );
}

#[test]
fn deemed_acceptance_is_explained_with_article_32() {
    // Received Friday 24 Jan 2025, no notice by 7 Feb (26 Jan, 27 Jan,
    // 5–7 Feb), accepted only on 10 Feb.
    let c = case(
        Limits::default(),
        &[("2025-01-24", "received"), ("2025-02-10", "accepted")],
    );
    let ex = explain(&c, day("2025-02-10"), &cal(), &Options::default()).unwrap();
    assert_eq!(
        ex.acceptance,
        format!(
            "received 2025-01-24; accepted on 2025-02-10, after the window ended on 2025-02-07, with no incomplete-materials notice; so the application counts as accepted on the day of receipt, 2025-01-24: \"{ART_32_NOTICE}\" (行政许可法第三十二条)"
        )
    );
    let stat = ex.statutory.as_ref().unwrap();
    assert_eq!(stat.start, day("2025-01-24"));
    // 26 Jan (1), 27 (2), 5–7 Feb (5), 8 Feb (6), 10–14 (11), 17–21 (16),
    // 24–27 Feb (20).
    assert_eq!(stat.end, day("2025-02-27"));
    let sf: Vec<_> = holidays(stat);
    assert_eq!(sf.len(), 8, "28 Jan–4 Feb: {sf:?}");
    assert_eq!(sf[0].0, "2025-01-28");
    assert_eq!(sf[7].0, "2025-02-04");
    assert!(
        sf.iter()
            .all(|(_, n, doc)| n == "春节" && doc == "国办发明电〔2024〕12号"),
        "{sf:?}"
    );
    assert!(ex.promised.is_none());
}

#[test]
fn a_case_not_yet_accepted_is_explained() {
    let c = case(story_limits(), &[("2025-09-22", "received")]);
    let ex = explain(&c, day("2025-09-24"), &cal(), &Options::default()).unwrap();
    assert_eq!(
        ex.acceptance,
        format!(
            "received 2025-09-22; not accepted yet; the agency must accept or notify incomplete materials by 2025-09-28: \"{ART_32_NOTICE}\" (行政许可法第三十二条)"
        )
    );
    assert!(ex.statutory.is_none() && ex.promised.is_none());
    let empty = case(story_limits(), &[]);
    let ex = explain(&empty, day("2025-09-24"), &cal(), &Options::default()).unwrap();
    assert_eq!(ex.acceptance, "no materials received yet");
}

#[test]
fn extension_and_suspension_are_explained() {
    let c = case(
        Limits::default(),
        &[
            ("2025-03-03", "received"),
            ("2025-03-03", "accepted"),
            ("2025-03-10", "suspended"),
            ("2025-03-17", "resumed"),
            ("2025-03-18", "extended"),
        ],
    );
    let ex = explain(&c, day("2025-03-18"), &cal(), &Options::default()).unwrap();
    assert_eq!(
        ex.extension.as_deref(),
        Some(
            "extended on 2025-03-18, approved by 县住建局局长 (head of the agency); the law allows 10 working days once; counted: 10 working days (行政许可法第四十二条)"
        )
    );
    let stat = ex.statutory.as_ref().unwrap();
    assert_eq!(stat.period.to_string(), "30wd");
    // 30 working days from 3 Mar with 10–14 Mar stopped: 20 → 8 Apr (see
    // the Art. 45 table), then 9–11 Apr (23), 14–18 (28), 21–22 Apr (30).
    assert_eq!(stat.end, day("2025-04-22"));
    let stopped: Vec<String> = skipped(stat)
        .into_iter()
        .filter(|s| s.1 == "suspended")
        .map(|s| format!("{} {}", s.0, s.2))
        .collect();
    assert_eq!(
        stopped,
        [
            "2025-03-10 听证",
            "2025-03-11 听证",
            "2025-03-12 听证",
            "2025-03-13 听证",
            "2025-03-14 听证"
        ]
    );
    // 清明节 4–6 Apr 2025 under the 2025 notice.
    assert_eq!(
        holidays(stat)
            .iter()
            .map(|h| h.0.as_str())
            .collect::<Vec<_>>(),
        ["2025-04-04", "2025-04-05", "2025-04-06"]
    );
    assert!(
        stat.rules
            .iter()
            .any(|r| r.citation == "行政许可法第四十五条"),
        "{:?}",
        stat.rules
    );
}

#[test]
fn each_year_cites_its_own_notice() {
    // Accepted Monday 23 Sep 2024: National Day 2024 (1–7 Oct) under the
    // 2024 notice, 国办发明电〔2023〕7号.
    let c = case(
        Limits::default(),
        &[("2024-09-23", "received"), ("2024-09-23", "accepted")],
    );
    let ex = explain(&c, day("2024-09-23"), &cal(), &Options::default()).unwrap();
    let stat = ex.statutory.unwrap();
    assert_eq!(stat.end, day("2024-10-24"));
    let h = holidays(&stat);
    assert_eq!(h.len(), 7, "{h:?}");
    assert!(
        h.iter()
            .all(|(_, n, doc)| n == "国庆节" && doc == "国办发明电〔2023〕7号"),
        "{h:?}"
    );
    // Accepted Friday 20 Dec 2024, due 20 Jan 2025: 元旦 2025 under the 2025
    // notice.
    let c = case(
        Limits::default(),
        &[("2024-12-20", "received"), ("2024-12-20", "accepted")],
    );
    let ex = explain(&c, day("2024-12-20"), &cal(), &Options::default()).unwrap();
    let stat = ex.statutory.unwrap();
    assert_eq!(stat.end, day("2025-01-20"));
    assert_eq!(
        holidays(&stat),
        [(
            "2025-01-01".to_owned(),
            "元旦".to_owned(),
            "国办发明电〔2024〕12号".to_owned()
        )]
    );
}

/// Each acceptance statement says only what the log shows: received Monday
/// 3 Mar 2025, the window ends 10 Mar (4–7, 10 Mar).
#[test]
fn acceptance_statements_never_contradict_the_log() {
    let json = |events: &str| -> jiceng_approvals::Case {
        serde_json::from_str(&format!(
            r#"{{"id":"e","events":[{{"date":"2025-03-03","kind":"received"}}{events}]}}"#
        ))
        .unwrap()
    };
    let statement = |c: &jiceng_approvals::Case, at: &str| {
        let ex = explain(c, day(at), &cal(), &Options::default()).unwrap();
        let s = &ex.statements[0];
        assert_eq!(s.topic, "acceptance");
        assert_eq!(s.article, "行政许可法第三十二条");
        (s.en.clone(), s.zh.clone())
    };
    // A timely notice (5 Mar), then a decision with no supplement: the
    // notice was in time, so no statement says it was late or missing.
    let (en, zh) = statement(
        &json(
            r#",{"date":"2025-03-05","kind":"incomplete_notice"},{"date":"2025-03-20","kind":"decided","outcome":"refused"}"#,
        ),
        "2025-03-20",
    );
    assert_eq!(
        en,
        "received 2025-03-03; incomplete materials notified on 2025-03-05, then decided on 2025-03-20 with no supplement and no acceptance on record; so the clocks count from the day of receipt, 2025-03-03, the earliest day it could have been accepted (行政许可法第三十二条)"
    );
    assert!(!zh.contains("未告知补正"), "{zh}");
    // A notice on 10 Mar, the window's last day, is in time too (Art. 32:
    // within five days); then a decision with no supplement.
    let (en, _) = statement(
        &json(
            r#",{"date":"2025-03-10","kind":"incomplete_notice"},{"date":"2025-03-20","kind":"decided","outcome":"refused"}"#,
        ),
        "2025-03-20",
    );
    assert!(
        en.contains("incomplete materials notified on 2025-03-10, then decided on 2025-03-20 with no supplement and no acceptance on record"),
        "{en}"
    );
    // Decided on 4 Mar, inside the window, with no acceptance on record.
    let (en, _) = statement(
        &json(r#",{"date":"2025-03-04","kind":"decided","outcome":"granted"}"#),
        "2025-03-04",
    );
    assert!(
        en.contains(
            "no acceptance on record; decided on 2025-03-04, within the window ending 2025-03-10"
        ),
        "{en}"
    );
    assert!(!en.contains("no incomplete-materials notice by"), "{en}");
    // A timely notice (10 Mar), supplemented 17 Mar, accepted 24 Mar: the
    // new window runs 18–21, 24 Mar.
    let (en, _) = statement(
        &json(
            r#",{"date":"2025-03-10","kind":"incomplete_notice"},{"date":"2025-03-17","kind":"supplemented"},{"date":"2025-03-24","kind":"accepted"}"#,
        ),
        "2025-03-24",
    );
    assert_eq!(
        en,
        "received 2025-03-03; incomplete materials notified on 2025-03-10, within the window ending 2025-03-10; supplemented on 2025-03-17, which opens a new 5-working-day window for acceptance, to 2025-03-24; accepted 2025-03-24; the clocks start on the day of acceptance, not counted (行政许可法第三十二条、第四十二条，民法典第二百零一条)"
    );
    // A notice on 11 Mar, a day late.
    let (en, zh) = statement(
        &json(r#",{"date":"2025-03-11","kind":"incomplete_notice"}"#),
        "2025-03-12",
    );
    assert!(
        en.contains(
            "incomplete materials notified on 2025-03-11, after the window ended on 2025-03-10"
        ),
        "{en}"
    );
    assert!(
        zh.contains("自收到申请材料之日起即为受理（2025-03-03）"),
        "{zh}"
    );
}

/// A withdrawn case stands still from its withdrawal: explained long after,
/// its open suspension ends on the day it was withdrawn (14 Mar 2025).
#[test]
fn a_withdrawn_case_is_explained_as_it_stood() {
    let c: jiceng_approvals::Case = serde_json::from_str(
        r#"{"id":"w","events":[{"date":"2025-03-03","kind":"received"},{"date":"2025-03-03","kind":"accepted"},{"date":"2025-03-10","kind":"suspended","reason":"testing"},{"date":"2025-03-14","kind":"withdrawn"}]}"#,
    )
    .unwrap();
    let ex = explain(&c, day("2025-04-30"), &cal(), &Options::default()).unwrap();
    let sus: Vec<&str> = ex
        .statements
        .iter()
        .filter(|s| s.topic == "suspension")
        .map(|s| s.en.as_str())
        .collect();
    assert_eq!(
        sus,
        [
            "suspended 2025-03-10..2025-03-14 for 检测 (still open when the case ended): the time is not counted"
        ]
    );
}

/// The clock statements count the skipped days by kind. Accepted Monday
/// 3 Mar 2025, testing 10–11 Mar (resumed 12 Mar): 20 working days plus
/// the 2 stopped → 31 Mar + 2 = 2 Apr; weekends 8–9, 15–16, 22–23, 29–30
/// Mar. A 5-day promise ends nominally on Saturday 8 Mar, a day off, and is
/// moved past it (Civil Code Art. 203).
#[test]
fn clock_statements_count_the_skipped_days() {
    let c: jiceng_approvals::Case = serde_json::from_str(
        r#"{"id":"t","promised":"5d","events":[{"date":"2025-03-03","kind":"received"},{"date":"2025-03-03","kind":"accepted"},{"date":"2025-03-10","kind":"suspended","reason":"testing"},{"date":"2025-03-12","kind":"resumed"}]}"#,
    )
    .unwrap();
    let ex = explain(&c, day("2025-03-12"), &cal(), &Options::default()).unwrap();
    let stat = ex
        .statements
        .iter()
        .find(|s| s.topic == "statutory")
        .unwrap();
    assert_eq!(
        stat.en,
        "statutory clock: 20wd from 2025-03-03 (not counted) ends 2025-04-02; skipped 8 weekend days, 0 holidays, 2 suspended days"
    );
    assert_eq!(
        stat.zh,
        "法定期限：自2025-03-03起（当日不计）计20个工作日，至2025-04-02届满；不计周末8日、节假日0日、暂停计时2日"
    );
    let prom = ex
        .statements
        .iter()
        .find(|s| s.topic == "promised")
        .unwrap();
    assert!(
        prom.en.starts_with("promised clock: 5d from 2025-03-03"),
        "{}",
        prom.en
    );
    assert!(prom.en.contains("moved past"), "{}", prom.en);
}
