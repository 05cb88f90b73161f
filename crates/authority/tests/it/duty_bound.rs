//! The bound on the (duty, township) pairs a ledger's duty lists and
//! assessments name (MAX_DUTY_PAIRS, 5,000,000), at its boundary, counted
//! before anything is resolved: a list names (its own entries + its
//! template's) × (its county's townships + its own townships), and an
//! assessment names its county's townships + its own townships.
//!
//! Reaching 5,000,000 with one list takes a 1.7-million-entry array (the
//! slow regression test `duty_pairs_past_the_limit_are_refused`); here a
//! template of 10,000 entries adopted by 166 county lists does it with a
//! file of some 17,000 entries.

use jiceng_authority::{Error, Ledger};

use crate::BASE;

const T1: &str = "130430100000";

/// Pairs named by the lists below, worked out (Qiu County has 3
/// townships; the province template itself names no township):
///
/// - 165 county lists adopting the 10,000-entry template, with no entries
///   of their own: 165 × (0 + 10,000) × 3 = 4,950,000;
/// - one county list adopting it with 6,665 entries of its own:
///   (6,665 + 10,000) × 3 = 49,995;
/// - a list of 新马头镇 with 2 entries: 2 × 1 = 2.
///
/// In all 4,999,997, three under the limit.
fn lists() -> String {
    let entries = |n: usize| vec!["\"D-6\""; n].join(",");
    let list = |id: &str, scope: &str, items: &str| {
        format!(
            "\n[[duty_list]]\nid = \"{id}\"\nissuer = \"c-gov\"\ndocument = \"邱办字〔2021〕{id}号\"\ntitle = \"{id}\"\npublished = \"2021-07-01\"\neffective_from = \"2021-07-01\"\n{scope}\nitems = [{items}]\n"
        )
    };
    let mut text = String::from(
        "\n[[duty]]\ncode = \"D-6\"\nname = \"基层党建\"\ndomain = \"党的建设\"\nkind = \"basic\"\n",
    );
    text += &list("tpl", "province = \"130000000000\"", &entries(10_000));
    let county = "county = \"130430000000\"\ntemplate = \"tpl\"";
    for k in 0..165 {
        text += &list(&format!("c{k}"), county, "");
    }
    text += &list("c165", county, &entries(6_665));
    text += &list("t1", &format!("townships = [\"{T1}\"]"), &entries(2));
    text
}

fn assessment(scope: &str) -> String {
    format!(
        "\n[[assessment]]\nid = \"a\"\nkind = \"考核事项\"\nissuer = \"c-gov\"\ntitle = \"a\"\neffective_from = \"2021-08-01\"\n{scope}\nduty = \"D-6\"\n"
    )
}

/// 4,999,997 pairs pass; an assessment of the county adds 3 (5,000,000,
/// the limit itself, passes); one of the county and 新马头镇 adds 3 + 1 =
/// 4, making 5,000,001, one past the limit: refused, naming the count.
#[test]
fn duty_pairs_are_bounded_at_the_limit_itself() {
    assert_eq!(jiceng_authority::MAX_DUTY_PAIRS, 5_000_000);
    let lists = lists();
    let build = |extra: &str| Ledger::from_text(&format!("{BASE}{lists}{extra}"), "bound.toml");
    assert!(build("").is_ok());
    assert!(build(&assessment("county = \"130430000000\"")).is_ok());
    let err = build(&assessment(&format!(
        "county = \"130430000000\"\ntownships = [\"{T1}\"]"
    )))
    .unwrap_err();
    assert!(matches!(err, Error::TooLarge { .. }), "{err}");
    assert!(
        err.to_string()
            .contains("5000001 (duty, township) pairs; the limit is 5000000"),
        "{err}"
    );
}
