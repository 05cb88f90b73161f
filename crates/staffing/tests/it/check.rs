//! `LedgerFile::compile` as a monitoring system reads a ledger: each flag
//! at the event that made a body go over, once for as long as it stays
//! over, with the date and line that ended it.
//!
//! Every expected finding below is worked by hand from the rows, in the
//! comment above it: the running quotas (q), headcount (h), posts limit
//! and held posts after each line.

use jiceng_staffing::{LedgerFile, Severity};

const HEAD: &str = "kind,body,name,level,date,instrument,to,quota,rank,count\n";

/// Compiles `rows` (after the header, which is line 1) and compares every
/// finding: (line, severity, message).
fn check(rows: &str, expected: &[(Option<usize>, Severity, &str)]) {
    let text = format!("{HEAD}{rows}");
    let (_, findings) = LedgerFile::parse_csv(&text).unwrap().compile();
    let got: Vec<(Option<usize>, Severity, &str)> = findings
        .iter()
        .map(|f| (f.line, f.severity, f.message.as_str()))
        .collect();
    assert_eq!(got, expected, "{rows}");
}

const FLAG: Severity = Severity::Flag;

/// The hand-worked case l8.csv. t1: line 4 q=5; line 5 h=6, over by 1 from
/// 2 January; line 6 q=6, within again from 1 February. Before, only the
/// state at the end was checked, and nothing was flagged.
#[test]
fn over_establishment_in_the_middle_of_the_ledger() {
    check(
        "body,t1,甲镇,township,,,,,,
body,t2,乙镇,township,,,,,,
create,t1,,,2024-01-01,doc1,,administrative,,5
hire,t1,,,2024-01-02,doc2,,administrative,,6
create,t1,,,2024-02-01,doc3,,administrative,,1
create,t2,,,2024-03-01,doc4,,administrative,,5
",
        &[(
            Some(5),
            FLAG,
            "t1 is over establishment (超编) by 1 administrative: headcount 6, quotas 5; \
             from 2024-01-02 until 2024-02-01 (line 6)",
        )],
    );
}

/// The hand-worked case l6.csv. t1: line 5 limit 3; line 6 holds 4, one above,
/// from 2 January; line 7 holds 3 again on 1 February. t2: line 8 q=5;
/// line 9 h=6, over by 1 from 2 March; line 10 h=5 on 3 March.
#[test]
fn posts_above_the_limit_in_the_middle_of_the_ledger() {
    check(
        "body,t1,甲镇,township,,,,,,
body,t2,乙镇,township,,,,,,
create,t1,,,2024-01-01,doc1,,administrative,,5
posts,t1,,,2024-01-01,doc2,,,副科,3
fill,t1,,,2024-01-02,doc3,,,副科,4
fill,t1,,,2024-02-01,doc3b,,,副科,3
create,t2,,,2024-03-01,doc4,,administrative,,5
hire,t2,,,2024-03-02,doc5,,administrative,,6
leave,t2,,,2024-03-03,doc6,,administrative,,1
create,t2,,,2024-04-01,doc7,,administrative,,1
",
        &[
            (
                Some(6),
                FLAG,
                "t1 holds 1 副科 posts above the limit of 3: 4 held; \
                 from 2024-01-02 until 2024-02-01 (line 7)",
            ),
            (
                Some(9),
                FLAG,
                "t2 is over establishment (超编) by 1 administrative: headcount 6, quotas 5; \
                 from 2024-03-02 until 2024-03-03 (line 10)",
            ),
        ],
    );
}

/// The hand-worked case l5.csv: the posts flag belongs to the fill (line 5, 4
/// held against 3), not to the body's last event (the hire, line 6, which
/// makes h=6 against q=5). Both last to the end of the ledger.
#[test]
fn each_flag_at_the_line_that_caused_it() {
    check(
        "body,t1,甲镇,township,,,,,,
create,t1,,,2024-01-01,doc1,,administrative,,5
posts,t1,,,2024-01-01,doc2,,,副科,3
fill,t1,,,2024-01-02,doc3,,,副科,4
hire,t1,,,2024-01-03,doc4,,administrative,,6
",
        &[
            (
                Some(5),
                FLAG,
                "t1 holds 1 副科 posts above the limit of 3: 4 held; \
                 from 2024-01-02 to the end of the ledger",
            ),
            (
                Some(6),
                FLAG,
                "t1 is over establishment (超编) by 1 administrative: headcount 6, quotas 5; \
                 from 2024-01-03 to the end of the ledger",
            ),
        ],
    );
}

