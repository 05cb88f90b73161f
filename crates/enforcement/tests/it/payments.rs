//! Art. 72 after payments short of the fine: the fine is paid only when the
//! payments add up to it, and the surcharge runs on the part still unpaid.
//!
//! Every case below has a fine due on Thursday 9 Oct 2025 (served 16 Sep:
//! 15 days end on 1 Oct, National Day, rolled past 1–8 Oct).

use jiceng_enforcement::{Flag, Status, surcharge, surcharge_after_payments};
use proptest::prelude::*;

use crate::laws::fine;
use crate::{day, eval, yuan};

/// Checks one surcharge after payments: (fine, payments, until) →
/// (surcharge, days late, capped), the fine due on 9 Oct 2025.
fn check(fine: &str, payments: &[(&str, &str)], until: &str, expected: (&str, i64, bool)) {
    let paid = payments.iter().map(|&(d, a)| (day(d), yuan(a)));
    let s = surcharge_after_payments(yuan(fine), day("2025-10-09"), paid, day(until)).unwrap();
    assert_eq!(
        (s.surcharge.to_string().as_str(), s.days_late, s.capped),
        expected,
        "fine {fine} payments {payments:?} until {until}"
    );
}

#[test]
fn art72_surcharge_on_the_unpaid_part() {
    // Nothing paid: as `surcharge`, 11 days (10–20 Oct) × 30 = 330.
    check("1000", &[], "2025-10-20", ("330.00", 11, false));
    // 500 paid in time (1 Oct): 11 days × 3% × 500 = 165.
    check(
        "1000",
        &[("2025-10-01", "500")],
        "2025-10-20",
        ("165.00", 11, false),
    );
    // 500 paid on the due date itself is in time too.
    check(
        "1000",
        &[("2025-10-09", "500")],
        "2025-10-20",
        ("165.00", 11, false),
    );
    // 400 paid on 14 Oct: 10–14 Oct (5 days, the day of payment included)
    // on 1,000 = 150, then 15–20 Oct (6 days) on 600 = 108: 258.
    check(
        "1000",
        &[("2025-10-14", "400")],
        "2025-10-20",
        ("258.00", 11, false),
    );
    // Then the rest on 20 Oct: the same 258, counted to the day it was paid.
    check(
        "1000",
        &[("2025-10-14", "400"), ("2025-10-20", "600")],
        "2025-10-20",
        ("258.00", 11, false),
    );
    // 500 paid in time, the rest never: the cap is the 500 overdue. 3% of
    // 500 is 15 a day; 33 days = 495, 34 days = 510 > 500. 9 Oct + 34 =
    // 12 Nov.
    check(
        "1000",
        &[("2025-10-01", "500")],
        "2025-11-11",
        ("495.00", 33, false),
    );
    check(
        "1000",
        &[("2025-10-01", "500")],
        "2025-11-12",
        ("500.00", 34, true),
    );
    // 500 paid on the due date: the cap is the 500 left, reached on the
    // 34th day (34 × 15 = 510 > 500).
    check(
        "1000",
        &[("2025-10-09", "500")],
        "2025-11-12",
        ("500.00", 34, true),
    );
    // Exactly the cap is not "capped": 300 due, 100 paid on 11 Oct. 10–11
    // Oct on 300 (9 a day) is 18; 12 Oct–27 Nov (20 + 27 = 47 days) on 200
    // (6 a day) is 282; 300 in all, the cap itself.
    check(
        "300",
        &[("2025-10-11", "100")],
        "2025-11-27",
        ("300.00", 49, false),
    );
    // Paid in full in time: nothing, however late the date.
    check(
        "1000",
        &[("2025-10-01", "1000")],
        "2026-01-01",
        ("0.00", 84, false),
    );
    // Rounded once: 0.50 fine, 0.20 paid in time, 0.30 × 3% × 3 = 0.027
    // → 0.03.
    check(
        "0.50",
        &[("2025-10-01", "0.20")],
        "2025-10-12",
        ("0.03", 3, false),
    );
    // A payment after `until` changes nothing.
    check(
        "1000",
        &[("2025-10-30", "1000")],
        "2025-10-20",
        ("330.00", 11, false),
    );
}

