//! The app's entry point: mounts the Leptos UI on the page (on wasm32; on the host it does nothing).

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    shenbao::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("shenbao is a web app: build it with `trunk build --release` (see README.md)");
}
