//! Every field rule and cross-field rule; the entry points that turn a declaration into a report.
//!
//! Rules judge the NORMALISED value of each field (see `normalize`), so a full-width but otherwise valid code is
//! fine. Every finding has a stable `code`, a one-sentence Chinese message that says what to do, and a Fix where the
//! correction is obvious. The list of rule codes is [`RULE_CODES`].

use super::contact::{check_email, check_phones};
pub use super::cross::{check_cross_keys, check_cross_rows, cross_keys, CrossKeys, COPIED_TABLE_CODE};
use super::dates::parse_date;
use super::normalize::{credit_code_key, normalize_row, normalize_table_field};
use super::uscc::{self, Parts};
use crate::core::edition;
use crate::core::limits::{longer_than, FORM_FIELD_CHARS};
use crate::core::model::{Declaration, FieldRef, ProjectRow, RowField, TableField};
use crate::core::picklists::{
    industry_by_code, DISTRICTS, DIVISIONS, NON_ENTERPRISE_OWNERSHIPS, OWNERSHIPS, OWNERSHIP_OTHER, SCALES,
    SCALE_NOT_APPLICABLE, TOPIC_TYPES,
};
use crate::core::report::{Finding, Report};

/// Every rule code this module (and the `uscc` and `contact` checks it calls) can produce.
pub const RULE_CODES: [&str; 45] = [
    "field.required",
    "row.blank",
    "field.too_long",
    "field.huge_paste",
    "picklist.industry",
    "picklist.district",
    "picklist.scale",
    "picklist.ownership",
    "picklist.topic_type",
    "unit_name.short",
    "project_name.short",
    "recommender.short",
    "name.digits",
    "ownership_other.unused",
    "uscc.length",
    "uscc.illegal_char",
    "uscc.authority",
    "uscc.category",
    "uscc.check_char",
    "uscc.division_format",
    "uscc.division_outside",
    "uscc.division_unknown",
    "uscc.org_check",
    "code.stored_as_number",
    "district.code_mismatch",
    "ownership.code_mismatch",
    "scale.not_applicable",
    "scale.not_applicable_code",
    "scale.non_enterprise",
    "phone.missing",
    "phone.local_7",
    "phone.mobile_prefix",
    "phone.chars",
    "phone.format",
    "phone.no_area_code",
    "phone.other_area",
    "email.syntax",
    "email.typo_domain",
    "email.qq_number",
    "date.format",
    "date.invalid",
    "date.before_notice",
    "dup.unit_codes",
    "dup.code_names",
    "dup.project",
];

/// The most characters a row field may hold (`None`: no length rule beyond the paste cap, or another rule judges it).
pub fn row_limit(field: RowField) -> Option<usize> {
    match field {
        RowField::UnitName | RowField::ProjectName => Some(100),
        RowField::LeaderName => Some(20),
        RowField::OwnershipOther => Some(30),
        RowField::LeaderPhone | RowField::Email => Some(100),
        RowField::Remarks => Some(200),
        RowField::CreditCode
        | RowField::Industry
        | RowField::District
        | RowField::Scale
        | RowField::Ownership
        | RowField::TopicType => None,
    }
}

/// The most characters a table field may hold.
pub fn table_limit(field: TableField) -> Option<usize> {
    match field {
        TableField::Recommender => Some(100),
        TableField::RecommenderHead | TableField::Filler => Some(20),
        TableField::FillerPhone => Some(100),
        TableField::FillDate => None,
    }
}

/// Whether a row field is chosen from a list (then the required rule says 请选择, else 请填写).
fn is_pick_list(field: RowField) -> bool {
    matches!(
        field,
        RowField::Industry | RowField::District | RowField::Scale | RowField::Ownership | RowField::TopicType
    )
}

/// The required rule's message for a field chosen from a list or a calendar.
fn please_choose(label: &str) -> String {
    format!("请选择{label}。")
}

/// The required rule's message for a field typed in.
fn please_fill(label: &str) -> String {
    format!("请填写{label}。")
}

/// True when the raw value is longer than any field of the form allows ([`FORM_FIELD_CHARS`]): it is kept as it is
/// (nothing is cut) and only this one finding is given, so a huge paste costs no further checks.
fn is_huge(raw: &str) -> bool {
    longer_than(raw, FORM_FIELD_CHARS)
}

fn huge_paste(field: FieldRef, label: &str, raw: &str, limit: Option<usize>) -> Finding {
    let n = raw.chars().count();
    let max = limit.unwrap_or(FORM_FIELD_CHARS);
    Finding::error(field, "field.huge_paste", format!("{label}有{n}字，超过表格允许的{max}字，请删减到{max}字以内。"))
}

