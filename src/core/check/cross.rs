//! The rules across rows (one unit has one credit code and one name, no project twice, no title copied from another
//! unit), kept up to date one row at a time: an edit re-judges only the rows whose first match it can change.
//!
//! Each rule puts the rows it applies to into groups (same unit name, same code, same unit and project, same title);
//! a row's finding depends only on itself and the first row of its group. A row therefore never depends on a later
//! row, and an edit of row `i` changes the findings of row `i` and, only where `i` was or becomes a group's first
//! row, of that group's later rows of the same key. [`CrossIndex::set`] returns those rows; they are all it has to
//! re-judge, so a keystroke in a 5000-row table costs a few hash lookups, not a pass over the table.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::sync::Arc;

use super::normalize::{comparison_key_cow, credit_code_key};
use crate::core::history::title;
use crate::core::model::{FieldRef, ProjectRow, RowField};
use crate::core::report::Finding;

/// What the cross-row rules compare of one row: its normalised unit name, credit code and project name.
/// A form keeps one per row and recomputes it only when that row changes, so a keystroke does not re-normalise
/// the whole table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CrossKeys {
    pub name: String,
    pub code: String,
    pub project: String,
    /// The project name as titles are compared ([`title::canonical`]: width, spaces, punctuation, synonyms).
    pub title: String,
}

/// The cross-row keys of one row.
pub fn cross_keys(r: &ProjectRow) -> CrossKeys {
    CrossKeys {
        name: comparison_key_cow(&r.unit_name).into_owned(),
        code: credit_code_key(&r.credit_code).into_owned(),
        project: comparison_key_cow(&r.project_name).into_owned(),
        title: title::canonical(&r.project_name),
    }
}

/// The code of the warning "the same project as another unit's row in this table".
pub const COPIED_TABLE_CODE: &str = "project_name.copied_in_table";

/// Rules across rows, on normalised values (names compared without spaces, brackets unified), each finding on a
/// later row and naming the first row (序号) it conflicts with, in row order:
/// - `dup.unit_codes`: one unit name with two credit codes (warning on the later row's code);
/// - `dup.code_names`: one credit code with two unit names (warning on the later row's name);
/// - `dup.project`: the same unit and the same project name (error on the later row's project name);
/// - `project_name.copied_in_table` (the notice's 不得抄袭): the same or nearly the same title (equal once compared
///   as titles are: width, spaces, punctuation, 提高/提升 and the like) under another unit, neither the same credit
///   code nor the same name (warning on the later row's project name). Rows of one unit are `dup.project`'s.
pub fn check_cross_rows(rows: &[ProjectRow]) -> Vec<Finding> {
    CrossIndex::new(rows.iter().map(|r| Arc::new(cross_keys(r))).collect()).all()
}

/// [`check_cross_rows`] on keys computed beforehand (row `i` of the findings is `keys[i]`).
pub fn check_cross_keys(keys: &[CrossKeys]) -> Vec<Finding> {
    CrossIndex::new(keys.iter().cloned().map(Arc::new).collect()).all()
}

/// The groups of every cross-row rule over a table's keys, changed one row at a time.
pub struct CrossIndex {
    keys: Vec<Arc<CrossKeys>>,
    /// Per rule (in [`RULES`] order): the rows it applies to, by the hash of what it compares. Rows whose keys only
    /// share a hash are told apart by comparing the keys themselves.
    groups: [HashMap<u64, Rows, WordHash>; 4],
}

