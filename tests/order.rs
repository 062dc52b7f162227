//! Ordering a merged table: by district then unit, or by unit; a unit's projects stay together.

use shenbao::core::model::ProjectRow;
use shenbao::core::order::{ordered, Order};

fn row(id: u64, unit: &str, code: &str, district: &str) -> ProjectRow {
    ProjectRow {
        id,
        unit_name: unit.into(),
        credit_code: code.into(),
        district: district.into(),
        project_name: format!("项目{id}"),
        ..Default::default()
    }
}

fn ids(rows: &[ProjectRow]) -> Vec<u64> {
    rows.iter().map(|r| r.id).collect()
}

#[test]
fn by_district_in_the_official_order_then_unit_keeping_projects_together() {
    let rows = vec![
        row(1, "甲公司", "91120222MA05T1234X", "武清区"),
        row(2, "乙公司", "", "和平区"),
        row(3, "丙公司", "", ""),
        row(4, "甲公司", "９１１２０２２２ＭＡ０５Ｔ１２３４Ｘ", "武清"), // the same unit, typed differently
        row(5, "乙 公司", "", "和平区"),
        row(6, "丁公司", "", "和平"),
    ];
    assert_eq!(ids(&ordered(&rows, Order::DistrictThenUnit)), [2, 5, 6, 1, 4, 3]);
    assert_eq!(ids(&ordered(&rows, Order::Unit)), [1, 4, 2, 5, 3, 6]);
}

#[test]
fn ordering_keeps_every_row_and_is_idempotent() {
    let rows: Vec<ProjectRow> = (0..40)
        .map(|i| row(i, &format!("单位{}", i % 7), "", ["武清区", "河东区", "", "滨海新区"][(i % 4) as usize]))
        .collect();
    for order in [Order::DistrictThenUnit, Order::Unit] {
        let once = ordered(&rows, order);
        let mut sorted = ids(&once);
        sorted.sort_unstable();
        assert_eq!(sorted, ids(&rows), "no row lost or doubled");
        assert_eq!(ids(&ordered(&once, order)), ids(&once));
    }
}
