//! Earlier years' projects indexed by title bigram: a title is compared only with the projects that share enough
//! of its rarer bigrams to reach the threshold (prefix filtering), never with all of them. The result is exactly
//! what comparing with every project gives (`tests/history_index.rs`).

use super::title::{similarity, Title};

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
    /// The bigram keys, sorted; the postings of `keys[i]` are `ids[starts[i]..starts[i + 1]]`.
    keys: Vec<u64>,
    starts: Vec<u32>,
    ids: Vec<u32>,
}

impl HistoryIndex {
    /// Indexes `projects` (in their order: a match names its place in it).
    pub fn new(projects: Vec<Earlier>) -> HistoryIndex {
        let titles: Vec<Title> = projects.iter().map(|p| Title::new(&p.project_name)).collect();
        let mut pairs: Vec<(u64, u32)> =
            titles.iter().enumerate().flat_map(|(id, t)| t.grams().iter().map(move |g| (g.0, id as u32))).collect();
        pairs.sort_unstable();
        let (mut keys, mut starts, mut ids) = (Vec::new(), Vec::new(), Vec::with_capacity(pairs.len()));
        for (key, id) in pairs {
            if keys.last() != Some(&key) {
                keys.push(key);
                starts.push(ids.len() as u32);
            }
            ids.push(id);
        }
        starts.push(ids.len() as u32);
        HistoryIndex { entries: projects, titles, keys, starts, ids }
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

    /// The projects whose ids have bigram `key`.
    fn postings(&self, key: u64) -> &[u32] {
        match self.keys.binary_search(&key) {
            Ok(i) => &self.ids[self.starts[i] as usize..self.starts[i + 1] as usize],
            Err(_) => &[],
        }
    }

    /// Every earlier project at least `threshold` percent alike (1–100), most alike first (then in index order).
    ///
    /// A project must share at least `threshold / (200 − threshold)` of the query's weight to reach the threshold
    /// (its own weight can be no smaller than what it shares). So the query's most common bigrams are skipped
    /// while their weight stays below that share: a project with only those in common cannot match. The rest
    /// name the candidates, and each candidate's score is computed exactly.
    pub fn similar(&self, query: &Title, threshold: u32) -> Vec<Match> {
        let threshold = threshold.clamp(1, 100);
        if query.is_empty() || self.is_empty() {
            return Vec::new();
        }
        let mut grams: Vec<(u64, u32, usize)> =
            query.grams().iter().map(|&(k, w)| (k, w, self.postings(k).len())).collect();
        grams.sort_unstable_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
        // Skip the commonest bigrams while `skipped · (200 − t) < t · weight`.
        let need = u64::from(threshold) * u64::from(query.weight());
        let mut skipped = 0u64;
        let mut probe_from = 0;
        for (i, g) in grams.iter().enumerate() {
            if (skipped + u64::from(g.1)) * u64::from(200 - threshold) < need {
                skipped += u64::from(g.1);
                probe_from = i + 1;
            } else {
                break;
            }
        }
        let mut seen = vec![false; self.entries.len()];
        let mut out = Vec::new();
        for &(key, _, _) in &grams[probe_from..] {
            for &id in self.postings(key) {
                let id = id as usize;
                if std::mem::replace(&mut seen[id], true) {
                    continue;
                }
                let percent = similarity(query, &self.titles[id]);
                if percent >= threshold {
                    out.push(Match { entry: id, percent });
                }
            }
        }
        sort_matches(&mut out);
        out
    }
}

/// Most alike first, then in index order.
pub fn sort_matches(matches: &mut [Match]) {
    matches.sort_unstable_by(|a, b| b.percent.cmp(&a.percent).then(a.entry.cmp(&b.entry)));
}
