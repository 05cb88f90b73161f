//! Exact tallies where a one-county scenario cannot tell townships apart:
//! a second county, whose townships start at index 1, and shard files whose
//! variants, townships, counties or daily series do not fit the scenario.

use jiceng_sim::{
    Error, Metric, RepTally, Scenario, Shard, Summary, merge_shards, run, run_replication,
    shard_replications, summarise,
};

use crate::common::model;

/// Two counties: 邱县 with one township (index 0), 魏县 with two (indices 1
/// and 2). Every body has 5 staff a desk except: 魏县's service department
/// has none, so an approval escalated there is never decided; and 双井镇's
/// grid desk has none, so its grid events are never decided. Approvals are
/// held by the county, grid events by the township; handling is a fixed 30
/// minutes (sigma 0), so 5 staff never queue. The reform devolves the
/// approval to 双井镇 alone, from the first day.
const TWO_COUNTIES: &str = r#"
name = "two counties"
seed = 9
replications = 2

[period]
from = "2025-03-03"
days = 20

[[territory.county]]
code = "130430000000"
name = "邱县"
staff = { service = 5, enforcement = 5, grid = 5 }

[[territory.county.township]]
code = "130430100000"
name = "新马头镇"
population = 10000
staff = { service = 5, enforcement = 5, grid = 5 }

[[territory.county]]
code = "130434000000"
name = "魏县"
staff = { service = 0, enforcement = 5, grid = 5 }

[[territory.county.township]]
code = "130434100000"
name = "魏城镇"
population = 10000
staff = { service = 5, enforcement = 5, grid = 5 }

[[territory.county.township]]
code = "130434101000"
name = "双井镇"
population = 10000
staff = { service = 5, enforcement = 5, grid = 0 }

[[item]]
code = "approval.a"
kind = "approval"
rate = 2.0
handling.township = { median_minutes = 30, sigma = 0.0 }
handling.county = { median_minutes = 30, sigma = 0.0 }

[[item]]
code = "grid.a"
kind = "grid"
rate = 3.0
held_by = "township"
handling.township = { median_minutes = 30, sigma = 0.0 }
handling.county = { median_minutes = 30, sigma = 0.0 }

[[reform]]
name = "devolve"

[[reform.instrument]]
items = ["approval.a"]
from = "2025-03-03"
townships = ["130434101000"]
"#;

const APPROVAL: usize = 0;
const GRID: usize = 2;

fn total(a: &[u64; 3]) -> u64 {
    a.iter().sum()
}

