//! 企业规模 calculator: the 2017 statistical size classes (国统字〔2017〕213号) from employees, revenue and assets.
//!
//! # How the table is read
//!
//! Each industry row of the table lists one or two metrics (X 从业人员, Y 营业收入, Z 资产总额) with a lower
//! bound for 大型, 中型 and 小型; a range "a–b" means `a ≤ v < b`, so a value exactly at a lower bound
//! meets it. The rule is
//!
//! > 大型、中型和小型企业须同时满足所列指标的下限，否则下划一档；微型企业只须满足所列指标中的一项即可。
//!
//! Interpretation used here (and exercised by `tests/size.rs`):
//!
//! 1. For every listed metric, find the highest class whose lower bound it meets (微型 when it is below
//!    小型's lower bound).
//! 2. Start at the highest class any metric reaches. If some listed metric misses that class's lower bound,
//!    drop one class (下划一档) and test again, until every listed metric meets the class's lower bound.
//!    The result is therefore the *lowest* of the per-metric classes.
//! 3. 小型 itself needs every metric at or above 小型's lower bound; otherwise it drops to 微型. That is what
//!    "微型企业只须满足所列指标中的一项即可" says: one metric in the 微型 column (below 小型's bound) is
//!    enough to make the enterprise 微型, whatever the other metrics are.
//!
//! Worked example (from the reference): a manufacturer with 350 employees (中型 on X) and 1500 万元 revenue
//! (小型 on Y: ≥300 but <2000) misses 中型's revenue bound, drops one class and is 小型.
//!
//! # Missing and invalid inputs
//!
//! Negative, NaN and infinite numbers are invalid and count as missing (the explanation says so). Because
//! the result is the minimum over the listed metrics, a known metric that is already 微型 decides the
//! class even when another metric is missing; otherwise a missing metric leaves the class undecided
//! (`scale == None`) and the explanation says the highest class still possible. Invariant: for a known
//! industry, `missing` is non-empty exactly when `scale` is `None`.
//!
//! # Industry codes
//!
//! `industry` is the GB/T 4754-2017 大类 code (two digits). Longer codes (3-digit 中类, 4-digit 小类) are
//! accepted and only their first two digits matter — except for 70 房地产业, which the table splits:
//! `701`/`7010` 房地产开发经营, `702`/`7020` 物业管理, any other `70x` 其他未列明行业. The bare code `70`
//! (all the form's pick-list offers) is read as 房地产开发经营 and the explanation says so; a caller that
//! knows better may pass `702` etc. 53 铁路运输业 is not in the 交通运输业 row and falls to 其他未列明行业.
//! Every division not named by the table (J, M, N, O, P, Q, R, S, T …) uses 其他未列明行业 (X only).

use crate::core::picklists::{industry_by_code, SCALES};

/// One of the table's three metrics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Metric {
    /// X 从业人员 (人)
    Employees,
    /// Y 营业收入 (万元)
    Revenue,
    /// Z 资产总额 (万元)
    Assets,
}

impl Metric {
    /// The Chinese name, as used in `SizeResult::missing` and the explanation.
    pub fn label(self) -> &'static str {
        match self {
            Metric::Employees => "从业人员",
            Metric::Revenue => "营业收入",
            Metric::Assets => "资产总额",
        }
    }

    /// The unit the table uses for the metric.
    pub fn unit(self) -> &'static str {
        match self {
            Metric::Employees => "人",
            Metric::Revenue | Metric::Assets => "万元",
        }
    }

    /// The value of this metric in an input.
    fn value(self, input: &SizeInput) -> Option<f64> {
        match self {
            Metric::Employees => input.employees,
            Metric::Revenue => input.revenue_wan,
            Metric::Assets => input.assets_wan,
        }
    }
}

/// One row group of the table: an industry and its metrics with the lower bounds of 大型, 中型, 小型.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SizeRule {
    /// The row's name, e.g. `工业`.
    pub name: &'static str,
    /// Each metric with its lower bounds `[大型, 中型, 小型]`; below the 小型 bound is 微型.
    pub bounds: &'static [(Metric, [f64; 3])],
}

use Metric::{Assets as Z, Employees as X, Revenue as Y};

const AGRICULTURE: SizeRule = SizeRule { name: "农、林、牧、渔业", bounds: &[(Y, [20000.0, 500.0, 50.0])] };
const INDUSTRY: SizeRule =
    SizeRule { name: "工业", bounds: &[(X, [1000.0, 300.0, 20.0]), (Y, [40000.0, 2000.0, 300.0])] };