impl CrossIndex {
    /// The index of a whole table (row `i` is `keys[i]`).
    pub fn new(keys: Vec<Arc<CrossKeys>>) -> Self {
        let n = keys.len();
        let mut groups = std::array::from_fn(|_| HashMap::with_capacity_and_hasher(n, WordHash));
        for (i, k) in keys.iter().enumerate() {
            for (rule, map) in RULES.iter().zip(groups.iter_mut()) {
                if rule.applies(k) {
                    rule.join(map, i, k);
                }
            }
        }
        CrossIndex { keys, groups }
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Every row's findings, in row order.
    pub fn all(&self) -> Vec<Finding> {
        (0..self.len()).flat_map(|i| self.findings(i)).collect()
    }

    /// Row `i`'s cross-row findings, in rule order (empty for a row out of range).
    pub fn findings(&self, i: usize) -> Vec<Finding> {
        let mut out = Vec::new();
        let Some(k) = self.keys.get(i) else { return out };
        for (rule, map) in RULES.iter().zip(&self.groups) {
            if !rule.applies(k) {
                continue;
            }
            match self.first(*rule, map, k) {
                Some(j) if j != i => out.extend(rule.finding(i, k, j, &self.keys[j])),
                _ => {}
            }
        }
        out
    }

    /// Gives row `i` new keys; the rows whose findings may have changed, ascending (`i` among them). A row out of
    /// range changes nothing.
    pub fn set(&mut self, i: usize, keys: Arc<CrossKeys>) -> Vec<usize> {
        if i >= self.keys.len() {
            return Vec::new();
        }
        let mut touched = vec![i];
        for (rule, map) in RULES.iter().zip(self.groups.iter_mut()) {
            let old = &*self.keys[i];
            if rule.applies(old) {
                followers(&self.keys, *rule, map, i, old, &mut touched);
                rule.leave(map, i, old);
            }
            let new = &*keys;
            if rule.applies(new) {
                rule.join(map, i, new);
                followers(&self.keys, *rule, map, i, new, &mut touched);
            }
        }
        self.keys[i] = keys;
        touched
    }

    /// The first row of `k`'s group under `rule`.
    fn first(&self, rule: Rule, map: &HashMap<u64, Rows, WordHash>, k: &CrossKeys) -> Option<usize> {
        map.get(&rule.hash(k))?.iter().find(|&m| rule.same(&self.keys[m], k))
    }
}

/// Adds to `out` (ascending, no row twice) the later rows of row `i`'s group (keys `k`) whose first row `i` is:
/// none if an earlier row shares its key. Row `i`'s own entry in the group may be there or not.
fn followers(
    keys: &[Arc<CrossKeys>],
    rule: Rule,
    map: &HashMap<u64, Rows, WordHash>,
    i: usize,
    k: &CrossKeys,
    out: &mut Vec<usize>,
) {
    let Some(rows) = map.get(&rule.hash(k)) else { return };
    let mut same = rows.iter().filter(|&m| m != i && rule.same(&keys[m], k)).peekable();
    if same.peek().is_some_and(|&m| m < i) {
        return;
    }
    for m in same {
        if let Err(at) = out.binary_search(&m) {
            out.insert(at, m);
        }
    }
}

/// One cross-row rule.
#[derive(Clone, Copy, Debug)]
enum Rule {
    UnitCodes,
    CodeNames,
    Project,
    Copied,
}

/// The rules in the order a row's findings are listed.
const RULES: [Rule; 4] = [Rule::UnitCodes, Rule::CodeNames, Rule::Project, Rule::Copied];

impl Rule {
    /// Whether the rule looks at a row with these keys at all.
    fn applies(self, k: &CrossKeys) -> bool {
        match self {
            Rule::UnitCodes | Rule::CodeNames => !k.name.is_empty() && !k.code.is_empty(),
            Rule::Project => !k.name.is_empty() && !k.project.is_empty(),
            Rule::Copied => k.title.chars().nth(1).is_some() && !(k.name.is_empty() && k.code.is_empty()),
        }
    }

    /// Whether two rows are in one group.
    fn same(self, a: &CrossKeys, b: &CrossKeys) -> bool {
        match self {
            Rule::UnitCodes => a.name == b.name,
            Rule::CodeNames => a.code == b.code,
            Rule::Project => a.name == b.name && a.project == b.project,
            Rule::Copied => a.title == b.title,
        }
    }

    /// The hash of what [`Rule::same`] compares.
    fn hash(self, k: &CrossKeys) -> u64 {
        let mut h = WordHash.build_hasher();
        match self {
            Rule::UnitCodes => h.write(k.name.as_bytes()),
            Rule::CodeNames => h.write(k.code.as_bytes()),
            Rule::Project => {
                h.write(k.name.as_bytes());
                h.write(&[0xff]);
                h.write(k.project.as_bytes());
            }
            Rule::Copied => h.write(k.title.as_bytes()),
        }
        h.finish()
    }

