//! The earlier projects' index returns exactly what comparing a title with every project returns, at every
//! threshold (property-tested on generated titles, and on a 10 000-project corpus).

#[path = "common/titles.rs"]
mod titles;

use proptest::prelude::*;
use shenbao::core::history::index::{sort_matches, Earlier, HistoryIndex, Match};
use shenbao::core::history::title::{similarity, Title};

/// The reference: every project compared.
fn brute_force(index: &HistoryIndex, query: &Title, threshold: u32) -> Vec<Match> {
    let mut out: Vec<Match> = (0..index.len())
        .map(|i| Match { entry: i, percent: similarity(query, index.title(i).unwrap()) })
        .filter(|m| m.percent >= threshold && !query.is_empty())
        .collect();
    sort_matches(&mut out);
    out
}

fn earlier(titles: &[String]) -> Vec<Earlier> {
    titles.iter().map(|t| Earlier { project_name: t.clone(), ..Default::default() }).collect()
}

/// Titles from a small alphabet of words and characters, so that many share bigrams.
fn title_strategy() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "提高",
        "提升",
        "降低",
        "减少",
        "质量",
        "攻关",
        "齿轮",
        "齿轮箱",
        "装配",
        "合格率",
        "铸件",
        "气孔",
        "缺陷",
        "率",
        "的",
        "项目",
        "焊接",
        "A",
        "ｂ",
        " ",
        "（",
        "甲",
        "乙",
    ]);
    prop::collection::vec(words, 0..8).prop_map(|ws| ws.concat())
}

proptest! {
    #[test]
    fn the_index_returns_exactly_what_brute_force_returns(
        corpus in prop::collection::vec(title_strategy(), 0..60),
        query in title_strategy(),
        threshold in 1u32..=100,
    ) {
        let index = HistoryIndex::new(earlier(&corpus));
        let q = Title::new(&query);
        prop_assert_eq!(index.similar(&q, threshold), brute_force(&index, &q, threshold));
    }
}

#[test]
fn on_ten_thousand_generated_projects_the_index_equals_brute_force() {
    let index = HistoryIndex::new(titles::corpus(10_000, 2020));
    let mut rng = titles::Lcg(7);
    let mut found = 0;
    for i in 0..300 {
        let query = Title::new(&titles::title(&mut rng));
        let threshold = [50, 70, 90][i % 3];
        let got = index.similar(&query, threshold);
        assert_eq!(got, brute_force(&index, &query, threshold));
        found += got.len();
    }
    assert!(found > 0, "the corpus has alike titles");
}

#[test]
fn an_empty_title_or_index_matches_nothing() {
    let index = HistoryIndex::new(earlier(&["提高齿轮箱装配合格率".to_string()]));
    assert!(index.similar(&Title::new(""), 70).is_empty());
    assert!(index.similar(&Title::new("甲"), 70).is_empty());
    assert!(HistoryIndex::new(Vec::new()).similar(&Title::new("提高齿轮箱装配合格率"), 70).is_empty());
    assert_eq!(index.similar(&Title::new("提升齿轮箱装配合格率"), 70), vec![Match { entry: 0, percent: 100 }]);
}
