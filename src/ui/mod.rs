//! Leptos components: they only wire signals to the core.

use leptos::prelude::*;

/// Mounts the app on `<body>`.
pub fn mount() {
    leptos::mount::mount_to_body(App);
}

#[component]
fn App() -> impl IntoView {
    view! { <main><h1>"2021年天津市质量攻关重点项目申报表 填报助手"</h1></main> }
}
