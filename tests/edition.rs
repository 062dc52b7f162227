//! The edition's facts (`core::edition`) agree with the static files that cannot read them (index.html, the web
//! app manifest) and with the pick-lists.

use shenbao::core::edition;
use shenbao::core::picklists::industry_by_code;

fn file(name: &str) -> String {
    let path = format!("{}/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn the_static_files_name_the_current_edition() {
    let title = edition::current().title;
    let page_title = format!("{title} 填报助手");
    let html = file("index.html");
    assert!(html.contains(&format!("<title>{page_title}</title>")), "index.html's <title>");
    assert!(html.contains(&format!("《{title}》")), "index.html's description");
    assert!(html.contains(&format!("<h1>{page_title}</h1>")), "the frame index.html paints before the app starts");
    assert!(html.contains(&format!("<h2 class=\"form-title\">{title}</h2>")), "the form's title in that frame");
    let manifest = file("public/manifest.webmanifest");
    assert!(manifest.contains(&format!("\"name\": \"{page_title}\"")), "the manifest's name");
    assert!(manifest.contains(&format!("《{title}》")), "the manifest's description");
}

#[test]
fn the_edition_is_consistent() {
    let e = edition::current();
    assert!(e.title.starts_with(&format!("{}年", e.year)), "{}", e.title);
    assert!(e.notice_date.starts_with(&e.year.to_string()), "{}", e.notice_date);
    assert!(e.notes[1].contains(&format!("《{}》", e.title)), "the second note names the table");
    for area in e.focus_areas {
        assert!(!area.divisions.is_empty(), "{}", area.name);
        for code in area.divisions {
            assert!(industry_by_code(code).is_some(), "{}: {code} is a GB/T 4754-2017 大类", area.name);
        }
    }
}
