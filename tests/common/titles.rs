//! A deterministic generator of earlier projects and titles, for the index tests and the benchmarks
//! (`#[path]`-included by `tests/history_index.rs` and `benches/history_bench.rs`).

#![allow(dead_code)]

use shenbao::core::history::index::Earlier;

/// A linear congruential generator: every run makes the same corpus.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

const VERBS: [&str; 8] = ["提高", "降低", "提升", "减少", "缩短", "改善", "优化", "攻克"];
const PREFIXES: [&str; 6] = ["", "", "", "基于六西格玛的", "运用QC方法", "数字化"];
/// Objects are a material or a department and a part or a process: 24 × 30 of them.
const MATERIALS: [&str; 24] = [
    "铝合金",
    "铸铁",
    "不锈钢",
    "塑料",
    "橡胶",
    "玻璃",
    "陶瓷",
    "复合材料",
    "钛合金",
    "铜",
    "汽车",
    "电梯",
    "风电",
    "光伏",
    "锂电池",
    "乳制品",
    "药品",
    "医用",
    "门诊",
    "住院",
    "急诊",
    "港口",
    "地铁",
    "输电",
];
const PARTS: [&str; 30] = [
    "转向节铸件",
    "齿轮箱装配",
    "注塑件",
    "贴片焊接",
    "冲压件",
    "轮毂涂装",
    "变压器",
    "极片涂布",
    "患者候诊",
    "静脉输液",
    "手术部位",
    "试块",
    "焊接接头",
    "支座安装",
    "线路巡检",
    "灌装线",
    "瓶盖",
    "片剂",
    "叶片粘接",
    "缸体加工",
    "主轴",
    "轴承套圈",
    "定子绕组",
    "座椅缝线",
    "外机运输",
    "集装箱装卸",
    "包裹分拣",
    "管网",
    "带钢",
    "面料染色",
];
const GOALS: [&str; 24] = [
    "气孔缺陷率",
    "一次合格率",
    "飞边不良率",
    "直通率",
    "毛刺返工率",
    "附着力",
    "局部放电量",
    "一致性",
    "平均等候时间",
    "跌倒发生率",
    "穿刺成功率",
    "感染率",
    "强度合格率",
    "尺寸合格率",
    "安装精度",
    "故障率",
    "巡检效率",
    "密封合格率",
    "漏液率",
    "溶出度",
    "杂质含量",
    "粘接质量",
    "加工振纹",
    "表面划伤",
];
const SUFFIXES: [&str; 5] = ["", "", "攻关", "研究", "项目"];
const PLACES: [&str; 8] = ["天津市", "天津", "天津滨海", "天津武清", "天津市东丽", "天津西青", "天津津南", "天津宝坻"];
const KINDS: [&str; 6] = ["机械制造", "汽车部件", "电子科技", "医疗器械", "新材料", "食品"];

/// A title as people write them: prefix, verb, object, goal, suffix (some 1.5 million titles, many alike).
pub fn title(rng: &mut Lcg) -> String {
    format!(
        "{}{}{}{}{}{}",
        rng.pick(&PREFIXES),
        rng.pick(&VERBS),
        rng.pick(&MATERIALS),
        rng.pick(&PARTS),
        rng.pick(&GOALS),
        rng.pick(&SUFFIXES)
    )
}

/// `n` earlier projects of about `n / 3` units over the years 2015–2020.
pub fn corpus(n: usize, seed: u64) -> Vec<Earlier> {
    let mut rng = Lcg(seed);
    (0..n)
        .map(|i| {
            let unit = i / 3;
            Earlier {
                year: Some(2015 + (rng.next() % 6) as u16),
                unit_name: format!("{}{}{}有限公司", rng.pick(&PLACES), unit, rng.pick(&KINDS)),
                credit_code: format!("91120000MA{:08}", unit),
                project_name: title(&mut rng),
            }
        })
        .collect()
}
