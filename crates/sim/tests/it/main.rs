//! Integration tests of the simulator, by theme.

mod bounds;
mod codes;
mod common;
mod coverage_end;
mod fuzz;
mod laws;
mod ledger;
mod lines;
mod merge;
mod mmc;
mod mutants_bounds2;
mod mutants_deadlines2;
mod mutants_pins2;
mod mutants_routes2;
mod period_end;
mod pins;
mod regression;
mod scenario;
mod sizes;
mod stories;
mod types;
