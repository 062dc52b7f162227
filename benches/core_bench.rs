//! Benchmarks of the pure core (see BENCHMARKS.md).
fn main() {}
