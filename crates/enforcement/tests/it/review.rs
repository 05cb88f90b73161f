//! Defects a review found by working cases by hand, each pinned by a test
//! named after it. Dates are worked from the 2025 holiday notice
//! (国办发明电〔2024〕12号: 国庆节、中秋节 1–8 Oct, Sunday 28 Sep and
//! Saturday 11 Oct worked); amounts to the fen.

use jiceng_authority::Ledger;
use jiceng_enforcement::jurisdiction::competent;
use jiceng_enforcement::{Reason, explain};

use crate::{case, day, eval};

/// A Chinese line carries no English word: only Chinese, digits, dates and
/// punctuation.
fn no_english(text: &str) -> bool {
    !text.chars().any(|c| c.is_ascii_alphabetic())
}

/// The line of an explanation about `subject`.
fn line<'a>(lines: &'a [Reason], subject: &str) -> &'a Reason {
    lines
        .iter()
        .find(|r| r.subject == subject)
        .unwrap_or_else(|| panic!("no {subject} line in {lines:?}"))
}

/// Hand-worked case P1: filed Thursday 3 Jul 2025, notified Friday 1 Aug,
/// decided Wednesday 10 Sep with a fine of 1,000 yuan, served Tuesday 16
/// Sep, unpaid on 21 Oct.
const P1: &str = r#"{"id":"P1","events":[{"date":"2025-07-03","kind":"filed"},{"date":"2025-08-01","kind":"notified"},{"date":"2025-09-10","kind":"decided","penalties":[{"kind":"fine","amount":"1000.00"}]},{"date":"2025-09-16","kind":"served"}]}"#;

/// D3: under `--lang zh` the explanation of a case stayed in English.
///
/// Worked by hand for P1 on 21 Oct 2025:
/// * decision: 90 days from 3 Jul are 28 (4–31 Jul) + 31 (Aug) + 30 (Sep)
///   + 1 = 1 Oct, National Day, rolled to Thursday 9 Oct;
/// * hearing request: 5 working days from Friday 1 Aug: 4, 5, 6, 7, 8 Aug;
/// * service: 7 working days from Wednesday 10 Sep: 11, 12, 15, 16, 17,
///   18, 19 Sep;
/// * payment: 15 days from 16 Sep end on 1 Oct, rolled to 9 Oct;
/// * surcharge: 21 Oct − 9 Oct = 12 days late, 1,000 × 3% × 12 = 360.00.
#[test]
fn explanation_speaks_chinese() {
    let c = case(P1);
    let e = eval(P1, "2025-10-21");
    let lines = explain(&c, &e);
    let expected = [
        (
            "作出决定期限",
            "2025-10-09：自立案之日起（当日不计）90日，扣除0日，期限末日逢法定节假日顺延（行政处罚法第六十条；民法典第二百零三条）",
        ),
        (
            "申请听证期限",
            "2025-08-08：自告知之日起五个工作日内（行政处罚法第六十四条第一项、第八十五条）",
        ),
        (
            "送达期限",
            "2025-09-19：当事人不在场，自作出决定之日起七个工作日内送达（行政处罚法第六十一条、第八十五条）",
        ),
        (
            "缴纳罚款期限",
            "2025-10-09：自收到行政处罚决定书之日起十五日内，期限末日逢法定节假日顺延（行政处罚法第六十七条；民法典第二百零三条）",
        ),
        (
            "加处罚款",
            "360.00元：逾期12日，每日按罚款数额的百分之三加处罚款（行政处罚法第七十二条）",
        ),
    ];
    let got: Vec<(&str, &str)> = lines
        .iter()
        .map(|r| (r.subject_zh.as_str(), r.zh.as_str()))
        .collect();
    assert_eq!(got, expected);
}