/// One flag per stretch, not one per event: q=5; line 4 h=6 (1 over);
/// line 5 h=8 (3 over, the most); line 6 h=7 (2 over); line 7 h=5
/// (within). A second stretch opens at line 8: h=7, 2 over, to the end.
#[test]
fn one_flag_per_stretch_over_with_its_peak() {
    check(
        "body,t1,甲镇,township,,,,,,
create,t1,,,2024-01-01,doc1,,other,,5
hire,t1,,,2024-01-02,doc2,,other,,6
hire,t1,,,2024-01-03,doc3,,other,,2
leave,t1,,,2024-01-04,doc4,,other,,1
leave,t1,,,2024-01-05,doc5,,other,,2
hire,t1,,,2024-01-06,doc6,,other,,2
",
        &[
            (
                Some(4),
                FLAG,
                "t1 is over establishment (超编) by 1 other: headcount 6, quotas 5; \
                 from 2024-01-02 until 2024-01-05 (line 7), at most 3 over",
            ),
            (
                Some(8),
                FLAG,
                "t1 is over establishment (超编) by 2 other: headcount 7, quotas 5; \
                 from 2024-01-06 to the end of the ledger",
            ),
        ],
    );
}

/// The ledger counts in days, as `staffing at` does: a body over only
/// between two events of the same day, and within at its end, is not
/// flagged (line 4 h=6 against q=5, line 5 q=6, both on 2 January); the
/// same two events a day apart are (h=6, q=5 for all of 3 January).
#[test]
fn over_only_within_a_day_is_not_flagged() {
    check(
        "body,t1,甲镇,township,,,,,,
create,t1,,,2024-01-01,doc1,,administrative,,5
hire,t1,,,2024-01-02,doc2,,administrative,,6
create,t1,,,2024-01-02,doc3,,administrative,,1
hire,t1,,,2024-01-03,doc4,,administrative,,1
create,t1,,,2024-01-04,doc5,,administrative,,1
",
        &[(
            Some(6),
            FLAG,
            "t1 is over establishment (超编) by 1 administrative: headcount 7, quotas 6; \
             from 2024-01-03 until 2024-01-04 (line 7)",
        )],
    );
}

/// Over at the end of every day is one stretch, even when the body dipped
/// within its quotas between two events of a day: q=5; line 4 h=6 on
/// 2 January (1 over); on 3 January line 5 h=5 (within) and line 6 h=6
/// (over again), so over at the end of 3 January too; line 7 q=6 on
/// 4 January ends it.
#[test]
fn a_dip_within_a_day_does_not_split_a_stretch() {
    check(
        "body,t1,甲镇,township,,,,,,
create,t1,,,2024-01-01,doc1,,administrative,,5
hire,t1,,,2024-01-02,doc2,,administrative,,6
leave,t1,,,2024-01-03,doc3,,administrative,,1
hire,t1,,,2024-01-03,doc4,,administrative,,1
create,t1,,,2024-01-04,doc5,,administrative,,1
",
        &[(
            Some(4),
            FLAG,
            "t1 is over establishment (超编) by 1 administrative: headcount 6, quotas 5; \
             from 2024-01-02 until 2024-01-04 (line 7)",
        )],
    );
}

/// A quota kind and the receiving side of a transfer are watched apart:
/// t1 q(adm)=2, h(adm)=3 from line 6 (1 over); its public-institution
/// quotas are untouched by that. The county's sinking of 1 administrative
/// quota on 1 March (line 7) brings t1 to q=3, within. Lowering a posts
/// limit below the posts held is conduct too: held 3, limit cut to 2 on
/// line 10, never restored.
#[test]
fn transfers_and_lowered_limits() {
    check(
        "body,cty,某县,county,,,,,,
body,t1,甲镇,township,,,,,,
create,cty,,,2024-01-01,doc1,,administrative,,10
create,t1,,,2024-01-01,doc2,,administrative,,2
hire,t1,,,2024-01-02,doc3,,administrative,,3
sink,cty,,,2024-03-01,doc4,t1,administrative,,1
create,t1,,,2024-03-01,doc5,,public_institution,,1
posts,t1,,,2024-04-01,doc6,,,正科,3
fill,t1,,,2024-04-01,doc7,,,正科,3
posts,t1,,,2024-05-01,doc8,,,正科,2
",
        &[
            (
                Some(6),
                FLAG,
                "t1 is over establishment (超编) by 1 administrative: headcount 3, quotas 2; \
                 from 2024-01-02 until 2024-03-01 (line 7)",
            ),
            (
                Some(11),
                FLAG,
                "t1 holds 1 正科 posts above the limit of 2: 3 held; \
                 from 2024-05-01 to the end of the ledger",
            ),
        ],
    );
}

mod law {
    //! The flags against a reference that knows nothing of stretches: it
    //! asks `Ledger::at` for every body at the end of every date of the
    //! ledger and finds the runs of dates over the limit.