/// The generic length rule: `field.too_long`.
fn too_long(field: FieldRef, label: &str, value: &str, limit: Option<usize>) -> Option<Finding> {
    let limit = limit?;
    let n = value.chars().count();
    (n > limit)
        .then(|| Finding::error(field, "field.too_long", format!("{label}不能超过{limit}字（现为{n}字），请精简。")))
}

/// `name.digits`: a person's name with digits in it (often a phone number typed into the wrong box).
fn name_digits(field: FieldRef, label: &str, value: &str) -> Option<Finding> {
    value.chars().any(|c| c.is_ascii_digit()).then(|| {
        Finding::warning(field, "name.digits", format!("{label}含有数字，请只填姓名，电话号码填在联系方式一栏。"))
    })
}

/// Enterprise-ness from the 企业性质 value: `Some(true)` for an enterprise kind, `Some(false)` for 事业单位, 社会团体,
/// 民办非企业单位, `None` for 其他（请注明）, empty or unknown values.
fn ownership_is_enterprise(ownership: &str) -> Option<bool> {
    if NON_ENTERPRISE_OWNERSHIPS.contains(&ownership) {
        Some(false)
    } else if ownership == OWNERSHIP_OTHER || !OWNERSHIPS.contains(&ownership) {
        None
    } else {
        Some(true)
    }
}

/// All single-field rules of one row plus the within-row cross-field rules (credit code ↔ district, ownership,
/// scale). `index` is the row's position (序号 − 1); findings point at `FieldRef::Row(index, …)`.
pub fn check_row(index: usize, row: &ProjectRow) -> Vec<Finding> {
    let normalised = normalize_row(row);
    // The credit code is normalised once (with the row) and parsed once; every rule below reads the result.
    let code = uscc::parse(&normalised.credit_code);
    let facts = RowFacts {
        index,
        n: &normalised,
        code,
        implied_district: code.and_then(Parts::implied_district),
        implied_ownership: code.and_then(Parts::implied_ownership),
    };
    let mut out = Vec::new();
    for f in RowField::ALL {
        field_findings(&facts, f, row.get(f), &mut out);
    }
    out.extend(code_district_mismatch(&facts));
    out.extend(code_ownership_mismatch(&facts));
    out.extend(scale_mismatch(&facts));
    out
}

/// Whether a table has a row with something in it. Then its blank rows are left out of the official table (the
/// .xlsx and the printout: [`crate::core::xlsx::layout::official_serials`]) and each is only pointed out by one
/// warning ([`check_row_in`]); while every row is blank (a fresh form), each is judged as a row still to be filled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableRows {
    /// Every row is blank (or there is none).
    AllBlank,
    /// At least one row is not blank.
    SomeFilled,
}

impl TableRows {
    /// What a table's rows are, by [`ProjectRow::is_blank`].
    pub fn of(rows: &[ProjectRow]) -> TableRows {
        if rows.iter().all(ProjectRow::is_blank) {
            TableRows::AllBlank
        } else {
            TableRows::SomeFilled
        }
    }
}

/// The code of the warning on a blank row among filled ones.
pub const BLANK_ROW_CODE: &str = "row.blank";

/// [`check_row`] for a row of a table whose rows are `table`: a blank row among filled ones gets one warning (on its
/// 申报单位名称: it is left out of the export and the printout, and can be deleted) instead of every required field's
/// error; any other row, [`check_row`]'s findings.
pub fn check_row_in(index: usize, row: &ProjectRow, table: TableRows) -> Vec<Finding> {
    match table {
        TableRows::SomeFilled if row.is_blank() => vec![blank_row(index)],
        _ => check_row(index, row),
    }
}

/// `row.blank`: the warning on a blank row among filled ones.
pub fn blank_row(index: usize) -> Finding {
    Finding::warning(
        FieldRef::Row(index, RowField::UnitName),
        BLANK_ROW_CODE,
        "本行是空行，导出和打印时不包括；可以删除本行。",
    )
}

/// What the rules of one row share: where its findings point, its normalised values, and what its credit code says.
struct RowFacts<'a> {
    index: usize,
    /// The row with every field normalised: the rules judge these values.
    n: &'a ProjectRow,
    /// The credit code's parts, when it is well-formed.
    code: Option<Parts<'a>>,
    /// The district the credit code implies, if any.
    implied_district: Option<&'static str>,
    /// The 企业性质 the credit code implies, if any.
    implied_ownership: Option<&'static str>,
}

impl RowFacts<'_> {
    fn at(&self, field: RowField) -> FieldRef {
        FieldRef::Row(self.index, field)
    }
}

