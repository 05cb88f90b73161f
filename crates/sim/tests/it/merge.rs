//! Shards merge into exactly the single run.

use jiceng_sim::{Error, Scenario, Shard, merge_shards, run, shard_replications, summarise};

use crate::common::{REFORM, model, tiny};

fn shard(text: &str, k: u32, n: u32, reps: u32) -> Shard {
    let s = Scenario::from_toml_str(text, "t.toml").unwrap_or_else(|e| panic!("{e}"));
    let m = model(text);
    Shard {
        format: jiceng_sim::SHARD_FORMAT,
        scenario: s.to_toml(),
        fingerprint: s.fingerprint(),
        seed: 4,
        replications: reps,
        shard: k,
        of: n,
        tallies: run(&m, 4, &shard_replications(k, n, reps), &|| {}),
    }
}

#[test]
fn three_shards_merge_into_the_single_run_byte_for_byte() {
    let text = tiny(REFORM);
    let m = model(&text);
    let single =
        summarise(&m, 4, &run(&m, 4, &[0, 1, 2, 3, 4], &|| {})).unwrap_or_else(|e| panic!("{e}"));
    // Shards given out of order.
    let shards = vec![
        shard(&text, 2, 3, 5),
        shard(&text, 0, 3, 5),
        shard(&text, 1, 3, 5),
    ];
    let (toml, seed, tallies) = merge_shards(shards).unwrap_or_else(|e| panic!("{e}"));
    let m2 = model(&toml);
    assert_eq!(m2.fingerprint(), m.fingerprint());
    let merged = summarise(&m2, seed, &tallies).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        serde_json::to_string_pretty(&merged).unwrap_or_default(),
        serde_json::to_string_pretty(&single).unwrap_or_default()
    );
}

#[test]
fn a_missing_shard_is_named() {
    let text = tiny("");
    let e = merge_shards(vec![shard(&text, 0, 2, 4)]).unwrap_err();
    assert_eq!(e, Error::Merge("replication 1 is missing".into()));
}

#[test]
fn a_duplicated_shard_is_named() {
    let text = tiny("");
    let e = merge_shards(vec![shard(&text, 0, 2, 4), shard(&text, 0, 2, 4)]).unwrap_err();
    assert_eq!(e, Error::Merge("replication 0 appears twice".into()));
}

#[test]
fn shards_of_another_scenario_are_refused() {
    let a = shard(&tiny(""), 0, 2, 2);
    let b = shard(&tiny("").replace("seed = 5", "seed = 6"), 1, 2, 2);
    match merge_shards(vec![a, b]) {
        Err(Error::Merge(m)) => assert!(m.contains("another run"), "{m}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn shard_specifications() {
    assert_eq!(jiceng_sim::parse_shard("0/1"), Ok((0, 1)));
    assert_eq!(jiceng_sim::parse_shard(" 3 / 4 "), Ok((3, 4)));
    for bad in ["1/1", "0/0", "a/2", "2", "-1/3", "0/10001"] {
        assert!(jiceng_sim::parse_shard(bad).is_err(), "{bad}");
    }
    // r % 3 == 2 among 0..8: 2 and 5.
    assert_eq!(shard_replications(2, 3, 8), vec![2, 5]);
}
