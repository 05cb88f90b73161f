//! Integration tests of `jiceng-staffing`, one module per theme.
//!
//! Expected values come from the textbooks named in each module, from the
//! story's figures, from pyworkforce (generated once by the committed
//! script `tests/data/pyworkforce_erlang_c.py`), or from working written out
//! by hand in the comments; never from this crate's own output.

#![allow(clippy::unwrap_used)]

mod apportion;
mod career;
mod check;
mod erlang;
mod formats;
mod fuzz;
mod laws;
mod ledger;
mod mutants_pins;
mod mutants_pins2;
mod plan;
mod problems;
mod regression;
mod zh;
