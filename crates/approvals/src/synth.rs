//! Synthetic cases, seeded and reproducible, for benchmarks and the
//! simulator.
//!
//! Each case is received on a working day, accepted the same day or the
//! next (after an incomplete-materials notice and a supplement in one case
//! of five), suspended for testing or expert review in one case of three,
//! extended in one of ten, then decided and delivered; a few are rejected
//! or withdrawn. Logs have 4 to 9 events. Six cases in ten promise 7
//! working days, two promise 5, two promise nothing. Every decision comes
//! within the statutory limit (Art. 42: 20 working days after acceptance,
//! 30 when extended; suspensions not counted).

use chrono::{Days, NaiveDate};
use jiceng_calendar::{Calendar, Period};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::case::{Case, Channel, Event, EventKind, Handling, Limits, Outcome, SuspensionReason};
use crate::error::Error;

/// The most cases one call generates (100 million): bounds what a flag
/// can cost.
pub const MAX_CASES: u64 = 100_000_000;

/// The longest span of receipt days, in calendar days (100 years).
pub const MAX_SPAN_DAYS: u32 = 36_600;

/// Generates `n` cases received on working days from `first` onwards, over
/// `span_days` calendar days.
///
/// # Errors
///
/// [`Error::SynthLimit`] when `n` exceeds [`MAX_CASES`] or `span_days`
/// [`MAX_SPAN_DAYS`]; calendar errors: the dates must lie inside the
/// calendar's coverage (leave a few months of margin before its end).
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
    let g = Generator::new(cal, seed, n as u64, first, span_days)?;
    // The capacity is bounded: a huge `n` grows the vector as cases come.
    let mut out = Vec::with_capacity(n.min(1 << 16));
    for c in g {
        out.push(c?);
    }
    Ok(out)
}

/// Synthetic cases one at a time, for writing millions without holding
/// them: the same cases, in the same order, as [`cases`].
///
/// # Example
///
/// ```
/// use jiceng_approvals::synth::{cases, Generator};
/// use jiceng_calendar::Calendar;
///
/// let cal = Calendar::china_mainland();
/// let g = Generator::new(&cal, 7, 50, "2024-01-01".parse()?, 365)?;
/// let streamed: Result<Vec<_>, _> = g.collect();
/// assert_eq!(streamed?, cases(&cal, 7, 50, "2024-01-01".parse()?, 365)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Generator<'a> {
    cal: &'a Calendar,
    rng: ChaCha8Rng,
    seed: u64,
    i: u64,
    n: u64,
    first: NaiveDate,
    span_days: u32,
}

impl<'a> Generator<'a> {
    /// A generator of `n` cases.
    ///
    /// # Errors
    ///
    /// [`Error::SynthLimit`] when `n` exceeds [`MAX_CASES`] or `span_days`
    /// exceeds [`MAX_SPAN_DAYS`]; [`Error::Calendar`] naming the start date
    /// when the span from it leaves the dates the calendar (or chrono) can
    /// hold.
    pub fn new(
        cal: &'a Calendar,
        seed: u64,
        n: u64,
        first: NaiveDate,
        span_days: u32,
    ) -> Result<Generator<'a>, Error> {
        if n > MAX_CASES {
            return Err(Error::SynthLimit {
                what: "number of cases",
                value: n.to_string(),
                max: MAX_CASES,
            });
        }
        if span_days > MAX_SPAN_DAYS {
            return Err(Error::SynthLimit {
                what: "span of days",
                value: span_days.to_string(),
                max: u64::from(MAX_SPAN_DAYS),
            });
        }
        if first
            .checked_add_days(Days::new(u64::from(span_days) + 400))
            .is_none()
        {
            // The span is within its limit, so the start is what lies out
            // of range: the calendar says why (outside its coverage or
            // beyond its horizon); past every date chrono holds otherwise.
            cal.is_working_day(first)?;
            return Err(jiceng_calendar::Error::DateOverflow { date: first }.into());
        }
        Ok(Generator {
            cal,
            rng: ChaCha8Rng::seed_from_u64(seed),
            seed,
            i: 0,
            n,
            first,
            span_days,
        })
    }
}

impl Iterator for Generator<'_> {
    type Item = Result<Case, Error>;

    fn next(&mut self) -> Option<Result<Case, Error>> {
        if self.i >= self.n {
            return None;
        }
        let i = self.i;
        self.i += 1;
        Some(one(
            self.cal,
            &mut self.rng,
            self.seed,
            i,
            self.first,
            self.span_days,
        ))
    }
}

const ITEMS: [&str; 5] = [
    "建设工程规划许可",
    "乡村建设规划许可",
    "个体工商户登记",
    "食品经营许可",
    "高龄津贴发放",
];

fn one(
    cal: &Calendar,
    rng: &mut ChaCha8Rng,
    seed: u64,
    i: u64,
    first: NaiveDate,
    span_days: u32,
) -> Result<Case, Error> {
    let items = ITEMS;
    {
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
                            role: None,
                            length: None,
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
        Ok(Case {
            id: format!("S-{seed}-{i}"),
            item: Some(item.to_owned()),
            body: Some(format!("centre-{}", rng.random_range(0..50))),
            division: None,
            channel: Some(channel),
            handling: Handling::Promised,
            preliminary_review: false,
            expires: None,
            limits: Limits {
                promised,
                ..Limits::default()
            },
            events,
        })
    }
}
