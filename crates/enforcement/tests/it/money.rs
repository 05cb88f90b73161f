//! Money to the fen: Arts. 29, 51, 63 and 72.

use jiceng_enforcement::{
    Error, HearingThresholds, PartyKind, Penalty, hearing_right, single_fine, summary_eligible,
    surcharge,
};

use crate::{day, yuan};

/// Checks one surcharge: (fine, due, paid) → (surcharge, days late, capped).
fn check(fine: &str, due: &str, paid: &str, expected: (&str, i64, bool)) {
    let s = surcharge(yuan(fine), day(due), day(paid)).unwrap();
    assert_eq!(
        (s.surcharge.to_string().as_str(), s.days_late, s.capped),
        expected,
        "fine {fine} due {due} paid {paid}"
    );
}

#[test]
fn art72_surcharge_table() {
    // Paid on the due date: nothing.
    check("1000", "2025-10-09", "2025-10-09", ("0.00", 0, false));
    // Paid before: nothing.
    check("1000", "2025-10-09", "2025-10-01", ("0.00", 0, false));
    // One day late: 3% of 1,000 = 30.
    check("1000", "2025-10-09", "2025-10-10", ("30.00", 1, false));
    // Five days: 150.
    check("1000", "2025-10-09", "2025-10-14", ("150.00", 5, false));
    // 33 days: 99% = 990.
    check("1000", "2025-10-09", "2025-11-11", ("990.00", 33, false));
    // 34 days: 102% would exceed the fine: 1,000, capped.
    check("1000", "2025-10-09", "2025-11-12", ("1000.00", 34, true));
    // A year late: still the fine.
    check("1000", "2025-10-09", "2026-10-09", ("1000.00", 365, true));
}

#[test]
fn art72_surcharge_rounds_once_to_the_fen() {
    // 333.33 × 3% = 9.9999 → 10.00.
    check("333.33", "2025-03-10", "2025-03-11", ("10.00", 1, false));
    // 0.50 × 3% = 0.015 → 0.02 (halves away from zero).
    check("0.50", "2025-03-10", "2025-03-11", ("0.02", 1, false));
    // 0.50 × 3% × 3 = 0.045 → 0.05, not 3 × 0.02 = 0.06: rounded once.
    check("0.50", "2025-03-10", "2025-03-13", ("0.05", 3, false));
    // 16.50 × 3% = 0.495 → 0.50.
    check("16.50", "2025-03-10", "2025-03-11", ("0.50", 1, false));
    // 12,345.67 × 3% × 7 = 2,592.5907 → 2,592.59.
    check(
        "12345.67",
        "2025-03-10",
        "2025-03-17",
        ("2592.59", 7, false),
    );
}

#[test]
fn art72_accrues_from_the_day_after_the_due_date() {
    let s = surcharge(yuan("100"), day("2025-10-09"), day("2025-10-20")).unwrap();
    assert_eq!(s.accrues_from, Some(day("2025-10-10")));
    let s = surcharge(yuan("100"), day("2025-10-09"), day("2025-10-09")).unwrap();
    assert_eq!(s.accrues_from, None);
}

#[test]
fn amounts_are_checked() {
    let bad = |s: &str| surcharge(yuan(s), day("2025-01-01"), day("2025-02-01")).unwrap_err();
    assert!(matches!(bad("-1"), Error::Amount { field: "fine", .. }));
    assert!(matches!(bad("1.001"), Error::Amount { .. }));
    assert!(matches!(bad("1000000000000000.01"), Error::Amount { .. }));
    // Trailing zeros are not extra precision.
    assert!(surcharge(yuan("1.000"), day("2025-01-01"), day("2025-01-02")).is_ok());
    assert!(bad("-1").to_string().contains("-1"));
}

#[test]
fn art51_summary_procedure() {
    let fine = |s: &str| vec![Penalty::Fine { amount: yuan(s) }];
    let check = |party, p: &[Penalty], expected: bool| {
        assert_eq!(
            summary_eligible(party, p).unwrap(),
            expected,
            "{party:?} {p:?}"
        );
    };
    check(PartyKind::Citizen, &fine("200"), true);
    check(PartyKind::Citizen, &fine("200.01"), false);
    check(PartyKind::Organisation, &fine("3000"), true);
    check(PartyKind::Organisation, &fine("3000.01"), false);
    check(PartyKind::Citizen, &[Penalty::Warning], true);
    check(
        PartyKind::Citizen,
        &[
            Penalty::Warning,
            Penalty::Fine {
                amount: yuan("150"),
            },
        ],
        true,
    );
    check(
        PartyKind::Citizen,
        &[
            Penalty::Fine {
                amount: yuan("150"),
            },
            Penalty::Fine { amount: yuan("60") },
        ],
        false,
    );
    check(PartyKind::Organisation, &[Penalty::Closure], false);
    check(PartyKind::Citizen, &[Penalty::PublicCriticism], false);
    check(PartyKind::Citizen, &[], false);
}

#[test]
fn art63_hearing_thresholds_per_party() {
    let t = HearingThresholds::hebei_illustrative();
    assert!(t.illustrative && t.source.is_none());
    let check = |party, p: Penalty, expected: bool| {
        assert_eq!(
            hearing_right(party, std::slice::from_ref(&p), &t).required,
            expected,
            "{party:?} {p:?}"
        );
    };
    check(
        PartyKind::Citizen,
        Penalty::Fine {
            amount: yuan("4999.99"),
        },
        false,
    );
    check(
        PartyKind::Citizen,
        Penalty::Fine {
            amount: yuan("5000"),
        },
        true,
    );
    check(
        PartyKind::Organisation,
        Penalty::Fine {
            amount: yuan("49999.99"),
        },
        false,
    );
    check(
        PartyKind::Organisation,
        Penalty::Fine {
            amount: yuan("50000"),
        },
        true,
    );
    check(
        PartyKind::Citizen,
        Penalty::ConfiscateGains {
            amount: yuan("5000"),
        },
        true,
    );
    check(
        PartyKind::Organisation,
        Penalty::ConfiscateProperty {
            value: yuan("5000"),
        },
        false,
    );
    check(PartyKind::Citizen, Penalty::LicenceRevocation, true);
    check(PartyKind::Citizen, Penalty::QualificationDowngrade, true);
    check(PartyKind::Organisation, Penalty::BusinessSuspension, true);
    check(PartyKind::Organisation, Penalty::Closure, true);
    check(PartyKind::Citizen, Penalty::EmploymentRestriction, true);
    check(PartyKind::Citizen, Penalty::Warning, false);
    check(PartyKind::Citizen, Penalty::LicenceSuspension, false);
    let r = hearing_right(PartyKind::Citizen, &[Penalty::Closure], &t);
    assert!(r.reasons[0].contains("第六十三条第一款第四项"));
}

#[test]
fn art29_one_fine_the_highest() {
    assert_eq!(
        single_fine(&[yuan("5000"), yuan("20000"), yuan("10000")]).unwrap(),
        (1, yuan("20000"))
    );
    // Equal highest: the first.
    assert_eq!(
        single_fine(&[yuan("300"), yuan("300")]).unwrap(),
        (0, yuan("300"))
    );
    assert_eq!(
        single_fine(&[]).unwrap_err(),
        Error::Empty("the list of fines")
    );
}
