//! Laws: a revocation undoes a devolution; a diff applied gives the other
//! snapshot. (The fast path and the explained holder are compared with an
//! independent reference in `reference.rs`.)

use jiceng_authority::synth::{SynthParams, province};
use jiceng_authority::{Ledger, Source};
use proptest::prelude::*;

use crate::{CONCENTRATE, d, instrument, ledger};

const TOWNS: [&str; 3] = ["130430100000", "130430101000", "130430200000"];
const ITEMS: [&str; 3] = ["CF-1", "CF-2", "XK-1"];

fn list(all: &[&str], mask: u8) -> String {
    all.iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, s)| format!("\"{s}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn revocation_restores_previous_holders(items in 1u8..8, towns in 1u8..8, gap in 1i64..400) {
        let from = d("2022-03-01");
        let until = from + chrono::Duration::days(gap);
        let base = CONCENTRATE.to_owned();
        let with = format!(
            "{base}{}{}",
            instrument("dev", "devolution", "\"c-zhzf\", \"c-scjg\"", "2022-02-20", "2022-03-01",
                &format!("townships = [{}]\nitems = [{}]", list(&TOWNS, towns), list(&ITEMS, items))),
            instrument("rev", "revocation", "", &until.to_string(), &until.to_string(),
                &format!("townships = [{}]\nitems = [{}]", list(&TOWNS, towns), list(&ITEMS, items))),
        );
        let (a, b) = (ledger(&base), ledger(&with));
        prop_assert_eq!(a.snapshot(until), b.snapshot(until));
        prop_assert_eq!(a.snapshot(until + chrono::Duration::days(30)), b.snapshot(until + chrono::Duration::days(30)));
        prop_assert_ne!(a.snapshot(from), b.snapshot(from));
        prop_assert_eq!(a.snapshot(from - chrono::Duration::days(1)), b.snapshot(from - chrono::Duration::days(1)));
    }

    #[test]
    fn diff_applied_gives_the_other_snapshot(seed in 0u64..1000, x in 0i64..1800, y in 0i64..1800) {
        let params = SynthParams { seed, townships: 40, villages: 0, items: 30, instruments: 150, ..SynthParams::default() };
        let l = Ledger::build(province(&params), Source::default()).unwrap();
        let start = d("2021-01-01");
        let a = l.snapshot(start + chrono::Duration::days(x));
        let b = l.snapshot(start + chrono::Duration::days(y));
        prop_assert_eq!(a.diff(&b).apply(&a), b.clone());
        prop_assert!(b.diff(&b).changes.is_empty());
    }
}

#[test]
fn synthetic_ledgers_are_reproducible_and_clean() {
    let params = SynthParams {
        seed: 7,
        townships: 100,
        villages: 300,
        items: 50,
        instruments: 400,
        ..SynthParams::default()
    };
    assert_eq!(province(&params), province(&params));
    assert_ne!(
        province(&params),
        province(&SynthParams {
            seed: 8,
            ..params.clone()
        })
    );
    let l = Ledger::build(province(&params), Source::default()).unwrap();
    let errors: Vec<_> = l
        .check(&jiceng_authority::CheckOptions::default())
        .into_iter()
        .filter(|f| f.severity == jiceng_authority::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}
