//! The routes the instruments of a baseline and a reform give, compared on
//! every day, item and township with a deliberately simple reference: the
//! last instrument in date order that names the item, the county and the
//! township decides, and a day without working minutes takes the holding
//! of the next working day.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::common::{model, tiny};

/// An instrument as the reference reads it.
struct Ins {
    devolve: bool,
    /// Item code prefixes (`penalty.*` is `penalty.`) or whole codes.
    items: &'static [&'static str],
    from: &'static str,
    counties: &'static [&'static str],
    townships: &'static [&'static str],
}

const BASELINE: [Ins; 1] = [Ins {
    devolve: true,
    items: &["penalty.a"],
    from: "2025-03-05",
    counties: &[],
    townships: &["130430100000"],
}];

/// The reform's own instruments, in file order (not date order). Two of
/// them share 14 March: they apply in file order, so 邱城镇's approvals,
/// devolved and taken back that day, end up with the county.
const REFORM: [Ins; 6] = [
    Ins {
        devolve: true,
        items: &["approval.a"],
        from: "2025-03-12",
        counties: &[],
        townships: &[],
    },
    Ins {
        devolve: true,
        items: &["penalty."],
        from: "2025-03-10",
        counties: &[],
        townships: &["130430101000"],
    },
    Ins {
        devolve: false,
        items: &["approval."],
        from: "2025-03-17",
        counties: &[],
        townships: &["130430100000"],
    },
    Ins {
        devolve: false,
        items: &["grid.a"],
        from: "2025-03-19",
        counties: &["130430000000"],
        townships: &[],
    },
    Ins {
        devolve: true,
        items: &["approval.a"],
        from: "2025-03-14",
        counties: &[],
        townships: &["130430101000"],
    },
    Ins {
        devolve: false,
        items: &["approval.a"],
        from: "2025-03-14",
        counties: &[],
        townships: &["130430101000"],
    },
];

const TEXT: &str = r#"
[[baseline.instrument]]
items = ["penalty.a"]
from = "2025-03-05"
townships = ["130430100000"]

[[reform]]
name = "mixed"

[[reform.instrument]]
items = ["approval.a"]
from = "2025-03-12"

[[reform.instrument]]
items = ["penalty.*"]
from = "2025-03-10"
townships = ["130430101000"]

[[reform.instrument]]
kind = "revoke"
items = ["approval.*"]
from = "2025-03-17"
townships = ["130430100000"]

[[reform.instrument]]
kind = "revoke"
items = ["grid.a"]
from = "2025-03-19"
counties = ["130430000000"]

[[reform.instrument]]
items = ["approval.a"]
from = "2025-03-14"
townships = ["130430101000"]

[[reform.instrument]]
kind = "revoke"
items = ["approval.a"]
from = "2025-03-14"
townships = ["130430101000"]
"#;

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// Whether the reference holds `item` locally in `town` on `day`.
fn reference(instruments: &[&Ins], item: &str, town: &str, day: NaiveDate) -> bool {
    // March 2025 has no holiday in the State Council's notice: a Saturday
    // or Sunday takes the holding of the Monday after.
    let effective = match day.weekday() {
        Weekday::Sat => day + Days::new(2),
        Weekday::Sun => day + Days::new(1),
        _ => day,
    };
    // The tiny scenario: only the grid category is held by the township.
    let mut held = item == "grid.a";
    // A stable sort: the same day's instruments stay in file order.
    let mut sorted: Vec<&&Ins> = instruments.iter().collect();
    sorted.sort_by_key(|i| date(i.from));
    for ins in sorted {
        let names_item = ins.items.iter().any(|p| item.starts_with(p));
        let names_county = ins.counties.is_empty() || ins.counties.contains(&"130430000000");
        let names_town = ins.townships.is_empty() || ins.townships.contains(&town);
        if date(ins.from) <= effective && names_item && names_county && names_town {
            held = ins.devolve;
        }
    }
    held
}

#[test]
fn instruments_route_each_item_and_township_as_a_simple_replay_does() {
    let m = model(&tiny(TEXT));
    let items = ["approval.a", "penalty.a", "grid.a"];
    let towns = ["130430100000", "130430101000"];
    let baseline: Vec<&Ins> = BASELINE.iter().collect();
    let reform: Vec<&Ins> = BASELINE.iter().chain(&REFORM).collect();
    let mut changes = 0;
    for (v, instruments) in [baseline, reform].iter().enumerate() {
        for (i, item) in items.iter().enumerate() {
            assert_eq!(m.item_index(item), Some(i));
            for (t, town) in towns.iter().enumerate() {
                let mut last = None;
                for d in 0..20 {
                    let day = date("2025-03-03") + Days::new(d);
                    let want = reference(instruments, item, town, day);
                    assert_eq!(
                        m.held_locally(v, i, t, day),
                        Some(want),
                        "variant {v}, {item} in {town} on {day}"
                    );
                    if last.is_some_and(|l| l != want) {
                        changes += 1;
                    }
                    last = Some(want);
                }
            }
        }
    }
    // The reference is not idle: the baseline's devolution of 5 March
    // (新马头镇's penalties), and in the reform that one, the penalties of
    // 邱城镇 (10 March), the approvals of both (12 March), 邱城镇's back
    // (14 March), 新马头镇's back (17 March) and both grid categories up
    // (19 March).
    assert_eq!(changes, 1 + 1 + 1 + 2 + 2 + 2);
}
