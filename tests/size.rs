//! Tests of the 企业规模 calculator against the 2017 table (transcribed here independently of src/core/size.rs).

use proptest::prelude::*;
use shenbao::core::check::size::{classify, metrics_for, rule_for, Metric, SizeInput};
use shenbao::core::picklists::{INDUSTRIES, SCALES};

const BIG: &str = "大型企业";
const MID: &str = "中型企业";
const SMALL: &str = "小型企业";
const MICRO: &str = "微型企业";

/// One row group of the reference table: its name, a sample code, and per metric the lower bounds [大, 中, 小].
struct Group {
    name: &'static str,
    code: &'static str,
    x: Option<[f64; 3]>,
    y: Option<[f64; 3]>,
    z: Option<[f64; 3]>,
}

/// The table of enterprise-size-2017.md, typed in again.
const TABLE: &[Group] = &[
    Group { name: "农、林、牧、渔业", code: "01", x: None, y: Some([20000.0, 500.0, 50.0]), z: None },
    Group { name: "工业", code: "36", x: Some([1000.0, 300.0, 20.0]), y: Some([40000.0, 2000.0, 300.0]), z: None },
    Group {
        name: "建筑业", code: "47", x: None, y: Some([80000.0, 6000.0, 300.0]), z: Some([80000.0, 5000.0, 300.0])
    },
    Group { name: "批发业", code: "51", x: Some([200.0, 20.0, 5.0]), y: Some([40000.0, 5000.0, 1000.0]), z: None },
    Group { name: "零售业", code: "52", x: Some([300.0, 50.0, 10.0]), y: Some([20000.0, 500.0, 100.0]), z: None },
    Group {
        name: "交通运输业",
        code: "54",
        x: Some([1000.0, 300.0, 20.0]),
        y: Some([30000.0, 3000.0, 200.0]),
        z: None,
    },
    Group { name: "仓储业", code: "59", x: Some([200.0, 100.0, 20.0]), y: Some([30000.0, 1000.0, 100.0]), z: None },
    Group { name: "邮政业", code: "60", x: Some([1000.0, 300.0, 20.0]), y: Some([30000.0, 2000.0, 100.0]), z: None },
    Group {
        name: "住宿和餐饮业",
        code: "61",
        x: Some([300.0, 100.0, 10.0]),
        y: Some([10000.0, 2000.0, 100.0]),
        z: None,
    },
    Group {
        name: "信息传输业",
        code: "63",
        x: Some([2000.0, 100.0, 10.0]),
        y: Some([100000.0, 1000.0, 100.0]),
        z: None,
    },
    Group {
        name: "软件和信息技术服务业",
        code: "65",
        x: Some([300.0, 100.0, 10.0]),
        y: Some([10000.0, 1000.0, 50.0]),
        z: None,
    },
    Group {
        name: "房地产开发经营",
        code: "70",
        x: None,
        y: Some([200000.0, 1000.0, 100.0]),
        z: Some([10000.0, 5000.0, 2000.0]),
    },
    Group {
        name: "物业管理", code: "702", x: Some([1000.0, 300.0, 100.0]), y: Some([5000.0, 1000.0, 500.0]), z: None
    },
    Group {
        name: "租赁和商务服务业",
        code: "72",
        x: Some([300.0, 100.0, 10.0]),
        y: None,
        z: Some([120000.0, 8000.0, 100.0]),
    },
    Group { name: "其他未列明行业", code: "73", x: Some([300.0, 100.0, 10.0]), y: None, z: None },
];

impl Group {
    fn metrics(&self) -> Vec<(Metric, [f64; 3])> {
        let mut v = Vec::new();
        if let Some(b) = self.x {
            v.push((Metric::Employees, b));
        }
        if let Some(b) = self.y {
            v.push((Metric::Revenue, b));
        }
        if let Some(b) = self.z {
            v.push((Metric::Assets, b));
        }
        v
    }

    /// An input with every listed metric set to `f(bounds)`; unlisted metrics stay `None`.
    fn input(&self, f: impl Fn(Metric, [f64; 3]) -> f64) -> SizeInput {
        let mut input = SizeInput { industry: self.code.to_string(), ..Default::default() };
        for (m, b) in self.metrics() {
            set(&mut input, m, Some(f(m, b)));
        }
        input
    }
}

