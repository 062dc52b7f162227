//! Pick-lists compiled in from the standards: GB/T 4754-2017 industries, Tianjin districts, 企业规模, 企业性质, 课题类型.

/// A GB/T 4754-2017 门类 (section).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Section {
    pub code: char,
    pub name: &'static str,
}
/// A GB/T 4754-2017 大类 (division): the value of the `industry` control is its two-digit `code`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Industry {
    pub code: &'static str,
    pub name: &'static str,
    pub section: char,
}
/// The 20 门类 of GB/T 4754-2017, in order.
pub const SECTIONS: [Section; 20] = [
    Section { code: 'A', name: "农、林、牧、渔业" },
    Section { code: 'B', name: "采矿业" },
    Section { code: 'C', name: "制造业" },
    Section { code: 'D', name: "电力、热力、燃气及水生产和供应业" },
    Section { code: 'E', name: "建筑业" },
    Section { code: 'F', name: "批发和零售业" },
    Section { code: 'G', name: "交通运输、仓储和邮政业" },
    Section { code: 'H', name: "住宿和餐饮业" },
    Section { code: 'I', name: "信息传输、软件和信息技术服务业" },
    Section { code: 'J', name: "金融业" },
    Section { code: 'K', name: "房地产业" },
    Section { code: 'L', name: "租赁和商务服务业" },
    Section { code: 'M', name: "科学研究和技术服务业" },
    Section { code: 'N', name: "水利、环境和公共设施管理业" },
    Section { code: 'O', name: "居民服务、修理和其他服务业" },
    Section { code: 'P', name: "教育" },
    Section { code: 'Q', name: "卫生和社会工作" },
    Section { code: 'R', name: "文化、体育和娱乐业" },
    Section { code: 'S', name: "公共管理、社会保障和社会组织" },
    Section { code: 'T', name: "国际组织" },
];