const CONSTRUCTION: SizeRule =
    SizeRule { name: "建筑业", bounds: &[(Y, [80000.0, 6000.0, 300.0]), (Z, [80000.0, 5000.0, 300.0])] };
const WHOLESALE: SizeRule =
    SizeRule { name: "批发业", bounds: &[(X, [200.0, 20.0, 5.0]), (Y, [40000.0, 5000.0, 1000.0])] };
const RETAIL: SizeRule =
    SizeRule { name: "零售业", bounds: &[(X, [300.0, 50.0, 10.0]), (Y, [20000.0, 500.0, 100.0])] };
const TRANSPORT: SizeRule =
    SizeRule { name: "交通运输业", bounds: &[(X, [1000.0, 300.0, 20.0]), (Y, [30000.0, 3000.0, 200.0])] };
const WAREHOUSING: SizeRule =
    SizeRule { name: "仓储业", bounds: &[(X, [200.0, 100.0, 20.0]), (Y, [30000.0, 1000.0, 100.0])] };
const POSTAL: SizeRule =
    SizeRule { name: "邮政业", bounds: &[(X, [1000.0, 300.0, 20.0]), (Y, [30000.0, 2000.0, 100.0])] };
const HOTEL_CATERING: SizeRule =
    SizeRule { name: "住宿和餐饮业", bounds: &[(X, [300.0, 100.0, 10.0]), (Y, [10000.0, 2000.0, 100.0])] };
const INFO_TRANSMISSION: SizeRule =
    SizeRule { name: "信息传输业", bounds: &[(X, [2000.0, 100.0, 10.0]), (Y, [100000.0, 1000.0, 100.0])] };
const SOFTWARE: SizeRule = SizeRule {
    name: "软件和信息技术服务业",
    bounds: &[(X, [300.0, 100.0, 10.0]), (Y, [10000.0, 1000.0, 50.0])],
};
const REAL_ESTATE_DEV: SizeRule = SizeRule {
    name: "房地产开发经营",
    bounds: &[(Y, [200000.0, 1000.0, 100.0]), (Z, [10000.0, 5000.0, 2000.0])],
};
const PROPERTY_MGMT: SizeRule =
    SizeRule { name: "物业管理", bounds: &[(X, [1000.0, 300.0, 100.0]), (Y, [5000.0, 1000.0, 500.0])] };
const LEASING_BUSINESS: SizeRule =
    SizeRule { name: "租赁和商务服务业", bounds: &[(X, [300.0, 100.0, 10.0]), (Z, [120000.0, 8000.0, 100.0])] };
const OTHER: SizeRule = SizeRule { name: "其他未列明行业", bounds: &[(X, [300.0, 100.0, 10.0])] };

/// Which row an industry code selects, plus a note on any assumption made on the way.
struct Resolved {
    rule: &'static SizeRule,
    note: Option<&'static str>,
}

/// The code with surrounding blanks removed and full-width digits made ASCII.
fn clean_code(code: &str) -> String {
    code.trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// The table row for an industry code (2-digit 大类, or a longer code; see the module docs).
fn resolve(industry: &str) -> Option<Resolved> {
    let code = clean_code(industry);
    if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let division = industry_by_code(&code[..2])?;
    let plain = |rule: &'static SizeRule| Some(Resolved { rule, note: None });
    match (division.section, division.code) {
        ('A', _) => plain(&AGRICULTURE),
        ('B' | 'C' | 'D', _) => plain(&INDUSTRY),
        ('E', _) => plain(&CONSTRUCTION),
        (_, "51") => plain(&WHOLESALE),
        (_, "52") => plain(&RETAIL),
        (_, "53") => Some(Resolved { rule: &OTHER, note: Some("铁路运输业不适用交通运输业标准") }),
        (_, "54" | "55" | "56" | "57" | "58") => plain(&TRANSPORT),
        (_, "59") => plain(&WAREHOUSING),
        (_, "60") => plain(&POSTAL),
        (_, "61" | "62") => plain(&HOTEL_CATERING),
        (_, "63" | "64") => plain(&INFO_TRANSMISSION),
        (_, "65") => plain(&SOFTWARE),
        (_, "70") => match code.as_bytes().get(2) {
            None => Some(Resolved {
                rule: &REAL_ESTATE_DEV,
                note: Some("行业代码 70 按房地产开发经营计；物业管理、房地产中介等请按相应标准核对"),
            }),
            Some(b'1') => plain(&REAL_ESTATE_DEV),
            Some(b'2') => plain(&PROPERTY_MGMT),
            Some(_) => {
                Some(Resolved { rule: &OTHER, note: Some("房地产业中除开发经营、物业管理外的行业") })
            }
        },
        ('L', _) => plain(&LEASING_BUSINESS),
        _ => plain(&OTHER),
    }
}

/// The table row an industry code selects, or `None` for an unknown code.
pub fn rule_for(industry: &str) -> Option<&'static SizeRule> {
    resolve(industry).map(|r| r.rule)
}

