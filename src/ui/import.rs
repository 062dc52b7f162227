//! Importing files into the form: every chosen file is read (a draft decoded here, an .xlsx table read by the export
//! worker, which has the zip and XML reader), the hard caps are checked, and only then is the merge plan of
//! [`crate::core::merge`] carried out; a file that cannot be read leaves the table as it was.

use leptos::prelude::*;

use crate::core::draft;
use crate::core::limits::MAX_ROWS;
use crate::core::merge::{self, Plan};
use crate::core::model::Declaration;
use crate::shell::{files, worker_client};
use crate::ui::drafts::Drafts;
use crate::ui::state::FormData;

/// What a cancelled read says.
pub const CANCELLED: &str = "已取消读取";

/// How an import (or its confirmation) ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// What changed, in a sentence.
    Done(String),
    /// One file into a table with content: ask whether to replace the table by this one or append its rows.
    Ask(Declaration),
    /// What went wrong, in a sentence (that says whether the table changed).
    Failed(String),
}

/// A read in progress, as the toolbar shows it: the status line while a file is read, and its 取消.
#[derive(Clone, Copy)]
pub struct Reading {
    /// The status line (`正在读取“…”…` while an .xlsx file is read).
    pub busy: RwSignal<Option<String>>,
    /// Set by 取消; checked after each step of the read (the worker may not have the file yet).
    pub cancelled: StoredValue<bool>,
}

/// Reads the `chosen` files (in order) and imports them into the form; `None` when no file was chosen.
pub async fn import(chosen: Vec<web_sys::File>, reading: Reading, form: FormData, drafts: Drafts) -> Option<Outcome> {
    if chosen.is_empty() {
        return None;
    }
    reading.cancelled.set_value(false);
    let (files, xlsx_files) = match read_all(chosen, reading).await {
        Ok(read) => read,
        Err(e) => return Some(Outcome::Failed(format!("{e}。当前内容没有改变。"))),
    };
    // The hard caps of the table, checked on what the import would make before anything changes.
    let current = form.declaration();
    if let Some(problem) = merge::over_caps(&current, &files) {
        return Some(Outcome::Failed(format!("{problem}当前内容没有改变。")));
    }
    let what = merge::files_word(xlsx_files, files.len());
    merge::plan(&current, files).map(|plan| apply(plan, what, form, drafts))
}

/// Carries out an import's plan (its caps already checked); `what` names the files in the message.
pub fn apply(plan: Plan, what: &str, form: FormData, drafts: Drafts) -> Outcome {
    let files = plan.files();
    let append = match plan {
        Plan::Ask(declaration) => return Outcome::Ask(declaration),
        Plan::Replace { first, append } => {
            drafts.replace(&first);
            if append.is_empty() {
                return Outcome::Done(format!("已导入{what}（{} 个项目）", first.rows.len()));
            }
            append
        }
        Plan::Append(files) => files,
    };
    for declaration in &append {
        // `over_caps` checked the whole import, counting rows as `append_rows` does.
        if !form.append_rows(&declaration.rows) {
            return Outcome::Failed(format!(
                "合并后将超过本工具一张表最多 {MAX_ROWS} 个项目的上限，后面的文件没有合并。"
            ));
        }
    }
    let total = form.rows.with_untracked(Vec::len);
    Outcome::Done(format!("已合并 {files} 个{what}，表格现有 {total} 个项目（序号已重新编排）"))
}

/// The answer "replace" to [`Outcome::Ask`]: the file's table replaces the form's.
pub fn replace(declaration: &Declaration, drafts: Drafts) -> Outcome {
    drafts.replace(declaration);
    Outcome::Done(format!("已用导入的文件替换表格（{} 个项目）", declaration.rows.len()))
}

/// The answer "merge" to [`Outcome::Ask`]: the file's rows are appended.
pub fn append(declaration: &Declaration, form: FormData) -> Outcome {
    let n = declaration.rows.len();
    if form.append_rows(&declaration.rows) {
        Outcome::Done(format!("已把 {n} 个项目追加到表格末尾（序号已重新编排）"))
    } else {
        Outcome::Failed(format!("追加后将超过本工具一张表最多 {MAX_ROWS} 个项目的上限，没有追加。当前内容没有改变。"))
    }
}

/// Every chosen file's table, and how many were .xlsx; the first file that cannot be read stops the import.
async fn read_all(chosen: Vec<web_sys::File>, reading: Reading) -> Result<(Vec<Declaration>, usize), String> {
    let mut tables = Vec::with_capacity(chosen.len());
    let mut xlsx_files = 0;
    for file in chosen {
        let name = file.name();
        let table = if files::is_xlsx_name(&name) {
            xlsx_files += 1;
            read_xlsx(file, &name, reading).await?
        } else {
            read_draft(file, &name).await?
        };
        tables.push(table);
    }
    Ok((tables, xlsx_files))
}

/// An .xlsx table (the official table, from this tool or typed in Excel/WPS), read by the worker.
async fn read_xlsx(file: web_sys::File, name: &str, reading: Reading) -> Result<Declaration, String> {
    reading.busy.set(Some(format!("正在读取“{name}”…")));
    let read = match files::read_file_bytes(file).await {
        Ok(_) if reading.cancelled.get_value() => Err(CANCELLED.to_string()),
        Ok(bytes) => worker_client::read_file(name.to_string(), bytes)
            .await
            .map(|t| t.into_declaration())
            .map_err(|e| e.to_string()),
        Err(e) => Err(e),
    };
    reading.busy.set(None);
    read.map_err(|e| format!("Excel 文件“{name}”无法导入：{e}"))
}

/// A draft file (.json), decoded here.
async fn read_draft(file: web_sys::File, name: &str) -> Result<Declaration, String> {
    match files::read_file_text(file).await {
        Ok(text) => {
            draft::decode(&text).map(|env| env.declaration).map_err(|e| format!("草稿文件“{name}”无法导入：{e}"))
        }
        Err(e) => Err(format!("无法读取文件“{name}”：{e}")),
    }
}
