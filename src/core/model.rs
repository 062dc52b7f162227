//! The declaration: the official table's fields as plain, serialisable data.

use serde::{Deserialize, Serialize};

/// One project row of the table (one line of the printed form).
///
/// Every value is the text the user typed (or the value of a pick-list); nothing is parsed here.
/// Field keys equal the control `name`s of the testing contract.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProjectRow {
    /// Stable identity of the row inside one declaration (for keyed UI lists); not printed.
    pub id: u64,
    /// 申报单位名称 (与公章一致)
    pub unit_name: String,
    /// 统一社会信用代码
    pub credit_code: String,
    /// 所属行业: GB/T 4754-2017 大类 code, two digits (e.g. `36`)
    pub industry: String,
    /// 所在区: a district's name (e.g. `武清区`)
    pub district: String,
    /// 企业规模: 大型企业 / 中型企业 / 小型企业 / 微型企业 / 不适用
    pub scale: String,
    /// 企业性质: the pick-list text
    pub ownership: String,
    /// Free text when 企业性质 is 其他（请注明）
    pub ownership_other: String,
    /// 项目名称
    pub project_name: String,
    /// 课题类型: 问题解决型 / 创新型
    pub topic_type: String,
    /// 项目负责人
    pub leader_name: String,
    /// 负责人联系方式 (one or more phone numbers)
    pub leader_phone: String,
    /// 电子邮箱
    pub email: String,
    /// 备注
    pub remarks: String,
    /// Where the row came from (empty for a row typed in the page). Kept in drafts, never in the official table.
    pub source: Source,
}

/// Where a project row came from: the file, sheet and row it was read from; all empty for a row typed in the page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Source {
    /// The file's name as chosen (empty: typed in the page).
    pub file: String,
    /// The sheet the table was on (a text file's is named after the file, a Word file's is `Word`).
    pub sheet: String,
    /// The 1-based sheet row, 0 when unknown.
    pub row: u32,
    /// The credit code as read when Excel had stored it as a number (its digits beyond the 15th lost); empty
    /// otherwise.
    pub number_code: String,
}

/// The whole table: the once-per-table fields and the ordered project rows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Declaration {
    /// 推荐单位
    pub recommender: String,
    /// 推荐部门负责人
    pub recommender_head: String,
    /// 填报人
    pub filler: String,
    /// 联系人电话
    pub filler_phone: String,
    /// 日期, `YYYY-MM-DD` (as an `<input type="date">` gives it), or empty
    pub fill_date: String,
    /// The project rows in display order; 序号 is the position + 1.
    pub rows: Vec<ProjectRow>,
}

/// A field of a project row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowField {
    UnitName,
    CreditCode,
    Industry,
    District,
    Scale,
    Ownership,
    OwnershipOther,
    ProjectName,
    TopicType,
    LeaderName,
    LeaderPhone,
    Email,
    Remarks,
}

/// A once-per-table field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TableField {
    Recommender,
    RecommenderHead,
    Filler,
    FillerPhone,
    FillDate,
}

/// Where a value lives in a declaration: a table field, or a field of the row at an index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum FieldRef {
    Table(TableField),
    Row(usize, RowField),
}

impl RowField {
    /// All row fields, in the order of the form.
    pub const ALL: [RowField; 13] = [
        RowField::UnitName,
        RowField::CreditCode,
        RowField::Industry,
        RowField::District,
        RowField::Scale,
        RowField::Ownership,
        RowField::OwnershipOther,
        RowField::ProjectName,
        RowField::TopicType,
        RowField::LeaderName,
        RowField::LeaderPhone,
        RowField::Email,
        RowField::Remarks,
    ];

    /// The control `name` of the testing contract.
    pub fn key(self) -> &'static str {
        match self {
            RowField::UnitName => "unit_name",
            RowField::CreditCode => "credit_code",
            RowField::Industry => "industry",
            RowField::District => "district",
            RowField::Scale => "scale",
            RowField::Ownership => "ownership",
            RowField::OwnershipOther => "ownership_other",
            RowField::ProjectName => "project_name",
            RowField::TopicType => "topic_type",
            RowField::LeaderName => "leader_name",
            RowField::LeaderPhone => "leader_phone",
            RowField::Email => "email",
            RowField::Remarks => "remarks",
        }
    }

    /// The Chinese label shown next to the control.
    pub fn label(self) -> &'static str {
        match self {
            RowField::UnitName => "申报单位名称",
            RowField::CreditCode => "统一社会信用代码",
            RowField::Industry => "所属行业",
            RowField::District => "所在区",
            RowField::Scale => "企业规模",
            RowField::Ownership => "企业性质",
            RowField::OwnershipOther => "企业性质（其他）",
            RowField::ProjectName => "项目名称",
            RowField::TopicType => "课题类型",
            RowField::LeaderName => "项目负责人",
            RowField::LeaderPhone => "负责人联系方式",
            RowField::Email => "电子邮箱",
            RowField::Remarks => "备注",
        }
    }
}

impl TableField {
    /// All table fields, in the order of the form.
    pub const ALL: [TableField; 5] = [
        TableField::Recommender,
        TableField::RecommenderHead,
        TableField::Filler,
        TableField::FillerPhone,
        TableField::FillDate,
    ];

