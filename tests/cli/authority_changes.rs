//! `jiceng authority timeline`, `duties` and `holder --explain` as a review
//! read them against issue 8 ("every change with its instrument") and
//! issue 14 (the duty list of a township).
//!
//! `data/kr.toml` (a review's ledger): CF-1 (环评处罚, 生态环境) is held by
//! law by 邱县生态环境分局 (130430-sthj); devolved to 甲镇 (130430100000)
//! by `d1` from 2021-07-15; concentrated county-wide into 邱县综合行政执法局
//! (130430-zhzf) by `k1` from 2022-06-01; taken back from 甲镇 by the
//! revocation `r1` (邱政字〔2022〕2号) from 2022-07-01.

#![allow(clippy::unwrap_used)]

use super::*;

const KR: &str = "tests/cli/data/kr.toml";

fn timeline(args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["authority", "timeline"];
    all.extend_from_slice(args);
    all.push("--json");
    let (code, out, err) = jiceng(&all, "");
    assert_eq!(code, 0, "stderr {err:?}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    v.as_array().unwrap().clone()
}

#[test]
fn timeline_names_the_revocation_that_ended_a_devolution() {
    // HB-XK-002 (个体工商户注册登记, 市场监管) in 付家佐乡 (130926201000):
    // the county market bureau by law; every Suning township from
    // 2022-07-01 (肃政字〔2022〕20号); taken back from 付家佐乡 on
    // 2024-01-01 by suning-revocation-2024 (肃政字〔2023〕30号), after which
    // the bureau holds it by law again: no instrument behind the holder,
    // but the revocation made the change.
    let rows = timeline(&["--item", "HB-XK-002", "--division", "130926201000"]);
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(rows[0].get("change").is_none());
    assert!(rows[0].get("changed_by").is_none());
    assert_eq!(rows[1]["from"], "2022-07-01");
    assert_eq!(rows[1]["change"], "took_effect");
    assert_eq!(rows[1]["changed_by"]["id"], "suning-devolution-2022-all");
    assert_eq!(rows[1]["instrument"]["id"], "suning-devolution-2022-all");
    assert_eq!(rows[2]["from"], "2024-01-01");
    assert_eq!(rows[2]["holder"]["code"], "130926-scjg");
    assert!(rows[2].get("instrument").is_none());
    assert_eq!(rows[2]["change"], "revoked");
    assert_eq!(rows[2]["changed_by"]["id"], "suning-revocation-2024");
    assert_eq!(rows[2]["changed_by"]["document"], "肃政字〔2023〕30号");
    let (code, out, _) = jiceng(
        &[
            "authority",
            "timeline",
            "--item",
            "HB-XK-002",
            "--division",
            "130926201000",
        ],
        "",
    );
    assert_eq!(code, 0);
    let last = out.lines().last().unwrap();
    assert!(last.starts_with("2024-01-01"), "{out}");
    assert!(last.contains("by law"), "{last}");
    assert!(
        last.contains("changed by revocation suning-revocation-2024 [肃政字〔2023〕30号"),
        "{last}"
    );
}

#[test]
fn timeline_after_a_concentration_credits_the_revocation_and_keeps_the_basis() {
    // 甲镇 holds CF-1 from 2021-07-15 (d1); k1 on 2022-06-01 changes
    // nothing there while the devolution lasts; on 2022-07-01 r1 takes it
    // back and the bureau holds it by k1. Three stretches.
    let rows = timeline(&[
        "--ledger",
        KR,
        "--item",
        "CF-1",
        "--division",
        "130430100000",
    ]);
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!(rows[0]["holder"]["code"], "130430-sthj");
    assert_eq!(rows[1]["from"], "2021-07-15");
    assert_eq!(rows[1]["holder"]["code"], "130430100-gov");
    assert_eq!(rows[1]["changed_by"]["id"], "d1");
    assert_eq!(rows[2]["from"], "2022-07-01");
    assert_eq!(rows[2]["holder"]["code"], "130430-zhzf");
    // The basis of the holding: the concentration, as before (compatible).
    assert_eq!(rows[2]["instrument"]["id"], "k1");
    // The change: the revocation.
    assert_eq!(rows[2]["change"], "revoked");
    assert_eq!(rows[2]["changed_by"]["id"], "r1");
    assert_eq!(rows[2]["changed_by"]["kind"], "revocation");
    for (lang, needles) in [
        (
            "en",
            [
                "concentration k1 [邱政字〔2022〕3号",
                "; changed by revocation r1 [邱政字〔2022〕2号",
            ],
        ),
        (
            "zh",
            [
                "划转 k1 [邱政字〔2022〕3号",
                "; 变更依据 收回 r1 [邱政字〔2022〕2号",
            ],
        ),
    ] {
        let (code, out, _) = jiceng(
            &[
                "--lang",
                lang,
                "authority",
                "timeline",
                "--ledger",
                KR,
                "--item",
                "CF-1",
                "--division",
                "130430100000",
            ],
            "",
        );
        assert_eq!(code, 0);
        let last = out.lines().last().unwrap();
        for n in needles {
            assert!(last.contains(n), "{lang}: {n:?} in {last:?}");
        }
        // The devolution's own line (after the header and the statute's)
        // names it once, with no "changed by".
        let second = out.lines().nth(2).unwrap();
        assert!(!second.contains(';'), "{second}");
    }
}

/// `data/kr.toml` with CF-2 (无照经营处罚, 市场监管) entrusted by the
/// county market bureau to 甲镇 for a term: in force from 2021-08-01,
/// `effective_until` 2022-01-01 (the first day no longer in force).
fn with_term(scratch: &Scratch) -> String {
    let text = std::fs::read_to_string(KR).unwrap()
        + r#"
[[instrument]]
id = "w1"
kind = "entrustment"
issuer = "130430-scjg"
document = "邱市监字〔2021〕5号"
title = "委托"
published = "2021-07-20"
effective_from = "2021-08-01"
effective_until = "2022-01-01"
from = ["130430-scjg"]
townships = ["130430100000"]
items = ["CF-2"]
"#;
    path_str(&scratch.write("term.toml", &text)).to_owned()
}

#[test]
fn timeline_names_a_term_that_ended() {
    let scratch = Scratch::new("timeline-term");
    let ledger = with_term(&scratch);
    // By law; entrusted from 2021-08-01 (the bureau stays the holder, the
    // town's team acts); on 2022-01-01 the term ends and the bureau acts
    // by law again.
    let rows = timeline(&[
        "--ledger",
        &ledger,
        "--item",
        "CF-2",
        "--division",
        "130430100000",
    ]);
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!(rows[1]["from"], "2021-08-01");
    assert_eq!(rows[1]["exercised_by"]["code"], "130430100-zfd");
    assert_eq!(rows[1]["change"], "took_effect");
    assert_eq!(rows[2]["from"], "2022-01-01");
    assert_eq!(rows[2]["holder"]["code"], "130430-scjg");
    assert!(rows[2].get("exercised_by").is_none());
    assert_eq!(rows[2]["change"], "term_ended");
    assert_eq!(rows[2]["changed_by"]["id"], "w1");
}

#[test]
fn holder_explain_names_the_last_day_in_force() {
    // effective_until 2022-01-01 is exclusive: the last day in force is
    // 2021-12-31.
    let scratch = Scratch::new("holder-term");
    let ledger = with_term(&scratch);
    let args = |lang| {
        [
            "--lang",
            lang,
            "authority",
            "holder",
            "--ledger",
            ledger.as_str(),
            "--item",
            "CF-2",
            "--division",
            "130430100000",
            "--date",
            "2021-09-01",
            "--explain",
        ]
        .map(str::to_owned)
    };
    for (lang, needle) in [
        (
            "en",
            "in force from 2021-08-01 to 2021-12-31 inclusive (no longer in force from 2022-01-01)",
        ),
        (
            "zh",
            "自 2021-08-01 起至 2021-12-31 止（2022-01-01 起不再施行）",
        ),
    ] {
        let a = args(lang);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        let (code, out, err) = jiceng(&a, "");
        assert_eq!(code, 0, "{err}");
        assert!(out.contains(needle), "{lang}: {needle:?} in {out}");
        assert!(!out.contains("until 2022-01-01"), "{out}");
    }
    // JSON keeps the field as it was: the first day no longer in force.
    let (code, out, _) = jiceng(
        &[
            "authority",
            "holder",
            "--ledger",
            &ledger,
            "--item",
            "CF-2",
            "--division",
            "130430100000",
            "--date",
            "2021-09-01",
            "--explain",
            "--json",
        ],
        "",
    );
    assert_eq!(code, 0);
    assert!(out.contains(r#""effective_until":"2022-01-01""#), "{out}");
}

#[test]
fn duties_of_a_village_are_its_townships() {
    // 130430104200 is a village of 古城营镇 (130430104000): its clerk asks
    // for the town's duty list, as `powers` answers for a village.
    for cmd in ["duties", "gaps"] {
        let run = |division| {
            jiceng(
                &[
                    "authority",
                    cmd,
                    "--division",
                    division,
                    "--date",
                    "2022-07-01",
                ],
                "",
            )
        };
        let (code, village, err) = run("130430104200");
        let (town_code, town, _) = run("130430104000");
        assert_eq!(code, town_code, "{cmd}: {err}");
        assert_eq!(
            village.replace("130430104200", "130430104000"),
            town,
            "{cmd}"
        );
    }
    let (code, out, _) = jiceng(
        &[
            "authority",
            "duties",
            "--division",
            "130430104200",
            "--date",
            "2022-07-01",
            "--format",
            "csv",
        ],
        "",
    );
    assert_eq!(code, 0);
    // QX-01, straw burning, is on Qiu County's towns' lists.
    assert!(out.lines().any(|l| l.starts_with("QX-01,")), "{out}");
    // A county has no duty list of its own: bad input still.
    expect_input_error(
        &[
            "authority",
            "duties",
            "--division",
            "130430000000",
            "--date",
            "2022-07-01",
        ],
        "",
        &["130430000000"],
    );
}