/// Which of 从业人员 / 营业收入 / 资产总额 this industry's row uses, in the table's order (empty for an
/// unknown or empty industry code: choose the industry first).
pub fn metrics_for(industry: &str) -> Vec<Metric> {
    rule_for(industry).map(|r| r.bounds.iter().map(|(m, _)| *m).collect()).unwrap_or_default()
}

/// What the calculator needs: the industry and the three figures (any may be absent).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SizeInput {
    /// GB/T 4754-2017 大类 code from the form (two digits); `702` etc. also accepted (see the module docs).
    pub industry: String,
    /// 从业人员 (人)
    pub employees: Option<f64>,
    /// 营业收入 (万元)
    pub revenue_wan: Option<f64>,
    /// 资产总额 (万元)
    pub assets_wan: Option<f64>,
}

/// The calculator's answer.
#[derive(Clone, Debug, PartialEq)]
pub struct SizeResult {
    /// One of `picklists::SCALES[0..4]`, or `None` when the inputs do not decide the class.
    pub scale: Option<&'static str>,
    /// One Chinese sentence: which row of the table applied and why.
    pub explanation: String,
    /// The inputs this industry needs that are missing or invalid (labels such as `营业收入`; `所属行业`
    /// when the industry code is unknown). Empty whenever `scale` is `Some`.
    pub missing: Vec<&'static str>,
}

/// Class index: 0 大型, 1 中型, 2 小型, 3 微型 (the index into `SCALES`).
type Class = usize;

const CLASS_SHORT: [&str; 4] = ["大型", "中型", "小型", "微型"];

/// The class one metric value reaches on its own.
fn class_of(value: f64, bounds: &[f64; 3]) -> Class {
    bounds.iter().position(|b| value >= *b).unwrap_or(3)
}

/// A number as people write it: `350`, `1500.5`, rounded to four decimals (never `-0`, never an exponent).
/// Written with integers: Rust's float printing would add ~10 KB to the page for this one sentence.
fn fmt_num(v: f64) -> String {
    // Saturates for figures beyond any enterprise's (above ~1.8e15): those print as the largest such figure.
    let ten_thousandths = (v.abs() * 10_000.0).round() as u64;
    let (whole, frac) = (ten_thousandths / 10_000, ten_thousandths % 10_000);
    let sign = if v < 0.0 && ten_thousandths != 0 { "-" } else { "" };
    if frac == 0 {
        return format!("{sign}{whole}");
    }
    let digits = format!("{frac:04}");
    format!("{sign}{whole}.{}", digits.trim_end_matches('0'))
}

/// `营业收入 1500 万元`
fn fmt_value(metric: Metric, v: f64) -> String {
    format!("{} {} {}", metric.label(), fmt_num(v), metric.unit())
}

/// `2000 万元`
fn fmt_bound(metric: Metric, b: f64) -> String {
    format!("{} {}", fmt_num(b), metric.unit())
}

/// What a typed figure reads as, ready for a float parser (the page's is the browser's: Rust's would add ~15 KB to
/// its download): half-width, without thousands separators and spaces; `None` unless it is a plain decimal number
/// (`1500`, `1,500.5`, `１５００`, `.5`, `-3`, `2e3`).
pub fn figure_text(s: &str) -> Option<String> {
    let t = crate::core::check::normalize::to_half_width(s.trim()).replace([',', ' '], "");
    let b = t.as_bytes();
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let mut n = digits(&mut i);
    if b.get(i) == Some(&b'.') {
        i += 1;
        n += digits(&mut i);
    }
    if n == 0 {
        return None;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return None;
        }
    }
    (i == b.len()).then_some(t)
}

/// A valid figure: finite and not negative.
fn valid(v: f64) -> bool {
    v.is_finite() && v >= 0.0
}

