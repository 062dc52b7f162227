//! Benchmarks of the pure core (see BENCHMARKS.md): re-judging one edited field and the whole table at 1000 rows.
//!
//! Run: `cargo bench --bench core_bench`. Prints medians (and p90) over many iterations, measured with
//! `std::time::Instant`; not a timed test, nothing here fails on a slow machine.

mod common;

use std::sync::Arc;
use std::time::Duration;

use shenbao::core::check::cross::{cross_keys, CrossIndex};
use shenbao::core::check::normalize::{comparison_key, comparison_key_cow, credit_code_key};
use shenbao::core::check::rules::{check_cross_rows, check_declaration, check_row, check_table_fields};
use shenbao::core::check::uscc::{check_character, org_check_character};
use shenbao::core::model::{Declaration, ProjectRow};
use shenbao::core::picklists::{DISTRICTS, DIVISIONS, INDUSTRIES};

const ROWS: usize = 1000;

/// A deterministic generator, so every run judges the same table.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A realistic table: ~300 enterprises and a few hospitals with one to five projects each, valid credit codes for
/// their districts (historic codes included), mobiles and landlines, QQ and company e-mails, a sprinkling of typos.
fn declaration() -> Declaration {
    let mut rng = Lcg(20210309);
    let cs: Vec<char> = "0123456789ABCDEFGHJKLMNPQRTUWXY".chars().collect();
    let verbs = ["提高", "降低", "缩短", "减少", "攻克", "优化", "研制"];
    let objects = [
        "齿轮箱装配一次合格率",
        "焊接返修率",
        "注塑件缩痕缺陷",
        "门诊患者候诊时间",
        "单位产品能耗",
        "涂装VOCs排放",
        "新型复合材料成型工艺",
    ];
    let mut rows = Vec::with_capacity(ROWS);
    let mut unit = 0;
    while rows.len() < ROWS {
        unit += 1;
        let div = DIVISIONS[rng.pick(24)];
        let hospital = rng.pick(20) == 0;
        let pair = if hospital { "12" } else { "91" };
        let mut org: String = (0..8).map(|_| cs[rng.pick(31)]).collect();
        org.push(org_check_character(&org).unwrap_or('0'));
        let first17 = format!("{pair}{}{org}", div.code);
        let mut code = format!("{first17}{}", check_character(&first17).unwrap_or('0'));
        if rng.pick(50) == 0 {
            code.replace_range(17.., "0"); // an occasional typo
        }
        let district = div.district.unwrap_or(DISTRICTS[0]).to_string();
        let name = format!("天津{}第{unit}号{}", &district, if hospital { "医院" } else { "科技有限公司" });
        for p in 0..=rng.pick(5) {
            let leader_phone = match rng.pick(4) {
                0 => format!("022-{}", 20000000 + rng.pick(70000000)),
                1 => format!("{}", 20000000 + rng.pick(70000000)),
                _ => format!("13{}", 100000000 + rng.pick(899999999)),
            };
            let email = match rng.pick(5) {
                0 => format!("{}@qq.con", 10000 + rng.pick(900000000)),
                1 | 2 => format!("{}@qq.com", 10000 + rng.pick(900000000)),
                _ => format!("quality{unit}@tjcompany{unit}.com.cn"),
            };
            rows.push(ProjectRow {
                id: rows.len() as u64 + 1,
                unit_name: name.clone(),
                credit_code: code.clone(),
                industry: if hospital { "84".into() } else { INDUSTRIES[12 + rng.pick(31)].code.into() },
                district: district.clone(),
                scale: if hospital {
                    "不适用".into()
                } else {
                    ["大型企业", "中型企业", "小型企业", "微型企业"][rng.pick(4)].into()
                },
                ownership: if hospital {
                    "事业单位".into()
                } else {
                    ["有限责任公司", "股份有限公司", "国有企业", "民营（私营）企业"][rng.pick(4)].into()
                },
                ownership_other: String::new(),
                project_name: format!(
                    "{}{}（第{p}期）",
                    verbs[rng.pick(verbs.len())],
                    objects[rng.pick(objects.len())]
                ),
                topic_type: ["问题解决型", "创新型"][rng.pick(2)].into(),
                leader_name: ["张伟", "王芳", "李娜", "刘洋", "陈静"][rng.pick(5)].into(),
                leader_phone,
                email,
                remarks: String::new(),
                ..ProjectRow::default()
            });
            if rows.len() == ROWS {
                break;
            }
        }
    }
    Declaration {
        recommender: "天津市武清区市场监督管理局".into(),
        recommender_head: "李四".into(),
        filler: "王五".into(),
        filler_phone: "022-29361296".into(),
        fill_date: "2021-04-12".into(),
        rows,
    }
}

