//! One project (one row of the official table) as a block of labelled fields, with its row actions.

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::check::rules::row_field_required;

use crate::core::check::normalize::normalize_row_field;
use crate::core::model::{FieldRef, RowField};
use crate::core::picklists::{self, OWNERSHIP_OTHER};
use crate::core::report::{Finding, Fix};
use crate::ui::field::{control_id, Binding, Options, SelectField, TextField, TextKind};
use crate::ui::state::{FormData, FormState, RowChecks, RowCtx};

/// The options of every pick-list, as HTML built once for all rows.
#[derive(Clone)]
pub struct PickHtml {
    pub industry: Arc<str>,
    pub district: Arc<str>,
    pub scale: Arc<str>,
    pub ownership: Arc<str>,
    pub topic_type: Arc<str>,
}

impl PickHtml {
    pub fn new() -> Self {
        let flat = |xs: &[&str]| Options::Flat(xs.iter().map(|x| (x.to_string(), x.to_string())).collect()).to_html();
        let groups = picklists::SECTIONS
            .iter()
            .map(|s| {
                let items = picklists::industries_in(s.code)
                    .map(|i| (i.code.to_string(), format!("{} {}", i.code, i.name)))
                    .collect();
                (format!("{} {}", s.code, s.name), items)
            })
            .collect();
        let topics: Vec<&str> = picklists::TOPIC_TYPES.iter().map(|t| t.name).collect();
        PickHtml {
            industry: Options::Grouped(groups).to_html().into(),
            district: flat(&picklists::DISTRICTS).into(),
            scale: flat(&picklists::SCALES).into(),
            ownership: flat(&picklists::OWNERSHIPS).into(),
            topic_type: flat(&topics).into(),
        }
    }
}

fn hint_for(f: RowField) -> Option<&'static str> {
    match f {
        RowField::UnitName => Some("与营业执照和公章上的名称完全一致。"),
        RowField::CreditCode => Some("18 位，见营业执照（或事业单位法人证书）左上方。"),
        RowField::Scale => Some("不确定时点“计算企业规模”。事业单位等非企业选“不适用”。"),
        RowField::TopicType => Some("问题解决型：改进已发生的问题；创新型：研制新产品、新工艺、新方法。"),
        RowField::LeaderPhone => Some("手机或 022 开头的座机，多个号码用“、”分隔。"),
        RowField::ProjectName => Some("不得抄袭，不得与历年项目雷同。"),
        _ => None,
    }
}

/// Builds the bindings of one row's controls.
#[derive(Clone, Copy)]
struct RowBinder {
    form: FormData,
    row: RowCtx,
    /// The row's findings: its own rules, the cross-row ones and those against the earlier years.
    findings: Memo<Vec<Finding>>,
    row_touched: Signal<bool>,
}

impl RowBinder {
    fn new(form: FormData, row: RowCtx) -> Self {
        // Its own rules (re-run only when this row changes) plus the cross-row ones.
        let RowChecks { own, cross, similar, touched, .. } = row.checks;
        let findings = Memo::new(move |_| {
            let mut v = own.get();
            cross.with(|c| v.extend(c.iter().cloned()));
            similar.with(|c| v.extend(c.iter().cloned()));
            v
        });
        let row_touched = Signal::derive(move || touched.with(|t| !t.is_empty()));
        RowBinder { form, row, findings, row_touched }
    }

    /// The binding of the row's field `f`.
    fn bind(self, f: RowField) -> Binding {
        let RowBinder { form, row, findings, row_touched } = self;
        let RowCtx { id, data, .. } = row;
        let touched = row.checks.touched;
        let field_findings = Memo::new(move |_| {
            findings.with(|fs| {
                fs.iter()
                    .filter(|x| matches!(x.field, FieldRef::Row(_, rf) if rf == f))
                    .cloned()
                    .collect::<Vec<Finding>>()
            })
        });
        Binding {
            name: f.key(),
            id: control_id(Some(id), f.key()),
            label: f.label(),
            value: Signal::derive(move || data.with(|r| r.get(f).to_string())),
            set: Callback::new(move |v: String| {
                if data.with_untracked(|r| r.get(f) != v) {
                    data.update(|r| *r.get_mut(f) = v);
                }
            }),
            normalize: Callback::new(move |v: String| normalize_row_field(f, &v)),
            findings: field_findings.into(),
            touched: Signal::derive(move || touched.with(|t| t.contains(&f))),
            touch: Callback::new(move |_| {
                if !touched.with_untracked(|t| t.contains(&f)) {
                    touched.update(|t| t.push(f));
                }
            }),
            row_touched,
            reveal_all: row.checks.reveal.into(),
            on_fix: Callback::new(move |fix: Fix| form.apply_fix(Some(id), &fix)),
            required: row_field_required(f),
            hint: hint_for(f),
        }
    }
}

