//! Fuzz targets (issue 9): mutated bundled scenarios must read, compile and
//! run without panicking, and every run conserves its arrivals.

use jiceng_sim::{Model, Scenario, run_replication};
use proptest::prelude::*;

const EXTREMES: &[&str] = &[
    "0",
    "-1",
    "1e308",
    "-0.0",
    "nan",
    "inf",
    "4294967295",
    "18446744073709551615",
    "\"\"",
    "\"长长长长长长长长\"",
    "[]",
    "{}",
    "0.0001",
];

fn mutate(text: &str, line: usize, token: usize, with: &str, delete: bool) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let i = line % lines.len();
    if delete {
        lines.remove(i);
    } else if let Some((k, _)) = lines[i].split_once(" = ") {
        let k = k.to_owned();
        lines[i] = format!(
            "{k} = {}",
            EXTREMES[token % EXTREMES.len()].replace("{}", with)
        );
    }
    lines.join("\n")
}

fn exercise(text: &str) {
    let Ok(s) = Scenario::from_toml_str(text, "f.toml") else {
        return;
    };
    let days = s.file().period.get_ref().days.min(4);
    let Ok(s) = s.with_days(days) else {
        return;
    };
    let Ok(m) = Model::new(&s) else {
        return;
    };
    let t = run_replication(&m, u64::MAX, u32::MAX);
    for v in &t.variants {
        for town in &v.towns {
            let a: u64 = town.arrivals.iter().sum();
            assert_eq!(a, town.decided() + town.open_local + town.open_escalated);
        }
    }
}

proptest! {
    #[test]
    fn fuzz_mutated_qiu(line in 0usize..400, token in 0usize..20, delete in any::<bool>()) {
        exercise(&mutate(jiceng_sim::scenario::BUNDLED_QIU, line, token, "", delete));
    }

    #[test]
    fn fuzz_mutated_baitaling(line in 0usize..300, token in 0usize..20, delete in any::<bool>()) {
        exercise(&mutate(jiceng_sim::scenario::BUNDLED_BAITALING, line, token, "", delete));
    }

    #[test]
    fn fuzz_arbitrary_text(text in "\\PC{0,200}") {
        exercise(&text);
    }
}

/// One real shard (0 of 3, 5 replications, of a 3-day Baitaling run),
/// made once: the fuzz target edits its counts.
fn real_shard() -> jiceng_sim::Shard {
    let s = Scenario::bundled("baitaling")
        .and_then(|s| s.with_days(3))
        .unwrap_or_else(|e| panic!("{e}"));
    let m = Model::new(&s).unwrap_or_else(|e| panic!("{e}"));
    jiceng_sim::Shard {
        format: jiceng_sim::SHARD_FORMAT,
        scenario: s.to_toml(),
        fingerprint: s.fingerprint(),
        seed: 1,
        replications: 5,
        shard: 0,
        of: 3,
        tallies: jiceng_sim::run(&m, 1, &jiceng_sim::shard_replications(0, 3, 5), &|| {}),
    }
}

proptest! {
    /// A shard file's counts are input: whatever they say, the merge
    /// answers (it never allocates by a count it has not checked), and it
    /// accepts only counts within the bounds `simulate` writes.
    #[test]
    fn fuzz_shard_counts(
        replications in prop_oneof![Just(0u32), Just(u32::MAX), 0u32..20_000],
        shard in prop_oneof![Just(u32::MAX), 0u32..20],
        of in prop_oneof![Just(0u32), Just(u32::MAX), 0u32..20_000],
        replication in prop_oneof![Just(u32::MAX), 0u32..10],
    ) {
        let mut s = real_shard();
        s.replications = replications;
        s.shard = shard;
        s.of = of;
        s.tallies[0].replication = replication;
        if let Ok((_, _, tallies)) = jiceng_sim::merge_shards(vec![s]) {
            prop_assert!((1..=jiceng_sim::MAX_RUN_REPLICATIONS).contains(&replications));
            prop_assert!(shard < of && of <= jiceng_sim::MAX_SHARDS);
            prop_assert_eq!(tallies.len() as u32, replications);
        }
    }
}
