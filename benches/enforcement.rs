//! Benchmarks of the enforcement crate (`jiceng::enforcement`); filled in
//! by the following commit.

fn main() {}
