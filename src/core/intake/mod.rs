//! The recommending unit's intake: the files enterprises send (.xlsx, .xls, .csv, .docx, drafts) read into one form.

pub mod cfb;
pub mod changes;
pub mod docx;
pub mod file;
pub mod kind;
pub mod ods;
pub mod plan;
pub mod table;
pub mod text;
pub mod xls;
