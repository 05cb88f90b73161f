//! Bugs and edge cases, each named after what went or could go wrong.

use jiceng_sim::run_replication;

use crate::common::{REFORM, model, tiny};

#[test]
fn a_period_of_holidays_only_closes_nothing_and_does_not_panic() {
    // 1 to 3 October 2025 are National Day holidays (State Council notice):
    // no working minute, so every arrival stays open.
    let text = tiny(REFORM)
        .replace("from = \"2025-03-03\"", "from = \"2025-10-01\"")
        .replace("days = 20", "days = 3");
    let m = model(&text);
    let t = run_replication(&m, 1, 0);
    for town in &t.variants[0].towns {
        assert_eq!(town.decided(), 0);
        assert_eq!(
            town.arrivals.iter().sum::<u64>(),
            town.open_local + town.open_escalated
        );
    }
}

#[test]
fn a_year_outside_the_calendar_is_refused_unless_provisional() {
    let text = tiny("").replace("from = \"2025-03-03\"", "from = \"2040-01-01\"");
    let s = jiceng_sim::Scenario::from_toml_str(&text, "t.toml").unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(
        jiceng_sim::Model::new(&s),
        Err(jiceng_sim::Error::Calendar(_))
    ));
    let text =
        text + "\n[policy]\nworking_hours = \"08:30-12:00,14:00-17:30\"\nprovisional = true\n";
    let s = jiceng_sim::Scenario::from_toml_str(&text, "t.toml").unwrap_or_else(|e| panic!("{e}"));
    assert!(jiceng_sim::Model::new(&s).is_ok());
}

#[test]
fn a_staff_cut_below_zero_is_a_problem_not_a_wrap() {
    let text = tiny(
        "[[reform]]\nname = \"cut\"\n[[reform.staff]]\ndesk = \"grid\"\nlevel = \"township\"\nadd = -4\n",
    );
    // 新马头镇 has 3 grid staff (3 − 4 = −1), 邱城镇 2 (10,000 residents ×
    // 1.5 per 10,000, rounded; 2 − 4 = −2): one problem for the change,
    // found as the file is read.
    match jiceng_sim::Scenario::from_toml_str(&text, "t.toml").map(|_| ()) {
        Err(jiceng_sim::Error::Scenario(p)) => {
            assert_eq!(p.len(), 1, "{p:?}");
            assert_eq!(p[0].field, "reform[0].staff[0].add");
            assert_eq!(
                p[0].message,
                "-4 leaves 2 bodies with fewer than 0 staff at the grid desk, \
                 130430100000 with -1 the first"
            );
        }
        other => panic!("{other:?}"),
    }
}

/// One-minute handling and ample staff: nothing waits, so a township item
/// is decided on its acceptance day (0 working days) and an escalated one
/// a working day later (the 420-minute delay is one working day).
#[test]
fn limits_count_whole_working_days_after_acceptance() {
    let text = crate::common::tiny(
        "\n[[territory.county.township]]\ncode = \"130430102000\"\nname = \"梁二庄镇\"\npopulation = 10000\nstaff = { service = 100, enforcement = 100, grid = 100 }\n",
    )
    .replace("staff = { service = 2, enforcement = 1, grid = 3 }", "staff = { service = 100, enforcement = 100, grid = 100 }")
    .replace("population = 10000\n\n[[item]]", "population = 10000\nstaff = { service = 100, enforcement = 100, grid = 100 }\n\n[[item]]")
    .replace("name = \"邱县\"", "name = \"邱县\"\nstaff = { service = 100, enforcement = 100, grid = 100 }")
    .replace("promised_working_days = 2", "statutory_working_days = 1\npromised_working_days = 0")
    .replace("promised_working_days = 1", "promised_working_days = 0")
    .replace("median_minutes = 60, sigma = 0.5", "median_minutes = 1, sigma = 0.0")
    .replace("median_minutes = 90, sigma = 0.5", "median_minutes = 1, sigma = 0.0")
    .replace("median_minutes = 30, sigma = 0.7", "median_minutes = 1, sigma = 0.0")
    .replace("median_minutes = 200, sigma = 0.5", "median_minutes = 1, sigma = 0.0")
    .replace("median_minutes = 240, sigma = 0.5", "median_minutes = 1, sigma = 0.0")
        + "\n[escalation]\ndelay_minutes = 420\n";
    let m = model(&text);
    let t = run_replication(&m, 3, 0);
    for town in &t.variants[0].towns {
        // Approvals (county-held): 1 working day, within the statutory 1,
        // past the promised 0. Grid events (township-held): same day,
        // within the promised 0. Penalty cases: within Art. 60's 90 days.
        let (approvals, penalties, grid) = (town.closed[0], town.closed[1], town.closed[2]);
        assert!(approvals > 0 && grid > 0);
        assert_eq!(town.statute, [approvals + penalties, approvals + penalties]);
        assert_eq!(town.promise, [approvals + grid, grid]);
        // Days taken: approvals and penalty cases 1, grid events 0.
        assert_eq!(town.hist[0], grid);
        assert_eq!(town.hist[1], approvals + penalties);
        // Working minutes: 1 for each, plus 420 for each escalated one.
        assert_eq!(town.minutes, grid + 421 * (approvals + penalties));
    }
}

