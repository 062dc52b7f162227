//! Earlier years' projects indexed by title bigram: a title is compared only with the projects that share enough
//! of its rarer bigrams to reach the threshold (prefix filtering), never with all of them. The result is exactly
//! what comparing with every project gives (`tests/history_index.rs`).

use super::title::{similarity, Title, GENERIC};

/// The bits of a project's place in a packed (bigram, project) pair: a bigram key has 42.
const ID_BITS: u32 = 22;
/// At most this many earlier projects are indexed (some 4 million: 200 years of 20 000-row tables).
pub const MAX_ENTRIES: usize = 1 << ID_BITS;

/// One project of an earlier year, as the reference file gave it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Earlier {
    /// The year of its table (`None` when neither the title nor the user said).
    pub year: Option<u16>,
    pub unit_name: String,
    pub credit_code: String,
    pub project_name: String,
}

/// An earlier project that is alike: its place in [`HistoryIndex::entries`] and the similarity in percent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match {
    pub entry: usize,
    pub percent: u32,
}

/// The earlier projects and, per bigram, the projects whose title has it (postings in one flat list).
#[derive(Clone, Debug, Default)]
pub struct HistoryIndex {
    entries: Vec<Earlier>,
    titles: Vec<Title>,
    /// Each title's total weight (read for every candidate: kept apart from the titles, dense).
    totals: Vec<u32>,
    /// The bigram keys, sorted; the postings of `keys[i]` are `ids[starts[i]..starts[i + 1]]`, and `weights[j]`
    /// is the weight of the bigram in the title of `ids[j]`.
    keys: Vec<u64>,
    starts: Vec<u32>,
    ids: Vec<u32>,
    weights: Vec<u8>,
}

impl HistoryIndex {
    /// Indexes `projects` (in their order: a match names its place in it; beyond [`MAX_ENTRIES`] they are not
    /// indexed).
    pub fn new(mut projects: Vec<Earlier>) -> HistoryIndex {
        projects.truncate(MAX_ENTRIES);
        let titles: Vec<Title> = projects.iter().map(|p| Title::new(&p.project_name)).collect();
        // (bigram, project) pairs sorted as one number each: the key's 42 bits, then the project's 22.
        let mut pairs: Vec<u64> = titles
            .iter()
            .take(MAX_ENTRIES)
            .enumerate()
            .flat_map(|(id, t)| t.grams().iter().map(move |g| (g.0 << ID_BITS) | id as u64))
            .collect();
        pairs.sort_unstable();
        let (mut keys, mut starts) = (Vec::new(), Vec::new());
        let (mut ids, mut weights) = (Vec::with_capacity(pairs.len()), Vec::with_capacity(pairs.len()));
        for pair in pairs {
            let (key, id) = (pair >> ID_BITS, (pair & (MAX_ENTRIES as u64 - 1)) as u32);
            if keys.last() != Some(&key) {
                keys.push(key);
                starts.push(ids.len() as u32);
            }
            ids.push(id);
            weights.push(titles[id as usize].weight_of(key) as u8);
        }
        starts.push(ids.len() as u32);
        let totals = titles.iter().map(Title::weight).collect();
        HistoryIndex { entries: projects, titles, totals, keys, starts, ids, weights }
    }

    /// The earlier projects, in the order given.
    pub fn entries(&self) -> &[Earlier] {
        &self.entries
    }

