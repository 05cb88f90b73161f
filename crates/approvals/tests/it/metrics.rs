//! Metrics on a small hand-made set of cases, and their breakdown.

use jiceng_approvals::{Breakdown, Case, Channel, Limits, Metrics, Status};

use crate::{case, eval, wd};

/// Evaluated on Thursday 10 Jul 2025. From Monday 9 Jun 2025 (no holiday
/// until October): 5 working days → 10–13, 16 Jun: 16 Jun; 20 → 10–13 (4),
/// 16–20 (9), 23–27 (14), 30 Jun (15), 1–4 Jul (19), 7 Jul (20): 7 Jul.
/// From Monday 30 Jun: 5 → 1–4, 7 Jul: 7 Jul; 20 → 1–4 (4), 7–11 (9),
/// 14–18 (14), 21–25 (19), 28 Jul (20): 28 Jul.
const AT: &str = "2025-07-10";

struct Hand {
    id: &'static str,
    item: &'static str,
    body: &'static str,
    channel: Channel,
    promise: bool,
    events: &'static [(&'static str, &'static str)],
    status: Status,
    /// Working days used, by hand.
    used: Option<i64>,
}

fn hand_made() -> Vec<Hand> {
    vec![
        Hand {
            id: "A",
            item: "XK-003",
            body: "town",
            channel: Channel::Counter,
            promise: true,
            events: &[
                ("2025-06-09", "received"),
                ("2025-06-09", "accepted"),
                ("2025-06-09", "granted"),
            ],
            status: Status::ClosedEarly,
            // The same day.
            used: Some(0),
        },
        Hand {
            id: "B",
            item: "XK-003",
            body: "town",
            channel: Channel::Online,
            promise: true,
            events: &[
                ("2025-06-09", "received"),
                ("2025-06-09", "accepted"),
                ("2025-06-12", "granted"),
            ],
            status: Status::ClosedEarly,
            // 10, 11, 12 Jun.
            used: Some(3),
        },
        Hand {
            id: "C",
            item: "XK-003",
            body: "town",
            channel: Channel::Counter,
            promise: true,
            events: &[
                ("2025-06-09", "received"),
                ("2025-06-09", "accepted"),
                ("2025-06-16", "granted"),
            ],
            // On the promised day, 16 Jun.
            status: Status::ClosedOnTime,
            used: Some(5),
        },
        Hand {
            id: "D",
            item: "XK-004",
            body: "county",
            channel: Channel::Counter,
            promise: true,
            events: &[
                ("2025-06-09", "received"),
                ("2025-06-09", "accepted"),
                ("2025-06-20", "refused"),
            ],
            status: Status::ClosedLateAgainstPromise,
            // 10–13 (4), 16–20 Jun (9).
            used: Some(9),
        },
        Hand {
            id: "E",
            item: "XK-004",
            body: "county",
            channel: Channel::Online,
            promise: true,
            events: &[
                ("2025-06-09", "received"),
                ("2025-06-09", "accepted"),
                ("2025-07-08", "granted"),
            ],
            status: Status::ClosedLateAgainstStatute,
            // 20 to 7 Jul, and 8 Jul.
            used: Some(21),
        },
        Hand {
            id: "F",
            item: "GF-001",
            body: "town",
            channel: Channel::VillageProxy,
            promise: false,
            events: &[
                ("2025-06-09", "received"),
                ("2025-06-09", "accepted"),
                ("2025-06-10", "granted"),
            ],
            status: Status::ClosedEarly,
            used: Some(1),
        },
        Hand {
            id: "G",
            item: "XK-004",
            body: "county",
            channel: Channel::Counter,
            promise: true,
            events: &[("2025-06-09", "received"), ("2025-06-09", "accepted")],
            // Open, past 7 Jul.
            status: Status::LateAgainstStatute,
            used: None,
        },
        Hand {
            id: "G2",
            item: "XK-003",
            body: "town",
            channel: Channel::Online,
            promise: true,
            events: &[("2025-06-30", "received"), ("2025-06-30", "accepted")],
            // Open, past 7 Jul, before 28 Jul.
            status: Status::LateAgainstPromise,
            used: None,
        },
        Hand {
            id: "H",
            item: "GF-001",
            body: "town",
            channel: Channel::VillageProxy,
            promise: false,
            events: &[("2025-06-09", "received"), ("2025-06-10", "rejected")],
            // Not accepted: rejected the day after receipt, well within
            // the Art. 32 notice period.
            status: Status::Rejected,
            used: None,
        },
    ]
}