/// A shard file is input: its counts are checked before the merge
/// allocates by them. Before the fix, `replications = 4294967295` made the
/// merge allocate a 4 GB table of seen replications and abort.
mod shard_counts {
    use jiceng_sim::{Error, Scenario, Shard, merge_shards, run, shard_replications};

    use crate::common::{model, tiny};

    /// Shard 0 of 3 of a 5-replication run of the tiny scenario: its
    /// replications are 0 and 3 (r % 3 == 0).
    fn shard0() -> Shard {
        let text = tiny("");
        let s = Scenario::from_toml_str(&text, "t.toml").unwrap_or_else(|e| panic!("{e}"));
        Shard {
            format: jiceng_sim::SHARD_FORMAT,
            scenario: s.to_toml(),
            fingerprint: s.fingerprint(),
            seed: 3,
            replications: 5,
            shard: 0,
            of: 3,
            tallies: run(&model(&text), 3, &shard_replications(0, 3, 5), &|| {}),
        }
    }

    fn check(edit: impl Fn(&mut Shard), expected: &str) {
        let mut s = shard0();
        edit(&mut s);
        match merge_shards(vec![s]) {
            Err(Error::Merge(m)) => assert_eq!(m, expected),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_shard_claiming_4294967295_replications_is_refused_not_allocated() {
        check(
            |s| s.replications = u32::MAX,
            "shard 0/3 says the run has 4294967295 replications: expected 1 to 10000",
        );
    }

    #[test]
    fn replications_are_1_to_10000_as_simulate_allows() {
        check(
            |s| s.replications = 10_001,
            "shard 0/3 says the run has 10001 replications: expected 1 to 10000",
        );
        check(
            |s| s.replications = 0,
            "shard 0/3 says the run has 0 replications: expected 1 to 10000",
        );
        // 10,000 is allowed: the merge goes on to find the replications
        // this one shard lacks, the first being 1 (shard 1 of 3's).
        check(|s| s.replications = 10_000, "replication 1 is missing");
    }

    #[test]
    fn a_shard_index_must_be_below_the_shard_count() {
        check(
            |s| s.shard = 3,
            "shard 3/3: expected K/N with 0 <= K < N <= 10000",
        );
        check(
            |s| s.of = 0,
            "shard 0/0: expected K/N with 0 <= K < N <= 10000",
        );
        check(
            |s| {
                s.of = 10_001;
            },
            "shard 0/10001: expected K/N with 0 <= K < N <= 10000",
        );
    }

    #[test]
    fn a_shard_may_not_hold_more_tallies_than_the_run_has_replications() {
        // Two tallies (replications 0 and 3) in a run said to have one.
        check(
            |s| s.replications = 1,
            "shard 0/3 holds 2 tallies, more than the run's 1 replications",
        );
    }
}

#[test]
fn a_baseline_staff_cut_is_reported_once_however_many_reforms() {
    // The baseline's change applies in the baseline and in each of the two
    // reforms; it is one problem, at the baseline's field. 新马头镇's 3 grid
    // staff − 4 = −1, 邱城镇's 2 − 4 = −2.
    let text = tiny(
        "[baseline]\n[[baseline.staff]]\ndesk = \"grid\"\nlevel = \"township\"\nadd = -4\n\n\
         [[reform]]\nname = \"a\"\n\n[[reform]]\nname = \"b\"\n",
    );
    match jiceng_sim::Scenario::from_toml_str(&text, "t.toml").map(|_| ()) {
        Err(jiceng_sim::Error::Scenario(p)) => {
            let got: Vec<(&str, &str)> = p
                .iter()
                .map(|p| (p.field.as_str(), p.message.as_str()))
                .collect();
            assert_eq!(
                got,
                [(
                    "baseline.staff[0].add",
                    "-4 leaves 2 bodies with fewer than 0 staff at the grid desk, \
                     130430100000 with -1 the first"
                )]
            );
        }
        other => panic!("{other:?}"),
    }
}
