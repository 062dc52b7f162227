//! Downloads bytes as a file, fetches a file of the site, and reads a user-chosen file as text.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::shell::js_error_text;

/// How long the object URL of a download stays valid after the click (some browsers start the download
/// asynchronously; revoking at once can cancel it).
const REVOKE_AFTER_MS: i32 = 30_000;

/// Offers `bytes` to the user as a download named `file_name` (a Blob, an object URL and a clicked
/// `<a download>`; the URL is revoked shortly after).
pub fn download_bytes(bytes: &[u8], file_name: &str, mime: &str) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let document = window.document().ok_or_else(|| JsValue::from_str("no document"))?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &bag)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(file_name);
    // `hidden`, not an inline style: the release's CSP (style-src 'self') blocks style attributes set from script.
    a.set_attribute("hidden", "")?;
    let body = document.body().ok_or_else(|| JsValue::from_str("no body"))?;
    body.append_child(&a)?;
    a.click();
    a.remove();
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    window.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), REVOKE_AFTER_MS)?;
    Ok(())
}

/// Offers `text` (UTF-8) as a download; `mime` e.g. `application/json`.
pub fn download_text(text: &str, file_name: &str, mime: &str) -> Result<(), JsValue> {
    download_bytes(text.as_bytes(), file_name, mime)
}

/// A file of this site (beside the page), fetched through the service worker: from its cache when offline.
/// `Err` when neither the cache nor the network has it.
pub async fn fetch_site_file(path: &str) -> Result<Vec<u8>, JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(path)).await?.dyn_into()?;
    if !response.ok() {
        return Err(JsValue::from_f64(f64::from(response.status())));
    }
    let buffer = JsFuture::from(response.array_buffer()?).await?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Reads a user-chosen file as UTF-8 text. The error is a Chinese sentence for the user.
pub async fn read_file_text(file: web_sys::File) -> Result<String, String> {
    let size = file.size();
    let max = crate::core::limits::MAX_DRAFT_BYTES;
    if size > max as f64 {
        return Err(format!(
            "文件太大（{} MB），本工具的草稿最大 {} MB",
            (size / 1_048_576.0).round() as u64,
            max / 1_048_576
        ));
    }
    let text = JsFuture::from(file.text()).await.map_err(|e| format!("无法读取文件：{}", js_error_text(&e)))?;
    text.as_string().ok_or_else(|| "无法读取文件：内容不是文字".to_string())
}

/// Whether a chosen file's name ends in `.xlsx` (in any letter case).
pub fn is_xlsx_name(name: &str) -> bool {
    let b = name.as_bytes();
    b.len() >= 5 && b[b.len() - 5..].eq_ignore_ascii_case(b".xlsx")
}

/// Reads a chosen file's bytes (for [`crate::shell::worker_client::read_file`]); a Chinese message on failure.
pub async fn read_file_bytes(file: web_sys::File) -> Result<Vec<u8>, String> {
    let size = file.size();
    let max = crate::core::limits::MAX_SHEET_FILE_BYTES;
    if size > max as f64 {
        return Err(format!(
            "文件太大（{} MB），本工具最多读取 {} MB 的表格文件",
            (size / 1_048_576.0) as u64,
            max / 1_048_576
        ));
    }
    let buffer =
        JsFuture::from(file.array_buffer()).await.map_err(|e| format!("无法读取文件：{}", js_error_text(&e)))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