/// D3: every Chinese line of every bundled and reviewed case is free of
/// English words, flags included (the configured filing rule, an
/// extension the rule does not provide).
#[test]
fn explanation_in_chinese_has_no_english() {
    let cases = [
        // Filing 7 days after a clue on 24 Sep: not filed by 1 Oct (rolled
        // to 9 Oct) on 21 Oct: filing_late.
        r#"{"id":"F1","filing":"7d","events":[{"date":"2025-09-24","kind":"clue"}]}"#,
        // An extension with no rule, then a second: both extension flags.
        r#"{"id":"X3","events":[{"date":"2025-07-03","kind":"filed"},{"date":"2025-09-20","kind":"extended","approved_by":"head"},{"date":"2025-09-21","kind":"extended","approved_by":"head"}]}"#,
        // A grave act: the 5-year limitation.
        r#"{"id":"G1","grave":true,"act_ended":"2020-10-08","events":[{"date":"2025-10-09","kind":"clue"},{"date":"2025-10-10","kind":"filed"}]}"#,
        P1,
    ];
    for json in cases {
        let c = case(json);
        let e = eval(json, "2025-10-21");
        let lines = explain(&c, &e);
        assert!(!lines.is_empty(), "{json}");
        for r in &lines {
            assert!(no_english(&r.subject_zh), "{r:?}");
            assert!(no_english(&r.zh), "{r:?}");
        }
    }
    // The flags of those cases are among the lines, by their Chinese names.
    let x3 = r#"{"id":"X3","events":[{"date":"2025-07-03","kind":"filed"},{"date":"2025-09-20","kind":"extended","approved_by":"head"},{"date":"2025-09-21","kind":"extended","approved_by":"head"}]}"#;
    let lines = explain(&case(x3), &eval(x3, "2025-10-21"));
    assert_eq!(
        line(&lines, "extension_not_provided").zh,
        "行政处罚法第六十条（所配置的规则）"
    );
    assert_eq!(line(&lines, "repeated_extension").subject_zh, "重复延期");
}

/// D3: the grounds of a jurisdiction answer stayed in English. The
/// workshop's 生态环境 item at 西杜林疃村 on 1 Mar 2022, the day Qiu County's
/// devolution took effect: by law the county department, then concentrated
/// in the bureau (1 Jun 2021), then devolved to 古城营镇, whose team acts.
#[test]
fn jurisdiction_grounds_speak_chinese() {
    let c = competent(
        &Ledger::hebei_sample(),
        "HB-CF-001",
        "130430104200",
        day("2022-03-01"),
    )
    .unwrap();
    let zh: Vec<&str> = c.explanation.iter().map(|g| g.zh.as_str()).collect();
    assert_eq!(
        zh.first().copied(),
        Some(
            "依法律规定，行政处罚事项由县级生态环境部门行使；违法行为由违法行为发生地的县级以上地方人民政府具有行政处罚权的行政机关管辖"
        )
    );
    assert_eq!(
        zh.last().copied(),
        Some("古城营镇综合行政执法队代表古城营镇人民政府实施")
    );
    assert!(zh.contains(&"划转至综合行政执法局"), "{zh:?}");
    // The ledger's "…; exercised by NAME" gives the acting body.
    assert!(
        zh.contains(&"下放至乡镇（街道）；由古城营镇综合行政执法队实施"),
        "{zh:?}"
    );
    for z in &zh {
        assert!(no_english(z), "{z}");
    }
}

/// The decision line of a case's explanation, in English, on `at`.
fn decision_rule(json: &str, at: &str) -> String {
    line(&explain(&case(json), &eval(json, at)), "decision_due")
        .rule
        .clone()
}

/// D6: `excluded_days` counted hearing days that fell after the period had
/// ended. Case E3a: filed 3 Jul 2025; 90 days end on 1 Oct (28 days of
/// July, 31 of August, 30 of September and 1), National Day, rolled to 9
/// Oct. The hearing requested on 10 Oct
/// (in time: 5 working days from Friday 26 Sep are Sunday 28 Sep (worked),
/// 29, 30 Sep, 9 and 10 Oct) and the decision on 20 Oct come after 1 Oct:
/// they move nothing, so 0 days are excluded.
#[test]
fn excluded_days_after_the_period_ended_are_not_counted() {
    let e3a = r#"{"id":"E3a","events":[{"date":"2025-07-03","kind":"filed"},{"date":"2025-09-26","kind":"notified"},{"date":"2025-10-10","kind":"hearing_requested"},{"date":"2025-10-20","kind":"decided","penalties":[{"kind":"fine","amount":"60000.00"}]}],"party":{"kind":"organisation","name":"x"}}"#;
    let e = eval(e3a, "2025-10-21");
    assert_eq!(e.deadlines.decision_due, Some(day("2025-10-09")));
    assert_eq!(e.deadlines.excluded_days, 0);
    assert_eq!(
        decision_rule(e3a, "2025-10-21"),
        "2025-10-09: 90d from filing, 0 excluded day(s), rolled past a day off (行政处罚法第六十条; 民法典第二百零三条)"
    );
    // The same on the general path (an extension in days, approved):
    // 120 days from 3 Jul are 28 + 31 + 30 + 31 = 31 Oct, a Friday. The
    // hearing requested on 3 Nov and decided on 10 Nov moves nothing.
    let late = r#"{"id":"X","extension":"30d","events":[{"date":"2025-07-03","kind":"filed"},{"date":"2025-09-20","kind":"extended","approved_by":"head"},{"date":"2025-10-27","kind":"notified"},{"date":"2025-11-03","kind":"hearing_requested"},{"date":"2025-11-10","kind":"decided","penalties":[{"kind":"warning"}]}]}"#;
    let e = eval(late, "2025-11-11");
    assert_eq!(e.deadlines.decision_due, Some(day("2025-10-31")));
    assert_eq!(e.deadlines.excluded_days, 0);
    assert_eq!(
        decision_rule(late, "2025-11-11"),
        "2025-10-31: 90d + 30d extension from filing, 0 excluded day(s) (行政处罚法第六十条)"
    );
}

