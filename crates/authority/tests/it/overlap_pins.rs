//! Overlapping grants of one item to one township, reported once a run: a
//! run is a chain of grants in date order, each starting before every
//! earlier one has ended. The finding names the first 12 instruments with
//! the line of the item in each, and counts the rest.

use jiceng_authority::{CheckOptions, FindingKind};

use crate::{BASE, findings, instrument};

const T1: &str = "130430100000";

/// A devolution of XK-1 to 新马头镇 from `from`, until `until` if given.
fn grant(id: &str, from: &str, until: &str) -> String {
    let until = if until.is_empty() {
        String::new()
    } else {
        format!("effective_until = \"{until}\"\n")
    };
    instrument(
        id,
        "devolution",
        "\"c-scjg\"",
        from,
        from,
        &format!("{until}townships = [\"{T1}\"]\nitems = [\"XK-1\"]"),
    )
}

/// The line of `"XK-1"` in the instrument `id` of the full text.
fn line(extra: &str, id: &str) -> usize {
    let text = format!("{BASE}{extra}");
    let a = text.find(&format!("id = \"{id}\"")).unwrap();
    let at = a + text[a..].find("\"XK-1\"").unwrap();
    text[..at].matches('\n').count() + 1
}

fn overlaps(extra: &str) -> Vec<String> {
    findings(extra, &CheckOptions::default())
        .into_iter()
        .filter(|f| f.kind == FindingKind::OverlappingGrant)
        .map(|f| f.message)
        .collect()
}

fn message(extra: &str, count: usize, named: &[&str], more: usize) -> String {
    let names: Vec<String> = named
        .iter()
        .map(|id| format!("\"{id}\" (line {})", line(extra, id)))
        .collect();
    format!(
        "item \"XK-1\" is granted to township {T1} by {count} instruments in force at the same time: {}{}",
        names.join(", "),
        if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        }
    )
}

/// Three grants from the same day are named, each with its line; 14 name
/// the first 12 and count 2 more.
#[test]
fn a_run_names_its_first_twelve_grants_and_counts_the_rest() {
    let three: String = (0..3)
        .map(|k| grant(&format!("g{k}"), "2022-03-01", ""))
        .collect();
    assert_eq!(
        overlaps(&three),
        [message(&three, 3, &["g0", "g1", "g2"], 0)]
    );
    let ids: Vec<String> = (0..14).map(|k| format!("g{k:02}")).collect();
    let many: String = ids.iter().map(|id| grant(id, "2022-03-01", "")).collect();
    let first: Vec<&str> = ids[..12].iter().map(String::as_str).collect();
    assert_eq!(overlaps(&many), [message(&many, 14, &first, 2)]);
}

/// A chain: a [2022-03-01, 2022-06-01) overlaps b [2022-05-01,
/// 2022-08-01), which overlaps c from 2022-07-01, although a and c never
/// meet: one run of three. A grant that starts on the day another ends
/// does not overlap it (the earlier one's last day is the day before).
#[test]
fn a_chain_of_overlaps_is_one_run_and_touching_grants_do_not_overlap() {
    let chain = format!(
        "{}{}{}",
        grant("a", "2022-03-01", "2022-06-01"),
        grant("b", "2022-05-01", "2022-08-01"),
        grant("c", "2022-07-01", "")
    );
    assert_eq!(overlaps(&chain), [message(&chain, 3, &["a", "b", "c"], 0)]);
    let touching = format!(
        "{}{}",
        grant("a", "2022-03-01", "2022-06-01"),
        grant("b", "2022-06-01", "")
    );
    assert_eq!(overlaps(&touching), Vec::<String>::new());
    // One day of overlap is enough: b starts on a's last day.
    let one_day = format!(
        "{}{}",
        grant("a", "2022-03-01", "2022-06-01"),
        grant("b", "2022-05-31", "")
    );
    assert_eq!(overlaps(&one_day), [message(&one_day, 2, &["a", "b"], 0)]);
}