/// The 97 大类 of GB/T 4754-2017, in code order.
pub const INDUSTRIES: [Industry; 97] = [
    Industry { code: "01", name: "农业", section: 'A' },
    Industry { code: "02", name: "林业", section: 'A' },
    Industry { code: "03", name: "畜牧业", section: 'A' },
    Industry { code: "04", name: "渔业", section: 'A' },
    Industry { code: "05", name: "农、林、牧、渔专业及辅助性活动", section: 'A' },
    Industry { code: "06", name: "煤炭开采和洗选业", section: 'B' },
    Industry { code: "07", name: "石油和天然气开采业", section: 'B' },
    Industry { code: "08", name: "黑色金属矿采选业", section: 'B' },
    Industry { code: "09", name: "有色金属矿采选业", section: 'B' },
    Industry { code: "10", name: "非金属矿采选业", section: 'B' },
    Industry { code: "11", name: "开采专业及辅助性活动", section: 'B' },
    Industry { code: "12", name: "其他采矿业", section: 'B' },
    Industry { code: "13", name: "农副食品加工业", section: 'C' },
    Industry { code: "14", name: "食品制造业", section: 'C' },
    Industry { code: "15", name: "酒、饮料和精制茶制造业", section: 'C' },
    Industry { code: "16", name: "烟草制品业", section: 'C' },
    Industry { code: "17", name: "纺织业", section: 'C' },
    Industry { code: "18", name: "纺织服装、服饰业", section: 'C' },
    Industry { code: "19", name: "皮革、毛皮、羽毛及其制品和制鞋业", section: 'C' },
    Industry { code: "20", name: "木材加工和木、竹、藤、棕、草制品业", section: 'C' },
    Industry { code: "21", name: "家具制造业", section: 'C' },
    Industry { code: "22", name: "造纸和纸制品业", section: 'C' },
    Industry { code: "23", name: "印刷和记录媒介复制业", section: 'C' },
    Industry { code: "24", name: "文教、工美、体育和娱乐用品制造业", section: 'C' },
    Industry { code: "25", name: "石油、煤炭及其他燃料加工业", section: 'C' },
    Industry { code: "26", name: "化学原料和化学制品制造业", section: 'C' },
    Industry { code: "27", name: "医药制造业", section: 'C' },
    Industry { code: "28", name: "化学纤维制造业", section: 'C' },
    Industry { code: "29", name: "橡胶和塑料制品业", section: 'C' },
    Industry { code: "30", name: "非金属矿物制品业", section: 'C' },
    Industry { code: "31", name: "黑色金属冶炼和压延加工业", section: 'C' },
    Industry { code: "32", name: "有色金属冶炼和压延加工业", section: 'C' },
    Industry { code: "33", name: "金属制品业", section: 'C' },
    Industry { code: "34", name: "通用设备制造业", section: 'C' },
    Industry { code: "35", name: "专用设备制造业", section: 'C' },
    Industry { code: "36", name: "汽车制造业", section: 'C' },
    Industry { code: "37", name: "铁路、船舶、航空航天和其他运输设备制造业", section: 'C' },
    Industry { code: "38", name: "电气机械和器材制造业", section: 'C' },
    Industry { code: "39", name: "计算机、通信和其他电子设备制造业", section: 'C' },
    Industry { code: "40", name: "仪器仪表制造业", section: 'C' },
    Industry { code: "41", name: "其他制造业", section: 'C' },
    Industry { code: "42", name: "废弃资源综合利用业", section: 'C' },
    Industry { code: "43", name: "金属制品、机械和设备修理业", section: 'C' },
    Industry { code: "44", name: "电力、热力生产和供应业", section: 'D' },
    Industry { code: "45", name: "燃气生产和供应业", section: 'D' },
    Industry { code: "46", name: "水的生产和供应业", section: 'D' },
    Industry { code: "47", name: "房屋建筑业", section: 'E' },
    Industry { code: "48", name: "土木工程建筑业", section: 'E' },
    Industry { code: "49", name: "建筑安装业", section: 'E' },
    Industry { code: "50", name: "建筑装饰、装修和其他建筑业", section: 'E' },
    Industry { code: "51", name: "批发业", section: 'F' },
    Industry { code: "52", name: "零售业", section: 'F' },
    Industry { code: "53", name: "铁路运输业", section: 'G' },
    Industry { code: "54", name: "道路运输业", section: 'G' },
    Industry { code: "55", name: "水上运输业", section: 'G' },
    Industry { code: "56", name: "航空运输业", section: 'G' },
    Industry { code: "57", name: "管道运输业", section: 'G' },
    Industry { code: "58", name: "多式联运和运输代理业", section: 'G' },
    Industry { code: "59", name: "装卸搬运和仓储业", section: 'G' },
    Industry { code: "60", name: "邮政业", section: 'G' },
    Industry { code: "61", name: "住宿业", section: 'H' },
    Industry { code: "62", name: "餐饮业", section: 'H' },
    Industry { code: "63", name: "电信、广播电视和卫星传输服务", section: 'I' },
    Industry { code: "64", name: "互联网和相关服务", section: 'I' },
    Industry { code: "65", name: "软件和信息技术服务业", section: 'I' },
    Industry { code: "66", name: "货币金融服务", section: 'J' },
    Industry { code: "67", name: "资本市场服务", section: 'J' },
    Industry { code: "68", name: "保险业", section: 'J' },
    Industry { code: "69", name: "其他金融业", section: 'J' },
    Industry { code: "70", name: "房地产业", section: 'K' },
    Industry { code: "71", name: "租赁业", section: 'L' },
    Industry { code: "72", name: "商务服务业", section: 'L' },
    Industry { code: "73", name: "研究和试验发展", section: 'M' },
    Industry { code: "74", name: "专业技术服务业", section: 'M' },
    Industry { code: "75", name: "科技推广和应用服务业", section: 'M' },
    Industry { code: "76", name: "水利管理业", section: 'N' },
    Industry { code: "77", name: "生态保护和环境治理业", section: 'N' },
    Industry { code: "78", name: "公共设施管理业", section: 'N' },
    Industry { code: "79", name: "土地管理业", section: 'N' },
    Industry { code: "80", name: "居民服务业", section: 'O' },
    Industry { code: "81", name: "机动车、电子产品和日用产品修理业", section: 'O' },
    Industry { code: "82", name: "其他服务业", section: 'O' },
    Industry { code: "83", name: "教育", section: 'P' },
    Industry { code: "84", name: "卫生", section: 'Q' },
    Industry { code: "85", name: "社会工作", section: 'Q' },
    Industry { code: "86", name: "新闻和出版业", section: 'R' },
    Industry { code: "87", name: "广播、电视、电影和录音制作业", section: 'R' },
    Industry { code: "88", name: "文化艺术业", section: 'R' },
    Industry { code: "89", name: "体育", section: 'R' },
    Industry { code: "90", name: "娱乐业", section: 'R' },
    Industry { code: "91", name: "中国共产党机关", section: 'S' },
    Industry { code: "92", name: "国家机构", section: 'S' },
    Industry { code: "93", name: "人民政协、民主党派", section: 'S' },
    Industry { code: "94", name: "社会保障", section: 'S' },
    Industry { code: "95", name: "群众团体、社会团体和其他成员组织", section: 'S' },
    Industry { code: "96", name: "基层群众自治组织及其他组织", section: 'S' },
    Industry { code: "97", name: "国际组织", section: 'T' },
];

