//! The app's entry point: mounts the Leptos UI on the page (on wasm32; on the host it does nothing).

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    // The start-up breakdown (bench/startup.mjs): the wasm is compiled and instantiated here; the first render is
    // done when `mount` returns.
    shenbao::shell::time::mark("shenbao:start");
    shenbao::ui::mount();
    shenbao::shell::time::mark("shenbao:mounted");
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("shenbao is a web app: build it with `trunk build --release` (see README.md)");
}

// The test calls it as `window.wasmBindings.__shenbao_force_panic()` (trunk's loader exposes the exports there) to
// cause a real panic of the release build, which with `panic = "abort"` ends in a `WebAssembly.RuntimeError:
// unreachable` that the inline script in index.html answers with the crash notice. The app never calls it. (A `//`
// comment, unlike the doc line, is not copied into the shipped JS glue.)
/// Does nothing but panic: it exists only for the end-to-end test of the crash notice (e2e/crash.test.mjs).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn __shenbao_force_panic() {
    panic!("forced panic for tests");
}