fn set(input: &mut SizeInput, m: Metric, v: Option<f64>) {
    match m {
        Metric::Employees => input.employees = v,
        Metric::Revenue => input.revenue_wan = v,
        Metric::Assets => input.assets_wan = v,
    }
}

/// "Just below" a bound: one person fewer, or one 元 (0.0001 万元) less.
fn below(m: Metric, b: f64) -> f64 {
    match m {
        Metric::Employees => b - 1.0,
        _ => b - 0.0001,
    }
}

fn input(code: &str, x: Option<f64>, y: Option<f64>, z: Option<f64>) -> SizeInput {
    SizeInput { industry: code.to_string(), employees: x, revenue_wan: y, assets_wan: z }
}

#[test]
fn worked_example_manufacturer_350_people_1500_wan_is_small() {
    let r = classify(&input("36", Some(350.0), Some(1500.0), None));
    assert_eq!(r.scale, Some(SMALL));
    assert_eq!(
        r.explanation,
        "工业：从业人员 350 人达到中型标准，但营业收入 1500 万元未达中型下限 2000 万元，下划一档为小型企业。"
    );
    assert!(r.missing.is_empty());
}

#[test]
fn every_group_is_selected_by_its_sample_code_and_asks_only_its_metrics() {
    for g in TABLE {
        let rule = rule_for(g.code).unwrap_or_else(|| panic!("{} has no rule", g.code));
        assert_eq!(rule.name, g.name, "code {}", g.code);
        let want: Vec<Metric> = g.metrics().into_iter().map(|(m, _)| m).collect();
        assert_eq!(metrics_for(g.code), want, "{}", g.name);
        let bounds: Vec<(Metric, [f64; 3])> = rule.bounds.to_vec();
        assert_eq!(bounds, g.metrics(), "bounds of {}", g.name);
    }
}

#[test]
fn every_group_at_each_lower_bound_and_just_below() {
    let classes = [BIG, MID, SMALL, MICRO];
    for g in TABLE {
        for level in 0..3 {
            // Every metric exactly at the lower bound of `level`: that class.
            let r = classify(&g.input(|_, b| b[level]));
            assert_eq!(r.scale, Some(classes[level]), "{} all at {}: {}", g.name, classes[level], r.explanation);
            // Every metric just below it: the next class down.
            let r = classify(&g.input(|m, b| below(m, b[level])));
            assert_eq!(r.scale, Some(classes[level + 1]), "{} all below {}: {}", g.name, classes[level], r.explanation);
            // Each metric alone just below the bound while the others are at it: one class down (下划一档).
            for (m, b) in g.metrics() {
                let mut inp = g.input(|_, b| b[level]);
                set(&mut inp, m, Some(below(m, b[level])));
                let r = classify(&inp);
                assert_eq!(
                    r.scale,
                    Some(classes[level + 1]),
                    "{}: only {} below {}: {}",
                    g.name,
                    m.label(),
                    classes[level],
                    r.explanation
                );
                assert!(r.explanation.starts_with(g.name), "{}", r.explanation);
            }
        }
        // Zero is valid and 微型.
        assert_eq!(classify(&g.input(|_, _| 0.0)).scale, Some(MICRO), "{} at zero", g.name);
        // Huge is 大型.
        assert_eq!(classify(&g.input(|_, _| 1e12)).scale, Some(BIG), "{} huge", g.name);
    }
}

#[test]
fn one_micro_metric_makes_micro_whatever_the_others() {
    for g in TABLE.iter().filter(|g| g.metrics().len() > 1) {
        for (m, b) in g.metrics() {
            let mut inp = g.input(|_, _| 1e12);
            set(&mut inp, m, Some(below(m, b[2])));
            let r = classify(&inp);
            assert_eq!(r.scale, Some(MICRO), "{}: {} micro, others huge: {}", g.name, m.label(), r.explanation);
            assert!(r.explanation.contains("逐档下划为微型企业"), "{}", r.explanation);
        }
    }
}

/// Industry code, 从业人员, 营业收入, 资产总额, expected class.
type Case = (&'static str, Option<f64>, Option<f64>, Option<f64>, &'static str);