/// The 16 districts of Tianjin today, in the order of their division codes.
pub const DISTRICTS: [&str; 16] = [
    "和平区",
    "河东区",
    "河西区",
    "南开区",
    "河北区",
    "红桥区",
    "东丽区",
    "西青区",
    "津南区",
    "北辰区",
    "武清区",
    "宝坻区",
    "滨海新区",
    "宁河区",
    "静海区",
    "蓟州区",
];

/// What a six-digit division code (positions 3–8 of a credit code) says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Division {
    pub code: &'static str,
    /// The name the code had when issued (e.g. `宝坻县`).
    pub name: &'static str,
    /// Today's district, or `None` for the municipal level (no district implied).
    pub district: Option<&'static str>,
    /// True for a code no longer issued (a historic county or district).
    pub historic: bool,
}

/// Tianjin's division codes, current and historic (`tianjin-division-codes.tsv`).
pub const DIVISIONS: [Division; 26] = [
    Division { code: "120101", name: "和平区", district: Some("和平区"), historic: false },
    Division { code: "120102", name: "河东区", district: Some("河东区"), historic: false },
    Division { code: "120103", name: "河西区", district: Some("河西区"), historic: false },
    Division { code: "120104", name: "南开区", district: Some("南开区"), historic: false },
    Division { code: "120105", name: "河北区", district: Some("河北区"), historic: false },
    Division { code: "120106", name: "红桥区", district: Some("红桥区"), historic: false },
    Division { code: "120110", name: "东丽区", district: Some("东丽区"), historic: false },
    Division { code: "120111", name: "西青区", district: Some("西青区"), historic: false },
    Division { code: "120112", name: "津南区", district: Some("津南区"), historic: false },
    Division { code: "120113", name: "北辰区", district: Some("北辰区"), historic: false },
    Division { code: "120114", name: "武清区", district: Some("武清区"), historic: false },
    Division { code: "120115", name: "宝坻区", district: Some("宝坻区"), historic: false },
    Division { code: "120116", name: "滨海新区", district: Some("滨海新区"), historic: false },
    Division { code: "120117", name: "宁河区", district: Some("宁河区"), historic: false },
    Division { code: "120118", name: "静海区", district: Some("静海区"), historic: false },
    Division { code: "120119", name: "蓟州区", district: Some("蓟州区"), historic: false },
    Division { code: "120107", name: "塘沽区", district: Some("滨海新区"), historic: true },
    Division { code: "120108", name: "汉沽区", district: Some("滨海新区"), historic: true },
    Division { code: "120109", name: "大港区", district: Some("滨海新区"), historic: true },
    Division { code: "120221", name: "宁河县", district: Some("宁河区"), historic: true },
    Division { code: "120222", name: "武清县", district: Some("武清区"), historic: true },
    Division { code: "120223", name: "静海县", district: Some("静海区"), historic: true },
    Division { code: "120224", name: "宝坻县", district: Some("宝坻区"), historic: true },
    Division { code: "120225", name: "蓟县", district: Some("蓟州区"), historic: true },
    Division { code: "120000", name: "天津市", district: None, historic: false },
    Division { code: "120100", name: "天津市市辖区", district: None, historic: false },
];