#[test]
fn the_second_countys_townships_keep_their_own_staff_routes_and_tallies() {
    let m = model(TWO_COUNTIES);
    let t = run_replication(&m, 9, 0);
    let [base, reform] = &t.variants[..] else {
        panic!("{} variants", t.variants.len())
    };
    for v in [base, reform] {
        // Every arrival ends decided, open in the township or open after
        // escalation.
        for town in &v.towns {
            assert_eq!(
                total(&town.arrivals),
                town.decided() + town.open_local + town.open_escalated
            );
        }
        let [xinmatou, weicheng, shuangjing] = &v.towns[..] else {
            panic!("{} towns", v.towns.len())
        };
        // 10,000 residents at 2 and 3 a day over 20 days: about 40 and 60
        // arrivals each; none may be empty for the checks below to bite.
        for town in [xinmatou, weicheng, shuangjing] {
            assert!(town.arrivals[APPROVAL] > 0 && town.arrivals[GRID] > 0);
        }
        // Each township draws from its own random stream, keyed by its
        // index in the province (0, 1, 2): equal populations, yet counts
        // that are not all equal. A township that read another's stream
        // would repeat its counts exactly.
        assert_ne!(xinmatou.arrivals, weicheng.arrivals);
        assert_ne!(xinmatou.arrivals, shuangjing.arrivals);
        assert_ne!(weicheng.arrivals, shuangjing.arrivals);
        // 魏城镇: its approvals go to 魏县's service department, which has
        // no staff: every one stays open after escalation; its grid events
        // are its own, decided by its 5 grid staff.
        assert_eq!(weicheng.closed[APPROVAL], 0);
        assert_eq!(weicheng.open_escalated, weicheng.arrivals[APPROVAL]);
        assert_eq!(weicheng.closed_local[GRID], weicheng.closed[GRID]);
        assert!(weicheng.closed[GRID] > 0 && weicheng.busy > 0);
        // 双井镇: no grid staff, so no grid event is decided.
        assert_eq!(shuangjing.closed[GRID], 0);
        // 新马头镇: 邱县's department decides its approvals.
        assert!(xinmatou.closed[APPROVAL] > 0);
        assert_eq!(xinmatou.closed_local[APPROVAL], 0);
        assert!(xinmatou.busy > 0);
        // 魏县's only staffed desk that sees work has none: idle. 邱县's
        // service department decides 新马头镇's (and, in the baseline, only
        // its) approvals.
        assert_eq!(v.county_busy[1], 0);
        assert!(v.county_busy[0] > 0);
        // Daily series: the province, 邱县, 魏县 (in that order), each the
        // sum of its townships.
        assert_eq!(v.daily_arrivals.len(), 3);
        let sum = |d: &Vec<u64>| d.iter().sum::<u64>();
        let all: u64 = v.towns.iter().map(|t| total(&t.arrivals)).sum();
        assert_eq!(sum(&v.daily_arrivals[0]), all);
        assert_eq!(sum(&v.daily_arrivals[1]), total(&xinmatou.arrivals));
        assert_eq!(
            sum(&v.daily_arrivals[2]),
            total(&weicheng.arrivals) + total(&shuangjing.arrivals)
        );
        assert_eq!(sum(&v.daily_closed[1]), xinmatou.decided());
        assert_eq!(
            sum(&v.daily_closed[2]),
            weicheng.decided() + shuangjing.decided()
        );
        // Grid events are the only resolvable kind here, all held locally.
        assert_eq!(sum(&v.daily_resolvable[2]), weicheng.closed[GRID]);
        assert_eq!(sum(&v.daily_local[2]), weicheng.closed[GRID]);
    }
    // Baseline: 双井镇's approvals escalate to the unstaffed department and
    // its desks do nothing.
    let sj = &base.towns[2];
    assert_eq!(sj.decided(), 0);
    assert_eq!(sj.open_escalated, sj.arrivals[APPROVAL]);
    assert_eq!(sj.open_local, sj.arrivals[GRID]);
    assert_eq!(sj.busy, 0);
    // Reform: 双井镇 holds the approval from the first day and its 5
    // service staff decide it at home; nothing escalates. 魏城镇 is not
    // named by the instrument and still escalates.
    let sj = &reform.towns[2];
    assert_eq!(sj.open_escalated, 0);
    assert!(sj.closed_local[APPROVAL] > 0);
    assert_eq!(sj.closed_local[APPROVAL], sj.closed[APPROVAL]);
    assert!(sj.busy > 0);
    assert_eq!(
        reform.towns[1].open_escalated,
        reform.towns[1].arrivals[APPROVAL]
    );
    // The arrivals are common random numbers: the same in both variants.
    for (b, r) in base.towns.iter().zip(&reform.towns) {
        assert_eq!(b.arrivals, r.arrivals);
    }
}

fn estimate(s: &Summary, variant: &str, division: &str, metric: Metric) -> f64 {
    s.totals
        .iter()
        .find(|e| e.variant == variant && e.division == division && e.metric == metric)
        .map(|e| e.mean)
        .unwrap_or_else(|| panic!("no {metric:?} for {division} in {variant}"))
}