/// The rules of one field (`raw` as typed): a huge paste gets that finding alone; an empty field, the required
/// rule; any other value, the length rule and the field's own rules.
fn field_findings(facts: &RowFacts<'_>, f: RowField, raw: &str, out: &mut Vec<Finding>) {
    if is_huge(raw) {
        out.push(huge_paste(facts.at(f), f.label(), raw, row_limit(f)));
        return;
    }
    let v = facts.n.get(f);
    if v.is_empty() {
        out.extend(required_finding(facts, f));
        return;
    }
    out.extend(too_long(facts.at(f), f.label(), v, row_limit(f)));
    value_findings(facts, f, v, out);
}

/// Whether a row field must be filled: all but 备注 (其他（请注明）'s detail only when 企业性质 is 其他).
pub fn row_field_required(f: RowField) -> bool {
    f != RowField::Remarks
}

/// Whether a table field must be filled: all but 推荐部门负责人.
pub fn table_field_required(f: TableField) -> bool {
    f != TableField::RecommenderHead
}

/// `field.required` for an empty field that must be filled, offering the value the credit code implies.
fn required_finding(facts: &RowFacts<'_>, f: RowField) -> Option<Finding> {
    let required = match f {
        RowField::OwnershipOther => facts.n.ownership == OWNERSHIP_OTHER,
        _ => row_field_required(f),
    };
    if !required {
        return None;
    }
    let (at, label) = (facts.at(f), f.label());
    let message = if is_pick_list(f) { please_choose(label) } else { please_fill(label) };
    let mut finding = Finding::error(at, "field.required", message);
    // An empty district or ownership that the credit code implies: offer it.
    let offer = match f {
        RowField::District => facts.implied_district,
        RowField::Ownership => facts.implied_ownership,
        _ => None,
    };
    if let Some(x) = offer {
        finding.message = format!("请选择{label}（按信用代码应为{x}）。");
        finding = finding.with_fix(format!("改为 {x}"), at, x);
    }
    if f == RowField::OwnershipOther {
        finding.message = "企业性质选了“其他（请注明）”，请在此注明单位性质。".to_string();
    }
    Some(finding)
}

/// The rules of one field's own (non-empty, normalised) value.
fn value_findings(facts: &RowFacts<'_>, f: RowField, v: &str, out: &mut Vec<Finding>) {
    let at = facts.at(f);
    match f {
        RowField::UnitName if v.chars().count() < 4 => {
            out.push(Finding::warning(at, "unit_name.short", "申报单位名称过短，请填写与公章一致的单位全称。"))
        }
        RowField::ProjectName if v.chars().count() < 4 => {
            out.push(Finding::warning(at, "project_name.short", "项目名称过短，请写明攻关的具体内容。"))
        }
        RowField::LeaderName => out.extend(name_digits(at, f.label(), v)),
        RowField::CreditCode => match stored_as_number(facts.n, v, at) {
            Some(finding) => out.push(finding),
            None => out.extend(uscc::check_clean_code(v, facts.code, at)),
        },
        RowField::LeaderPhone => out.extend(check_phones(v, at)),
        RowField::Email => out.extend(check_email(v, at)),
        RowField::Industry if industry_by_code(v).is_none() => out.push(Finding::error(
            at,
            "picklist.industry",
            format!("所属行业“{v}”不是GB/T 4754-2017的大类，请从列表中选择。"),
        )),
        RowField::District if !DISTRICTS.contains(&v) => out.push(district_not_in_list(at, v)),
        RowField::Scale if !SCALES.contains(&v) => out.push(Finding::error(
            at,
            "picklist.scale",
            format!("企业规模“{v}”不在列表中，请选择大型、中型、小型、微型企业或不适用。"),
        )),
        RowField::Ownership if !OWNERSHIPS.contains(&v) => {
            let mut finding = Finding::error(
                at,
                "picklist.ownership",
                format!("企业性质“{v}”不在列表中，请从列表中选择，列表中没有的请选“其他（请注明）”并注明。"),
            );
            if facts.n.ownership_other.is_empty() {
                // The text that was not in the list goes to 注明: the click loses nothing.
                let other = FieldRef::Row(facts.index, RowField::OwnershipOther);
                let label = if v.chars().count() <= 12 {
                    format!("改为 {OWNERSHIP_OTHER}并注明“{v}”")
                } else {
                    format!("改为 {OWNERSHIP_OTHER}并把原文填入注明")
                };
                finding = finding.with_fix(label, at, OWNERSHIP_OTHER).with_fix_also(other, v);
            }
            out.push(finding);
        }
        RowField::TopicType if !TOPIC_TYPES.iter().any(|t| t.name == v) => out.push(Finding::error(
            at,
            "picklist.topic_type",
            format!("课题类型“{v}”不在列表中，请选择问题解决型或创新型。"),
        )),
        RowField::OwnershipOther if facts.n.ownership != OWNERSHIP_OTHER => out.push(
            Finding::warning(
                at,
                "ownership_other.unused",
                "企业性质没有选“其他（请注明）”，此处的注明不会用到，请清空或把企业性质改为“其他（请注明）”。",
            )
            .with_fix("清空", at, ""),
        ),
        _ => {}
    }
}

