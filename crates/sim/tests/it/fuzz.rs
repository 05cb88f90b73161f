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