    /// The compared title of entry `i`.
    pub fn title(&self, i: usize) -> Option<&Title> {
        self.titles.get(i)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The projects whose titles have bigram `key`, and its weight in each.
    fn postings(&self, key: u64) -> (&[u32], &[u8]) {
        match self.keys.binary_search(&key) {
            Ok(i) => {
                let range = self.starts[i] as usize..self.starts[i + 1] as usize;
                (&self.ids[range.clone()], &self.weights[range])
            }
            Err(_) => (&[], &[]),
        }
    }

    /// Every earlier project at least `threshold` percent alike (1–100), most alike first (then in index order).
    ///
    /// A project must share at least `threshold / (200 − threshold)` of the query's weight to reach the threshold
    /// (its own weight can be no smaller than what it shares). So the query's most common bigrams are skipped
    /// while their weight stays below that share: a project with only those in common cannot match. The rest
    /// name the candidates; a candidate whose weight shared on them, plus all the skipped weight, cannot reach the
    /// threshold is dropped, and the rest are scored exactly.
    pub fn similar(&self, query: &Title, threshold: u32) -> Vec<Match> {
        self.similar_in(query, threshold, &mut Scratch::default())
    }

    /// [`HistoryIndex::similar`] with a scratch kept between calls (checking many titles, it is not allocated and
    /// cleared for each).
    pub fn similar_in(&self, query: &Title, threshold: u32, scratch: &mut Scratch) -> Vec<Match> {
        let threshold = threshold.clamp(1, 100);
        if query.is_empty() || self.is_empty() {
            return Vec::new();
        }
        // The query's bigrams, commonest first (then by key): sorted as one number each, (MAX − postings, key).
        let mut order: Vec<u64> = query
            .grams()
            .iter()
            .map(|g| ((MAX_ENTRIES - self.postings(g.0).0.len().min(MAX_ENTRIES - 1)) as u64) << 42 | g.0)
            .collect();
        order.sort_unstable();
        let grams: Vec<(u64, u32)> = order
            .iter()
            .map(|o| {
                let key = o & ((1 << 42) - 1);
                (key, query.weight_of(key))
            })
            .collect();
        // Skip the commonest generic bigrams while `skipped · (200 − t) < t · weight`. Only generic ones: their
        // postings are the longest, and with little weight skipped the bound below leaves few to score exactly.
        let need = u64::from(threshold) * u64::from(query.weight());
        let mut skipped = 0u64;
        let mut probe = Vec::with_capacity(grams.len());
        for &(key, weight) in &grams {
            if weight == GENERIC && (skipped + u64::from(weight)) * u64::from(200 - threshold) < need {
                skipped += u64::from(weight);
            } else {
                probe.push((key, weight));
            }
        }
        // The weight each candidate shares on the probed bigrams.
        let Scratch { shared, candidates } = scratch;
        shared.resize(self.entries.len(), 0);
        candidates.clear();
        for &(key, weight) in &probe {
            let (ids, weights) = self.postings(key);
            for (&id, &w) in ids.iter().zip(weights) {
                let s = &mut shared[id as usize];
                if *s == 0 {
                    candidates.push(id);
                }
                *s += weight.min(u32::from(w));
            }
        }
        let mut out = Vec::new();
        for &id in candidates.iter() {
            let id = id as usize;
            let bound = u64::from(std::mem::take(&mut shared[id])) + skipped;
            let total = u64::from(query.weight()) + u64::from(self.totals[id]);
            if 200 * bound < u64::from(threshold) * total {
                continue;
            }
            let percent = similarity(query, &self.titles[id]);
            if percent >= threshold {
                out.push(Match { entry: id, percent });
            }
        }
        sort_matches(&mut out);
        out
    }
}

/// Working memory of [`HistoryIndex::similar_in`]: the weight each project shares with the title (all zero between
/// calls) and the projects touched.
#[derive(Clone, Debug, Default)]
pub struct Scratch {
    shared: Vec<u32>,
    candidates: Vec<u32>,
}

/// Most alike first, then in index order.
pub fn sort_matches(matches: &mut [Match]) {
    // Sorted as one number each: (100 − percent, entry).
    let mut packed: Vec<u64> =
        matches.iter().map(|m| (u64::from(100 - m.percent.min(100)) << 32) | m.entry as u64).collect();
    packed.sort_unstable();
    for (m, p) in matches.iter_mut().zip(packed) {
        *m = Match { entry: (p & u64::from(u32::MAX)) as usize, percent: 100 - (p >> 32) as u32 };
    }
}
