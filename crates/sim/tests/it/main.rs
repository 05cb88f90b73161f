//! Integration tests of the simulator, by theme.

mod bounds;
mod common;
mod fuzz;
mod laws;
mod ledger;
mod merge;
mod mmc;
mod pins;
mod regression;
mod scenario;
mod stories;
