//! Overlapping grants of one item to one township, reported once a run: a
//! run is a chain of grants in date order, each starting before every
//! earlier one has ended, so all in force together on some days, which the
//! finding names (the last inclusive). The finding names the first 12
//! instruments with the line of the item in each, and counts the rest.

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

fn message(extra: &str, count: usize, period: &str, named: &[&str], more: usize) -> String {
    let names: Vec<String> = named
        .iter()
        .map(|id| format!("\"{id}\" (line {})", line(extra, id)))
        .collect();
    format!(
        "item \"XK-1\" is granted to township {T1} by {count} instruments in force at the same time {period}: {}{}",
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
        [message(
            &three,
            3,
            "from 2022-03-01 on",
            &["g0", "g1", "g2"],
            0
        )]
    );
    let ids: Vec<String> = (0..14).map(|k| format!("g{k:02}")).collect();
    let many: String = ids.iter().map(|id| grant(id, "2022-03-01", "")).collect();
    let first: Vec<&str> = ids[..12].iter().map(String::as_str).collect();
    assert_eq!(
        overlaps(&many),
        [message(&many, 14, "from 2022-03-01 on", &first, 2)]
    );
}

/// A chain: a [2022-03-01, 2022-06-01) overlaps b [2022-05-01,
/// 2022-08-01), which overlaps c from 2022-07-01, but a and c never meet:
/// two runs, a and b in force together from 2022-05-01 to 2022-05-31
/// (a's last day), b and c from 2022-07-01 to 2022-07-31 (b's last day).
/// A grant that starts on the day another ends does not overlap it (the
/// earlier one's last day is the day before).
#[test]
fn a_chain_of_overlaps_is_a_run_per_meeting_and_touching_grants_do_not_overlap() {
    let chain = format!(
        "{}{}{}",
        grant("a", "2022-03-01", "2022-06-01"),
        grant("b", "2022-05-01", "2022-08-01"),
        grant("c", "2022-07-01", "")
    );
    assert_eq!(
        overlaps(&chain),
        [
            message(
                &chain,
                2,
                "from 2022-05-01 to 2022-05-31 inclusive",
                &["a", "b"],
                0
            ),
            message(
                &chain,
                2,
                "from 2022-07-01 to 2022-07-31 inclusive",
                &["b", "c"],
                0
            ),
        ]
    );
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
    assert_eq!(
        overlaps(&one_day),
        [message(
            &one_day,
            2,
            "from 2022-05-31 to 2022-05-31 inclusive",
            &["a", "b"],
            0
        )]
    );
}

mod regression {
    //! The review ledger l7: D1 from 2022-03-01 (open), DX0 2022-05-01 to
    //! 2022-06-30, DX2 2022-06-15 to 2022-06-19, DX1 from 2022-08-01, all
    //! of one item to one township. DX0 and DX1 never meet, so no day has
    //! all four in force. Worked by hand, day by day: 03-01..04-30 D1
    //! alone; 05-01..06-14 D1, DX0; 06-15..06-19 D1, DX0, DX2 (the largest
    //! set, containing the one before and the one after); 06-20..06-30 D1,
    //! DX0; 07-01..07-31 D1 alone; from 08-01 D1, DX1. Two runs.

    use super::{grant, message, overlaps};

    #[test]
    fn overlap_counted_instruments_that_never_met_as_in_force_together() {
        let l7 = format!(
            "{}{}{}{}",
            grant("D1", "2022-03-01", ""),
            grant("DX0", "2022-05-01", "2022-07-01"),
            grant("DX1", "2022-08-01", ""),
            grant("DX2", "2022-06-15", "2022-06-20"),
        );
        assert_eq!(
            overlaps(&l7),
            [
                message(
                    &l7,
                    3,
                    "from 2022-06-15 to 2022-06-19 inclusive",
                    &["D1", "DX0", "DX2"],
                    0
                ),
                message(&l7, 2, "from 2022-08-01 on", &["D1", "DX1"], 0),
            ]
        );
    }

    /// A staircase: s0 [03-01, 03-03), s1 [03-02, 03-04), s2 [03-03,
    /// 03-05), s3 [03-04, 03-06). Each meets only its neighbours, for one
    /// day (s0 ends, exclusively, on the day s2 starts): three runs of
    /// two, one a meeting, not one run of four.
    #[test]
    fn a_staircase_gives_one_run_per_meeting() {
        let day = |k: usize| format!("2022-03-{:02}", k + 1);
        let steps: String = (0..4)
            .map(|k| grant(&format!("s{k}"), &day(k), &day(k + 2)))
            .collect();
        let one = |k: usize| {
            message(
                &steps,
                2,
                &format!("from {} to {} inclusive", day(k + 1), day(k + 1)),
                &[&format!("s{k}"), &format!("s{}", k + 1)],
                0,
            )
        };
        assert_eq!(overlaps(&steps), [one(0), one(1), one(2)]);
    }
}