fn to_case(h: &Hand) -> Case {
    let limits = if h.promise {
        Limits::default().promise(wd(5))
    } else {
        Limits::default()
    };
    Case {
        id: h.id.to_owned(),
        item: Some(h.item.to_owned()),
        body: Some(h.body.to_owned()),
        channel: Some(h.channel),
        ..case(limits, h.events)
    }
}

fn breakdown(hands: &[Hand]) -> Breakdown {
    let mut b = Breakdown::default();
    for h in hands {
        let c = to_case(h);
        b.add(&c, &eval(&c, AT));
    }
    b
}

#[test]
fn the_hand_made_cases_evaluate_as_computed() {
    for h in hand_made() {
        let e = eval(&to_case(&h), AT);
        assert_eq!(e.status, h.status, "case {}", h.id);
        assert_eq!(e.working_days_used, h.used, "case {}", h.id);
        assert_eq!(e.same_day, h.id == "A", "case {}", h.id);
    }
}

#[test]
fn summary_of_the_hand_made_cases() {
    let b = breakdown(&hand_made());
    let m = &b.total;
    assert_eq!(
        (m.cases, m.received, m.accepted, m.rejected, m.withdrawn),
        (9, 9, 8, 1, 0)
    );
    assert_eq!((m.decided, m.decided_with_promise), (6, 5));
    // A, B, C on time against the promise; all but E against the statute.
    assert_eq!(
        (m.on_time_promise, m.on_time_statute, m.same_day),
        (3, 5, 1)
    );
    assert_eq!((m.open_late_promise, m.open_late_statute), (1, 1));
    let s = m.summary();
    assert_eq!(s.cases, 9);
    assert_eq!(s.acceptance_rate, Some(8.0 / 9.0));
    assert_eq!(s.on_time_rate_promise, Some(0.6));
    assert_eq!(s.on_time_rate_statute, Some(5.0 / 6.0));
    assert_eq!(s.same_day_share, Some(1.0 / 6.0));
    // Working days used: 0, 3, 5, 9, 21, 1; sum 39 over 6.
    assert_eq!(s.mean_working_days, Some(6.5));
    // Sorted 0, 1, 3, 5, 9, 21: the median is the 3rd (ceil(0.5 × 6)),
    // the 90th percentile the 6th (ceil(0.9 × 6) = ceil(5.4)).
    assert_eq!(s.median_working_days, Some(3));
    assert_eq!(s.p90_working_days, Some(21));
    assert_eq!(
        (s.open_late_promise, s.open_late_statute, s.provisional),
        (1, 1, 0)
    );
}

#[test]
fn percentiles_on_ten_cases() {
    // Ten decided cases using 1..=10 working days (accepted Monday 9 Jun
    // 2025; decided after 1..=10 of 10–13, 16–20, 23 Jun): the median is
    // the 5th value (5), the 90th percentile the 9th (9); mean 5.5.
    let decided = [
        "2025-06-10",
        "2025-06-11",
        "2025-06-12",
        "2025-06-13",
        "2025-06-16",
        "2025-06-17",
        "2025-06-18",
        "2025-06-19",
        "2025-06-20",
        "2025-06-23",
    ];
    let mut m = Metrics::default();
    for (i, d) in decided.iter().enumerate() {
        let c = case(
            Limits::default(),
            &[("2025-06-09", "received"), ("2025-06-09", "accepted")],
        );
        let mut c = c;
        c.events.push(crate::ev(d, "granted"));
        let e = eval(&c, AT);
        assert_eq!(e.working_days_used, Some(i as i64 + 1), "decided {d}");
        m.add(&e);
    }
    let s = m.summary();
    assert_eq!(s.median_working_days, Some(5));
    assert_eq!(s.p90_working_days, Some(9));
    assert_eq!(s.mean_working_days, Some(5.5));
    assert_eq!(s.on_time_rate_statute, Some(1.0));
    assert_eq!(s.on_time_rate_promise, None);
    assert_eq!(s.same_day_share, Some(0.0));
}