/// The row's heading: 序号, the project's name, and the row actions (move, copy, delete).
#[component]
fn RowHead(row: RowCtx, index: Signal<usize>) -> impl IntoView {
    let form = FormState::from_context().data;
    let RowCtx { id, data, is_last, .. } = row;
    let seq = move || index.get() + 1;
    let title = move || {
        let name = data.with(|r| r.project_name.trim().to_string());
        if name.is_empty() {
            "（未填写项目名称）".to_string()
        } else {
            name
        }
    };
    view! {
        <header class="project-head">
            <h3 id=format!("row-{id}-title")>
                <span class="seq" data-seq=seq>"序号 " {seq}</span>
                <span class="project-title">{title}</span>
            </h3>
            // A row's source is fixed for its life (a copy or a load makes a new row): read once, not per keystroke.
            {data.with_untracked(|r| (!r.source.is_typed()).then(|| r.source.label()))
                .map(|label| view! { <span class="source" data-source-label>{label}</span> })}
            <div class="row-actions" role="group" aria-label=move || format!("第 {} 个项目的操作", seq())>
                <button type="button" data-action="move-up" disabled=move || index.get() == 0
                    aria-label=move || format!("将第 {} 个项目上移", seq())
                    on:click=move |_| form.move_row(id, -1)>"上移"</button>
                <button type="button" data-action="move-down" disabled=move || is_last.get()
                    aria-label=move || format!("将第 {} 个项目下移", seq())
                    on:click=move |_| form.move_row(id, 1)>"下移"</button>
                <button type="button" data-action="duplicate-row"
                    aria-label=move || format!("复制第 {} 个项目", seq())
                    on:click=move |_| { form.duplicate_row(id); }>"复制"</button>
                <button type="button" data-action="delete-row" class="danger"
                    aria-label=move || format!("删除第 {} 个项目", seq())
                    on:click=move |_| form.delete_row(id)>"删除"</button>
            </div>
        </header>
    }
}

/// The block of one project: its heading and its fields. `index` is its position (序号 = index + 1).
#[component]
pub fn ProjectBlock(
    row: RowCtx,
    index: Signal<usize>,
    picks: PickHtml,
    on_size_helper: Callback<u64>,
) -> impl IntoView {
    let b = RowBinder::new(FormState::from_context().data, row);
    let RowCtx { id, data, .. } = row;
    let is_other = move || data.with(|r| r.ownership == OWNERSHIP_OTHER);
    view! {
        <section class="project" data-row=move || index.get() data-row-id=id
            data-source=data.with_untracked(|r| r.source.file.clone())
            aria-labelledby=format!("row-{id}-title")>
            <RowHead row=row index=index/>
            <div class="grid">
                <div class="span2"><TextField b=b.bind(RowField::UnitName)/></div>
                <TextField b=b.bind(RowField::CreditCode)/>
                <SelectField b=b.bind(RowField::Industry) options_html=picks.industry.clone()/>
                <SelectField b=b.bind(RowField::District) options_html=picks.district.clone()/>
                <div class="with-helper">
                    <SelectField b=b.bind(RowField::Scale) options_html=picks.scale.clone()/>
                    <button type="button" class="link" data-action="size-helper"
                        on:click=move |_| on_size_helper.run(id)>"计算企业规模"</button>
                </div>
                <SelectField b=b.bind(RowField::Ownership) options_html=picks.ownership.clone()/>
                <Show when=is_other>
                    <TextField b=b.bind(RowField::OwnershipOther)/>
                </Show>
                <div class="span2"><TextField b=b.bind(RowField::ProjectName) kind=TextKind::Area/></div>
                <SelectField b=b.bind(RowField::TopicType) options_html=picks.topic_type.clone()/>
                <TextField b=b.bind(RowField::LeaderName)/>
                <TextField b=b.bind(RowField::LeaderPhone) kind=TextKind::Tel/>
                <TextField b=b.bind(RowField::Email) kind=TextKind::Email/>
                <div class="span2"><TextField b=b.bind(RowField::Remarks) kind=TextKind::Area/></div>
            </div>
        </section>
    }
}
