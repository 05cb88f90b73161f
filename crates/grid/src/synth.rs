//! Synthetic event logs for benchmarks and load tests, on Guchengying
//! town's grid and the sample taxonomy.
//!
//! The caller passes the seed and the start time; ids are version 7 uuids
//! built from each report's time and the seeded generator (the crate reads
//! no clock and draws no entropy of its own). Every generated log replays
//! without a refusal. 5% of events are rejected; the rest are closed,
//! 3% of them after a postponement and 10% after rework, so that the
//! events open at once are only those in flight.

use crate::event::{Action, Channel, Entry, EscalationReason};
use chrono::{DateTime, Duration, FixedOffset};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The most events one call to `jiceng grid synth` writes: 20 million
/// (some 19 GB of JSON Lines), twice the 10-million-event benchmark log.
/// At the command's one report a second from 3 March 2025 they all fall
/// within 2025, inside the bundled calendar's coverage. [`events`] itself
/// is lazy and takes any `n`; the bound is on what one flag may cost.
pub const MAX_EVENTS: usize = 20_000_000;

/// The actions of `n` synthetic events, event after event, reports
/// `spacing_secs` apart from `start`. Lazy: memory does not depend on `n`.
///
/// # Example
///
/// ```
/// use jiceng_calendar::{Calendar, WorkingHours};
/// use jiceng_grid::{Engine, Grid, Taxonomy, synth};
///
/// let (grid, tax) = (Grid::guchengying(), Taxonomy::sample());
/// let (cal, hours) = (Calendar::china_mainland(), WorkingHours::china_standard());
/// let start = chrono::DateTime::parse_from_rfc3339("2025-03-03T08:30:00+08:00")?;
/// let mut engine = Engine::new(&grid, &tax, &cal, &hours);
/// for e in synth::events(7, 100, start, 60) {
///     engine.apply(&e)?;
/// }
/// assert_eq!(engine.tickets().count(), 100);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn events(
    seed: u64,
    n: usize,
    start: DateTime<FixedOffset>,
    spacing_secs: i64,
) -> impl Iterator<Item = Entry> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..n).flat_map(move |i| one(&mut rng, i, start, spacing_secs))
}

fn one(rng: &mut ChaCha8Rng, i: usize, start: DateTime<FixedOffset>, spacing: i64) -> Vec<Entry> {
    let at0 =
        start + Duration::seconds(spacing.saturating_mul(i64::try_from(i).unwrap_or(i64::MAX)));
    let ms = u64::try_from(at0.timestamp_millis()).unwrap_or(0);
    let mut rand_bytes = [0u8; 10];
    rng.fill(&mut rand_bytes);
    let id = uuid::Builder::from_unix_timestamp_millis(ms, &rand_bytes).into_uuid();
    let cell: u32 = rng.random_range(1..=57);
    let cats = ["0101", "0102", "0103", "0201", "0301"];
    let cat = cats[rng.random_range(0..cats.len())];
    let mut at = at0;
    let mut out = Vec::with_capacity(10);
    let mut push = |at: DateTime<FixedOffset>, actor: &str, action: Action| {
        out.push(Entry {
            event: id,
            at,
            actor: actor.into(),
            action,
        });
    };
    let worker = format!("W{cell:02}");
    push(
        at,
        &worker,
        Action::Report {
            cell: format!("GCY-{cell:02}").into(),
            category: cat.into(),
            channel: Channel::GridWorker,
            description: "synthetic".into(),
        },
    );
    let mut step = |rng: &mut ChaCha8Rng, max: i64| {
        at += Duration::minutes(rng.random_range(1..=max));
        at
    };
    let t = step(rng, 40);
    if rng.random_range(0..100) < 5 {
        push(
            t,
            "C01",
            Action::Reject {
                reason: "重复".into(),
            },
        );
        return out;
    }
    push(t, "C01", Action::Accept);
    let body = if cat == "0103" {
        push(
            step(rng, 10),
            "C01",
            Action::Escalate {
                reason: EscalationReason::NoAuthority,
            },
        );
        "130430-zhzf"
    } else {
        "130430104-zfd"
    };
    push(step(rng, 20), "C01", Action::Dispatch { body: body.into() });
    push(step(rng, 60), body, Action::Start);
    if rng.random_range(0..100) < 3 {
        let t = step(rng, 10);
        let until = (t + Duration::days(7)).date_naive();
        push(
            t,
            body,
            Action::Postpone {
                until,
                approved_by: "C02".into(),
            },
        );
        // The body goes on and finishes within the postponement, as a
        // postponed event does: a log's open events stay those in flight,
        // however long the log.
    }
    push(step(rng, 600), body, Action::Resolve);
    if rng.random_range(0..100) < 10 {
        push(
            step(rng, 60),
            "C02",
            Action::Rework {
                reason: "未达标".into(),
            },
        );
        push(step(rng, 60), body, Action::Start);
        push(step(rng, 300), body, Action::Resolve);
    }
    push(step(rng, 60), "C02", Action::Verify);
    push(step(rng, 30), "C01", Action::Close);
    out
}
