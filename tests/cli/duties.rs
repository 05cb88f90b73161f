//! `jiceng authority duties | gaps | assessments`, and the duty findings of
//! `authority check`.
//!
//! Expected values follow from the bundled sample's construction: Qiu
//! County's towns list straw-burning control (QX-01) from 2021-10-01, and
//! its penalty power (HB-CF-011) is concentrated in the county bureau from
//! 2021-06-01 and devolved to the 7 towns only from 2022-03-01; Qiu's 2021
//! investment pledge assesses no duty and ended on 2022-01-01.

#![allow(clippy::unwrap_used)]

use super::*;

const GUCHENGYING: &str = "130430104000";

#[test]
fn gaps_before_and_after_the_devolution() {
    let (code, out, err) = jiceng(
        &[
            "authority",
            "gaps",
            "--division",
            GUCHENGYING,
            "--date",
            "2021-12-01",
        ],
        "",
    );
    assert_eq!(code, 1, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].contains("QX-01\tHB-CF-011"), "{out}");
    assert!(
        lines[0].contains("130430-zhzf"),
        "held by the bureau: {out}"
    );
    assert_eq!(
        lines[1],
        "1 duty without power in 130430104000 on 2021-12-01"
    );
    let (code, out, _) = jiceng(
        &[
            "authority",
            "gaps",
            "--division",
            GUCHENGYING,
            "--date",
            "2022-06-01",
        ],
        "",
    );
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "0 duties without power in 130430104000 on 2022-06-01\n"
    );
    let (code, out, _) = jiceng(
        &[
            "--lang",
            "zh",
            "authority",
            "gaps",
            "--division",
            GUCHENGYING,
            "--date",
            "2021-12-01",
        ],
        "",
    );
    assert_eq!(code, 1);
    assert!(out.contains("有责无权"), "{out}");
    assert!(
        out.ends_with("2021-12-01 130430104000 有责无权 1 项\n"),
        "{out}"
    );
    let (code, out, _) = jiceng(
        &[
            "authority",
            "gaps",
            "--division",
            GUCHENGYING,
            "--date",
            "2021-12-01",
            "--json",
        ],
        "",
    );
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v[0]["kind"], "duty_without_power");
    assert_eq!(v[0]["location"]["duty"], "QX-01");
    assert_eq!(v[0]["location"]["item"], "HB-CF-011");
    // Not a township: bad input.
    let (code, _, err) = jiceng(
        &[
            "authority",
            "gaps",
            "--division",
            "130430000000",
            "--date",
            "2021-12-01",
        ],
        "",
    );
    assert_eq!(code, 2, "{err}");
}

#[test]
fn check_reports_the_duty_findings_with_lines() {
    // On 2021-12-01: 7 gaps (one a Qiu town) and 7 pledges outside the list.
    let (code, out, _) = jiceng(
        &["authority", "check", "--as-of", "2021-12-01", "--json"],
        "",
    );
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    let count = |k: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .filter(|f| f["kind"] == k)
            .count()
    };
    assert_eq!(count("duty_without_power"), 7);
    assert_eq!(count("assessment_outside_list"), 7);
    let gap = v
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "duty_without_power")
        .unwrap();
    // The line of `items = ["QX-01"]` in the list qiu-duty-2021 of the
    // bundled file.
    let text = jiceng::authority::BUNDLED_HEBEI_SAMPLE;
    let at = text.find("id = \"qiu-duty-2021\"").unwrap();
    let at = at + text[at..].find("\"QX-01\"").unwrap();
    let want = text[..at].matches('\n').count() + 1;
    assert_eq!(gap["location"]["line"], want);
    assert_eq!(gap["location"]["instrument"], "qiu-duty-2021");
    let (_, out, _) = jiceng(
        &[
            "--lang",
            "zh",
            "authority",
            "check",
            "--as-of",
            "2021-12-01",
        ],
        "",
    );
    assert!(out.contains("有责无权"), "{out}");
    assert!(out.contains("考核或责任状超出职责清单"), "{out}");
}

#[test]
fn duties_lists_kind_lead_and_holders() {
    let (code, out, _) = jiceng(
        &[
            "authority",
            "duties",
            "--division",
            GUCHENGYING,
            "--date",
            "2021-12-01",
            "--format",
            "csv",
        ],
        "",
    );
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "duty,name,domain,kind,lead,cooperating,powers needed (holder)"
    );
    // The template's 90 items and QX-01.
    assert_eq!(lines.len(), 1 + 91, "{out}");
    assert!(
        out.contains("QX-01,秸秆禁烧,生态文明,basic,古城营镇人民政府,-,HB-CF-011 (邱县综合行政执法局) [duty without power]"),
        "{out}"
    );
    let (_, out, _) = jiceng(
        &[
            "--lang",
            "zh",
            "authority",
            "duties",
            "--division",
            GUCHENGYING,
            "--date",
            "2022-06-01",
            "--format",
            "md",
        ],
        "",
    );
    assert!(
        out.starts_with("| 职责编码 | 职责名称 | 领域 | 类别 |"),
        "{out}"
    );
    assert!(out.contains("基本履职事项"), "{out}");
    assert!(!out.contains("有责无权"), "{out}");
    let (_, out, _) = jiceng(
        &[
            "authority",
            "duties",
            "--division",
            GUCHENGYING,
            "--date",
            "2022-06-01",
            "--format",
            "json",
        ],
        "",
    );
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    // 90 template items and QX-01..QX-11.
    assert_eq!(v.as_array().unwrap().len(), 101);
    // Before Qiu adopted a list: nothing in force.
    let (code, out, _) = jiceng(
        &[
            "authority",
            "duties",
            "--division",
            GUCHENGYING,
            "--date",
            "2021-06-01",
        ],
        "",
    );
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "no duty list in force for 130430104000 on 2021-06-01\n"
    );
}

#[test]
fn duties_diff_and_assessments() {
    // 付家佐乡 after 2024-01-01: the four Suning items added, SN-02 returned.
    let (code, out, _) = jiceng(
        &[
            "authority",
            "duties",
            "--division",
            "130926201000",
            "--date",
            "2024-06-01",
            "--diff",
            "--format",
            "csv",
        ],
        "",
    );
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "change,duty,name,template,township\n\
         added,SN-01,乡村建设规划许可受理,-,basic\n\
         added,SN-02,个体工商户注册登记,-,returned (市场监管)\n\
         added,SN-03,高龄津贴发放,-,basic\n\
         added,SN-04,临时救助审批,-,basic\n"
    );
    // Qiu's towns on 2022-06-01: 2 assessment items, both backed (100%); 1
    // pledge, on the list.
    let (code, out, _) = jiceng(
        &[
            "authority",
            "assessments",
            "--date",
            "2022-06-01",
            "--format",
            "csv",
        ],
        "",
    );
    assert_eq!(code, 0);
    assert!(
        out.contains("130430104000,古城营镇,2,2,100%,1,-\n"),
        "{out}"
    );
    let (_, out, _) = jiceng(
        &[
            "authority",
            "assessments",
            "--date",
            "2021-12-01",
            "--format",
            "json",
        ],
        "",
    );
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 7);
    assert_eq!(v[0]["pledges_outside"][0], "qiu-pledge-2021-investment");
}
