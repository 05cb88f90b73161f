//! The county's chain of concentrations in a holder's explanation: the
//! concentrations in force on the day asked that took effect no later
//! than the one that holds, in date order. One that has ended is not in
//! force from its `effective_until` on (Art. 18's concentration is a
//! decision with a term when it states one).

use crate::{d, ledger};

const QIU: &str = "130430000000";

fn concentration(id: &str, to: &str, from: &str, until: &str) -> String {
    let until = if until.is_empty() {
        String::new()
    } else {
        format!("effective_until = \"{until}\"\n")
    };
    format!(
        "\n[[instrument]]\nid = \"{id}\"\nkind = \"concentration\"\nissuer = \"c-gov\"\ndocument = \"邱政字〔2021〕{id}号\"\ntitle = \"集中 {id}\"\npublished = \"{from}\"\neffective_from = \"{from}\"\n{until}county = \"{QIU}\"\nfrom = [\"c-sthj\"]\nto = \"{to}\"\nitems = [\"CF-1\"]\n"
    )
}

/// c1 moves CF-1 to the bureau from 2021-06-01 until 2022-01-01; c2 moves
/// it to the 市场监管 department from 2021-09-01. The later one holds while
/// both are in force, and the chain names both; from 2022-01-01, c1's
/// first day out of force, only c2.
#[test]
fn an_ended_concentration_leaves_the_chain_on_its_end_day() {
    let l = ledger(&format!(
        "{}{}",
        concentration("c1", "c-zhzf", "2021-06-01", "2022-01-01"),
        concentration("c2", "c-scjg", "2021-09-01", "")
    ));
    let chain = |date: &str| -> (String, Vec<String>) {
        let h = l.holder("CF-1", QIU, d(date)).unwrap();
        (
            h.holder.code,
            h.explanation
                .into_iter()
                .filter_map(|s| s.instrument.map(|i| i.id))
                .collect(),
        )
    };
    let s = |h: &str, ids: &[&str]| (h.to_owned(), ids.iter().map(|i| (*i).to_owned()).collect());
    assert_eq!(chain("2021-05-31"), s("c-sthj", &[]));
    assert_eq!(chain("2021-08-31"), s("c-zhzf", &["c1"]));
    assert_eq!(chain("2021-12-31"), s("c-scjg", &["c1", "c2"]));
    assert_eq!(chain("2022-01-01"), s("c-scjg", &["c2"]));
}

/// A concentration that ends the day it starts (`effective_until` equal
/// to `effective_from`) is in force on no day: c1 moves CF-1 to the bureau
/// from 2021-06-01; c2, to the 市场监管 department, would start and end on
/// 2021-09-01. On 2021-08-31, 2021-09-01 and 2021-09-02 the bureau holds
/// it by c1 alone.
#[test]
fn a_concentration_that_ends_the_day_it_starts_changes_nothing() {
    let l = ledger(&format!(
        "{}{}",
        concentration("c1", "c-zhzf", "2021-06-01", ""),
        concentration("c2", "c-scjg", "2021-09-01", "2021-09-01")
    ));
    for date in ["2021-08-31", "2021-09-01", "2021-09-02"] {
        let h = l.holder("CF-1", QIU, d(date)).unwrap();
        let ids: Vec<String> = h
            .explanation
            .into_iter()
            .filter_map(|s| s.instrument.map(|i| i.id))
            .collect();
        assert_eq!(
            (h.holder.code.as_str(), ids),
            ("c-zhzf", vec!["c1".to_owned()]),
            "{date}"
        );
    }
}
