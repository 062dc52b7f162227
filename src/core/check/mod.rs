//! Checking what the user enters: normalisation, credit code, contacts, dates, the rules, the size calculator.

pub mod contact;
pub mod cross;
pub mod dates;
pub mod normalize;
pub mod rules;
pub mod size;
pub mod uscc;
