//! The title measure on the labelled pairs (`tests/data/history/title-pairs.tsv`): precision and recall at the
//! chosen threshold have floors; titles sharing only generic words are never flagged.
//! `cargo test --test history_similarity -- --nocapture` prints the figures at several thresholds (BENCHMARKS.md).

use shenbao::core::history::findings::SIMILAR_PERCENT;
use shenbao::core::history::title::{canonical, similarity, Title};

struct Pair {
    similar: bool,
    a: String,
    b: String,
    kind: String,
}

fn pairs() -> Vec<Pair> {
    let text = include_str!("data/history/title-pairs.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 4, "four columns: {l}");
            assert!(f[0] == "similar" || f[0] == "different", "label: {l}");
            Pair { similar: f[0] == "similar", a: f[1].into(), b: f[2].into(), kind: f[3].into() }
        })
        .collect()
}

fn score(p: &Pair) -> u32 {
    similarity(&Title::new(&p.a), &Title::new(&p.b))
}

/// (true positives, false positives, false negatives) at `threshold`.
fn confusion(pairs: &[Pair], threshold: u32) -> (usize, usize, usize) {
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for p in pairs {
        match (score(p) >= threshold, p.similar) {
            (true, true) => tp += 1,
            (true, false) => fp += 1,
            (false, true) => fn_ += 1,
            _ => {}
        }
    }
    (tp, fp, fn_)
}

#[test]
fn the_labelled_set_has_at_least_200_pairs_of_both_kinds() {
    let ps = pairs();
    assert!(ps.len() >= 200, "{} pairs", ps.len());
    assert!(ps.iter().filter(|p| p.similar).count() >= 100);
    assert!(ps.iter().filter(|p| !p.similar).count() >= 100);
}

#[test]
fn precision_and_recall_at_the_chosen_threshold_have_floors() {
    let ps = pairs();
    for t in [40, 45, 50, 55, 60, 65, 70, 75, 80] {
        let (tp, fp, fn_) = confusion(&ps, t);
        println!(
            "threshold {t}%: precision {:.3} recall {:.3} (tp {tp}, fp {fp}, fn {fn_})",
            tp as f64 / (tp + fp).max(1) as f64,
            tp as f64 / (tp + fn_).max(1) as f64
        );
    }
    for p in &ps {
        let s = score(p);
        if (s >= SIMILAR_PERCENT) != p.similar {
            println!("miss at {SIMILAR_PERCENT}%: {} {s}% {} | {} ({})", p.similar, p.a, p.b, p.kind);
        }
    }
    let (tp, fp, fn_) = confusion(&ps, SIMILAR_PERCENT);
    let precision = tp as f64 / (tp + fp) as f64;
    let recall = tp as f64 / (tp + fn_) as f64;
    assert!(precision >= 0.95, "precision {precision:.3}");
    assert!(recall >= 0.95, "recall {recall:.3}");
}

#[test]
fn titles_sharing_only_a_generic_verb_or_word_are_not_flagged() {
    for (a, b) in [
        ("提高齿轮箱装配一次合格率", "提高静脉输液穿刺成功率"),
        ("降低转向节铸件气孔缺陷率", "降低门诊患者等候时间"),
        ("提升产品质量攻关项目", "提高服务质量研究项目"),
        ("质量攻关", "质量提升"),
    ] {
        let s = similarity(&Title::new(a), &Title::new(b));
        assert!(s < SIMILAR_PERCENT, "{a} | {b}: {s}%");
    }
    for p in pairs().iter().filter(|p| p.kind == "generic") {
        assert!(score(p) < SIMILAR_PERCENT, "{} | {}: {}%", p.a, p.b, score(p));
    }
}

#[test]
fn synonyms_width_punctuation_and_spaces_do_not_matter() {
    assert_eq!(canonical("提升ＰＣＢ板 阻焊层（气泡）的减少。"), canonical("提高pcb板阻焊层气泡降低"));
    assert_eq!(similarity(&Title::new("提升贴片焊接直通率"), &Title::new("提高 贴片焊接直通率！")), 100);
}

#[test]
fn the_measure_is_symmetric_and_a_title_is_fully_alike_itself() {
    for p in pairs() {
        let (a, b) = (Title::new(&p.a), Title::new(&p.b));
        assert_eq!(similarity(&a, &b), similarity(&b, &a));
        assert_eq!(similarity(&a, &a), 100);
    }
    assert_eq!(similarity(&Title::new("甲"), &Title::new("甲")), 0, "a single character has nothing to compare");
}