    fn join(self, map: &mut HashMap<u64, Rows, WordHash>, i: usize, k: &CrossKeys) {
        map.entry(self.hash(k)).and_modify(|rows| rows.insert(i)).or_insert(Rows { head: i, tail: Vec::new() });
    }

    fn leave(self, map: &mut HashMap<u64, Rows, WordHash>, i: usize, k: &CrossKeys) {
        let h = self.hash(k);
        if map.get_mut(&h).is_some_and(|rows| rows.remove(i)) {
            map.remove(&h);
        }
    }

    /// What row `i` (keys `k`) is told, whose group's first row is `j` (keys `f`).
    fn finding(self, i: usize, k: &CrossKeys, j: usize, f: &CrossKeys) -> Option<Finding> {
        let n = j + 1;
        match self {
            Rule::UnitCodes => (f.code != k.code).then(|| {
                Finding::warning(
                    FieldRef::Row(i, RowField::CreditCode),
                    "dup.unit_codes",
                    format!("与第{n}行单位名称相同但信用代码不同（{}），同一单位只有一个代码，请核对。", f.code),
                )
            }),
            Rule::CodeNames => (f.name != k.name).then(|| {
                Finding::warning(
                    FieldRef::Row(i, RowField::UnitName),
                    "dup.code_names",
                    format!("与第{n}行信用代码相同但单位名称不同，请核对，单位名称应与公章一致。"),
                )
            }),
            Rule::Project => Some(Finding::error(
                FieldRef::Row(i, RowField::ProjectName),
                "dup.project",
                format!("与第{n}行重复（同一单位、同一项目名称），请修改项目名称或删除本行。"),
            )),
            Rule::Copied => {
                let same_unit = (!k.code.is_empty() && k.code == f.code) || (!k.name.is_empty() && k.name == f.name);
                (!same_unit).then(|| {
                    Finding::warning(
                        FieldRef::Row(i, RowField::ProjectName),
                        COPIED_TABLE_CODE,
                        format!(
                            "与第{n}行另一单位的项目名称相同或几乎相同，通知要求不得抄袭，请确认这是本单位自己的项目或修改。"
                        ),
                    )
                })
            }
        }
    }
}

/// The rows of one group, ascending; the first kept inline, since most groups have one row (no allocation).
#[derive(Debug)]
struct Rows {
    head: usize,
    tail: Vec<usize>,
}

impl Rows {
    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        std::iter::once(self.head).chain(self.tail.iter().copied())
    }

    fn insert(&mut self, i: usize) {
        if i < self.head {
            self.tail.insert(0, std::mem::replace(&mut self.head, i));
        } else if i != self.head {
            let at = self.tail.partition_point(|&m| m < i);
            if self.tail.get(at) != Some(&i) {
                self.tail.insert(at, i);
            }
        }
    }

    /// Takes row `i` out; whether the group is empty now.
    fn remove(&mut self, i: usize) -> bool {
        if i == self.head {
            if self.tail.is_empty() {
                return true;
            }
            self.head = self.tail.remove(0);
        } else if let Ok(at) = self.tail.binary_search(&i) {
            self.tail.remove(at);
        }
        false
    }
}

/// A fast, non-cryptographic string hasher for the cross-row maps (eight bytes per round: rotate, xor, multiply).
/// The keys are the user's own table, so flooding resistance buys nothing here; speed on every keystroke does.
#[derive(Clone, Copy, Default)]
struct WordHash;

#[derive(Default)]
struct WordHasher(u64);

impl BuildHasher for WordHash {
    type Hasher = WordHasher;
    fn build_hasher(&self) -> WordHasher {
        WordHasher(0)
    }
}

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        // A final avalanche (murmur3's fmix64): hashbrown takes its bucket index from the low bits and, on wasm32,
        // its tag from bits 25–31. Without this, the multiply-last rounds leave those bits poorly mixed and the
        // maps degrade to long probe chains (seen as minutes-long imports of 5000-row tables in the browser).
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
}