#[test]
fn a_countys_totals_are_the_sums_of_its_own_townships() {
    let m = model(TWO_COUNTIES);
    let tallies = run(&m, 9, &[0], &|| {});
    let s = summarise(&m, 9, &tallies).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.variants.len(), 2);
    for (vi, name) in s.variants.iter().enumerate() {
        let v = &tallies[0].variants[vi];
        let arrivals = |i: usize| total(&v.towns[i].arrivals) as f64;
        assert_eq!(
            estimate(&s, name, "130430000000", Metric::Arrivals),
            arrivals(0)
        );
        assert_eq!(
            estimate(&s, name, "130434000000", Metric::Arrivals),
            arrivals(1) + arrivals(2)
        );
        assert_eq!(
            estimate(&s, name, "130434000000", Metric::Closed),
            (v.towns[1].decided() + v.towns[2].decided()) as f64
        );
        // Staff: 魏县's departments 0 + 5 + 5, its townships 15 and 10.
        // Residents per staff member: 20,000 / 35.
        assert_eq!(
            estimate(&s, name, "130434000000", Metric::ResidentsPerStaff),
            20_000.0 / 35.0
        );
    }
}

fn shards() -> Vec<Shard> {
    let s = Scenario::from_toml_str(TWO_COUNTIES, "t.toml").unwrap_or_else(|e| panic!("{e}"));
    let m = model(TWO_COUNTIES);
    (0..2)
        .map(|k| Shard {
            format: jiceng_sim::SHARD_FORMAT,
            scenario: s.to_toml(),
            fingerprint: s.fingerprint(),
            seed: 9,
            replications: 2,
            shard: k,
            of: 2,
            tallies: run(&m, 9, &shard_replications(k, 2, 2), &|| {}),
        })
        .collect()
}

/// Merges the two shards after `spoil` has changed the second replication,
/// and summarises them.
fn merged(spoil: impl Fn(&mut RepTally)) -> Result<Summary, Error> {
    let mut shards = shards();
    spoil(&mut shards[1].tallies[0]);
    let (toml, seed, tallies) = merge_shards(shards)?;
    summarise(&model(&toml), seed, &tallies)
}

#[test]
fn shards_whose_tallies_do_not_fit_the_scenario_are_refused() {
    assert!(merged(|_| {}).is_ok());
    let refused = Err(Error::Merge(
        "replication 1's tallies do not fit the scenario".into(),
    ));
    type Spoil = fn(&mut RepTally);
    // The scenario has 2 variants, 3 townships, 2 counties, and keeps 3
    // daily series (the province and 2 counties) of 20 days.
    let spoils: [(&str, Spoil); 12] = [
        ("a 3rd variant", |t| {
            let extra = t.variants[1].clone();
            t.variants.push(extra);
        }),
        ("a 4th township", |t| {
            let extra = t.variants[0].towns[2].clone();
            t.variants[0].towns.push(extra);
        }),
        ("a 3rd county's busy minutes", |t| {
            t.variants[1].county_busy.push(0)
        }),
        ("one county's busy minutes", |t| {
            t.variants[0].county_busy.pop();
        }),
        ("a 4th arrivals series", |t| {
            t.variants[1].daily_arrivals.push(vec![0; 20])
        }),
        ("a 4th closed series", |t| {
            t.variants[1].daily_closed.push(vec![0; 20])
        }),
        ("a 4th resolvable series", |t| {
            t.variants[1].daily_resolvable.push(vec![0; 20])
        }),
        ("a 4th local series", |t| {
            t.variants[0].daily_local.push(vec![0; 20])
        }),
        ("a 21st day of arrivals", |t| {
            t.variants[0].daily_arrivals[2].push(0)
        }),
        ("a 21st day of closures", |t| {
            t.variants[1].daily_closed[1].push(0)
        }),
        ("a 21st resolvable day", |t| {
            t.variants[0].daily_resolvable[0].push(0)
        }),
        ("a local series of 19 days", |t| {
            t.variants[1].daily_local[2].pop();
        }),
    ];
    for (what, spoil) in spoils {
        assert_eq!(merged(spoil).map(|_| ()), refused, "{what}");
    }
}