/// D6: days excluded before the end still count, in full, even when the
/// interval runs past the unextended end. Filed 3 Jul 2025; a hearing
/// requested on 23 Sep and held on 10 Oct: 23 Sep–10 Oct are 8 + 10 = 18
/// days, so the 90 days end 18 days after 1 Oct, on Sunday 19 Oct, rolled
/// to Monday 20 Oct.
#[test]
fn excluded_days_straddling_the_end_count_in_full() {
    let json = r#"{"id":"S","events":[{"date":"2025-07-03","kind":"filed"},{"date":"2025-09-22","kind":"notified"},{"date":"2025-09-23","kind":"hearing_requested"},{"date":"2025-10-10","kind":"hearing_held"}]}"#;
    let e = eval(json, "2025-10-11");
    assert_eq!(e.deadlines.decision_due, Some(day("2025-10-20")));
    assert_eq!(e.deadlines.excluded_days, 18);
    assert_eq!(
        decision_rule(json, "2025-10-11"),
        "2025-10-20: 90d from filing, 18 excluded day(s), rolled past a day off (行政处罚法第六十条; 民法典第二百零三条)"
    );
}

/// D6: the explanation said "rolled past a day off" even when the end was
/// a working day. Check each case's decision line (and payment line).
#[test]
fn roll_is_said_only_when_the_end_rolled() {
    fn check(json: &str, at: &str, subject: &str, expected: &str) {
        let lines = explain(&case(json), &eval(json, at));
        assert_eq!(line(&lines, subject).rule, expected, "{json}");
    }
    // Filed 2 Jul 2025: 29 (3–31 Jul) + 31 + 30 = 90 days end on Tuesday
    // 30 Sep, a working day: nothing rolls.
    check(
        r#"{"id":"A","events":[{"date":"2025-07-02","kind":"filed"}]}"#,
        "2025-07-03",
        "decision_due",
        "2025-09-30: 90d from filing, 0 excluded day(s) (行政处罚法第六十条)",
    );
    // Case E2: filed 3 Jul, suspended for testing 10 Jul, resumed 20 Jul:
    // 10–19 Jul are 10 days, so the end is 1 Oct + 10 = Saturday 11 Oct, a
    // worked Saturday (调休上班): nothing rolls.
    check(
        r#"{"id":"E2","events":[{"date":"2025-07-03","kind":"filed"},{"date":"2025-07-10","kind":"suspended","reason":"testing"},{"date":"2025-07-20","kind":"resumed"}]}"#,
        "2025-07-21",
        "decision_due",
        "2025-10-11: 90d from filing, 10 excluded day(s) (行政处罚法第六十条)",
    );
    // Served Monday 1 Sep 2025: 15 days end on Tuesday 16 Sep, a working
    // day: nothing rolls.
    check(
        r#"{"id":"P","events":[{"date":"2025-07-03","kind":"filed"},{"date":"2025-07-04","kind":"notified"},{"date":"2025-08-29","kind":"decided","penalties":[{"kind":"fine","amount":"100.00"}]},{"date":"2025-09-01","kind":"served"}]}"#,
        "2025-09-02",
        "payment_due",
        "2025-09-16: 15 days from receiving the decision (行政处罚法第六十七条)",
    );
    // Case P1: served 16 Sep: 15 days end on 1 Oct, rolled to 9 Oct.
    check(
        P1,
        "2025-10-21",
        "payment_due",
        "2025-10-09: 15 days from receiving the decision, rolled past a day off (行政处罚法第六十七条; 民法典第二百零三条)",
    );
}

