//! Synthetic cases, seeded and reproducible, for benchmarks and the
//! simulator.
//!
//! Each case is received on a working day, accepted the same day or the
//! next (after an incomplete-materials notice and a supplement in one case
//! of five), suspended for testing or expert review in one case of three,
//! extended in one of ten, then decided and delivered; a few are rejected
//! or withdrawn. Logs have 4 to 9 events.

use chrono::{Days, NaiveDate};
use jiceng_calendar::{Calendar, Period};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::case::{Case, Channel, Event, EventKind, Limits, Outcome, SuspensionReason};
use crate::error::Error;

/// Generates `n` cases received on working days from `first` onwards, over
/// `span_days` calendar days.
///
/// # Errors
///
/// Calendar errors: the dates must lie inside the calendar's coverage
/// (leave a few months of margin before its end).
///
/// # Example
///
/// ```
/// use jiceng_approvals::synth::cases;
/// use jiceng_calendar::Calendar;
///
/// let cal = Calendar::china_mainland();
/// let a = cases(&cal, 7, 100, "2024-01-01".parse()?, 365)?;
/// assert_eq!(a.len(), 100);
/// assert_eq!(a, cases(&cal, 7, 100, "2024-01-01".parse()?, 365)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn cases(
    cal: &Calendar,
    seed: u64,
    n: usize,
    first: NaiveDate,
    span_days: u32,
) -> Result<Vec<Case>, Error> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut out = Vec::with_capacity(n);
    let items = [
        "建设工程规划许可",
        "乡村建设规划许可",
        "个体工商户登记",
        "食品经营许可",
        "高龄津贴发放",
    ];
    for i in 0..n {
        let day = first + Days::new(u64::from(rng.random_range(0..span_days.max(1))));
        let received = cal.roll_forward(day)?;
        let mut events = Vec::with_capacity(9);
        events.push(Event::new(received, EventKind::Received));
        let mut d = received;
        let step = |cal: &Calendar, d: NaiveDate, n: i32| cal.add_working_days(d, n);
        let roll: u32 = rng.random_range(0..100);
        if roll < 3 {
            events.push(Event::new(
                step(cal, d, 1)?,
                EventKind::Rejected {
                    reason: "不属于受理范围".to_owned(),
                },
            ));
        } else {
            if roll < 23 {
                d = step(cal, d, rng.random_range(0..=3))?;
                events.push(Event::new(d, EventKind::IncompleteNotice));
                d = step(cal, d, rng.random_range(1..=5))?;
                events.push(Event::new(d, EventKind::Supplemented));
            }
            d = step(cal, d, rng.random_range(0..=1))?;
            events.push(Event::new(d, EventKind::Accepted));
            if rng.random_range(0..50) == 0 {
                d = step(cal, d, rng.random_range(1..=5))?;
                events.push(Event::new(d, EventKind::Withdrawn));
            } else {
                let mut work: i32 = rng.random_range(0..=18);
                if rng.random_range(0..3) == 0 && work > 1 {
                    let before = rng.random_range(1..work);
                    d = step(cal, d, before)?;
                    work -= before;
                    let reason = if rng.random_bool(0.5) {
                        SuspensionReason::Testing
                    } else {
                        SuspensionReason::ExpertReview
                    };
                    events.push(Event::new(d, EventKind::Suspended { reason }));
                    d = step(cal, d, rng.random_range(2..=10))?;
                    events.push(Event::new(d, EventKind::Resumed));
                }
                if rng.random_range(0..10) == 0 {
                    events.push(Event::new(
                        d,
                        EventKind::Extended {
                            approved_by: "局长".to_owned(),
                        },
                    ));
                    work += rng.random_range(0..=8);
                }
                d = step(cal, d, work)?;
                let outcome = if rng.random_range(0..20) == 0 {
                    Outcome::Refused
                } else {
                    Outcome::Granted
                };
                events.push(Event::new(d, EventKind::Decided { outcome }));
                d = step(cal, d, rng.random_range(0..=12))?;
                events.push(Event::new(d, EventKind::Delivered));
            }
        }
        let promised = match rng.random_range(0..10) {
            0..=5 => Some(Period::WorkingDays(7)),
            6 | 7 => Some(Period::WorkingDays(5)),
            _ => None,
        };
        let channel = match rng.random_range(0..10) {
            0..=4 => Channel::Counter,
            5..=7 => Channel::Online,
            _ => Channel::VillageProxy,
        };
        let item = items[rng.random_range(0..items.len())];
        out.push(Case {
            id: format!("S-{seed}-{i}"),
            item: Some(item.to_owned()),
            body: Some(format!("centre-{}", rng.random_range(0..50))),
            channel: Some(channel),
            limits: Limits {
                promised,
                ..Limits::default()
            },
            events,
        });
    }
    Ok(out)
}
