//! Regression tests of the duty lists, each named after the bug or the
//! limit it pins.

use super::*;

/// A clash between two county lists is seen by all 3 townships but is
/// one finding, named at the first township, with the kind the second
/// list gives.
#[test]
fn a_clash_between_county_lists_is_one_finding() {
    let extra = format!(
        "{}{}{}",
        list("tpl", TEMPLATE_ALL, "2021-07-01", "items = [\"D-6\"]"),
        list("qiu", COUNTY, "2021-07-01", "items = [\"D-5\"]"),
        list(
            "qiu2",
            "county = \"130430000000\"",
            "2021-08-01",
            "changes = [{ code = \"D-6\", kind = \"basic\" }, { code = \"D-5\", kind = \"basic\" }]"
        )
    );
    let l = Ledger::from_text(&format!("{BASE}{DUTIES}{extra}"), "mini.toml").unwrap();
    let found = l.check_duties(d("2022-01-01"));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].kind, FindingKind::ReturnedStillAssigned);
    assert_eq!(
        found[0].message,
        "duty \"D-5\" is returned upward by \"qiu\" but \"qiu2\" still assigns it to township 130430100000 as basic"
    );
}

/// Without `as_of`, the check reads the duties on the last date
/// anything starts or ends: here 2021-07-01, when the lists take
/// effect, and D-1 needs CF-1, which no township holds: 3 gaps.
#[test]
fn check_without_a_date_uses_the_last_change() {
    let extra = format!(
        "{}{}",
        list(
            "tpl",
            TEMPLATE_ALL,
            "2021-07-01",
            "items = [\"D-1\", \"D-3\"]"
        ),
        list("qiu", COUNTY, "2021-07-01", "")
    );
    let l = Ledger::from_text(&format!("{BASE}{DUTIES}{extra}"), "mini.toml").unwrap();
    let all = l.check(&jiceng_authority::CheckOptions::default());
    let count = |k: FindingKind| all.iter().filter(|f| f.kind == k).count();
    assert_eq!(count(FindingKind::DutyWithoutPower), 3);
    // D-3, cooperative without a lead, once for the county.
    assert_eq!(count(FindingKind::CooperativeWithoutLead), 1);
    // duty_gaps answers the gaps only, for one township.
    let one = l.duty_gaps(T2.parse().unwrap(), d("2021-07-01")).unwrap();
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].location.item.as_deref(), Some("CF-1"));
    assert_eq!(one[0].location.duty.as_deref(), Some("D-1"));
    assert!(
        l.duty_gaps(T2.parse().unwrap(), d("2021-06-30"))
            .unwrap()
            .is_empty()
    );
}

/// The list stops at MAX_FINDINGS (100,000) with a last finding that
/// counts the rest: 40,000 duties each needing CF-1, listed for 3
/// townships, make 120,000 gaps: 100,000 listed, 20,000 counted.
#[test]
fn duty_findings_stop_at_the_cap_and_count_the_rest() {
    let mut extra = String::new();
    let mut codes = Vec::new();
    for k in 0..40_000 {
        extra.push_str(&format!(
            "[[duty]]\ncode = \"M-{k}\"\nname = \"m\"\ndomain = \"x\"\nkind = \"basic\"\npowers = [\"CF-1\"]\n"
        ));
        codes.push(format!("\"M-{k}\""));
    }
    extra.push_str(&list(
        "tpl",
        TEMPLATE_ALL,
        "2021-07-01",
        &format!("items = [{}]", codes.join(",")),
    ));
    extra.push_str(&list("qiu", COUNTY, "2021-07-01", ""));
    let l = Ledger::from_text(&format!("{BASE}\n{extra}"), "cap.toml").unwrap();
    let found = l.check_duties(d("2022-01-01"));
    assert_eq!(found.len(), jiceng_authority::MAX_FINDINGS + 1);
    let last = found.last().unwrap();
    assert_eq!(last.kind, FindingKind::TooManyFindings);
    assert!(
        last.message.starts_with("20000 more findings"),
        "{}",
        last.message
    );
}

/// A small file must not make the check do unbounded work: a county
/// list of N entries costs N x its townships (3 here), counted at
/// build. 1,700,000 entries x 3 townships = 5,100,000 > 5,000,000.
#[test]
fn duty_pairs_past_the_limit_are_refused() {
    let many = vec!["\"D-6\""; 1_700_000].join(",");
    let extra = list(
        "qiu",
        "county = \"130430000000\"",
        "2021-07-01",
        &format!("items = [{many}]"),
    );
    let err = Ledger::from_text(&format!("{BASE}{DUTIES}{extra}"), "big.toml").unwrap_err();
    assert!(
        err.to_string().contains("5100000 (duty, township) pairs"),
        "{err}"
    );
    assert_eq!(jiceng_authority::MAX_DUTY_PAIRS, 5_000_000);
    // 1,600,000 x 3 = 4,800,000 is within the limit.
    let fewer = vec!["\"D-6\""; 1_600_000].join(",");
    let extra = list(
        "qiu",
        "county = \"130430000000\"",
        "2021-07-01",
        &format!("items = [{fewer}]"),
    );
    assert!(Ledger::from_text(&format!("{BASE}{DUTIES}{extra}"), "ok.toml").is_ok());
}

/// A list of an unknown township names no division of the ledger: it
/// must be ignored, not crash the resolution.
#[test]
fn township_list_of_unknown_division_is_ignored() {
    let extra = list(
        "x",
        "townships = [\"130430999000\"]",
        "2021-07-01",
        "items = [\"D-6\"]",
    );
    let l = Ledger::from_text(&format!("{BASE}{DUTIES}{extra}"), "mini.toml").unwrap();
    assert_eq!(l.check_duties(d("2022-01-01")), []);
}
