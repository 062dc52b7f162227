//! The export worker's entry point: a second wasm binary that turns a declaration into .xlsx bytes off the main thread.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