/// Regression: the summary added up a shard file's counts unchecked, so
/// made-up counts near 2^64 panicked in a debug build and wrapped to a
/// wrong figure in a release build. Counts whose sum over the townships
/// (or a series' days) passes 2^56 = 72,057,594,037,927,936 are now
/// refused with the field's name, and the sum exactly at the bound is
/// still summarised.
#[test]
fn shard_counts_that_would_overflow_a_sum_are_refused_not_wrapped() {
    let limit = jiceng_sim::MAX_TALLY_SUM;
    assert_eq!(limit, 72_057_594_037_927_936);
    let m = model(TWO_COUNTIES);
    let summarised = |spoil: &dyn Fn(&mut RepTally)| {
        let mut tallies = run(&m, 9, &[0, 1], &|| {});
        spoil(&mut tallies[1]);
        summarise(&m, 9, &tallies).map(|_| ())
    };
    let refused = |field: &str| {
        Err(Error::Merge(format!(
            "replication 1's {field} add up to more than 72057594037927936, more than a run can count"
        )))
    };
    // Exactly at the bound: the other townships count no minutes.
    let at_bound = |t: &mut RepTally| {
        for town in &mut t.variants[0].towns {
            town.minutes = 0;
        }
        t.variants[0].towns[0].minutes = limit;
    };
    assert_eq!(summarised(&at_bound), Ok(()));
    assert_eq!(
        summarised(&|t: &mut RepTally| {
            at_bound(t);
            t.variants[0].towns[2].minutes = 1;
        }),
        refused("minutes")
    );
    type Spoil = fn(&mut RepTally);
    let spoils: [(&str, Spoil); 11] = [
        ("arrivals", |t| {
            t.variants[1].towns[0].arrivals[2] = u64::MAX
        }),
        ("closed", |t| {
            t.variants[0].towns[1].closed = [jiceng_sim::MAX_TALLY_SUM, 1, 0]
        }),
        ("closed_local", |t| {
            t.variants[1].towns[2].closed_local[0] = u64::MAX
        }),
        ("open", |t| {
            t.variants[0].towns[0].open_local = jiceng_sim::MAX_TALLY_SUM;
            t.variants[0].towns[1].open_escalated = jiceng_sim::MAX_TALLY_SUM;
        }),
        ("statute", |t| t.variants[1].towns[1].statute[1] = u64::MAX),
        ("promise", |t| t.variants[0].towns[2].promise[0] = u64::MAX),
        ("hist", |t| t.variants[1].towns[0].hist[63] = u64::MAX),
        ("busy", |t| t.variants[0].county_busy[1] = u64::MAX),
        ("daily_arrivals", |t| {
            t.variants[1].daily_arrivals[2][19] = u64::MAX
        }),
        ("daily_closed", |t| {
            t.variants[0].daily_closed[0][0] = jiceng_sim::MAX_TALLY_SUM;
            t.variants[0].daily_closed[0][1] = jiceng_sim::MAX_TALLY_SUM;
        }),
        ("daily_local", |t| {
            t.variants[1].daily_local[1][5] = u64::MAX
        }),
    ];
    for (field, spoil) in spoils {
        assert_eq!(summarised(&spoil), refused(field), "{field}");
    }
    assert_eq!(
        summarised(&|t: &mut RepTally| t.variants[0].daily_resolvable[0][3] = u64::MAX),
        refused("daily_resolvable")
    );
    // Each replication's own count of events fits, but their sum does not.
    let mut tallies = run(&m, 9, &[0, 1], &|| {});
    tallies[0].events = u64::MAX;
    assert_eq!(
        summarise(&m, 9, &tallies).map(|_| ()),
        Err(Error::Merge(
            "the replications' event counts add up to more than 2^64".into()
        ))
    );
}
