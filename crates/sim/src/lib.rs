//! Scenarios and the discrete-event policy simulator.
//!
//! A scenario describes a territory, a baseline and reforms (authority
//! instruments and staffing changes), demand, handling times and policies.
//! The simulator runs each variant over the same random numbers, replicates,
//! and summarises the results per division and per day with 95% intervals.
//!
//! The path of a run: [`Scenario::from_toml_str`] reads and checks a file,
//! [`Model::new`] compiles it (territory, staff, the working-minute axis,
//! routing per variant), [`run`] draws the replications in parallel and
//! [`summarise`] turns their integer tallies into a [`Summary`] with 95%
//! intervals; [`results`] holds the summary types that every output (JSON,
//! CSV, Parquet, HTML) is written from. Shards of a run
//! ([`shard_replications`]) merge back ([`merge_shards`]) into exactly the
//! summary of a single run.
//!
//! ```
//! let s = jiceng_sim::Scenario::bundled("qiu")?.with_days(20)?;
//! let model = jiceng_sim::Model::new(&s)?;
//! let tallies = jiceng_sim::run(&model, 1, &[0, 1], &|| {});
//! let summary = jiceng_sim::summarise(&model, 1, &tallies)?;
//! assert_eq!(summary.variants[0], "baseline");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![deny(missing_docs)]
#![forbid(unsafe_code)]
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod engine;
pub mod error;
pub mod model;
pub mod results;
pub mod scenario;
pub mod summary;

pub use engine::{HIST_BINS, RepTally, TownTally, VariantTally, run_replication};
pub use error::{Error, PROVISIONAL_HINT, Problem};
pub use model::{MAX_DESK_STAFF, MAX_RUN_CELLS, Model, TOWN_CELLS};
pub use results::{Difference, Estimate, Level, Metric, Place, Summary, Unit};
pub use scenario::{Scenario, ScenarioFile, scenario_schema};
pub use summary::{
    MAX_RUN_REPLICATIONS, MAX_SHARDS, MAX_TALLY_SUM, SHARD_FORMAT, Shard, merge_shards,
    parse_shard, run, shard_replications, summarise, t975,
};
