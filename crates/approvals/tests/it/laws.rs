//! Properties over generated cases: suspensions never bring a due date
//! forward, replays are deterministic, a closed case's deadlines do not move
//! with the evaluation date, and metrics of a split slice merge to the
//! metrics of the whole.

use chrono::{Days, NaiveDate};
use jiceng_approvals::{Application, Breakdown, Case, Channel, Event, Limits, Options, evaluate};
use jiceng_calendar::Calendar;
use proptest::prelude::*;

use crate::{cal, day, ev, wd};

/// How a generated case ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending {
    RejectedBeforeAcceptance,
    WithdrawnBeforeAcceptance,
    Decided,
    WithdrawnAfterAcceptance,
    Open,
}

/// The random choices behind one case.
#[derive(Debug, Clone)]
pub(crate) struct Spec {
    /// Days after 2023-01-01, rolled forward to a working day.
    received: u32,
    /// An incomplete-materials notice this many working days after receipt
    /// (timely up to 5), supplemented this many working days later.
    notice: Option<(u32, u32)>,
    accept_after: u32,
    /// Suspensions: start (working days after the previous point), length
    /// in working days.
    pub(crate) suspensions: Vec<(u32, u32)>,
    /// The last suspension stays open (unless the case is decided).
    last_open: bool,
    /// Extension this many working days after acceptance.
    pub(crate) extended: Option<u32>,
    promise: Option<u32>,
    ending: Ending,
    /// Working days from the last event to the decision or withdrawal.
    close_after: u32,
    deliver_after: Option<u32>,
    item: usize,
    body: usize,
    channel: usize,
}

fn ending() -> impl Strategy<Value = Ending> {
    prop_oneof![
        1 => Just(Ending::RejectedBeforeAcceptance),
        1 => Just(Ending::WithdrawnBeforeAcceptance),
        5 => Just(Ending::Decided),
        1 => Just(Ending::WithdrawnAfterAcceptance),
        2 => Just(Ending::Open),
    ]
}

prop_compose! {
    pub(crate) fn spec()(
        received in 0u32..1096,
        notice in proptest::option::weighted(0.3, (0u32..9, 0u32..6)),
        accept_after in 0u32..4,
        suspensions in proptest::collection::vec((0u32..12, 0u32..10), 0..3),
        last_open in any::<bool>(),
        extended in proptest::option::weighted(0.3, 0u32..15),
        promise in proptest::option::weighted(0.7, 1u32..20),
        ending in ending(),
        close_after in 0u32..40,
        deliver_after in proptest::option::of(0u32..15),
        item in 0usize..3,
        body in 0usize..2,
        channel in 0usize..3,
    ) -> Spec {
        Spec {
            received, notice, accept_after, suspensions, last_open, extended,
            promise, ending, close_after, deliver_after, item, body, channel,
        }
    }
}

fn add(cal: &Calendar, d: NaiveDate, n: u32) -> NaiveDate {
    cal.add_working_days(d, i32::try_from(n).unwrap()).unwrap()
}

/// Builds a valid log from the choices: received on a working day of
/// 2023–2025, maybe a notice and supplement, then acceptance, suspensions,
/// an extension, and the ending.
pub(crate) fn build(s: &Spec) -> Case {
    let cal = cal();
    let mut events = Vec::new();
    let push = |events: &mut Vec<Event>, d: NaiveDate, what: &str| {
        events.push(ev(&d.to_string(), what));
    };
    let first = day("2023-01-01")
        .checked_add_days(Days::new(u64::from(s.received)))
        .unwrap();
    let received = cal.roll_forward(first).unwrap();
    push(&mut events, received, "received");
    let mut cur = received;
    if let Some((n, m)) = s.notice {
        let notice = add(&cal, received, n);
        push(&mut events, notice, "incomplete_notice");
        cur = add(&cal, notice, m);
        push(&mut events, cur, "supplemented");
    }
    let close = |cur| add(&cal, cur, s.close_after);
    match s.ending {
        Ending::RejectedBeforeAcceptance => push(&mut events, close(cur), "rejected"),
        Ending::WithdrawnBeforeAcceptance => push(&mut events, close(cur), "withdrawn"),
        _ => {
            let accepted = add(&cal, cur, s.accept_after);
            push(&mut events, accepted, "accepted");
            // Suspensions and the extension, merged in date order.
            let mut middle: Vec<(NaiveDate, usize, &str)> = Vec::new();
            let mut point = accepted;
            let n = s.suspensions.len();
            for (i, (start, len)) in s.suspensions.iter().enumerate() {
                let from = add(&cal, point, *start);
                middle.push((from, middle.len(), "suspended"));
                let open = i + 1 == n && s.last_open && s.ending != Ending::Decided;
                if open {
                    point = from;
                } else {
                    point = add(&cal, from, *len);
                    middle.push((point, middle.len(), "resumed"));
                }
            }
            if let Some(e) = s.extended {
                middle.push((add(&cal, accepted, e), middle.len(), "extended"));
            }
            middle.sort();
            for (d, _, what) in &middle {
                push(&mut events, *d, what);
            }
            let last = events.last().map(|e| e.date).unwrap();
            match s.ending {
                Ending::Decided => {
                    let decided = close(last);
                    push(&mut events, decided, "granted");
                    if let Some(k) = s.deliver_after {
                        push(&mut events, add(&cal, decided, k), "delivered");
                    }
                }
                Ending::WithdrawnAfterAcceptance => push(&mut events, close(last), "withdrawn"),
                _ => {}
            }
        }
    }
    let limits = match s.promise {
        Some(p) => Limits::default().promise(wd(p)),
        None => Limits::default(),
    };
    Case {
        id: format!("P{}", s.received),
        item: Some(["XK-001", "XK-003", "GF-001"][s.item].to_owned()),
        body: Some(["town", "county"][s.body].to_owned()),
        division: None,
        channel: Some([Channel::Counter, Channel::Online, Channel::VillageProxy][s.channel]),
        handling: jiceng_approvals::Handling::Promised,
        limits,
        preliminary_review: false,
        expires: None,
        events,
    }
}