#[test]
fn art72_payments_out_of_order_are_refused() {
    let paid = [
        (day("2025-10-14"), yuan("1")),
        (day("2025-10-13"), yuan("1")),
    ];
    let e = surcharge_after_payments(yuan("1000"), day("2025-10-09"), paid, day("2025-10-20"));
    assert!(
        matches!(e, Err(jiceng_enforcement::Error::OutOfOrder { date, .. }) if date == day("2025-10-13")),
        "{e:?}"
    );
}

/// Case PP1: fined 1,000 yuan on 12 Sep 2025, served 16 Sep, 500 paid on 1
/// Oct.
const PP1: &str = r#"{"id":"PP1","party":{"kind":"citizen","name":"a"},"events":[{"date":"2025-07-03","kind":"filed"},{"date":"2025-09-01","kind":"notified"},{"date":"2025-09-12","kind":"decided","penalties":[{"kind":"fine","amount":"1000.00"}]},{"date":"2025-09-16","kind":"served"},{"date":"2025-10-01","kind":"paid","amount":"500.00"}"#;

/// A partial payment made the case `paid` and stopped the surcharge. PP1 on
/// 20 Oct: the fine is not paid, it is overdue, and 500 × 3% × 11 = 165
/// yuan have accrued (10–20 Oct).
#[test]
fn partial_payment_leaves_the_fine_unpaid() {
    use jiceng_enforcement::State;
    let e = eval(&format!("{PP1}]}}"), "2025-10-20");
    assert_eq!((e.state, e.status), (State::Served, Status::PaymentOverdue));
    let s = e.surcharge.unwrap();
    assert_eq!(
        (s.surcharge.to_string().as_str(), s.days_late),
        ("165.00", 11)
    );
    assert_eq!(e.paid_before, yuan("500.00"));
    // On 9 Oct it is due, not overdue.
    let e = eval(&format!("{PP1}]}}"), "2025-10-09");
    assert_eq!(e.status, Status::AwaitingPayment);
    // The other 500 on 20 Oct pays it; the surcharge stops at 165.
    let rest = r#",{"date":"2025-10-20","kind":"paid","amount":"500.00"}]}"#;
    let e = eval(&format!("{PP1}{rest}"), "2025-12-31");
    assert_eq!((e.state, e.status), (State::Paid, Status::Paid));
    assert_eq!(e.surcharge.unwrap().surcharge.to_string(), "165.00");
}