/// `code.stored_as_number`: the credit code is still what was read from a file where Excel had stored it as a number
/// (it keeps 15 digits, so the rest are lost): the check characters would blame the wrong digits, so this alone is
/// said. Once the user changes the code, the usual rules judge it.
fn stored_as_number(row: &ProjectRow, code: &str, at: FieldRef) -> Option<Finding> {
    let read = row.source.number_code.as_str();
    (!read.is_empty() && credit_code_key(read) == code).then(|| {
        Finding::error(
            at,
            "code.stored_as_number",
            format!(
                "该统一社会信用代码在原文件中被 Excel 存成了数字，第16位起的数字已丢失（读到的是 {read}），请按营业执照重新填写。"
            ),
        )
    })
}

/// `district.code_mismatch`: the credit code was issued in another district than the one chosen.
fn code_district_mismatch(facts: &RowFacts<'_>) -> Option<Finding> {
    let (p, x) = (facts.code?, facts.implied_district?);
    let district = facts.n.district.as_str();
    if district.is_empty() || !DISTRICTS.contains(&district) || district == x {
        return None;
    }
    let origin = p.tianjin_division().map_or(String::new(), |d| {
        if d.historic {
            format!("{}（原{}，今{}）", d.code, d.name, x)
        } else {
            format!("{}（{}）", d.code, d.name)
        }
    });
    let at = facts.at(RowField::District);
    Some(
        Finding::warning(
            at,
            "district.code_mismatch",
            format!("信用代码的登记地{origin}与所在区“{district}”不一致，请核对，若以代码为准请改为{x}。"),
        )
        .with_fix(format!("改为 {x}"), at, x),
    )
}

/// `ownership.code_mismatch`: the credit code's category and the 企业性质 chosen disagree.
fn code_ownership_mismatch(facts: &RowFacts<'_>) -> Option<Finding> {
    let p = facts.code?;
    let own = facts.n.ownership.as_str();
    let own_ent = ownership_is_enterprise(own);
    let pair = format!("{}{}", p.authority, p.category);
    let kind = uscc::category_name(p.authority, p.category).unwrap_or("其他");
    let at = facts.at(RowField::Ownership);
    if p.is_enterprise() {
        return (own_ent == Some(false)).then(|| {
            Finding::warning(
                at,
                "ownership.code_mismatch",
                format!(
                    "信用代码第1–2位“{pair}”表示工商登记的{kind}，企业性质却选了“{own}”，请核对企业性质或信用代码。"
                ),
            )
        });
    }
    if own.is_empty() || !OWNERSHIPS.contains(&own) {
        return None;
    }
    let implied = facts.implied_ownership;
    let mismatch = match implied {
        Some(x) => x != own,
        // Other 机构编制 / 民政 categories (群众团体, 基金会, 其他) are not enterprises either.
        None => matches!(p.authority, '1' | '5') && own_ent == Some(true),
    };
    mismatch.then(|| {
        let finding = Finding::warning(
            at,
            "ownership.code_mismatch",
            format!(
                "信用代码第1–2位“{pair}”表示{kind}，企业性质却选了“{own}”，请核对{}。",
                implied.map_or(String::new(), |x| format!("，若以代码为准请改为{x}"))
            ),
        );
        match implied {
            Some(x) => finding.with_fix(format!("改为 {x}"), at, x),
            None => finding,
        }
    })
}

