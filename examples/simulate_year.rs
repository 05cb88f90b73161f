//! One replication of one simulated year of the bundled province, timed.
//!
//! Run with `cargo run --release --example simulate_year` (prefix with
//! `/usr/bin/time -v` for the peak memory).
//!
//! It teaches the library path of a run: read a scenario, compile it into a
//! model, run a replication, and read the events it processed.

use std::time::Instant;

use jiceng::sim::{Model, Scenario, run_replication};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let scenario = Scenario::bundled("province")?.with_days(365)?;
    let model = Model::new(&scenario)?;
    let start = Instant::now();
    let tally = run_replication(&model, model.default_seed(), 0);
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "{} townships, {} variants, 365 days: {} events in {seconds:.2} s ({:.1} million events/s)",
        model.townships(),
        model.variant_names().len(),
        tally.events,
        tally.events as f64 / seconds / 1e6
    );
    Ok(())
}
