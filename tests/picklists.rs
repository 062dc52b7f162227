//! Checks that the compiled-in pick-lists agree with the reference TSVs (copies of the project's shared reference data
//! in tests/data/, so a clone of this repository alone passes its tests).

use std::collections::BTreeSet;
use std::path::PathBuf;

use shenbao::core::picklists::{
    division, industries_in, industry_by_code, section_by_code, DISTRICTS, DIVISIONS, INDUSTRIES, SECTIONS,
};

/// The rows of a reference TSV (header dropped), each split on tabs.
fn tsv(name: &str) -> Vec<Vec<String>> {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "data", name].iter().collect();
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let header = lines.next().expect("empty TSV");
    let width = header.split('\t').count();
    lines
        .map(|l| {
            let cells: Vec<String> = l.split('\t').map(|c| c.trim().to_string()).collect();
            assert_eq!(cells.len(), width, "{name}: bad row {l:?}");
            cells
        })
        .collect()
}

#[test]
fn twenty_sections_match_the_reference() {
    let rows = tsv("gbt4754-2017-divisions.tsv");
    let mut want: Vec<(String, String)> = Vec::new();
    for r in &rows {
        let pair = (r[0].clone(), r[1].clone());
        if !want.contains(&pair) {
            want.push(pair);
        }
    }
    assert_eq!(want.len(), 20);
    assert_eq!(SECTIONS.len(), 20);
    let have: Vec<(String, String)> = SECTIONS.iter().map(|s| (s.code.to_string(), s.name.to_string())).collect();
    assert_eq!(have, want);
    for s in SECTIONS.iter() {
        assert_eq!(section_by_code(s.code), Some(s));
    }
    assert_eq!(section_by_code('U'), None);
}

#[test]
fn ninety_seven_divisions_match_the_reference() {
    let rows = tsv("gbt4754-2017-divisions.tsv");
    assert_eq!(rows.len(), 97);
    assert_eq!(INDUSTRIES.len(), 97);
    for (ind, r) in INDUSTRIES.iter().zip(&rows) {
        assert_eq!(ind.section.to_string(), r[0], "section of {}", ind.code);
        assert_eq!(ind.code, r[2]);
        assert_eq!(ind.name, r[3], "name of {}", ind.code);
        assert_eq!(industry_by_code(ind.code), Some(ind));
    }
    let codes: BTreeSet<&str> = INDUSTRIES.iter().map(|i| i.code).collect();
    assert_eq!(codes.len(), 97, "duplicate codes");
    assert!(INDUSTRIES.windows(2).all(|w| w[0].code < w[1].code), "not in code order");
    assert!(INDUSTRIES.iter().all(|i| i.code.len() == 2 && i.code.bytes().all(|b| b.is_ascii_digit())));
    let per_section: usize = SECTIONS.iter().map(|s| industries_in(s.code).count()).sum();
    assert_eq!(per_section, 97);
    assert!(SECTIONS.iter().all(|s| industries_in(s.code).count() > 0));
    assert_eq!(industry_by_code("98"), None);
    assert_eq!(industry_by_code("00"), None);
}

#[test]
fn division_codes_match_the_reference() {
    let rows = tsv("tianjin-division-codes.tsv");
    assert_eq!(rows.len(), DIVISIONS.len());
    for r in &rows {
        let d = division(&r[0]).unwrap_or_else(|| panic!("{} missing", r[0]));
        assert_eq!(d.name, r[1], "name of {}", r[0]);
        let municipal = r[2] == "municipal level";
        let historic = !municipal && r[2] != "current" && !r[2].ends_with('-');
        assert_eq!(d.historic, historic, "historic flag of {}", r[0]);
        if municipal {
            assert_eq!(d.district, None, "{}", r[0]);
        } else {
            assert_eq!(d.district, Some(r[3].as_str()), "district of {}", r[0]);
        }
    }
    let codes: BTreeSet<&str> = DIVISIONS.iter().map(|d| d.code).collect();
    assert_eq!(codes.len(), DIVISIONS.len(), "duplicate division codes");
}

#[test]
fn sixteen_districts_match_the_current_division_codes() {
    let rows = tsv("tianjin-division-codes.tsv");
    let mut current: Vec<(String, String)> = rows
        .iter()
        .filter(|r| r[2] == "current" || (r[2].ends_with('-') && r[2].len() > 1))
        .map(|r| (r[0].clone(), r[1].clone()))
        .collect();
    current.sort();
    assert_eq!(current.len(), 16);
    assert_eq!(DISTRICTS.len(), 16);
    let want: Vec<&str> = current.iter().map(|(_, n)| n.as_str()).collect();
    assert_eq!(DISTRICTS.to_vec(), want, "DISTRICTS must be the current districts in code order");
    // Every district a division code points to is one of the 16.
    for d in DIVISIONS.iter() {
        if let Some(name) = d.district {
            assert!(DISTRICTS.contains(&name), "{} points to unknown {}", d.code, name);
        }
    }
}
