//! The export worker's entry point: a second wasm binary that turns a declaration into .xlsx bytes off the main thread
//! (and reads an imported .xlsx back into a declaration).
//!
//! Protocol (see `shenbao::shell::export`):
//! - request  `{ id: number, text: string, lengths: Uint32Array /* its buffer is transferred */,
//!   created: string /* "YYYY-MM-DDTHH:MM:SS" UTC */ }`: the declaration as
//!   `shenbao::core::xlsx::writer::encode_request` gives it — every field's text joined into `text`, and each field's
//!   length in UTF-16 code units in `lengths` (the 5 table fields, then 13 per row); no JSON to build or parse;
//! - success  `{ id, ok: true, bytes: Uint8Array /* its buffer is transferred */, fileName: string }`
//! - failure  `{ id, ok: false, error: string /* Chinese, for the user */ }`
//! - import request `{ id, kind: "read", bytes: Uint8Array /* an .xlsx; its buffer is transferred */ }`: the file
//!   is read with `shenbao::core::xlsx::reader::import_xlsx`; success `{ id, ok: true, text, lengths /* transferred */ }`
//!   in the export request's format (rows numbered 1, 2, 3 …), failure as above;
//! - and once, as soon as the handler is installed: `{ ready: true }`. Messages posted to a worker before its wasm
//!   has loaded are dropped (there is no handler yet), so the page must queue requests until it sees `ready`.
//!
//! Only the pure core (with rust_xlsxwriter and the import's zip reader) and the wasm-bindgen crates are reachable
//! from here: no Leptos, no UI code, so the worker's wasm stays small.

#[cfg(target_arch = "wasm32")]
mod worker {
    use js_sys::{Array, Object, Reflect, Uint32Array, Uint8Array};
    use shenbao::core::xlsx::reader::import_xlsx;
    use shenbao::core::xlsx::writer::{
        decode_request, encode_request, file_name, write_xlsx_consuming, CreationTime, SpentWorkbook,
    };
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    /// Installs the message handler on the worker's global scope.
    pub fn start() {
        console_error_panic_hook::set_once();
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let reply_scope = scope.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let data = event.data();
            let id = Reflect::get(&data, &JsValue::from_str("id")).unwrap_or(JsValue::NULL);
            let kind = Reflect::get(&data, &JsValue::from_str("kind")).ok().and_then(|v| v.as_string());
            if kind.as_deref() == Some("read") {
                if let Err(err) = reply_read(&reply_scope, &id, read(&data)) {
                    web_sys::console::error_2(&JsValue::from_str("导出线程无法回复："), &err);
                }
                return;
            }
            let mut leftovers = None;
            let outcome = export(&data, &mut leftovers);
            if let Err(err) = reply(&reply_scope, &id, outcome) {
                web_sys::console::error_2(&JsValue::from_str("导出线程无法回复："), &err);
            }
            // Only now free the workbook: the page already has its bytes.
            drop(leftovers);
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        let ready = Object::new();
        let announced =
            Reflect::set(&ready, &JsValue::from_str("ready"), &JsValue::TRUE).and_then(|_| scope.post_message(&ready));
        if let Err(err) = announced {
            web_sys::console::error_2(&JsValue::from_str("导出线程无法报告就绪："), &err);
        }
    }

    /// Builds the file for one request: `(bytes, file name)` or a Chinese error message. The declaration goes into
    /// the workbook; the spent workbook is handed out in `leftovers`, to be freed after the reply is posted.
    fn export(data: &JsValue, leftovers: &mut Option<SpentWorkbook>) -> Result<(Vec<u8>, String), String> {
        let field = |name: &str| -> Result<String, String> {
            Reflect::get(data, &JsValue::from_str(name))
                .ok()
                .and_then(|v| v.as_string())
                .ok_or_else(|| format!("导出请求格式错误：缺少 {name}"))
        };
        let text = field("text")?;
        let lengths = Reflect::get(data, &JsValue::from_str("lengths"))
            .ok()
            .and_then(|v| v.dyn_into::<Uint32Array>().ok())
            .ok_or_else(|| "导出请求格式错误：缺少 lengths".to_string())?
            .to_vec();
        let created = field("created")?;
        let decl = decode_request(&text, &lengths)?;
        let created = CreationTime::parse(&created).ok_or_else(|| format!("文件创建时间格式错误：{created}"))?;
        let name = file_name(&decl);
        let (bytes, workbook) = write_xlsx_consuming(decl, &created).map_err(|e| e.to_string())?;
        *leftovers = Some(workbook);
        Ok((bytes, name))
    }

    /// Reads the .xlsx of an import request into the request format, or a Chinese error message.
    fn read(data: &JsValue) -> Result<(String, Vec<u32>), String> {
        let bytes = Reflect::get(data, &JsValue::from_str("bytes"))
            .ok()
            .and_then(|v| v.dyn_into::<Uint8Array>().ok())
            .ok_or_else(|| "导入请求格式错误：缺少 bytes".to_string())?
            .to_vec();
        let decl = import_xlsx(&bytes).map_err(|e| e.to_string())?;
        Ok(encode_request(&decl))
    }

    /// Posts the reply to an import request; the lengths' buffer is transferred.
    fn reply_read(
        scope: &DedicatedWorkerGlobalScope,
        id: &JsValue,
        outcome: Result<(String, Vec<u32>), String>,
    ) -> Result<(), JsValue> {
        post(
            scope,
            id,
            outcome.map(|(text, lengths)| {
                let lengths = Uint32Array::from(lengths.as_slice());
                let buffer = lengths.buffer();
                (vec![("text", JsValue::from_str(&text)), ("lengths", lengths.into())], buffer)
            }),
        )
    }

    /// Posts the reply to an export request; the bytes' buffer is transferred, not copied.
    fn reply(
        scope: &DedicatedWorkerGlobalScope,
        id: &JsValue,
        outcome: Result<(Vec<u8>, String), String>,
    ) -> Result<(), JsValue> {
        post(
            scope,
            id,
            outcome.map(|(bytes, name)| {
                let array = Uint8Array::from(bytes.as_slice());
                let buffer = array.buffer();
                (vec![("bytes", array.into()), ("fileName", JsValue::from_str(&name))], buffer)
            }),
        )
    }

    /// A successful reply's fields, and the buffer to transfer with them.
    type Fields = (Vec<(&'static str, JsValue)>, js_sys::ArrayBuffer);

    /// Posts `{ id, ok: true, ...fields }` transferring the buffer, or `{ id, ok: false, error }`.
    fn post(scope: &DedicatedWorkerGlobalScope, id: &JsValue, outcome: Result<Fields, String>) -> Result<(), JsValue> {
        let message = Object::new();
        Reflect::set(&message, &JsValue::from_str("id"), id)?;
        match outcome {
            Ok((fields, buffer)) => {
                Reflect::set(&message, &JsValue::from_str("ok"), &JsValue::TRUE)?;
                for (name, value) in fields {
                    Reflect::set(&message, &JsValue::from_str(name), &value)?;
                }
                scope.post_message_with_transfer(&message, &Array::of1(&buffer))
            }
            Err(error) => {
                Reflect::set(&message, &JsValue::from_str("ok"), &JsValue::FALSE)?;
                Reflect::set(&message, &JsValue::from_str("error"), &JsValue::from_str(&error))?;
                scope.post_message(&message)
            }
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
