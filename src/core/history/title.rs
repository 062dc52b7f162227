//! How alike two project titles are: normalised characters, their bigrams weighted (generic words count little),
//! and a Dice score in whole percent.
//!
//! The method and its threshold were chosen on the labelled pairs in `tests/data/history/title-pairs.tsv`
//! (precision and recall in BENCHMARKS.md, "Earlier years").

use crate::core::check::normalize::to_half_width;

/// The weight of an ordinary bigram.
pub const NORMAL: u32 = 4;
/// The weight of a bigram inside generic words ([`GENERIC_WORDS`]).
pub const GENERIC: u32 = 1;

/// Words said alike in titles, each rewritten to one spelling before comparing (longest first where they overlap).
pub const SYNONYMS: [(&str, &str); 8] = [
    ("提升", "提高"),
    ("减少", "降低"),
    ("减低", "降低"),
    ("下降", "降低"),
    ("改进", "改善"),
    ("优化", "改善"),
    ("不良", "缺陷"),
    ("的", ""),
];

/// Words almost every title has (goals, 质量, 攻关 …): a bigram inside them weighs [`GENERIC`], so two titles that
/// share only these are not alike. Spelled after [`SYNONYMS`].
pub const GENERIC_WORDS: [&str; 28] = [
    "提高", "降低", "缩短", "改善", "增加", "攻克", "项目", "研究", "质量", "攻关", "技术", "应用", "开发", "控制",
    "问题", "水平", "能力", "管理", "基于", "方法", "运用", "合格", "格率", "一次", "效率", "成本", "缺陷", "产品",
];

/// A title as compared: its bigrams (sorted by key, each once, with its weight) and their total weight.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Title {
    grams: Vec<(u64, u32)>,
    weight: u32,
}

impl Title {
    /// The title of `text`: [`canonical`] characters, their bigrams weighted.
    pub fn new(text: &str) -> Title {
        let chars: Vec<char> = canonical(text).chars().collect();
        let generic = generic_positions(&chars);
        // Each bigram once, with its highest weight: sorted as one number (key, then the higher weight first).
        let mut packed: Vec<u64> = chars
            .windows(2)
            .enumerate()
            .map(|(i, w)| {
                let weight = if generic[i] && generic[i + 1] { GENERIC } else { NORMAL };
                (gram_key(w[0], w[1]) << 3) | u64::from(7 - weight)
            })
            .collect();
        packed.sort_unstable();
        let mut grams: Vec<(u64, u32)> = Vec::with_capacity(packed.len());
        for p in packed {
            let (key, weight) = (p >> 3, 7 - (p & 7) as u32);
            if grams.last().is_none_or(|g| g.0 != key) {
                grams.push((key, weight));
            }
        }
        let weight = grams.iter().map(|g| g.1).sum();
        Title { grams, weight }
    }

    /// The bigrams: (key, weight), sorted by key, each once.
    pub fn grams(&self) -> &[(u64, u32)] {
        &self.grams
    }

    /// The weight of bigram `key` in this title (0 when it has none).
    pub fn weight_of(&self, key: u64) -> u32 {
        self.grams.binary_search_by(|g| g.0.cmp(&key)).map_or(0, |i| self.grams[i].1)
    }

    /// The total weight of the bigrams.
    pub fn weight(&self) -> u32 {
        self.weight
    }

    /// Whether there is nothing to compare (fewer than two characters once normalised).
    pub fn is_empty(&self) -> bool {
        self.grams.is_empty()
    }
}

/// A title's characters as compared: half-width, ASCII lower-case, letters and digits only (punctuation, spaces,
/// brackets and symbols dropped), [`SYNONYMS`] rewritten.
pub fn canonical(text: &str) -> String {
    let mut s: String =
        to_half_width(text).chars().filter(|c| c.is_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect();
    for (from, to) in SYNONYMS {
        if s.contains(from) {
            s = s.replace(from, to);
        }
    }
    s
}

/// Which characters lie inside one of the [`GENERIC_WORDS`].
fn generic_positions(chars: &[char]) -> Vec<bool> {
    let mut marked = vec![false; chars.len()];
    for word in GENERIC_WORDS {
        let len = word.chars().count();
        for (i, window) in chars.windows(len).enumerate() {
            if word.chars().eq(window.iter().copied()) {
                marked[i..i + len].iter_mut().for_each(|m| *m = true);
            }
        }
    }
    marked
}

/// One key per pair of characters, in 42 bits (a `char` fits in 21).
fn gram_key(a: char, b: char) -> u64 {
    (u64::from(a) << 21) | u64::from(b)
}

/// The weight of the bigrams two titles share (a merge of the two sorted lists).
pub fn shared_weight(a: &Title, b: &Title) -> u32 {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.grams.len() && j < b.grams.len() {
        let (ka, wa) = a.grams[i];
        let (kb, wb) = b.grams[j];
        match ka.cmp(&kb) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += wa.min(wb);
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

/// How alike two titles are, in whole percent (rounded down): the weighted Dice score 2·shared / (weight a +
/// weight b). 0 when either has nothing to compare.
pub fn similarity(a: &Title, b: &Title) -> u32 {
    let total = u64::from(a.weight) + u64::from(b.weight);
    if a.is_empty() || b.is_empty() || total == 0 {
        return 0;
    }
    (200 * u64::from(shared_weight(a, b)) / total) as u32
}
