//! `jiceng enforcement`: defects found by working cases by hand, each
//! pinned by a test named after it. The cases are those hand-worked ones
//! (filed 3 Jul 2025 and so on); dates are worked from the 2025 holiday
//! notice (国办发明电〔2024〕12号: 国庆节、中秋节 1–8 Oct, Sunday 28 Sep and
//! Saturday 11 Oct worked).

#![allow(clippy::unwrap_used)]

use super::*;

/// Case P1: filed 3 Jul 2025, notified 1 Aug, fined 1,000 yuan on 10 Sep,
/// served 16 Sep.
const P1: &str = r#"{"id":"P1","events":[{"date":"2025-07-03","kind":"filed"},{"date":"2025-08-01","kind":"notified"},{"date":"2025-09-10","kind":"decided","penalties":[{"kind":"fine","amount":"1000.00"}]},{"date":"2025-09-16","kind":"served"}]}"#;

/// Case H1: a citizen filed on 3 Jul 2025, notified Friday 1 Aug, requests
/// a hearing Monday 4 Aug (in time: 5 working days end on 8 Aug), fined
/// 1,000 yuan on 20 Aug without a hearing.
const H1: &str = r#"{"id":"H1","party":{"kind":"citizen","name":"a"},"events":[{"date":"2025-07-03","kind":"filed"},{"date":"2025-08-01","kind":"notified"},{"date":"2025-08-04","kind":"hearing_requested"},{"date":"2025-08-20","kind":"decided","penalties":[{"kind":"fine","amount":"1000.00"}]}]}"#;

/// Runs `evaluate` on `cases` (JSON Lines) with extra leading arguments.
pub(super) fn evaluate(
    lead: &[&str],
    cases: &str,
    at: &str,
    tail: &[&str],
) -> (i32, String, String) {
    let mut args: Vec<&str> = lead.to_vec();
    args.extend(["enforcement", "evaluate", "-", "--at", at]);
    args.extend(tail);
    jiceng(&args, cases)
}