/// Hand-worked case H1 with the party and penalties replaced: filed 3 Jul
/// 2025, told Friday 1 Aug, a hearing requested Monday 4 Aug (in time: 5
/// working days end on Friday 8 Aug), decided Wednesday 20 Aug without a
/// hearing and not served by 21 Oct (due 7 working days later: 21, 22,
/// 25–29 Aug), so `service_late` stands in every row.
fn h1(party: &str, penalties: &str) -> String {
    format!(
        r#"{{"id":"H1",{party}"events":[{{"date":"2025-07-03","kind":"filed"}},{{"date":"2025-08-01","kind":"notified"}},{{"date":"2025-08-04","kind":"hearing_requested"}},{{"date":"2025-08-20","kind":"decided","penalties":[{penalties}]}}]}}"#
    )
}

/// D4: `hearing_denied` was set when the penalty carried no hearing right.
/// Art. 63 lists the penalties that carry it; the bundled Hebei thresholds
/// (illustrative) make a fine or confiscation large at 5,000 yuan for a
/// citizen and 50,000 for an organisation ("以上" includes the figure).
#[test]
fn hearing_denied_only_where_art63_gives_the_right() {
    use jiceng_enforcement::Flag::{HearingDenied, ServiceLate};
    const CITIZEN: &str = r#""party":{"kind":"citizen","name":"a"},"#;
    const ORG: &str = r#""party":{"kind":"organisation","name":"b"},"#;
    const NONE: &str = "";
    let fine = |y: &str| format!(r#"{{"kind":"fine","amount":"{y}"}}"#);
    let rows: Vec<(&str, String, &[jiceng_enforcement::Flag])> = vec![
        // Case H1: 1,000 < 5,000, and nothing else: lawful.
        (CITIZEN, fine("1000.00"), &[ServiceLate]),
        (CITIZEN, fine("4999.99"), &[ServiceLate]),
        (CITIZEN, fine("5000.00"), &[HearingDenied, ServiceLate]),
        (ORG, fine("49999.99"), &[ServiceLate]),
        (ORG, fine("50000.00"), &[HearingDenied, ServiceLate]),
        // The kind unknown: below both thresholds, lawful; at or above
        // both, the right; between them, flagged for review.
        (NONE, fine("1000.00"), &[ServiceLate]),
        (NONE, fine("6000.00"), &[HearingDenied, ServiceLate]),
        (NONE, fine("50000.00"), &[HearingDenied, ServiceLate]),
        // Items 3 and 4 of Art. 63(1), whatever the amount.
        (
            CITIZEN,
            r#"{"kind":"licence_revocation"}"#.into(),
            &[HearingDenied, ServiceLate],
        ),
        (
            ORG,
            r#"{"kind":"closure"}"#.into(),
            &[HearingDenied, ServiceLate],
        ),
        // A warning and a small fine; public criticism: lawful.
        (
            CITIZEN,
            format!(r#"{{"kind":"warning"}},{}"#, fine("200.00")),
            &[ServiceLate],
        ),
        (
            CITIZEN,
            r#"{"kind":"public_criticism"}"#.into(),
            &[ServiceLate],
        ),
        // A large confiscation (item 2) beside a small fine.
        (
            CITIZEN,
            format!(
                r#"{},{{"kind":"confiscate_gains","amount":"5000.00"}}"#,
                fine("100.00")
            ),
            &[HearingDenied, ServiceLate],
        ),
        // Licence suspension: item 5 may reach it; flagged for review.
        (
            CITIZEN,
            r#"{"kind":"licence_suspension"}"#.into(),
            &[HearingDenied, ServiceLate],
        ),
    ];
    for (party, penalties, expected) in rows {
        let json = h1(party, &penalties);
        let got: Vec<_> = eval(&json, "2025-10-21").flags.iter().collect();
        assert_eq!(got, expected, "{json}");
    }
    // A decision of no penalty needs no hearing.
    let none = h1(CITIZEN, "").replace(r#""penalties":[]"#, r#""penalties":[],"reason":"轻微""#);
    assert_eq!(
        eval(&none, "2025-10-21").flags.iter().collect::<Vec<_>>(),
        [ServiceLate]
    );
}

/// D4: where the case does not say enough, the flag stays and the
/// explanation says why, in both languages.
#[test]
fn hearing_denied_in_doubt_says_why() {
    let json = h1("", r#"{"kind":"fine","amount":"6000.00"}"#);
    let lines = explain(&case(&json), &eval(&json, "2025-10-21"));
    let l = line(&lines, "hearing_denied");
    assert_eq!(
        l.rule,
        "行政处罚法第六十三条、第六十四条第一项; flagged for review: the case does not say whether the decision carries a hearing right: the party's kind is not given, and a fine of 6000.00 yuan is large for a citizen (at least 5000) but not for an organisation (at least 50000)"
    );
    assert_eq!(
        l.zh,
        "行政处罚法第六十三条、第六十四条第一项；提请核查：案件未载明处罚决定是否属于听证范围：未载明当事人类型，罚款6000.00元对公民属较大数额（5000元以上），对法人或者其他组织则不属较大数额（50000元以上）"
    );
    let json = h1(
        r#""party":{"kind":"citizen","name":"a"},"#,
        r#"{"kind":"licence_suspension"}"#,
    );
    let lines = explain(&case(&json), &eval(&json, "2025-10-21"));
    assert!(
        line(&lines, "hearing_denied")
            .zh
            .ends_with("暂扣许可证件不在第六十三条第一款第一项至第四项之列，是否属于“其他较重的行政处罚”（第五项）需由办案人员判断"),
        "{lines:?}"
    );
    // A right the case shows leaves the bare article.
    let json = h1(
        r#""party":{"kind":"citizen","name":"a"},"#,
        r#"{"kind":"fine","amount":"5000.00"}"#,
    );
    let lines = explain(&case(&json), &eval(&json, "2025-10-21"));
    assert_eq!(
        line(&lines, "hearing_denied").rule,
        "行政处罚法第六十三条、第六十四条第一项"
    );
}

/// C3: an on-the-spot fine of 99,999 yuan with no party kind was not
/// flagged, though it is above both of Art. 51's limits (200 yuan for a
/// citizen, 3,000 for an organisation, "以下" including the figure). With
/// the kind unknown, a decision ineligible for every kind is flagged; one
/// eligible for an organisation only (200–3,000 yuan) is not.
#[test]
fn summary_ineligible_for_every_kind_is_flagged_without_a_kind() {
    fn check(party: &str, penalties: &str, expected: bool) {
        let json = format!(
            r#"{{"id":"SP",{party}"events":[{{"date":"2025-06-03","kind":"decided","penalties":[{penalties}],"party_present":true}}]}}"#
        );
        let e = eval(&json, "2025-06-04");
        assert_eq!(
            e.flags
                .contains(jiceng_enforcement::Flag::SummaryIneligible),
            expected,
            "{json}"
        );
    }
    let citizen = r#""party":{"kind":"citizen","name":"a"},"#;
    // Case SP4.
    check("", r#"{"kind":"fine","amount":"99999.00"}"#, true);
    check("", r#"{"kind":"fine","amount":"3000.01"}"#, true);
    check("", r#"{"kind":"fine","amount":"3000.00"}"#, false);
    check("", r#"{"kind":"fine","amount":"201.00"}"#, false);
    check("", r#"{"kind":"warning"}"#, false);
    // Not a warning or a fine: ineligible for every kind.
    check("", r#"{"kind":"confiscate_gains","amount":"10.00"}"#, true);
    // The kind known, as before: 201 yuan is too much for a citizen.
    check(citizen, r#"{"kind":"fine","amount":"201.00"}"#, true);
    check(citizen, r#"{"kind":"fine","amount":"200.00"}"#, false);
}

/// D5: a violation's jurisdiction accepted items that are not penalty
/// items and cited the Penalty Law's Arts. 22–23 for them. The bundled
/// sample's HB-GF-003 is a benefit (给付, 困难残疾人生活补贴…) and HB-XK-001 a
/// licence (许可): neither is imposed on anyone, so neither has a
/// violation's jurisdiction.
#[test]
fn jurisdiction_refuses_items_that_are_not_penalties() {
    use jiceng_authority::PowerCategory;
    use jiceng_enforcement::Error;
    use jiceng_enforcement::jurisdiction::{compare, resolve};
    let l = Ledger::hebei_sample();
    let at = day("2022-03-01");
    for (items, item, category) in [
        (&["HB-GF-003"][..], "HB-GF-003", PowerCategory::Payment),
        (&["HB-XK-001"][..], "HB-XK-001", PowerCategory::Licensing),
        // One bad item among penalty items refuses the whole question.
        (
            &["HB-CF-001", "HB-XK-001"][..],
            "HB-XK-001",
            PowerCategory::Licensing,
        ),
    ] {
        let expected = Error::NotPenalty {
            item: item.to_owned(),
            category,
        };
        assert_eq!(
            resolve(&l, items, "130430104200", at),
            Err(expected.clone())
        );
        assert_eq!(
            compare((&l, at), (&l, at), items, "130430104200").map(|_| ()),
            Err(expected)
        );
    }
    let e = resolve(&l, &["HB-GF-003"], "130430104200", at).unwrap_err();
    assert_eq!(
        e.to_string(),
        "item HB-GF-003 is a payment (行政给付) item, not a penalty (行政处罚) item: a violation's jurisdiction (行政处罚法第二十二条至第二十五条) takes penalty items only"
    );
    // An unknown item is still named as unknown.
    assert!(matches!(
        resolve(&l, &["HB-NO-999"], "130430104200", at),
        Err(Error::Authority(jiceng_authority::Error::UnknownItem(_)))
    ));
    // `competent` answers for any item: the grid routes events by it.
    let c = competent(&l, "HB-XK-001", "130430104200", at).unwrap();
    assert_eq!(c.item, "HB-XK-001");
}

/// Pinned by mutation testing (D6, the general path): an extension in
/// working days runs from the base period's end, and the excluded days
/// move that end first. Filed 3 Jul 2025, suspended 10–19 Jul (10 days):
/// 90 days end on 1 Oct + 10 = Saturday 11 Oct, a worked Saturday, so no
/// roll; 10 working days from it are 13–17 and 20–24 Oct: due Friday 24
/// Oct, a working day, not rolled. Had the suspension been forgotten the
/// base would end on 1 Oct, rolled to 9 Oct, and the end would differ.
#[test]
fn extension_in_another_unit_is_not_said_to_roll() {
    let json = r#"{"id":"W","extension":"10wd","events":[{"date":"2025-07-03","kind":"filed"},{"date":"2025-07-10","kind":"suspended","reason":"testing"},{"date":"2025-07-20","kind":"resumed"},{"date":"2025-09-20","kind":"extended","approved_by":"head"}]}"#;
    let e = eval(json, "2025-09-21");
    assert_eq!(e.deadlines.decision_due, Some(day("2025-10-24")));
    assert_eq!(e.deadlines.excluded_days, 10);
    assert_eq!(
        decision_rule(json, "2025-09-21"),
        "2025-10-24: 90d + 10wd extension from filing, 10 excluded day(s) (行政处罚法第六十条)"
    );
}

/// Pinned by mutation testing (D4): each penalty item 5 may reach is named
/// in Chinese in the doubt.
#[test]
fn heavier_penalties_are_named_in_chinese() {
    use jiceng_enforcement::{Doubt, HearingScope, HearingThresholds, Penalty, hearing_scope};
    let t = HearingThresholds::hebei_illustrative();
    for (p, zh) in [
        (Penalty::LicenceSuspension, "暂扣许可证件"),
        (Penalty::ProductionRestriction, "限制开展生产经营活动"),
        (Penalty::Detention, "行政拘留"),
        (
            Penalty::Other {
                name: "x".to_owned(),
            },
            "其他行政处罚",
        ),
    ] {
        let HearingScope::Undecided(d @ Doubt::HeavierPenalty(_)) = hearing_scope(None, &[p], &t)
        else {
            panic!("not undecided");
        };
        assert!(d.zh().starts_with(&format!("{zh}不在")), "{}", d.zh());
    }
}

/// Pinned by mutation testing (D4): with the kind unknown, an amount at or
/// above both thresholds (5,000 and 50,000) carries the right for certain,
/// with no doubt to explain; one between them is undecided.
#[test]
fn amount_above_both_thresholds_carries_the_right() {
    use jiceng_enforcement::{HearingScope, HearingThresholds, Penalty, hearing_scope};
    let t = HearingThresholds::hebei_illustrative();
    let fine = |y: &str| {
        [Penalty::Fine {
            amount: crate::yuan(y),
        }]
    };
    assert_eq!(
        hearing_scope(None, &fine("50000.00"), &t),
        HearingScope::Carried
    );
    assert!(matches!(
        hearing_scope(None, &fine("49999.99"), &t),
        HearingScope::Undecided(_)
    ));
    assert_eq!(
        hearing_scope(None, &fine("4999.99"), &t),
        HearingScope::Outside
    );
}