#[test]
fn table_of_mixed_cases() {
    let cases: &[Case] = &[
        // 工业
        ("13", Some(1000.0), Some(40000.0), None, BIG),
        ("13", Some(999.0), Some(40000.0), None, MID),
        ("06", Some(1200.0), Some(1500.0), None, SMALL),
        ("44", Some(19.0), Some(50000.0), None, MICRO),
        ("46", Some(20.0), Some(300.0), None, SMALL),
        ("43", Some(300.0), Some(2000.0), None, MID),
        ("12", Some(300.0), Some(1999.99), None, SMALL),
        // 建筑业: Y and Z
        ("50", None, Some(6000.0), Some(5000.0), MID),
        ("50", None, Some(6000.0), Some(4999.0), SMALL),
        ("48", None, Some(100000.0), Some(299.0), MICRO),
        // 批发 / 零售
        ("51", Some(20.0), Some(5000.0), None, MID),
        ("51", Some(200.0), Some(4999.0), None, SMALL),
        ("52", Some(50.0), Some(500.0), None, MID),
        ("52", Some(9.0), Some(500.0), None, MICRO),
        // 交通运输 54–58, 仓储 59, 邮政 60
        ("58", Some(300.0), Some(3000.0), None, MID),
        ("56", Some(1000.0), Some(29999.0), None, MID),
        ("59", Some(100.0), Some(1000.0), None, MID),
        ("59", Some(99.0), Some(1000.0), None, SMALL),
        ("60", Some(300.0), Some(2000.0), None, MID),
        ("60", Some(300.0), Some(99.0), None, MICRO),
        // 住宿 61, 餐饮 62
        ("62", Some(100.0), Some(2000.0), None, MID),
        ("62", Some(300.0), Some(10000.0), None, BIG),
        // 信息传输 63, 64; 软件 65
        ("64", Some(2000.0), Some(100000.0), None, BIG),
        ("64", Some(1999.0), Some(100000.0), None, MID),
        ("65", Some(10.0), Some(50.0), None, SMALL),
        ("65", Some(10.0), Some(49.0), None, MICRO),
        // 房地产: 70 read as 开发经营; 702 物业管理; 703/709 其他未列明
        ("70", None, Some(1000.0), Some(5000.0), MID),
        ("7010", None, Some(200000.0), Some(10000.0), BIG),
        ("702", Some(300.0), Some(1000.0), None, MID),
        ("7020", Some(300.0), Some(999.0), None, SMALL),
        ("703", Some(100.0), None, None, MID),
        ("709", Some(9.0), None, None, MICRO),
        // 租赁和商务服务 L: X and Z
        ("71", Some(100.0), None, Some(8000.0), MID),
        ("72", Some(100.0), None, Some(7999.0), SMALL),
        // 其他未列明: X only, revenue ignored
        ("53", Some(300.0), None, None, BIG),
        ("53", Some(299.0), Some(1e9), None, MID),
        ("66", Some(10.0), None, None, SMALL),
        ("85", Some(9.0), None, None, MICRO),
        ("97", Some(100.0), None, None, MID),
        // 农林牧渔 A: Y only
        ("05", None, Some(20000.0), None, BIG),
        ("03", Some(5.0), Some(499.0), None, SMALL),
        ("04", None, Some(49.0), None, MICRO),
    ];
    for &(code, x, y, z, want) in cases {
        let r = classify(&input(code, x, y, z));
        assert_eq!(r.scale, Some(want), "{code} {x:?} {y:?} {z:?}: {}", r.explanation);
        assert!(r.missing.is_empty());
        assert!(r.explanation.ends_with('。'), "{}", r.explanation);
    }
}

#[test]
fn every_division_maps_to_the_intended_group() {
    let group_of = |code: &str| -> &str {
        let n: u32 = code.parse().unwrap();
        match n {
            1..=5 => "农、林、牧、渔业",
            6..=46 => "工业",
            47..=50 => "建筑业",
            51 => "批发业",
            52 => "零售业",
            54..=58 => "交通运输业",
            59 => "仓储业",
            60 => "邮政业",
            61 | 62 => "住宿和餐饮业",
            63 | 64 => "信息传输业",
            65 => "软件和信息技术服务业",
            70 => "房地产开发经营",
            71 | 72 => "租赁和商务服务业",
            _ => "其他未列明行业",
        }
    };
    for ind in INDUSTRIES.iter() {
        let rule = rule_for(ind.code).unwrap_or_else(|| panic!("no rule for {}", ind.code));
        assert_eq!(rule.name, group_of(ind.code), "{} {}", ind.code, ind.name);
    }
}

