//! The export worker's entry point: a second wasm binary that turns a declaration into .xlsx bytes off the main thread
//! (and reads the files enterprises send, .xlsx, .docx and .csv, into the table).
//!
//! The messages, their keys and their types are `shenbao::core::worker_protocol`'s (the page's side is
//! `shenbao::shell::worker_client`). As soon as the handler is installed the worker says it is ready; then it answers
//! each request with a reply carrying the request's id.
//!
//! Only the pure core (with rust_xlsxwriter and the import's zip reader), the protocol's JS glue and the wasm-bindgen
//! crates are reachable from here: no Leptos, no UI code, so the worker's wasm stays small.

#[cfg(target_arch = "wasm32")]
mod worker {
    use shenbao::core::intake::file::read_table_file;
    use shenbao::core::worker_protocol::{
        ready_message, refusal, request_id, Export, ExportReply, Import, ImportReply, Message, Reply, Request,
    };
    use shenbao::core::xlsx::writer::{file_name, write_xlsx_consuming, CreationTime, SpentWorkbook};
    use shenbao::shell::worker_protocol::{to_js, JsSource};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    /// Installs the message handler on the worker's global scope, then says the worker is ready.
    pub fn start() {
        console_error_panic_hook::set_once();
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let reply_scope = scope.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            answer(&reply_scope, &event.data());
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        if let Err(err) = post(&scope, &ready_message()) {
            web_sys::console::error_2(&JsValue::from_str("导出线程无法报告就绪："), &err);
        }
    }

    /// Carries out one request and posts its reply; a request without an id cannot be answered and is only logged.
    fn answer(scope: &DedicatedWorkerGlobalScope, data: &JsValue) {
        let source = JsSource(data);
        let id = match request_id(&source) {
            Ok(id) => id,
            Err(err) => {
                web_sys::console::error_1(&JsValue::from_str(&err.to_string()));
                return;
            }
        };
        let posted = match Request::read(&source) {
            Ok(Request::Export(request)) => {
                let mut leftovers = None;
                let posted = post(scope, &export(request, &mut leftovers).into_message(id));
                // Only now free the workbook: the page already has its bytes.
                drop(leftovers);
                posted
            }
            Ok(Request::Import(request)) => post(scope, &read(request).into_message(id)),
            Err(err) => post(scope, &refusal(id, err.to_string())),
        };
        if let Err(err) = posted {
            web_sys::console::error_2(&JsValue::from_str("导出线程无法回复："), &err);
        }
    }

    /// Builds the file for one request, or says why not (in Chinese). The declaration goes into the workbook; the
    /// spent workbook is handed out in `leftovers`, to be freed after the reply is posted.
    fn export(request: Export, leftovers: &mut Option<SpentWorkbook>) -> Reply<ExportReply> {
        let Some(created) = CreationTime::parse(&request.created) else {
            return Reply::Refused(format!("文件创建时间格式错误：{}", request.created));
        };
        let file_name = file_name(&request.declaration);
        match write_xlsx_consuming(request.declaration, &created) {
            Ok((bytes, workbook)) => {
                *leftovers = Some(workbook);
                Reply::Done(ExportReply { bytes, file_name })
            }
            Err(err) => Reply::Refused(err.to_string()),
        }
    }

    /// Reads the table in an import request's file, or says why not (in Chinese).
    fn read(request: Import) -> Reply<ImportReply> {
        read_table_file(&request.name, &request.bytes, &gb18030)
            .map(|table| ImportReply { table })
            .map_err(|e| e.to_string())
            .into()
    }

    /// A text file in GBK/GB18030 (as Excel saves CSV on Chinese Windows), decoded by the browser's `TextDecoder`.
    fn gb18030(bytes: &[u8]) -> Option<String> {
        let decoder = web_sys::TextDecoder::new_with_label("gb18030").ok()?;
        decoder.decode_with_u8_array(bytes).ok()
    }

    /// Posts a message, transferring its typed arrays' buffers.
    fn post(scope: &DedicatedWorkerGlobalScope, message: &Message) -> Result<(), JsValue> {
        let (object, transfer) = to_js(message)?;
        scope.post_message_with_transfer(&object, &transfer)
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
