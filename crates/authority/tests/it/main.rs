//! Integration tests of the authority crate, one binary in themed modules.

#![allow(clippy::unwrap_used)]

mod chain_pins;
mod chains;
mod clerk_pins;
mod drafts;
mod duties;
mod duty_bound;
mod duty_fuzz;
mod duty_pins;
mod evaluation_pins;
mod findings;
mod formats;
mod fuzz;
mod instruments;
mod labels;
mod laws;
mod locations;
mod mutants_pins;
mod overlap_pins;
mod reference;
mod report_pins;
mod scale;
mod synth_laws;
mod timeline_changes;
mod validation_pins;
mod zh;

use jiceng_authority::{CheckOptions, Finding, Ledger};

/// A small county: Qiu County with three townships. 南辛店乡 has no
/// enforcement team. The guidance list allows CF-1, CF-2 and XK-1; CF-3 is
/// not on it.
pub const BASE: &str = r#"format = 1
name = "mini"

[[division]]
code = "130000000000"
name = "河北省"
kind = "province"

[[division]]
code = "130400000000"
name = "邯郸市"
kind = "city"

[[division]]
code = "130430000000"
name = "邱县"
kind = "county"

[[division]]
code = "130430100000"
name = "新马头镇"
kind = "town"

[[division]]
code = "130430101000"
name = "邱城镇"
kind = "town"
tags = ["developed"]

[[division]]
code = "130430200000"
name = "南辛店乡"
kind = "township"

[[division]]
code = "130430100200"
name = "某村"
kind = "village"

[[body]]
code = "p-gov"
name = "河北省人民政府"
kind = "government"
division = "130000000000"

[[body]]
code = "c-gov"
name = "邱县人民政府"
kind = "government"
division = "130430000000"

[[body]]
code = "c-sthj"
name = "邱县生态环境分局"
kind = "department"
division = "130430000000"
sector = "生态环境"

[[body]]
code = "c-scjg"
name = "邱县市场监督管理局"
kind = "department"
division = "130430000000"
sector = "市场监管"

[[body]]
code = "c-zhzf"
name = "邱县综合行政执法局"
kind = "enforcement_bureau"
division = "130430000000"

[[body]]
code = "t1-gov"
name = "新马头镇人民政府"
kind = "government"
division = "130430100000"

[[body]]
code = "t1-zfd"
name = "新马头镇综合行政执法队"
kind = "enforcement_team"
division = "130430100000"

[[body]]
code = "t1-fwzx"
name = "新马头镇行政综合服务中心"
kind = "service_centre"
division = "130430100000"

[[body]]
code = "t2-gov"
name = "邱城镇人民政府"
kind = "government"
division = "130430101000"

[[body]]
code = "t2-zfd"
name = "邱城镇综合行政执法队"
kind = "enforcement_team"
division = "130430101000"

[[body]]
code = "t3-gov"
name = "南辛店乡人民政府"
kind = "government"
division = "130430200000"

[[body]]
code = "t3-fwzx"
name = "南辛店乡行政综合服务中心"
kind = "service_centre"
division = "130430200000"

[[item]]
code = "CF-1"
name = "对未批先建的处罚"
category = "处罚"
sector = "生态环境"
basis = [{ law = "中华人民共和国环境影响评价法", article = "第三十一条" }]

[[item]]
code = "CF-2"
name = "对无照经营的处罚"
category = "penalty"
sector = "市场监管"

[[item]]
code = "XK-1"
name = "个体工商户登记"
category = "许可"
sector = "市场监管"

[[item]]
code = "CF-3"
name = "不在清单上的处罚"
category = "处罚"
sector = "生态环境"

[[instrument]]
id = "guide"
kind = "guidance_list"
issuer = "p-gov"
document = "冀政字〔2021〕1号"
title = "赋予乡镇和街道部分县级行政执法权指导目录"
published = "2021-01-01"
effective_from = "2021-02-01"
province = "130000000000"
items = ["CF-1", "CF-2", "XK-1"]
"#;

/// The concentration of CF-1 and CF-2 in the bureau from 2021-06-01.
pub const CONCENTRATE: &str = r#"
[[instrument]]
id = "conc"
kind = "concentration"
issuer = "c-gov"
document = "邱政字〔2021〕5号"
title = "关于相对集中行政处罚权的决定"
published = "2021-05-20"
effective_from = "2021-06-01"
county = "130430000000"
from = ["c-sthj", "c-scjg"]
to = "c-zhzf"
items = ["CF-1", "CF-2"]
"#;

/// An instrument in TOML, for tests.
#[allow(clippy::too_many_arguments)]
pub fn instrument(
    id: &str,
    kind: &str,
    from: &str,
    published: &str,
    effective: &str,
    rest: &str,
) -> String {
    format!(
        "\n[[instrument]]\nid = \"{id}\"\nkind = \"{kind}\"\nissuer = \"c-gov\"\ndocument = \"邱政字〔2022〕{id}号\"\ntitle = \"{kind} {id}\"\npublished = \"{published}\"\neffective_from = \"{effective}\"\n{}{rest}\n",
        if from.is_empty() {
            String::new()
        } else {
            format!("from = [{from}]\n")
        }
    )
}

/// Builds a ledger from the base plus extra TOML.
pub fn ledger(extra: &str) -> Ledger {
    Ledger::from_text(&format!("{BASE}{extra}"), "mini.toml").unwrap()
}

/// The findings of a ledger built from the base plus extra TOML.
pub fn findings(extra: &str, opts: &CheckOptions) -> Vec<Finding> {
    ledger(extra).check(opts)
}

/// A date.
pub fn d(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

/// Asserts that a finding's Chinese message speaks Chinese: once quoted
/// ids ("…"), field names (`…`), lists ([…]) and codes (words with a
/// digit, `-` or `_`) are taken out, no English word of three letters or
/// more is left. A message worded anew in English only fails here.
pub fn assert_chinese(f: &Finding) {
    let m = &f.message_zh;
    assert!(!m.is_empty(), "{f:?}");
    let mut plain = String::new();
    let mut close = None;
    for c in m.chars() {
        match close {
            Some(end) if c == end => close = None,
            Some(_) => {}
            None => match c {
                '"' => close = Some('"'),
                '`' => close = Some('`'),
                '[' => close = Some(']'),
                _ => plain.push(c),
            },
        }
    }
    for word in plain.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')) {
        let code = word
            .chars()
            .any(|c| c.is_ascii_digit() || c == '-' || c == '_');
        assert!(
            code || word.len() < 3,
            "English word {word:?} in the Chinese message of {f:?}"
        );
    }
}