/// `scale.not_applicable`, `scale.not_applicable_code`, `scale.non_enterprise`: 企业规模 against whether the unit
/// is an enterprise (by its 企业性质 and its credit code).
fn scale_mismatch(facts: &RowFacts<'_>) -> Option<Finding> {
    let own = facts.n.ownership.as_str();
    let own_ent = ownership_is_enterprise(own);
    let code_ent = facts.code.map(Parts::is_enterprise);
    let scale = facts.n.scale.as_str();
    let at = facts.at(RowField::Scale);
    if scale == SCALE_NOT_APPLICABLE {
        if own_ent == Some(true) && code_ent != Some(false) {
            Some(Finding::error(
                at,
                "scale.not_applicable",
                format!("“{own}”是企业，请按从业人员和营业收入选择大型、中型、小型或微型企业，“不适用”只用于事业单位、社会团体等非企业单位。"),
            ))
        } else if own_ent.is_none() && code_ent == Some(true) {
            Some(Finding::warning(
                at,
                "scale.not_applicable_code",
                "信用代码以9开头表示工商登记的企业（或个体户、合作社），请核对后选择大型、中型、小型或微型企业。",
            ))
        } else {
            None
        }
    } else if SCALES.contains(&scale) {
        let non_enterprise = own_ent == Some(false) || (code_ent == Some(false) && own_ent != Some(true));
        non_enterprise.then(|| {
            let who = if own_ent == Some(false) { own.to_string() } else { "非企业单位".to_string() };
            Finding::warning(at, "scale.non_enterprise", format!("{who}不按企业划分规模，请把企业规模改为“不适用”。"))
                .with_fix(format!("改为 {SCALE_NOT_APPLICABLE}"), at, SCALE_NOT_APPLICABLE)
        })
    } else {
        None
    }
}

/// `picklist.district`, with a Fix when the value names a historic county or district (`塘沽区` → 滨海新区).
fn district_not_in_list(field: FieldRef, v: &str) -> Finding {
    let today = DIVISIONS.iter().find(|d| d.historic && (d.name == v)).and_then(|d| d.district);
    match today {
        Some(x) => Finding::error(field, "picklist.district", format!("“{v}”已并入或改为{x}，请选择今天的区名{x}。"))
            .with_fix(format!("改为 {x}"), field, x),
        None => Finding::error(field, "picklist.district", format!("所在区“{v}”不是天津的区，请从列表中选择。")),
    }
}

fn check_date(field: FieldRef, v: &str) -> Option<Finding> {
    let shaped = v.len() == 10 && v.as_bytes().get(4) == Some(&b'-') && v.as_bytes().get(7) == Some(&b'-');
    if parse_date(v).is_none() {
        return Some(if shaped && v.bytes().filter(u8::is_ascii_digit).count() == 8 {
            Finding::error(field, "date.invalid", format!("日期“{v}”不存在（请注意月份天数和闰年），请重新选择日期。"))
        } else {
            Finding::error(
                field,
                "date.format",
                // An example in the edition's year.
                format!("日期“{v}”无法识别，请按“{}-04-12”的格式填写或从日历中选择。", edition::current().year),
            )
        });
    }
    // Same shape, so string order is date order.
    let notice_date = edition::current().notice_date;
    (v < notice_date).then(|| {
        Finding::warning(field, "date.before_notice", format!("日期早于通知发布日（{notice_date}），请核对填报日期。"))
    })
}

/// The once-per-table fields: 推荐单位, 填报人, 联系人电话, 日期 required; 推荐部门负责人 optional.
pub fn check_table_fields(decl: &Declaration) -> Vec<Finding> {
    let mut out = Vec::new();
    for f in TableField::ALL {
        let at = FieldRef::Table(f);
        let raw = decl.table_value(f);
        let label = f.label();
        if is_huge(raw) {
            out.push(huge_paste(at, label, raw, table_limit(f)));
            continue;
        }
        let v = normalize_table_field(f, raw);
        if v.is_empty() {
            if table_field_required(f) {
                let msg = if f == TableField::FillDate { please_choose(label) } else { please_fill(label) };
                out.push(Finding::error(at, "field.required", msg));
            }
            continue;
        }
        out.extend(too_long(at, label, &v, table_limit(f)));
        match f {
            TableField::Recommender if v.chars().count() < 4 => out.push(Finding::warning(
                at,
                "recommender.short",
                "推荐单位名称过短，请填写与公章一致的单位全称（如天津市武清区市场监督管理局）。",
            )),
            TableField::RecommenderHead | TableField::Filler => out.extend(name_digits(at, label, &v)),
            TableField::FillerPhone => out.extend(check_phones(&v, at)),
            TableField::FillDate => out.extend(check_date(at, &v)),
            _ => {}
        }
    }
    out
}

/// Judges the whole declaration: the table fields, every row ([`check_row_in`]: a blank row among filled ones is
/// only pointed out), and the rules across rows.
pub fn check_declaration(decl: &Declaration) -> Report {
    let mut report = Report::default();
    report.extend(check_table_fields(decl));
    let table = TableRows::of(&decl.rows);
    for (i, row) in decl.rows.iter().enumerate() {
        report.extend(check_row_in(i, row, table));
    }
    report.extend(check_cross_rows(&decl.rows));
    report
}