/// The date `days` after `d`, at most the last day the calendar covers.
fn later(d: NaiveDate, days: u32) -> NaiveDate {
    d.checked_add_days(Days::new(u64::from(days)))
        .unwrap()
        .min(day("2026-12-31"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn generated_logs_are_valid(s in spec()) {
        let c = build(&s);
        let app = Application::replay(&c.events, None);
        prop_assert!(app.is_ok(), "{:?}: {:?}", c.events, app);
    }

    /// Each suspension added to a log can only move the due dates later.
    #[test]
    fn a_suspension_never_makes_a_due_date_earlier(
        received in 0u32..1096,
        promise in 1u32..20,
        stops in proptest::collection::vec((0u32..15, 0u32..12), 1..4),
        last_open in any::<bool>(),
        at_after in 0u32..120,
    ) {
        let cal = cal();
        let start = cal
            .roll_forward(day("2023-01-01").checked_add_days(Days::new(u64::from(received))).unwrap())
            .unwrap();
        let base = vec![ev(&start.to_string(), "received"), ev(&start.to_string(), "accepted")];
        let limits = Limits::default().promise(wd(promise));
        // The logs with the first k suspensions, k = 0..=n.
        let mut logs = vec![base.clone()];
        let mut events = base;
        let mut point = start;
        for (i, (gap, len)) in stops.iter().enumerate() {
            let from = add(&cal, point, *gap);
            events.push(ev(&from.to_string(), "suspended"));
            if i + 1 == stops.len() && last_open {
                point = from;
            } else {
                point = add(&cal, from, *len);
                events.push(ev(&point.to_string(), "resumed"));
            }
            logs.push(events.clone());
        }
        let at = later(point, at_after);
        let mut previous: Option<(NaiveDate, NaiveDate)> = None;
        for (k, log) in logs.into_iter().enumerate() {
            let c = Case { events: log, ..crate::case(limits, &[]) };
            let e = evaluate(&c, at, &cal, &Options::default()).unwrap();
            let due = (e.deadlines.statutory_due.unwrap(), e.deadlines.promised_due.unwrap());
            if let Some(p) = previous {
                prop_assert!(due.0 >= p.0, "statutory due moved earlier with {k} suspensions: {:?} < {:?}", due.0, p.0);
                prop_assert!(due.1 >= p.1, "promised due moved earlier with {k} suspensions: {:?} < {:?}", due.1, p.1);
            }
            previous = Some(due);
        }
    }

    #[test]
    fn replaying_the_same_events_twice_gives_the_same_result(s in spec(), at_after in 0u32..200) {
        let c = build(&s);
        let cal = cal();
        let at = later(c.events[0].date, at_after);
        let a = Application::replay(&c.events, Some(at)).unwrap();
        let b = Application::replay(&c.events.clone(), Some(at)).unwrap();
        prop_assert_eq!(&a, &b);
        // Applying the events one by one gives the same application.
        let mut one = Application::default();
        for e in c.events.iter().filter(|e| e.date <= at) {
            one.apply(e).unwrap();
        }
        prop_assert_eq!(&one, &a);
        let e1 = evaluate(&c, at, &cal, &Options::default()).unwrap();
        let e2 = evaluate(&c, at, &cal, &Options::default()).unwrap();
        prop_assert_eq!(e1, e2);
        prop_assert_eq!(e1.state, a.state());
        // The same case read back from its JSON line evaluates the same.
        let back: Case = serde_json::from_str(&serde_json::to_string(&c).unwrap()).unwrap();
        prop_assert_eq!(&back, &c);
        prop_assert_eq!(evaluate(&back, at, &cal, &Options::default()).unwrap(), e1);
    }

    #[test]
    fn a_closed_case_keeps_its_deadlines_on_later_dates(s in spec(), days in 0u32..400) {
        let c = build(&s);
        let cal = cal();
        let closed_on = c.events.last().unwrap().date;
        let first = evaluate(&c, closed_on, &cal, &Options::default()).unwrap();
        prop_assume!(first.status.is_closed());
        let at = later(closed_on, days);
        let again = evaluate(&c, at, &cal, &Options::default()).unwrap();
        prop_assert_eq!(again.deadlines, first.deadlines, "{:?} at {} and {}", c.events, closed_on, at);
        prop_assert_eq!(again.status, first.status);
        prop_assert_eq!(again.working_days_used, first.working_days_used);
        prop_assert_eq!(again.suspended_working_days, first.suspended_working_days);
    }

    #[test]
    fn metrics_of_a_split_slice_merge_to_the_whole(
        specs in proptest::collection::vec(spec(), 0..24),
        split in any::<prop::sample::Index>(),
        at in prop_oneof![Just("2025-06-30"), Just("2026-06-30")],
    ) {
        let cal = cal();
        let cases: Vec<Case> = specs.iter().map(build).collect();
        let at = day(at);
        let fold = |cases: &[Case]| {
            let mut b = Breakdown::default();
            for c in cases {
                b.add(c, &evaluate(c, at, &cal, &Options::default()).unwrap());
            }
            b
        };
        let whole = fold(&cases);
        let k = split.index(cases.len() + 1);
        let mut merged = fold(&cases[..k]);
        merged.merge(&fold(&cases[k..]));
        prop_assert_eq!(&merged.total.summary(), &whole.total.summary());
        prop_assert_eq!(merged, whole);
    }
}
