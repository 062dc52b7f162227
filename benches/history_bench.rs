//! Benchmarks of the earlier years' check (BENCHMARKS.md, "Earlier years"): one keystroke's check of a title
//! against 10 000 earlier projects, and a whole table of 5000 rows against them, through the index and — the
//! peer, in the same run — by comparing with every project. Also building the index.
//!
//! Run: `cargo bench --bench history_bench`. Prints medians (and p90) of native code; the page runs the same code
//! as wasm (see BENCHMARKS.md for the browser's figures and the factor between them).

mod common;

#[path = "../tests/common/titles.rs"]
mod titles;

use std::time::Duration;

use shenbao::core::history::findings::{history_findings, RowTitle, SIMILAR_PERCENT};
use shenbao::core::history::index::{HistoryIndex, Match, Scratch};
use shenbao::core::history::title::{similarity, Title};

const EARLIER: usize = 10_000;
const ROWS: usize = 5000;

fn measure<T>(runs: usize, f: impl FnMut() -> T) -> Vec<Duration> {
    common::timed(runs, 0, f)
}

fn show(what: &str, times: &[Duration]) {
    let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
    println!("{what:<58} median {:>10.3?}  p90 {:>10.3?}  ({} runs)", at(0.5), at(0.9), times.len());
}

/// The peer: every earlier project compared with the title.
fn brute_force(index: &HistoryIndex, query: &Title) -> Vec<Match> {
    (0..index.len())
        .map(|i| Match { entry: i, percent: similarity(query, index.title(i).unwrap_or(query)) })
        .filter(|m| m.percent >= SIMILAR_PERCENT)
        .collect()
}

fn row(t: &str) -> RowTitle<'_> {
    RowTitle { unit_name: "天津市甲机械制造有限公司", credit_code: "", project_name: t }
}

fn main() {
    let earlier = titles::corpus(EARLIER, 2020);
    let mut rng = titles::Lcg(11);
    let rows: Vec<String> = (0..ROWS).map(|_| titles::title(&mut rng)).collect();
    show("build the index of 10 000 earlier projects", &measure(15, || HistoryIndex::new(earlier.clone())));
    let index = HistoryIndex::new(earlier);
    let mut scratch = Scratch::default();
    let flagged =
        rows.iter().filter(|t| !history_findings(0, row(t), &index, &mut Scratch::default()).is_empty()).count();
    let matches: usize = rows.iter().map(|t| index.similar(&Title::new(t), SIMILAR_PERCENT).len()).sum();
    println!(
        "{flagged} of {ROWS} generated titles are flagged against {EARLIER} earlier projects ({:.1} earlier projects \
         at least {SIMILAR_PERCENT}% alike per title)",
        matches as f64 / ROWS as f64
    );

    let mut i = 0;
    show(
        "one keystroke: history_findings, 1 title vs 10 000 (index)",
        &measure(2000, || {
            i = (i + 1) % ROWS;
            history_findings(0, row(&rows[i]), &index, &mut scratch)
        }),
    );
    show(
        "one keystroke: 1 title vs 10 000, all compared (peer)",
        &measure(200, || {
            i = (i + 1) % ROWS;
            brute_force(&index, &Title::new(&rows[i]))
        }),
    );
    show(
        "  of which: Title::new of 5000 titles",
        &measure(9, || rows.iter().map(|t| Title::new(t).weight()).sum::<u32>()),
    );
    show(
        "whole table: 5000 rows vs 10 000 (index)",
        &measure(9, || rows.iter().map(|t| history_findings(0, row(t), &index, &mut scratch).len()).sum::<usize>()),
    );
    if std::env::var_os("HISTORY_BENCH_NO_PEER").is_some() {
        return;
    }
    show(
        "whole table: 5000 rows vs 10 000, all compared (peer)",
        &measure(3, || rows.iter().map(|t| brute_force(&index, &Title::new(t)).len()).sum::<usize>()),
    );
}
