//! Timing shared by the host benchmarks (`mod common;` in each).

use std::hint::black_box;
use std::time::{Duration, Instant};

/// `f` called `warm_up` times untimed, then `runs` times timed: the times, sorted (shortest first).
pub fn timed<T>(runs: usize, warm_up: usize, mut f: impl FnMut() -> T) -> Vec<Duration> {
    for _ in 0..warm_up {
        black_box(f());
    }
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed()
        })
        .collect();
    times.sort_unstable();
    times
}
