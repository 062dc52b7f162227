//! The once-per-table fields: 推荐单位 above the projects, the four footer fields below, as on the paper form.

use leptos::prelude::*;

use crate::core::check::rules::table_field_required;

use crate::core::check::normalize::normalize_table_field;
use crate::core::model::{FieldRef, TableField};
use crate::core::picklists::DISTRICTS;
use crate::core::report::{Finding, Fix};
use crate::ui::field::{control_id, Binding, TextField, TextKind};
use crate::ui::state::FormState;

/// The binding of one table field.
fn bind_table(f: TableField) -> Binding {
    let FormState { data: form, checks, .. } = FormState::from_context();
    let sig = form.table_signal(f);
    let tf = checks.table_findings;
    let touched = checks.table_touched;
    let findings = Memo::new(move |_| {
        tf.with(|fs| fs.iter().filter(|x| x.field == FieldRef::Table(f)).cloned().collect::<Vec<Finding>>())
    });
    Binding {
        name: f.key(),
        id: control_id(None, f.key()),
        label: f.label(),
        value: sig.into(),
        set: Callback::new(move |v: String| {
            if sig.with_untracked(|s| *s != v) {
                sig.set(v)
            }
        }),
        normalize: Callback::new(move |v: String| normalize_table_field(f, &v)),
        findings: findings.into(),
        touched: Signal::derive(move || touched.with(|t| t.contains(&f))),
        touch: Callback::new(move |_| {
            if !touched.with_untracked(|t| t.contains(&f)) {
                touched.update(|t| t.push(f));
            }
        }),
        row_touched: Signal::derive(move || touched.with(|t| !t.is_empty())),
        reveal_all: checks.reveal_all.into(),
        on_fix: Callback::new(move |fix: Fix| form.apply_fix(None, &fix)),
        required: table_field_required(f),
        hint: match f {
            TableField::Recommender => Some("区市场监管局、工业集团或行业协会，例如“武清区市场监管局”。"),
            TableField::RecommenderHead => Some("可由推荐单位填写。"),
            _ => None,
        },
    }
}

/// 推荐单位(公章): above the table.
#[component]
pub fn RecommenderField() -> impl IntoView {
    view! {
        <div class="table-top">
            <TextField b=bind_table(TableField::Recommender) list="recommender-list"/>
            // The district bureaus, the most common recommending units (any other unit can be typed).
            <datalist id="recommender-list">
                {DISTRICTS.iter().map(|d| view! { <option value=format!("天津市{d}市场监督管理局")></option> }).collect_view()}
            </datalist>
        </div>
    }
}

/// 推荐部门负责人, 填报人, 联系人电话, 日期: under the table.
#[component]
pub fn FooterFields() -> impl IntoView {
    let form = FormState::from_context().data;
    view! {
        <div class="table-footer grid" role="group" aria-label="表尾信息">
            <TextField b=bind_table(TableField::RecommenderHead)/>
            <TextField b=bind_table(TableField::Filler)/>
            <TextField b=bind_table(TableField::FillerPhone) kind=TextKind::Tel/>
            <div class="with-helper">
                <TextField b=bind_table(TableField::FillDate) kind=TextKind::Date/>
                <button type="button" class="link" data-action="fill-today" on:click=move |_| {
                    form.table_signal(TableField::FillDate).set(crate::shell::time::today());
                }>"填入今天"</button>
            </div>
        </div>
    }
}
