//! Orders a merged table: by 所在区 then unit, or by unit; a unit's projects stay together and in their order.

use std::collections::HashMap;

use crate::core::check::normalize::{normalize_district, unit_key};
use crate::core::model::ProjectRow;
use crate::core::picklists::DISTRICTS;

/// How to order the rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// By 所在区 in the official order of the districts (an unknown or empty district last), then by unit.
    DistrictThenUnit,
    /// By unit only.
    Unit,
}

/// The rows in `order`. Units follow the order in which each first appears (the order files were merged in);
/// a unit is its credit code when it has one, else its name. The sort is stable: nothing else moves.
pub fn ordered(rows: &[ProjectRow], order: Order) -> Vec<ProjectRow> {
    let mut units: HashMap<String, usize> = HashMap::new();
    let mut keyed: Vec<(usize, usize, usize)> = Vec::with_capacity(rows.len()); // (district, unit, position)
    for (position, row) in rows.iter().enumerate() {
        let next = units.len();
        let unit_index = *units.entry(unit_key(row)).or_insert(next);
        keyed.push((0, unit_index, position));
    }
    if order == Order::DistrictThenUnit {
        // A unit's district is the one of its first row, so its projects stay together.
        let mut unit_district = vec![None; units.len()];
        for (key, row) in keyed.iter_mut().zip(rows) {
            let district = *unit_district[key.1].get_or_insert_with(|| district_rank(&row.district));
            key.0 = district;
        }
    }
    keyed.sort_by_key(|&(district, unit, position)| (district, unit, position));
    keyed.into_iter().map(|(_, _, position)| rows[position].clone()).collect()
}

/// A district's place in the official order; unknown or empty after all of them.
fn district_rank(district: &str) -> usize {
    let district = normalize_district(district);
    DISTRICTS.iter().position(|d| *d == district).unwrap_or(DISTRICTS.len())
}
