//! The cap on the duty findings at its boundary. `check_duties` stops at
//! `MAX_FINDINGS` (100,000), which only a ledger of 40,000 duties reaches
//! (the integration test `duty_findings_stop_at_the_cap_and_count_the_rest`
//! takes a minute in a debug build); the same collector is driven here
//! with small caps.

#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;

use crate::{FindingKind, Ledger};

/// A county of two towns. Three basic duties each need CF-1, which the
/// county's 生态环境 department holds by law and never devolves: each town
/// has three duties without power (有责无权), 2 × 3 = 6 findings.
const TEXT: &str = r#"format = 1
name = "cap"

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
code = "t1-gov"
name = "新马头镇人民政府"
kind = "government"
division = "130430100000"

[[body]]
code = "t2-gov"
name = "邱城镇人民政府"
kind = "government"
division = "130430101000"

[[item]]
code = "CF-1"
name = "对未批先建的处罚"
category = "penalty"
sector = "生态环境"

[[duty]]
code = "D-1"
name = "一"
domain = "生态文明"
kind = "basic"
powers = ["CF-1"]

[[duty]]
code = "D-2"
name = "二"
domain = "生态文明"
kind = "basic"
powers = ["CF-1"]

[[duty]]
code = "D-3"
name = "三"
domain = "生态文明"
kind = "basic"
powers = ["CF-1"]

[[duty_list]]
id = "qiu"
issuer = "c-gov"
document = "邱办字〔2021〕1号"
title = "邱县乡镇履行职责事项清单"
published = "2021-07-01"
effective_from = "2021-07-01"
county = "130430000000"
items = ["D-1", "D-2", "D-3"]
"#;

fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 1, 1).unwrap()
}

/// (listed, counted) for each cap: a cap of k lists min(k, 6) and counts
/// the other 6 − min(k, 6).
#[test]
fn the_duty_findings_list_up_to_the_cap_and_count_the_rest() {
    let l = Ledger::from_text(TEXT, "cap.toml").unwrap();
    let (all, none) = l.duty_findings(date(), usize::MAX);
    assert_eq!(none, 0);
    assert_eq!(all.len(), 6);
    assert!(all.iter().all(|f| f.kind == FindingKind::DutyWithoutPower));
    for (cap, listed, counted) in [(0, 0, 6), (1, 1, 5), (5, 5, 1), (6, 6, 0), (7, 6, 0)] {
        let (list, dropped) = l.duty_findings(date(), cap);
        assert_eq!((list.len(), dropped), (listed, counted), "cap {cap}");
        assert_eq!(list[..], all[..listed], "cap {cap}");
    }
    // Below the cap, check_duties lists them all and adds no count.
    assert_eq!(l.check_duties(date()), all);
}