/// The naive peer for the cross-row rules: every pair of rows compared, keys normalised on the fly each time.
fn naive_duplicate_scan(rows: &[ProjectRow]) -> usize {
    let mut hits = 0;
    for i in 0..rows.len() {
        for j in 0..i {
            let same_unit = comparison_key(&rows[i].unit_name) == comparison_key(&rows[j].unit_name);
            if same_unit && comparison_key(&rows[i].project_name) == comparison_key(&rows[j].project_name) {
                hits += 1;
            }
        }
    }
    hits
}

/// Runs `f` `n` times and returns (median, p90).
fn measure<T>(n: usize, f: impl FnMut() -> T) -> (Duration, Duration) {
    let times = common::timed(n, n.min(20), f);
    (times[n / 2], times[(n * 9 / 10).min(n - 1)])
}

fn show(name: &str, n: usize, (median, p90): (Duration, Duration)) {
    println!(
        "{name:<62} median {:>10.1} µs   p90 {:>10.1} µs   ({n} runs)",
        median.as_secs_f64() * 1e6,
        p90.as_secs_f64() * 1e6
    );
}

fn main() {
    let decl = declaration();
    let report = check_declaration(&decl);
    println!(
        "table: {} rows, {} findings ({} errors, {} warnings)",
        decl.rows.len(),
        report.findings.len(),
        report.error_count(),
        report.warning_count()
    );

    let edited = 500;
    let n = 2000;
    show("check_row (one row, after one field edit)", n, measure(n, || check_row(edited, &decl.rows[edited])));
    show("check_table_fields", n, measure(n, || check_table_fields(&decl)));
    show("check_cross_rows (1000 rows)", n, measure(n, || check_cross_rows(&decl.rows)));
    show(
        "  of which: computing the comparison keys",
        n,
        measure(n, || {
            decl.rows
                .iter()
                .map(|r| {
                    comparison_key_cow(&r.unit_name).len()
                        + credit_code_key(&r.credit_code).len()
                        + comparison_key_cow(&r.project_name).len()
                })
                .sum::<usize>()
        }),
    );
    show(
        "(a) one field edit: check_row + check_cross_rows + table fields",
        n,
        measure(n, || {
            let a = check_row(edited, &decl.rows[edited]);
            let b = check_cross_rows(&decl.rows);
            let c = check_table_fields(&decl);
            a.len() + b.len() + c.len()
        }),
    );
    // What the form does per keystroke since the cross-row index: the edited row's keys change (here they alternate
    // between another project name and the row's own), and only the rows the index names are judged again.
    let mut index = CrossIndex::new(decl.rows.iter().map(|r| Arc::new(cross_keys(r))).collect());
    let (own, other) = (cross_keys(&decl.rows[edited]), {
        let mut r = decl.rows[edited].clone();
        r.project_name.push_str("二期");
        cross_keys(&r)
    });
    let mut flip = false;
    show(
        "(a') one field edit, as the form does it: check_row + CrossIndex::set + the touched rows' findings + table fields",
        n,
        measure(n, || {
            flip = !flip;
            let keys = Arc::new(if flip { other.clone() } else { own.clone() });
            let a = check_row(edited, &decl.rows[edited]);
            let b: usize = index.set(edited, keys).into_iter().map(|i| index.findings(i).len()).sum();
            let c = check_table_fields(&decl);
            a.len() + b + c.len()
        }),
    );
    let n = 200;
    show("(b) check_declaration (1000 rows)", n, measure(n, || check_declaration(&decl)));

    // Yardsticks, in the same run.
    let json = serde_json::to_string(&decl).unwrap_or_default();
    show(
        "yardstick: serde_json round-trip of the table",
        n,
        measure(n, || serde_json::from_str::<Declaration>(&serde_json::to_string(&decl).unwrap_or_default()).ok()),
    );
    println!("  (table as JSON: {} KB)", json.len() / 1024);
    let n = 5;
    show("yardstick: naive O(n²) duplicate scan (1000 rows)", n, measure(n, || naive_duplicate_scan(&decl.rows)));
}
