//! Exact values at the edges of the strict table, pinning what the third
//! round-robin sixth of the crate's mutants found unguarded. The bundled
//! calendar covers 2010-01-01 to 2026-12-31; provisional mode answers from
//! 2008-01-01 (the first year of the 2007 Measures).

use jiceng_calendar::{Calendar, CoveragePolicy, Error};

use crate::d;

/// Whether a day is a working day, strict and provisional, at the first
/// and last covered days and the days just outside.
fn check(day: chrono::NaiveDate, strict: Result<bool, Error>, provisional: Result<bool, Error>) {
    let cal = Calendar::china_mainland();
    assert_eq!(cal.is_working_day(day), strict, "strict, {day}");
    assert_eq!(
        cal.with_policy(CoveragePolicy::Provisional)
            .is_working_day(day),
        provisional,
        "provisional, {day}"
    );
}

#[test]
fn is_working_day_at_the_edges_of_coverage() {
    let before = |date| Error::BeforeCoverage {
        date,
        first: d(2010, 1, 1),
        earliest: d(2008, 1, 1),
    };
    // Thursday 31 December 2009, the day before coverage: refused in
    // strict mode, naming that day; provisional mode counts it by the
    // Measures, and no holiday falls on it (元旦 is 1 January), so a
    // working Thursday.
    check(d(2009, 12, 31), Err(before(d(2009, 12, 31))), Ok(true));
    // Wednesday 30 December 2009 likewise.
    check(d(2009, 12, 30), Err(before(d(2009, 12, 30))), Ok(true));
    // Friday 1 January 2010, the first covered day: 元旦, 1–3 January off
    // (国办发明电〔2009〕27号). Both policies read it from the notice.
    check(d(2010, 1, 1), Ok(false), Ok(false));
    // Monday 4 January 2010, the first working day of coverage.
    check(d(2010, 1, 4), Ok(true), Ok(true));
    // Thursday 31 December 2026, the last covered day: a working day of
    // 2026 (国办发明电〔2025〕7号 gives nothing off at the year's end).
    check(d(2026, 12, 31), Ok(true), Ok(true));
    // Friday 1 January 2027, past the notices: refused in strict mode;
    // provisionally 元旦, a statutory day off.
    check(
        d(2027, 1, 1),
        Err(Error::OutOfCoverage {
            date: d(2027, 1, 1),
            first: d(2010, 1, 1),
            last: d(2026, 12, 31),
        }),
        Ok(false),
    );
}

/// The horizon (2226-12-31 for the bundled calendar, 200 years past the
/// last notice) is the last day a period may start or end on, in either
/// mode: a period started on it is answered, one started the day after is
/// refused naming that day. Calendar days need no calendar when not
/// rolled past days off, and a period of no days ends where it starts.
#[test]
fn periods_may_start_and_end_on_the_horizon() {
    use jiceng_calendar::{Period, PeriodOptions};

    let strict = Calendar::china_mainland();
    let horizon = d(2226, 12, 31);
    let beyond = |date| Error::BeyondHorizon { date, horizon };
    let no_roll = PeriodOptions::default().roll(false);
    for cal in [
        strict.clone(),
        strict.with_policy(CoveragePolicy::Provisional),
    ] {
        assert_eq!(cal.horizon(), horizon);
        for period in [Period::Days(0), Period::WorkingDays(0)] {
            let r = cal.period_end_with(horizon, period, &no_roll);
            assert_eq!(r.map(|p| p.end), Ok(horizon), "{period} from the horizon");
            let r = cal.period_end_with(d(2227, 1, 1), period, &no_roll);
            assert_eq!(r.map(|p| p.end), Err(beyond(d(2227, 1, 1))), "{period}");
        }
        // One calendar day from Saturday 30 December 2226 ends on the
        // horizon (Sunday 31 December); two would end on 1 January 2227.
        let r = cal.period_end_with(d(2226, 12, 30), Period::Days(1), &no_roll);
        assert_eq!(r.map(|p| p.end), Ok(horizon));
        let r = cal.period_end_with(d(2226, 12, 30), Period::Days(2), &no_roll);
        assert_eq!(r.map(|p| p.end), Err(beyond(d(2227, 1, 1))));
    }
}
