//! 申报表填报助手: the pure core (always), and on wasm32 the browser shell and the Leptos UI.

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod shell;
#[cfg(target_arch = "wasm32")]
pub mod ui;

/// The app's version, written into drafts.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