#[test]
fn explanations_name_the_row_and_the_reason() {
    let r = classify(&input("36", Some(1200.0), Some(1500.0), None));
    assert_eq!(
        r.explanation,
        "工业：从业人员 1200 人达到大型标准，但营业收入 1500 万元未达中型下限 2000 万元，逐档下划为小型企业。"
    );
    let r = classify(&input("36", Some(350.0), Some(2500.0), None));
    assert_eq!(
        r.explanation,
        "工业：从业人员 350 人、营业收入 2500 万元均达到中型下限（300 人、2000 万元），为中型企业。"
    );
    let r = classify(&input("01", None, Some(30.0), None));
    assert_eq!(r.explanation, "农、林、牧、渔业：营业收入 30 万元低于小型下限 50 万元，为微型企业。");
    let r = classify(&input("70", None, Some(1000.0), Some(5000.0)));
    assert!(r.explanation.starts_with("房地产开发经营（行业代码 70 按房地产开发经营计"), "{}", r.explanation);
    let r = classify(&input("53", Some(50.0), None, None));
    assert!(r.explanation.contains("铁路运输业不适用交通运输业标准"), "{}", r.explanation);
}

#[test]
fn missing_inputs_are_listed_and_leave_the_class_undecided() {
    let r = classify(&input("36", None, None, None));
    assert_eq!(r.scale, None);
    assert_eq!(r.missing, vec!["从业人员", "营业收入"]);
    assert!(r.explanation.contains("需填写从业人员、营业收入"), "{}", r.explanation);

    let r = classify(&input("36", Some(350.0), None, None));
    assert_eq!(r.scale, None);
    assert_eq!(r.missing, vec!["营业收入"]);
    assert!(r.explanation.contains("至多为中型企业"), "{}", r.explanation);

    // Assets are not used for 工业: giving only assets still misses both.
    let r = classify(&input("36", None, None, Some(1e9)));
    assert_eq!(r.missing, vec!["从业人员", "营业收入"]);

    let r = classify(&input("47", Some(5000.0), Some(7000.0), None));
    assert_eq!(r.scale, None);
    assert_eq!(r.missing, vec!["资产总额"]);
}

#[test]
fn a_known_micro_metric_decides_even_with_another_missing() {
    let r = classify(&input("36", Some(5.0), None, None));
    assert_eq!(r.scale, Some(MICRO));
    assert!(r.missing.is_empty());
    assert!(r.explanation.contains("营业收入不影响结果"), "{}", r.explanation);
}

#[test]
fn unknown_or_empty_industry() {
    for code in ["", "  ", "00", "98", "99", "A", "3", "36x", "12345", "一二", "3 6"] {
        let r = classify(&input(code, Some(350.0), Some(1500.0), Some(1.0)));
        assert_eq!(r.scale, None, "{code:?}");
        assert_eq!(r.missing, vec!["所属行业"], "{code:?}");
        assert!(metrics_for(code).is_empty(), "{code:?}");
    }
    // Blanks and full-width digits are tolerated.
    assert_eq!(classify(&input(" 36 ", Some(350.0), Some(1500.0), None)).scale, Some(SMALL));
    assert_eq!(classify(&input("３６", Some(350.0), Some(1500.0), None)).scale, Some(SMALL));
}

#[test]
fn garbage_numbers_count_as_missing_and_are_called_invalid() {
    for bad in [-1.0, -0.0001, f64::NAN, f64::INFINITY, f64::NEG_INFINITY, f64::MIN] {
        let r = classify(&input("36", Some(bad), Some(1500.0), None));
        assert_eq!(r.scale, None, "{bad}");
        assert_eq!(r.missing, vec!["从业人员"], "{bad}");
        assert!(r.explanation.contains("从业人员的数值无效"), "{bad}: {}", r.explanation);
    }
    // An invalid figure next to a 微型 one: still 微型, and still reported as invalid.
    let r = classify(&input("36", Some(f64::NAN), Some(10.0), None));
    assert_eq!(r.scale, Some(MICRO));
    assert!(r.explanation.contains("从业人员的数值无效"), "{}", r.explanation);
    // -0 is zero.
    let r = classify(&input("73", Some(-0.0), None, None));
    assert_eq!(r.scale, Some(MICRO));
    assert!(!r.explanation.contains("-0"), "{}", r.explanation);
}

