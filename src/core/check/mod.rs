//! Checking what the user enters: normalisation, the credit code, contacts, dates, the rules per field and row, the
//! size calculator.

pub mod contact;
pub mod dates;
pub mod normalize;
pub mod rules;
pub mod size;
pub mod uscc;
