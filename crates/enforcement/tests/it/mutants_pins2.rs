//! Exact values for the mutants of a second sample: merging folds of the
//! metrics, where the counts to add come from the other fold.

use jiceng_enforcement::{BUNDLED_SAMPLE_CASES, Metrics, Options, PenaltyCase, evaluate};

use crate::{cal, day};

/// The four sample cases evaluated on 31 December 2025, the flagged one
/// (QX-2025-003) in its own fold `b`, the three others in `a`.
fn folds() -> (Metrics, Metrics) {
    let mut a = Metrics::default();
    let mut b = Metrics::default();
    for line in BUNDLED_SAMPLE_CASES.lines() {
        let c: PenaltyCase = serde_json::from_str(line).unwrap();
        let e = evaluate(&c, day("2025-12-31"), &cal(), &Options::default()).unwrap();
        if c.id == "QX-2025-003" {
            b.add(&e)
        } else {
            a.add(&e)
        }
    }
    (a, b)
}

/// Merging adds the other fold's flags and statuses, not only its totals.
/// QX-2025-003 was filed on 5 March 2025, so its 90 days end on 3 June
/// (Art. 60); it was decided on 1 July without a rights notice (Art. 44)
/// and never served, though service was due by 10 July (Art. 61, seven
/// working days: 2, 3, 4, 7, 8, 9, 10 July). So `b` holds one case
/// awaiting service with the flags decision_late, no_rights_notice and
/// service_late, and `a` none of these (its three cases are closed and
/// unflagged). Merged into `a`, each of the three flags counts 1, the
/// other ten flags 0, and one case awaits service beside three closed.
#[test]
fn merging_adds_the_flags_and_statuses_of_the_other_fold() {
    let (mut a, b) = folds();
    assert_eq!(a.summary().flagged, 0);
    a.merge(&b);
    let s = a.summary();
    assert_eq!((s.cases, s.flagged, s.decided), (4, 1, 3));
    assert_eq!(
        (s.statuses["closed"], s.statuses["awaiting_service"]),
        (3, 1)
    );
    for (name, n) in &s.flags {
        let expected = matches!(*name, "decision_late" | "no_rights_notice" | "service_late");
        assert_eq!(*n, u64::from(expected), "{name}");
    }
}

/// Merging into an empty fold copies the other, and merging the other way
/// round gives the same figures.
#[test]
fn merging_into_an_empty_fold_copies_the_other() {
    let (a, b) = folds();
    let mut e = Metrics::default();
    e.merge(&b);
    assert_eq!(e, b);
    let (mut ab, mut ba) = (a.clone(), b.clone());
    ab.merge(&b);
    ba.merge(&a);
    assert_eq!(ab, ba);
}
