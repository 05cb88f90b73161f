//! Scenarios and the discrete-event policy simulator.
//!
//! A scenario describes a territory, a baseline and reforms (authority
//! instruments and staffing changes), demand, handling times and policies.
//! The simulator runs each variant over the same random numbers, replicates,
//! and summarises the results per division and per day with 95% intervals.
//!
//! This module tree is being built; [`results`] holds the summary types that
//! every output (JSON, CSV, Parquet, HTML) is written from.

#![deny(missing_docs)]
#![forbid(unsafe_code)]
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod results;

pub use results::{Difference, Estimate, Level, Metric, Place, Summary, Unit};