/// Case P1: 1,000 yuan paid on 20 Oct 2025, 11 days late (10–20 Oct), then
/// the surcharge of 11 × 30 = 330 imposed the same day: refused before as
/// "surcharged is not allowed in state paid". Both happen; 330 is lawful,
/// 330.01 is not, and a surcharge imposed later cannot grow past the day
/// of payment. The surcharge paid afterwards is recorded too.
#[test]
fn surcharge_after_payment_is_accepted_and_checked() {
    let base = r#"{"id":"P1","party":{"kind":"citizen","name":"a"},"events":[{"date":"2025-07-03","kind":"filed"},{"date":"2025-09-01","kind":"notified"},{"date":"2025-09-12","kind":"decided","penalties":[{"kind":"fine","amount":"1000.00"}]},{"date":"2025-09-16","kind":"served"},{"date":"2025-10-20","kind":"paid","amount":"1000.00"}"#;
    for (surcharged, excessive) in [
        (
            r#"{"date":"2025-10-20","kind":"surcharged","amount":"330.00"}"#,
            false,
        ),
        (
            r#"{"date":"2025-10-20","kind":"surcharged","amount":"330.01"}"#,
            true,
        ),
        (
            r#"{"date":"2025-11-30","kind":"surcharged","amount":"330.00"}"#,
            false,
        ),
        (
            r#"{"date":"2025-11-30","kind":"surcharged","amount":"360.00"}"#,
            true,
        ),
    ] {
        let json = format!(
            r#"{base},{surcharged},{{"date":"2025-12-01","kind":"paid","amount":"330.00"}}]}}"#
        );
        let e = eval(&json, "2025-12-31");
        assert_eq!(e.status, Status::Paid, "{surcharged}");
        assert_eq!(
            e.flags.contains(Flag::SurchargeExcessive),
            excessive,
            "{surcharged}"
        );
        assert_eq!(e.surcharge.unwrap().surcharge.to_string(), "330.00");
    }
    // A fine paid in time owes no surcharge: one imposed is excessive.
    let on_time = base.replace("2025-10-20", "2025-10-09");
    let json =
        format!(r#"{on_time},{{"date":"2025-10-20","kind":"surcharged","amount":"30.00"}}]}}"#);
    assert!(
        eval(&json, "2025-10-31")
            .flags
            .contains(Flag::SurchargeExcessive)
    );
}

proptest! {
    /// With no payment, the surcharge is Art. 72's on the whole fine.
    #[test]
    fn no_payment_is_the_plain_surcharge(f in fine(), late in 0u64..2000) {
        let due = day("2025-01-10");
        let until = due + chrono::Days::new(late);
        let a = surcharge_after_payments(f, due, [], until).unwrap();
        prop_assert_eq!(a, surcharge(f, due, until).unwrap());
    }

    /// Paying something never costs more than paying nothing, and the
    /// surcharge never exceeds the fine.
    #[test]
    fn paying_never_costs_more(
        f in fine(),
        pays in proptest::collection::vec((0u64..120, 0i64..1_000_000_000), 0..5),
        late in 0u64..120,
    ) {
        let due = day("2025-01-10");
        let start = due - chrono::Days::new(20);
        let mut pays: Vec<_> = pays
            .into_iter()
            .map(|(d, a)| (start + chrono::Days::new(d), rust_decimal::Decimal::new(a, 2)))
            .collect();
        pays.sort();
        let until = due + chrono::Days::new(late);
        let with = surcharge_after_payments(f, due, pays, until).unwrap();
        let without = surcharge(f, due, until).unwrap();
        prop_assert!(with.surcharge <= without.surcharge);
        prop_assert!(with.surcharge <= f);
        prop_assert!(!with.surcharge.is_sign_negative());
    }
}

/// Pinned by mutation testing: the explanation speaks of the unpaid part
/// only after a payment short of the fine, and a payment on the day the
/// fine was paid in full did not lower the base. PP1 on 20 Oct 2025: 165
/// yuan on the 500 unpaid. Case P1 with the 330-yuan surcharge paid after
/// the fine (1,000 on 20 Oct, 11 days late): 330 on the whole fine.
#[test]
fn explanation_names_the_unpaid_part_only_after_a_short_payment() {
    use jiceng_enforcement::explain;
    let c = crate::case(&format!("{PP1}]}}"));
    let e = jiceng_enforcement::evaluate(&c, day("2025-10-20"), &crate::cal(), &Default::default())
        .unwrap();
    let line = explain(&c, &e)
        .into_iter()
        .find(|r| r.subject == "surcharge")
        .unwrap();
    assert_eq!(
        line.rule,
        "165.00 yuan: 3% a day of the part of the fine still unpaid (500.00 yuan paid) for 11 day(s) late (行政处罚法第七十二条)"
    );
    let json = r#"{"id":"P1","events":[{"date":"2025-07-03","kind":"filed"},{"date":"2025-09-01","kind":"notified"},{"date":"2025-09-12","kind":"decided","penalties":[{"kind":"fine","amount":"1000.00"}]},{"date":"2025-09-16","kind":"served"},{"date":"2025-10-20","kind":"paid","amount":"1000.00"},{"date":"2025-10-21","kind":"paid","amount":"330.00"}]}"#;
    let c = crate::case(json);
    let e = jiceng_enforcement::evaluate(&c, day("2025-10-31"), &crate::cal(), &Default::default())
        .unwrap();
    assert_eq!(e.paid_before, yuan("0"));
    let line = explain(&c, &e)
        .into_iter()
        .find(|r| r.subject == "surcharge")
        .unwrap();
    assert_eq!(
        line.rule,
        "330.00 yuan: 3% of the fine a day for 11 day(s) late (行政处罚法第七十二条)"
    );
}

/// Pinned by mutation testing: the surcharge accrues from the day after
/// the due date, and not at all when the date is not past it.
#[test]
fn surcharge_after_payments_accrues_from_the_day_after_the_due_date() {
    let paid = [(day("2025-10-01"), yuan("500"))];
    let s =
        surcharge_after_payments(yuan("1000"), day("2025-10-09"), paid, day("2025-10-09")).unwrap();
    assert_eq!((s.days_late, s.accrues_from), (0, None));
    let s =
        surcharge_after_payments(yuan("1000"), day("2025-10-09"), paid, day("2025-10-10")).unwrap();
    assert_eq!(
        (s.surcharge.to_string().as_str(), s.accrues_from),
        ("15.00", Some(day("2025-10-10")))
    );
}