/// 企业规模 pick-list values.
pub const SCALES: [&str; 5] = ["大型企业", "中型企业", "小型企业", "微型企业", "不适用"];
/// The 企业规模 value for non-enterprises (事业单位, 社会团体 …).
pub const SCALE_NOT_APPLICABLE: &str = "不适用";

/// The 企业性质 value that opens a free-text box.
pub const OWNERSHIP_OTHER: &str = "其他（请注明）";
/// 企业性质 pick-list values.
pub const OWNERSHIPS: [&str; 13] = [
    "国有企业",
    "国有控股企业",
    "集体企业",
    "民营（私营）企业",
    "股份有限公司",
    "有限责任公司",
    "港澳台商投资企业",
    "外商投资企业",
    "中外合资经营企业",
    "事业单位",
    "社会团体",
    "民办非企业单位",
    OWNERSHIP_OTHER,
];
/// 企业性质 as people write it in their own tables, and the list's entry it means (only names with one meaning:
/// `国有` alone could be 国有企业 or 国有控股企业 and is left to the rule).
pub const OWNERSHIP_ALIASES: [(&str, &str); 20] = [
    ("民营企业", "民营（私营）企业"),
    ("私营企业", "民营（私营）企业"),
    ("民营", "民营（私营）企业"),
    ("私营", "民营（私营）企业"),
    ("民企", "民营（私营）企业"),
    ("私企", "民营（私营）企业"),
    ("私营（民营）企业", "民营（私营）企业"),
    ("国企", "国有企业"),
    ("集体", "集体企业"),
    ("股份公司", "股份有限公司"),
    ("有限公司", "有限责任公司"),
    ("港澳台投资企业", "港澳台商投资企业"),
    ("港澳台资企业", "港澳台商投资企业"),
    ("外资企业", "外商投资企业"),
    ("外商独资企业", "外商投资企业"),
    ("外企", "外商投资企业"),
    ("中外合资企业", "中外合资经营企业"),
    ("合资企业", "中外合资经营企业"),
    ("社团", "社会团体"),
    ("民办非企业", "民办非企业单位"),
];

/// 企业性质 values that are not enterprises (企业规模 `不适用` fits them).
pub const NON_ENTERPRISE_OWNERSHIPS: [&str; 3] = ["事业单位", "社会团体", "民办非企业单位"];

/// A 课题类型 and what it means (T/CAQ 10201—2020).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TopicType {
    pub name: &'static str,
    pub definition: &'static str,
}

/// The two 课题类型 the form offers.
pub const TOPIC_TYPES: [TopicType; 2] = [
    TopicType {
        name: "问题解决型",
        definition: "针对已经发生的不合格或不满意的生产、服务或管理问题，用系统的方法加以改进（常见的有现场型、攻关型、管理型、服务型）。",
    },
    TopicType {
        name: "创新型",
        definition: "运用全新的思维和创新的方法，研制新产品、新工艺、新工具、新服务或新方法。",
    },
];

/// The 大类 with a two-digit code, if any.
pub fn industry_by_code(code: &str) -> Option<&'static Industry> {
    // INDUSTRIES is in code order (tests/picklists.rs checks it); the export looks up every row.
    INDUSTRIES.binary_search_by(|i| i.code.cmp(code)).ok().map(|at| &INDUSTRIES[at])
}

/// The 门类 with a letter, if any.
pub fn section_by_code(code: char) -> Option<&'static Section> {
    SECTIONS.iter().find(|s| s.code == code)
}

/// The 大类 of one 门类, in order.
pub fn industries_in(section: char) -> impl Iterator<Item = &'static Industry> {
    INDUSTRIES.iter().filter(move |i| i.section == section)
}

/// What a six-digit division code says, if it is one of Tianjin's.
pub fn division(code: &str) -> Option<&'static Division> {
    DIVISIONS.iter().find(|d| d.code == code)
}