/// Classifies an enterprise by the 2017 table; never panics (see the module docs for the reading of the rule).
pub fn classify(input: &SizeInput) -> SizeResult {
    let Some(resolved) = resolve(&input.industry) else {
        let code = input.industry.trim();
        let explanation = if code.is_empty() {
            "尚未选择所属行业，无法判定企业规模。".to_string()
        } else {
            format!("所属行业代码“{}”不是 GB/T 4754-2017 的大类代码，无法判定企业规模。", code)
        };
        return SizeResult { scale: None, explanation, missing: vec!["所属行业"] };
    };
    let rule = resolved.rule;
    let head = match resolved.note {
        Some(note) => format!("{}（{}）：", rule.name, note),
        None => format!("{}：", rule.name),
    };

    // Known metrics with their classes; missing and invalid ones.
    let mut known: Vec<(Metric, f64, &[f64; 3], Class)> = Vec::new();
    let mut missing: Vec<&'static str> = Vec::new();
    let mut invalid: Vec<&'static str> = Vec::new();
    for (metric, bounds) in rule.bounds {
        match metric.value(input) {
            Some(v) if valid(v) => known.push((*metric, v, bounds, class_of(v, bounds))),
            Some(_) => {
                invalid.push(metric.label());
                missing.push(metric.label());
            }
            None => missing.push(metric.label()),
        }
    }
    let invalid_note = if invalid.is_empty() {
        String::new()
    } else {
        format!("{}的数值无效（须为不小于 0 的有限数），按未填处理；", invalid.join("、"))
    };

    let lowest = known.iter().map(|k| k.3).max();
    let highest = known.iter().map(|k| k.3).min();

    // Undecided: something is missing and nothing known is already 微型.
    if !missing.is_empty() && lowest != Some(3) {
        let explanation = match lowest {
            None => format!("{head}{invalid_note}需填写{}后才能判定企业规模。", missing.join("、")),
            Some(best) => {
                let shown: Vec<String> = known.iter().map(|k| fmt_value(k.0, k.1)).collect();
                format!(
                    "{head}{invalid_note}缺少{}，无法判定；仅凭{}，至多为{}企业。",
                    missing.join("、"),
                    shown.join("、"),
                    CLASS_SHORT[best]
                )
            }
        };
        return SizeResult { scale: None, explanation, missing };
    }

    // Decided: the class is the lowest per-metric class (下划一档 until every metric meets the bound).
    let (Some(result), Some(top)) = (lowest, highest) else {
        // Unreachable: a rule always lists at least one metric, so decided means something is known.
        return SizeResult { scale: None, explanation: format!("{head}无法判定企业规模。"), missing };
    };
    let scale = SCALES[result];
    let low: Vec<_> = known.iter().filter(|k| k.3 == result).collect();
    let high: Vec<_> = known.iter().filter(|k| k.3 < result).collect();

    let body = if !missing.is_empty() {
        // Decided by a 微型 metric although another is missing: one 微型 metric is enough.
        let shown: Vec<String> =
            low.iter().map(|k| format!("{}低于小型下限 {}", fmt_value(k.0, k.1), fmt_bound(k.0, k.2[2]))).collect();
        format!("{}，为微型企业（微型企业只须满足一项指标，{}不影响结果）", shown.join("、"), missing.join("、"))
    } else if high.is_empty() {
        let values: Vec<String> = low.iter().map(|k| fmt_value(k.0, k.1)).collect();
        let (verb, idx) = if result == 3 { ("低于", 2) } else { ("达到", result) };
        let bounds: Vec<String> = low.iter().map(|k| fmt_bound(k.0, k.2[idx])).collect();
        let all = if low.len() > 1 { "均" } else { "" };
        let bounds = if low.len() > 1 { format!("（{}）", bounds.join("、")) } else { format!(" {}", bounds[0]) };
        format!(
            "{}{all}{verb}{}下限{bounds}，为{}",
            values.join("、"),
            CLASS_SHORT[if result == 3 { 2 } else { result }],
            scale
        )
    } else {
        let highs: Vec<String> =
            high.iter().map(|k| format!("{}达到{}标准", fmt_value(k.0, k.1), CLASS_SHORT[k.3])).collect();
        // The class just above the result is the first one the low metrics miss.
        let missed = result - 1;
        let lows: Vec<String> = low
            .iter()
            .map(|k| format!("{}未达{}下限 {}", fmt_value(k.0, k.1), CLASS_SHORT[missed], fmt_bound(k.0, k.2[missed])))
            .collect();
        let how = if top + 1 == result { "下划一档为" } else { "逐档下划为" };
        format!("{}，但{}，{how}{}", highs.join("、"), lows.join("、"), scale)
    };
    SizeResult { scale: Some(scale), explanation: format!("{head}{invalid_note}{body}。"), missing: Vec::new() }
}