    /// The control `name` of the testing contract.
    pub fn key(self) -> &'static str {
        match self {
            TableField::Recommender => "recommender",
            TableField::RecommenderHead => "recommender_head",
            TableField::Filler => "filler",
            TableField::FillerPhone => "filler_phone",
            TableField::FillDate => "fill_date",
        }
    }

    /// The Chinese label shown next to the control.
    pub fn label(self) -> &'static str {
        match self {
            TableField::Recommender => "推荐单位",
            TableField::RecommenderHead => "推荐部门负责人",
            TableField::Filler => "填报人",
            TableField::FillerPhone => "联系人电话",
            TableField::FillDate => "日期",
        }
    }

    /// Parses a control `name`.
    pub fn from_key(key: &str) -> Option<TableField> {
        TableField::ALL.into_iter().find(|f| f.key() == key)
    }
}

impl ProjectRow {
    /// The value of one field.
    pub fn get(&self, field: RowField) -> &str {
        match field {
            RowField::UnitName => &self.unit_name,
            RowField::CreditCode => &self.credit_code,
            RowField::Industry => &self.industry,
            RowField::District => &self.district,
            RowField::Scale => &self.scale,
            RowField::Ownership => &self.ownership,
            RowField::OwnershipOther => &self.ownership_other,
            RowField::ProjectName => &self.project_name,
            RowField::TopicType => &self.topic_type,
            RowField::LeaderName => &self.leader_name,
            RowField::LeaderPhone => &self.leader_phone,
            RowField::Email => &self.email,
            RowField::Remarks => &self.remarks,
        }
    }

    /// A mutable reference to one field.
    pub fn get_mut(&mut self, field: RowField) -> &mut String {
        match field {
            RowField::UnitName => &mut self.unit_name,
            RowField::CreditCode => &mut self.credit_code,
            RowField::Industry => &mut self.industry,
            RowField::District => &mut self.district,
            RowField::Scale => &mut self.scale,
            RowField::Ownership => &mut self.ownership,
            RowField::OwnershipOther => &mut self.ownership_other,
            RowField::ProjectName => &mut self.project_name,
            RowField::TopicType => &mut self.topic_type,
            RowField::LeaderName => &mut self.leader_name,
            RowField::LeaderPhone => &mut self.leader_phone,
            RowField::Email => &mut self.email,
            RowField::Remarks => &mut self.remarks,
        }
    }

    /// True when the row holds no value (where it came from does not count: a blank imported row is blank).
    pub fn is_blank(&self) -> bool {
        RowField::ALL.iter().all(|f| self.get(*f).trim().is_empty())
    }
}

impl Source {
    /// True for a row typed in the page (it came from no file).
    pub fn is_typed(&self) -> bool {
        self.file.is_empty()
    }

    /// Where the row came from, in words for its block: `来自“甲公司.xlsx” 申报表 第5行`; `在本页填写` for a typed
    /// row. A sheet that only repeats the file's name (a .csv) is left out, a Word file's table is called 表格.
    pub fn label(&self) -> String {
        if self.is_typed() {
            return "在本页填写".to_string();
        }
        let mut out = format!("来自“{}”", self.file);
        if let Some(place) = self.place() {
            out.push(' ');
            out.push_str(place);
        }
        if self.row > 0 {
            out.push_str(&format!(" 第{}行", self.row));
        }
        out
    }

    /// The part of the file the row was on, when it says more than the file's name.
    fn place(&self) -> Option<&str> {
        let (stem, extension) = self.file.rsplit_once('.').unwrap_or((&self.file, ""));
        if extension.eq_ignore_ascii_case("docx") {
            return Some("表格");
        }
        let stem = stem.rsplit(['/', '\\']).next().unwrap_or(stem);
        (!self.sheet.is_empty() && self.sheet != stem).then_some(self.sheet.as_str())
    }
}

impl Declaration {
    /// The value of a table field.
    pub fn table_value(&self, field: TableField) -> &str {
        match field {
            TableField::Recommender => &self.recommender,
            TableField::RecommenderHead => &self.recommender_head,
            TableField::Filler => &self.filler,
            TableField::FillerPhone => &self.filler_phone,
            TableField::FillDate => &self.fill_date,
        }
    }

    /// A mutable reference to a table field.
    pub fn table_value_mut(&mut self, field: TableField) -> &mut String {
        match field {
            TableField::Recommender => &mut self.recommender,
            TableField::RecommenderHead => &mut self.recommender_head,
            TableField::Filler => &mut self.filler,
            TableField::FillerPhone => &mut self.filler_phone,
            TableField::FillDate => &mut self.fill_date,
        }
    }

    /// The value at a field reference, or `None` for a row index past the end.
    pub fn value(&self, field: FieldRef) -> Option<&str> {
        match field {
            FieldRef::Table(t) => Some(self.table_value(t)),
            FieldRef::Row(i, f) => self.rows.get(i).map(|r| r.get(f)),
        }
    }

    /// Sets the value at a field reference; returns false (and changes nothing) for a row past the end.
    pub fn set(&mut self, field: FieldRef, value: String) -> bool {
        match field {
            FieldRef::Table(t) => {
                *self.table_value_mut(t) = value;
                true
            }
            FieldRef::Row(i, f) => match self.rows.get_mut(i) {
                Some(r) => {
                    *r.get_mut(f) = value;
                    true
                }
                None => false,
            },
        }
    }

    /// True when nothing at all has been typed.
    pub fn is_empty(&self) -> bool {
        TableField::ALL.iter().all(|f| self.table_value(*f).trim().is_empty())
            && self.rows.iter().all(ProjectRow::is_blank)
    }

    /// A fresh id for a new row: one more than the largest in use.
    pub fn next_row_id(&self) -> u64 {
        self.rows.iter().map(|r| r.id).max().map_or(1, |m| m + 1)
    }
}
