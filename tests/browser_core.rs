//! Browser unit tests: the pure core behaves the same when compiled to wasm32 and run in headless Chromium.
#![cfg(target_arch = "wasm32")]

use shenbao::core::{check::rules, model::ProjectRow, picklists, Declaration};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn pick_lists_are_compiled_in() {
    assert_eq!(picklists::INDUSTRIES.len(), 97);
    assert_eq!(picklists::industry_by_code("36").map(|i| i.name), Some("汽车制造业"));
    assert_eq!(picklists::division("120224").and_then(|d| d.district), Some("宝坻区"));
}

#[wasm_bindgen_test]
fn a_declaration_round_trips_through_json_in_the_browser() {
    let decl = Declaration {
        recommender: "武清区市场监管局".into(),
        rows: vec![ProjectRow {
            id: 1, unit_name: "天津某某汽车零部件有限公司".into(), ..Default::default()
        }],
        ..Default::default()
    };
    let text = serde_json::to_string(&decl).expect("serialise");
    let back: Declaration = serde_json::from_str(&text).expect("parse");
    assert_eq!(back, decl);
    // The rules run in wasm without panicking on an incomplete table.
    let _ = rules::check_declaration(&back);
}