    use std::collections::BTreeSet;

    use jiceng_staffing::{LedgerFile, QuotaKind, Severity};
    use proptest::prelude::*;

    const KINDS: [&str; 8] = [
        "create", "cancel", "sink", "adjust", "hire", "leave", "posts", "fill",
    ];
    const RANKS: [&str; 2] = ["正科", "副科"];
    const BODIES: [&str; 3] = ["c", "t1", "t2"];

    /// A stretch: body, quota kind or rank, from, until (None: to the end).
    type Stretch = (String, String, String, Option<String>);

    /// Rows of a ledger over a county `c` and two townships, dated from
    /// 2024-01-01 by steps of 0 to 2 days.
    fn rows() -> impl Strategy<Value = String> {
        prop::collection::vec(
            (
                0..3u32,
                0..8usize,
                0..3usize,
                0..3usize,
                0..3usize,
                0..2usize,
                0..5u32,
            ),
            0..40,
        )
        .prop_map(|evs| {
            let mut text = String::from(
                "kind,body,level,date,instrument,to,quota,rank,count\n\
                 body,c,county,,,,,,\nbody,t1,township,,,,,,\nbody,t2,township,,,,,,\n",
            );
            let start = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
            let mut day = 0u64;
            for (step, k, b, to, q, r, n) in evs {
                day += u64::from(step);
                let date = start + chrono::Days::new(day);
                let kind = KINDS[k];
                let posts = matches!(kind, "posts" | "fill");
                let transfer = matches!(kind, "sink" | "adjust");
                let to = if transfer { BODIES[to] } else { "" };
                let quota = if posts {
                    ""
                } else {
                    ["administrative", "public_institution", "other"][q]
                };
                let rank = if posts { RANKS[r] } else { "" };
                text.push_str(&format!(
                    "{kind},{},,{date},d,{to},{quota},{rank},{n}\n",
                    BODIES[b]
                ));
            }
            text
        })
    }

    /// The stretches named by the flags.
    fn flagged(messages: &[String]) -> BTreeSet<Stretch> {
        messages
            .iter()
            .map(|m| {
                let (head, tail) = m.split_once("; from ").unwrap();
                let from = tail[..10].to_string();
                let until = tail[10..]
                    .strip_prefix(" until ")
                    .map(|u| u[..10].to_string());
                let words: Vec<&str> = head.split(' ').collect();
                let what = if head.contains(" is over establishment ") {
                    // "c is over establishment (超编) by N KIND: …"
                    words[7].trim_end_matches(':')
                } else {
                    // "c holds N RANK posts above …"
                    words[3]
                };
                (words[0].to_string(), what.to_string(), from, until)
            })
            .collect()
    }

    /// The runs of dates at whose end a body is over, from `Ledger::at`.
    fn reference(ledger: &jiceng_staffing::Ledger) -> BTreeSet<Stretch> {
        let dates: BTreeSet<_> = ledger.events().iter().map(|e| e.date).collect();
        let mut out = BTreeSet::new();
        let whats: Vec<(String, Option<QuotaKind>)> = QuotaKind::ALL
            .iter()
            .map(|k| (k.to_string(), Some(*k)))
            .chain(RANKS.iter().map(|r| (r.to_string(), None)))
            .collect();
        for body in BODIES {
            for (what, kind) in &whats {
                let mut open: Option<String> = None;
                for d in &dates {
                    let e = ledger.at(body, *d).unwrap().establishment;
                    let over = match kind {
                        Some(k) => e.over_establishment(*k) > 0,
                        None => e.posts.get(what).is_some_and(|p| p.filled > p.limit),
                    };
                    match (&open, over) {
                        (None, true) => open = Some(d.to_string()),
                        (Some(from), false) => {
                            out.insert((
                                body.into(),
                                what.clone(),
                                from.clone(),
                                Some(d.to_string()),
                            ));
                            open = None;
                        }
                        _ => {}
                    }
                }
                if let Some(from) = open {
                    out.insert((body.into(), what.clone(), from, None));
                }
            }
        }
        out
    }

    proptest! {
        /// Each flag is one maximal run of dates at whose end the body is
        /// over, from its first date until the date that ended it, and
        /// every such run is flagged.
        #[test]
        fn flags_are_the_runs_of_days_over(text in rows()) {
            let (ledger, findings) = LedgerFile::parse_csv(&text).unwrap().compile();
            let messages: Vec<String> = findings
                .into_iter()
                .filter(|f| f.severity == Severity::Flag)
                .map(|f| f.message)
                .collect();
            prop_assert_eq!(flagged(&messages), reference(&ledger), "{}", text);
        }
    }
}