fn any_f64() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![
        Just(None),
        prop::num::f64::ANY.prop_map(Some),
        (0.0..300000.0f64).prop_map(Some),
        (0u32..3000).prop_map(|v| Some(v as f64)),
    ]
}

fn any_code() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(INDUSTRIES.iter().map(|i| i.code.to_string()).collect::<Vec<_>>()),
        "70[0-9]{0,2}",
        "\\PC{0,6}",
        ".*",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn classify_never_panics_and_is_consistent(code in any_code(), x in any_f64(), y in any_f64(), z in any_f64()) {
        let inp = input(&code, x, y, z);
        let r = classify(&inp);
        if let Some(s) = r.scale {
            prop_assert!(SCALES[..4].contains(&s));
            prop_assert!(r.missing.is_empty());
        } else {
            prop_assert!(!r.missing.is_empty());
        }
        prop_assert!(!r.explanation.is_empty());
        prop_assert!(r.explanation.ends_with('。'));
        let metrics = metrics_for(&code);
        if !metrics.is_empty() {
            for m in &r.missing {
                prop_assert!(metrics.iter().any(|k| k.label() == *m));
            }
        }
        prop_assert_eq!(classify(&inp), r);
    }

    #[test]
    fn more_never_makes_smaller(code in prop::sample::select(INDUSTRIES.iter().map(|i| i.code).collect::<Vec<_>>()),
                                x in 0.0..5000.0f64, y in 0.0..300000.0f64, z in 0.0..300000.0f64,
                                dx in 0.0..5000.0f64, dy in 0.0..300000.0f64, dz in 0.0..300000.0f64) {
        let rank = |s: Option<&str>| SCALES.iter().position(|c| Some(*c) == s).unwrap();
        let a = classify(&input(code, Some(x), Some(y), Some(z)));
        let b = classify(&input(code, Some(x + dx), Some(y + dy), Some(z + dz)));
        prop_assert!(rank(b.scale) <= rank(a.scale), "{} / {}", a.explanation, b.explanation);
    }
}

#[test]
fn figures_in_the_explanation_read_as_people_write_them() {
    let said = |revenue: f64| classify(&input("36", Some(350.0), Some(revenue), None)).explanation;
    assert!(said(1500.5).contains("营业收入 1500.5 万元"), "{}", said(1500.5));
    assert!(said(1999.99995).contains("营业收入 2000 万元"), "rounded to four decimals: {}", said(1999.99995));
    assert!(said(0.12345).contains("营业收入 0.1235 万元"), "{}", said(0.12345));
    assert!(said(1500.05).contains("营业收入 1500.05 万元"), "{}", said(1500.05));
    assert!(said(0.0).contains("营业收入 0 万元"), "{}", said(0.0));
    assert!(!said(12_000_000_000.0).contains('e'), "no exponent: {}", said(12_000_000_000.0));
}

#[test]
fn typed_figures_read_as_plain_decimal_numbers() {
    use shenbao::core::check::size::figure_text;
    for (typed, read) in [
        ("1500", "1500"),
        (" 1,500.5 ", "1500.5"),
        ("１，５００．５", "1500.5"),
        ("1 500", "1500"),
        (".5", ".5"),
        ("5.", "5."),
        ("-3", "-3"),
        ("+2e3", "+2e3"),
        ("2E-1", "2E-1"),
    ] {
        assert_eq!(figure_text(typed).as_deref(), Some(read), "{typed:?}");
        assert!(read.parse::<f64>().is_ok(), "what the browser's parseFloat reads whole: {read}");
    }
    for typed in ["", " ", ".", "-", "1.2.3", "12abc", "abc", "1e", "1e+", "inf", "NaN", "0x10", "1-2", "e5", "十"] {
        assert_eq!(figure_text(typed), None, "{typed:?}");
    }
}