/// D3: `--lang zh enforcement evaluate --explain` printed the deadlines'
/// rules in English. P1's decision is due 90 days after 3 Jul: 28 + 31 +
/// 30 + 1 = 1 Oct, National Day, rolled to Thursday 9 Oct.
#[test]
fn enforcement_evaluate_explains_in_chinese() {
    let (code, out, err) = evaluate(&["--lang", "zh"], P1, "2025-10-21", &["--explain"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(
            "  作出决定期限：2025-10-09：自立案之日起（当日不计）90日，扣除0日，期限末日逢法定节假日顺延（行政处罚法第六十条；民法典第二百零三条）\n"
        ),
        "{out}"
    );
    // 21 Oct − 9 Oct = 12 days late: 1,000 × 3% × 12 = 360.00.
    assert!(
        out.contains("  加处罚款：360.00元：逾期12日，每日按罚款数额的百分之三加处罚款（行政处罚法第七十二条）\n"),
        "{out}"
    );
    for english in [
        "excluded",
        "rolled",
        "working days",
        "from filing",
        "yuan",
        "day(s)",
    ] {
        assert!(!out.contains(english), "{english:?} in {out}");
    }
    // The JSON does not change with the language.
    let (_, en, _) = evaluate(&[], P1, "2025-10-21", &["--explain", "--json"]);
    let (_, zh, _) = evaluate(
        &["--lang", "zh"],
        P1,
        "2025-10-21",
        &["--explain", "--json"],
    );
    assert_eq!(en, zh);
    assert!(
        en.contains(r#""subject":"decision_due","rule":"2025-10-09: 90d from filing"#),
        "{en}"
    );
}

/// D3: `--lang zh enforcement jurisdiction --explain` printed the ledger's
/// English sentences. HB-CF-001 (生态环境) at 西杜林疃村 on 1 Mar 2022: by
/// law the county department; concentrated in the bureau from 1 Jun 2021;
/// devolved to 古城营镇 from 1 Mar 2022, its team acting.
#[test]
fn enforcement_jurisdiction_explains_in_chinese() {
    let args = [
        "--lang",
        "zh",
        "enforcement",
        "jurisdiction",
        "--item",
        "HB-CF-001",
        "--division",
        "130430104200",
        "--date",
        "2022-03-01",
        "--explain",
    ];
    let (code, out, err) = jiceng(&args, "");
    assert_eq!(code, 0, "{err}");
    for needle in [
        "  依法律规定，行政处罚事项由县级生态环境部门行使；违法行为由违法行为发生地的县级以上地方人民政府具有行政处罚权的行政机关管辖（行政处罚法第二十二条、第二十三条）\n",
        "  划转至综合行政执法局（行政处罚法第十八条第二款）",
        "  下放至乡镇（街道）",
        "  古城营镇综合行政执法队代表古城营镇人民政府实施（行政处罚法第二十四条）\n",
    ] {
        assert!(out.contains(needle), "{needle:?} not in {out}");
    }
    for english in [
        "by law",
        "sector",
        "held at",
        "concentrated",
        "devolved",
        "acts for",
        "handled",
    ] {
        assert!(!out.contains(english), "{english:?} in {out}");
    }
}

/// D6: case E3a's `excluded_days` was 11. Filed 3 Jul 2025, the 90 days end
/// on 1 Oct (28 + 31 + 30 + 1), rolled past National Day to 9 Oct; the
/// hearing (10 Oct) and the decision (20 Oct) come after: 0 days excluded,
/// and the decision is late.
#[test]
fn enforcement_evaluate_counts_no_excluded_days_after_the_end() {
    let e3a = r#"{"id":"E3a","events":[{"date":"2025-07-03","kind":"filed"},{"date":"2025-09-26","kind":"notified"},{"date":"2025-10-10","kind":"hearing_requested"},{"date":"2025-10-20","kind":"decided","penalties":[{"kind":"fine","amount":"60000.00"}]}],"party":{"kind":"organisation","name":"x"}}"#;
    let (code, out, err) = evaluate(&[], e3a, "2025-10-21", &["--json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(v["deadlines"]["decision_due"], "2025-10-09");
    assert_eq!(v["deadlines"]["excluded_days"], 0);
    assert!(
        v["flags"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("decision_late")),
        "{v}"
    );
    // A due date on a working day is not said to roll: filed 2 Jul, 29 +
    // 31 + 30 = 90 days end on Tuesday 30 Sep.
    let (_, out, _) = evaluate(
        &[],
        r#"{"id":"A","events":[{"date":"2025-07-02","kind":"filed"}]}"#,
        "2025-07-03",
        &["--explain"],
    );
    assert!(
        out.contains(
            "  decision_due: 2025-09-30: 90d from filing, 0 excluded day(s) (行政处罚法第六十条)\n"
        ),
        "{out}"
    );
}

/// D4: case H1 was flagged `hearing_denied`, though a 1,000-yuan fine on a
/// citizen is below the bundled (illustrative) Hebei threshold of 5,000
/// and carries no hearing right (Art. 63). It stays `service_late`: not
/// served within 7 working days of 20 Aug (21, 22, 25–29 Aug). The hearing
/// was never held, so no hearing time is left out of the 90 days: 28 + 31
/// + 30 + 1 from 3 Jul end on 1 Oct, rolled past National Day to 9 Oct.
#[test]
fn enforcement_evaluate_no_hearing_denied_below_the_threshold() {
    let (code, out, err) = evaluate(&[], H1, "2025-10-21", &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("H1\tawaiting_service\tdecision due 2025-10-09\tservice_late\n"),
        "{out}"
    );
    // A fine of 5,000 yuan is large for a citizen: the hearing was owed.
    let large = H1.replace("1000.00", "5000.00");
    let (_, out, _) = evaluate(&[], &large, "2025-10-21", &[]);
    assert!(out.contains("\thearing_denied,service_late\n"), "{out}");
}

/// C3: case SP4, fined 99,999 yuan on the spot with no party kind, was not
/// flagged: it exceeds both Art. 51 limits (200 and 3,000 yuan).
#[test]
fn enforcement_evaluate_flags_a_summary_fine_above_every_limit() {
    let sp4 = r#"{"id":"SP4","events":[{"date":"2025-06-03","kind":"decided","penalties":[{"kind":"fine","amount":"99999.00"}],"party_present":true}]}"#;
    let (code, out, err) = evaluate(&[], sp4, "2025-06-04", &[]);
    assert_eq!(code, 0, "{err}");
    // Handed over on the spot on 3 Jun: the fine is payable within 15 days
    // (to 18 Jun), so on 4 Jun it awaits payment.
    assert!(
        out.starts_with("SP4\tawaiting_payment\tdecision due -\tsummary_ineligible\n"),
        "{out}"
    );
    // 2,000 yuan is within an organisation's limit: not flagged unknown.
    let (_, out, _) = evaluate(&[], &sp4.replace("99999.00", "2000.00"), "2025-06-04", &[]);
    assert!(
        out.starts_with("SP4\tawaiting_payment\tdecision due -\t-\n"),
        "{out}"
    );
}

/// D5: `enforcement jurisdiction --item HB-GF-003` (a benefit, 行政给付) or
/// `HB-XK-001` (a licence, 行政许可) answered and cited Arts. 22–23. A
/// violation has penalty items: exit 2, naming the item and its category.
#[test]
fn enforcement_jurisdiction_refuses_non_penalty_items() {
    for (item, en, zh) in [
        ("HB-GF-003", "a payment (行政给付) item", "属于行政给付"),
        ("HB-XK-001", "a licensing (行政许可) item", "属于行政许可"),
    ] {
        let args = [
            "enforcement",
            "jurisdiction",
            "--item",
            item,
            "--division",
            "130430104200",
            "--date",
            "2022-03-01",
        ];
        expect_input_error(&args, "", &[item, en, "not a penalty (行政处罚) item"]);
        let mut zh_args = vec!["--lang", "zh"];
        zh_args.extend(args);
        expect_input_error(&zh_args, "", &[item, zh, "不是行政处罚事项"]);
    }
    expect_input_error(
        &[
            "enforcement",
            "compare",
            "--item",
            "HB-CF-001,HB-XK-001",
            "--division",
            "130430104200",
            "--before",
            "2021-01-04",
            "--after",
            "2024-06-01",
        ],
        "",
        &["HB-XK-001", "not a penalty"],
    );
}
