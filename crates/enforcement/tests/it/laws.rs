//! Laws that hold for every input (proptest).

use chrono::{Days, NaiveDate};
use jiceng_enforcement::deadlines::decision_due;
use jiceng_enforcement::{Limits, surcharge};
use proptest::prelude::*;
use rust_decimal::Decimal;

use jiceng_calendar::{Calendar, CoveragePolicy};

fn cal() -> Calendar {
    // Beyond the notices, the weekly rule: the law holds there too.
    Calendar::china_mainland().with_policy(CoveragePolicy::Provisional)
}

fn date_in(lo: NaiveDate, span: u64) -> impl Strategy<Value = NaiveDate> {
    (0..span).prop_map(move |d| lo + Days::new(d))
}

pub(crate) fn fine() -> impl Strategy<Value = Decimal> {
    // Up to 10 million yuan, in fen.
    (0i64..1_000_000_000).prop_map(|f| Decimal::new(f, 2))
}

proptest! {
    /// Art. 72: the surcharge never exceeds the fine.
    #[test]
    fn surcharge_never_exceeds_the_fine(f in fine(), late in 0u64..2000) {
        let due = NaiveDate::from_ymd_opt(2025, 1, 10).unwrap();
        let s = surcharge(f, due, due + Days::new(late)).unwrap();
        prop_assert!(s.surcharge <= f);
        prop_assert!(!s.surcharge.is_sign_negative());
        prop_assert!(s.surcharge.scale() <= 2);
    }

    /// Art. 72: paying later never costs less.
    #[test]
    fn surcharge_never_decreases_with_later_payment(f in fine(), a in 0u64..100, b in 0u64..100) {
        let due = NaiveDate::from_ymd_opt(2025, 1, 10).unwrap();
        let (early, late) = (a.min(b), a.max(b));
        let s1 = surcharge(f, due, due + Days::new(early)).unwrap();
        let s2 = surcharge(f, due, due + Days::new(late)).unwrap();
        prop_assert!(s1.surcharge <= s2.surcharge);
    }

    /// Art. 60: a later filing never makes the decision due earlier.
    #[test]
    fn later_filing_never_due_earlier(
        a in date_in(NaiveDate::from_ymd_opt(2015, 1, 1).unwrap(), 4000),
        gap in 0u64..400,
    ) {
        let b = a + Days::new(gap);
        let l = Limits::default();
        let da = decision_due(&cal(), a, &l, false, &[]).unwrap().end;
        let db = decision_due(&cal(), b, &l, false, &[]).unwrap().end;
        prop_assert!(da <= db);
        // And never before 90 calendar days.
        prop_assert!(da >= a + Days::new(90));
    }
}

proptest! {
    /// The evaluation's own counting of excluded days agrees with the
    /// calendar's general suspension counting (the reference model).
    #[test]
    fn excluded_days_agree_with_the_calendar(
        filed in date_in(NaiveDate::from_ymd_opt(2016, 1, 1).unwrap(), 3000),
        gaps in proptest::collection::vec((0u64..60, 1u64..40), 0..4),
        hearing in proptest::option::of((0u64..30, 0u64..20)),
    ) {
        use jiceng_calendar::Suspension;
        use jiceng_enforcement::{Event, EventKind, Options, PenaltyCase, SuspensionReason, evaluate};
        let mut events = vec![Event::new(filed, EventKind::Filed)];
        let mut refs = Vec::new();
        let mut d = filed;
        for (gap, len) in &gaps {
            let from = d + Days::new(*gap);
            let resumed = from + Days::new(*len);
            events.push(Event::new(from, EventKind::Suspended { reason: SuspensionReason::Testing }));
            events.push(Event::new(resumed, EventKind::Resumed));
            refs.push(Suspension::new(from, resumed.pred_opt().unwrap(), "s").unwrap());
            d = resumed;
        }
        if let Some((gap, len)) = hearing {
            let n = d + Days::new(gap);
            let held = n + Days::new(len);
            events.push(Event::new(n, EventKind::Notified));
            events.push(Event::new(n, EventKind::HearingRequested));
            events.push(Event::new(held, EventKind::HearingHeld));
            refs.push(Suspension::new(n, held, "h").unwrap());
            d = held;
        }
        let case = PenaltyCase {
            id: "p".into(), party: None, items: vec![], body: None, act_ended: None,
            grave: false, major: false, limits: Limits::default(), events,
        };
        let e = evaluate(&case, d, &cal(), &Options::default()).unwrap();
        let expected = decision_due(&cal(), filed, &Limits::default(), false, &refs).unwrap();
        prop_assert_eq!(e.deadlines.decision_due, Some(expected.end));
        prop_assert_eq!(e.deadlines.provisional, expected.provisional);
    }
}