#[test]
fn empty_metrics_have_no_rates() {
    let s = Metrics::default().summary();
    assert_eq!(s.cases, 0);
    assert_eq!(s.acceptance_rate, None);
    assert_eq!(s.on_time_rate_statute, None);
    assert_eq!(s.mean_working_days, None);
    assert_eq!(s.median_working_days, None);
    assert_eq!(s.p90_working_days, None);
}

#[test]
fn breakdown_by_item_body_and_channel() {
    let b = breakdown(&hand_made());
    let cases = |m: &Metrics| (m.cases, m.decided);
    // XK-003: A, B, C, G2; XK-004: D, E, G; GF-001: F, H.
    assert_eq!(b.by_item.len(), 3);
    assert_eq!(cases(&b.by_item["XK-003"]), (4, 3));
    assert_eq!(cases(&b.by_item["XK-004"]), (3, 2));
    assert_eq!(cases(&b.by_item["GF-001"]), (2, 1));
    let xk3 = b.by_item["XK-003"].summary();
    assert_eq!(xk3.on_time_rate_promise, Some(1.0));
    // 0, 3 and 5 working days.
    assert_eq!(xk3.mean_working_days, Some(8.0 / 3.0));
    assert_eq!(xk3.open_late_promise, 1);
    let xk4 = b.by_item["XK-004"].summary();
    assert_eq!(xk4.on_time_rate_promise, Some(0.0));
    assert_eq!(xk4.on_time_rate_statute, Some(0.5));
    // 9 and 21.
    assert_eq!(xk4.mean_working_days, Some(15.0));
    assert_eq!(xk4.open_late_statute, 1);
    let gf = b.by_item["GF-001"].summary();
    assert_eq!(gf.acceptance_rate, Some(0.5));
    assert_eq!(gf.on_time_rate_promise, None);
    // Bodies: town A, B, C, F, G2, H; county D, E, G.
    assert_eq!(cases(&b.by_body["town"]), (6, 4));
    assert_eq!(cases(&b.by_body["county"]), (3, 2));
    // Channels: counter A, C, D, G; online B, E, G2; proxy F, H.
    assert_eq!(cases(&b.by_channel[&Channel::Counter]), (4, 3));
    assert_eq!(cases(&b.by_channel[&Channel::Online]), (3, 2));
    assert_eq!(cases(&b.by_channel[&Channel::VillageProxy]), (2, 1));
    assert_eq!(b.by_channel[&Channel::VillageProxy].rejected, 1);
    // The parts add up to the whole.
    let mut sum = Metrics::default();
    for m in b.by_item.values() {
        sum.merge(m);
    }
    assert_eq!(sum, b.total);
    // A case without item, body or channel counts only in the total.
    let mut bare = b.clone();
    let c = case(
        Limits::default(),
        &[("2025-06-09", "received"), ("2025-06-09", "accepted")],
    );
    bare.add(&c, &eval(&c, AT));
    assert_eq!(bare.total.cases, 10);
    assert_eq!(bare.by_item, b.by_item);
    assert_eq!(bare.by_body, b.by_body);
    assert_eq!(bare.by_channel, b.by_channel);
}

#[test]
fn breakdowns_of_a_split_merge_to_the_whole() {
    let all = hand_made();
    let whole = breakdown(&all);
    for k in 0..=all.len() {
        let mut left = breakdown(&all[..k]);
        left.merge(&breakdown(&all[k..]));
        assert_eq!(left, whole, "split at {k}");
    }
}
