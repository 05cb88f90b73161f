#![allow(clippy::unwrap_used)]
//! Integration tests of `jiceng-org`: division codes, unified social credit
//! codes and the registry of divisions and bodies.
//!
//! Expected values come from the rules (the statistical division code rules,
//! GB/T 2260, GB 32100-2015) or are computed independently in the tests.

mod codes;
mod credit;
mod formats;
mod fuzz;
mod registry;
mod registry_problems;
mod regression;
mod zh;
