//! Earlier years' projects and expected submitters: the notice's 雷同 rule and the bureau's checklist (pure core).
//!
//! - [`title`]: how alike two project titles are (normalised character bigrams, a weighted Dice score);
//! - [`index`]: the earlier projects indexed by bigram, so one title is compared with a few candidates, not all;
//! - [`findings`]: the warnings on 项目名称 (similar to an earlier project; the same project under another unit);
//! - [`expected`]: the units expected to send their tables, matched against the table's rows;
//! - [`store`]: the reference files as kept in the browser, and a file's year from its title.
//!
//! None of this ever enters the declaration or the official table: it is a reference beside them.

pub mod expected;
pub mod findings;
pub mod index;
pub mod store;
pub mod title;
