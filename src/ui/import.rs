//! Importing files into the form: every chosen file is read (a draft decoded here; a spreadsheet, Word or text table
//! read by the worker, which has the zip and XML readers), the intake report is made ([`crate::core::intake::plan`]),
//! and only when the user applies it does the table change. A file that cannot be read is listed with its reason and
//! does not stop the others.

use leptos::prelude::*;

use crate::core::draft::{self, Envelope};
use crate::core::intake::kind::{kind_of, FileKind};
use crate::core::intake::plan::{self, Apply, Arrived, Choices, FileReport, Incoming};
use crate::core::intake::table::ReadTable;
use crate::core::intake::text::decode;
use crate::core::merge;
use crate::core::model::{Declaration, ProjectRow, TableField};
use crate::core::order::{ordered, Order};
use crate::shell::{files, worker_client};
use crate::ui::drafts::Drafts;
use crate::ui::state::FormData;

/// What a cancelled read says.
pub const CANCELLED: &str = "已取消读取";

/// How an import (or its application) ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// What changed, in a sentence.
    Done(String),
    /// The files were read: the report, for the user to apply or cancel.
    Report(Vec<FileReport>),
    /// What went wrong, in a sentence (that says whether the table changed).
    Failed(String),
}

/// A read in progress, as the toolbar shows it: the status line while a file is read, and its 取消.
#[derive(Clone, Copy)]
pub struct Reading {
    /// The status line (`正在读取“…”…` while a file is read).
    pub busy: RwSignal<Option<String>>,
    /// Set by 取消; checked after each step of the read (the worker may not have the file yet).
    pub cancelled: StoredValue<bool>,
}

/// Reads the `chosen` files (in order) and reports on them; `None` when no file was chosen.
pub async fn import(chosen: Vec<web_sys::File>, reading: Reading, form: FormData) -> Option<Outcome> {
    if chosen.is_empty() {
        return None;
    }
    reading.cancelled.set_value(false);
    let mut incoming = Vec::with_capacity(chosen.len());
    for file in chosen {
        let name = file.name();
        reading.busy.set(Some(format!("正在读取“{name}”…")));
        let read = read_one(file, &name).await;
        reading.busy.set(None);
        if reading.cancelled.get_value() {
            return Some(Outcome::Failed(format!("“{name}”{CANCELLED}。当前内容没有改变。")));
        }
        incoming.push(Incoming { name, read });
    }
    // Nothing readable: nothing to apply, so no report to decide on; each file's reason in the message.
    if incoming.iter().all(|f| f.read.is_err()) {
        let reasons: Vec<String> = incoming
            .iter()
            .filter_map(|f| {
                f.read.as_ref().err().map(|why| format!("{}“{}”无法导入：{why}", kind_word(&f.name), f.name))
            })
            .collect();
        return Some(Outcome::Failed(format!("{}。当前内容没有改变。", reasons.join("；"))));
    }
    // The hard caps of the table, checked on what the import would make before anything changes.
    let current = form.declaration();
    let files: Vec<Declaration> = incoming.iter().filter_map(|f| f.read.as_ref().ok()).map(as_declaration).collect();
    if let Some(problem) = merge::over_caps(&current, &files) {
        return Some(Outcome::Failed(format!("{problem}当前内容没有改变。")));
    }
    Some(Outcome::Report(plan::plan(&current, incoming)))
}

/// One file's table, or why it cannot be taken.
async fn read_one(file: web_sys::File, name: &str) -> Result<Arrived, String> {
    let bytes = files::read_file_bytes(file).await?;
    match read_table(name, bytes).await? {
        Read::Draft(env) => {
            if let Some(reference) = &env.reference {
                crate::ui::reference::adopt(reference, name);
            }
            Ok(Arrived::from_draft(env.declaration, name))
        }
        Read::Table(table) => Ok(Arrived::from_table(table, name)),
    }
}

/// What a file holds: a draft (read here) or a table (read in the worker).
pub enum Read {
    Draft(Box<Envelope>),
    Table(ReadTable),
}

/// Reads a file by its kind: a draft on the page, a spreadsheet, Word or text table in the worker; the kinds that
/// cannot be read say what to do. The intake and the earlier years' reference both read files through it.
pub async fn read_table(name: &str, bytes: Vec<u8>) -> Result<Read, String> {
    match kind_of(name, &bytes) {
        FileKind::Draft => {
            let text = decode(&bytes).ok_or("草稿文件不是 UTF-8 文本")?;
            draft::decode(&text).map(|env| Read::Draft(Box::new(env))).map_err(|e| e.to_string())
        }
        FileKind::Xlsx | FileKind::Xls | FileKind::Ods | FileKind::Docx | FileKind::Text => {
            worker_client::read_file(name.to_string(), bytes).await.map(Read::Table).map_err(|e| e.to_string())
        }
        other => Err(other.refusal().unwrap_or("无法识别的文件格式").to_string()),
    }
}

/// What a file is called in a message, from its name (`Excel 文件`, `Word 文件`, `草稿文件` …).
fn kind_word(name: &str) -> &'static str {
    let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match extension.as_str() {
        "xlsx" | "xls" | "et" => "Excel 文件",
        "ods" => "表格文件",
        "docx" | "doc" | "wps" => "Word 文件",
        "json" => "草稿文件",
        "csv" | "txt" => "文本文件",
        _ => "文件",
    }
}

fn as_declaration(arrived: &Arrived) -> Declaration {
    Declaration { rows: arrived.rows.iter().map(|(row, _)| row.clone()).collect(), ..Default::default() }
}

/// Applies a report the way the user chose, the merged rows in `order` when one was chosen. A plain append adds the
/// new rows to the form (the rows there keep their state); anything else loads the new table.
pub fn apply(
    reports: &[FileReport],
    how: Apply,
    choices: Choices,
    order: Option<Order>,
    form: FormData,
    drafts: Drafts,
) -> Outcome {
    let current = form.declaration();
    let mut table = plan::apply(&current, reports, how, choices);
    if let Some(order) = order {
        table.rows = ordered(&table.rows, order);
    }
    if let Some(problem) = merge::over_caps(&Declaration::default(), std::slice::from_ref(&table)) {
        return Outcome::Failed(format!("{problem}当前内容没有改变。"));
    }
    let added: usize = reports.iter().filter(|r| r.refusal.is_none()).map(|r| r.adds(choices.keep_duplicates)).sum();
    let kept = merge::kept_on_append(&current.rows, ProjectRow::is_blank);
    let plain_append = how == Apply::Append && order.is_none() && table.rows.get(..kept) == current.rows.get(..kept);
    if plain_append && form.append_rows(&table.rows[kept..]) {
        for field in TableField::ALL {
            if table.table_value(field) != current.table_value(field) {
                form.table_signal(field).set(table.table_value(field).to_string());
            }
        }
    } else {
        drafts.replace(&table);
    }
    Outcome::Done(format!(
        "已导入 {added} 个项目，表格现有 {} 个项目（序号已重新编排）。导入报告仍可在下方查看。",
        table.rows.len()
    ))
}
