"""Makes the earlier-years fixtures with openpyxl (the library Excel-compatible tools use); the files are committed,
this script documents how: `python3 tests/data/history/make.py`, then `git diff --stat tests/data/history`.

- `2020年项目汇总.xlsx`: a 2020 table as a recommending unit kept it: the title names the year, the official header,
  four projects of three units (e2e/history.test.mjs types a rewording of the first).
- `应报单位名单.xlsx`: the units a recommending unit expects tables from: 序号, 单位名称, 统一社会信用代码; two of
  them send in tests/data/intake/variants.xlsx, one in word-table.docx, one never.
"""
import os
import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
HEADER = ["序号", "申报单位名称\n(与公章一致)", "统一社会信用代码", "所属行业", "所在区", "企业规模", "企业性质",
          "项目名称", "课题类型\n(问题解决型、创新型)", "项目及负责人及联系方式", "电子邮箱", "备注"]
PROJECTS = [
    ["天津市甲机械制造有限公司", "91120222MA05T1234X", "降低转向节铸件气孔缺陷率"],
    ["天津市甲机械制造有限公司", "91120222MA05T1234X", "提高数控机床主轴回转精度"],
    ["天津乙汽车部件有限公司", "91120116MA06ABCD1X", "提高铝合金轮毂涂装附着力"],
    ["天津市第一中心医院", "12120000401200412R", "降低住院患者跌倒发生率"],
]


def history():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2020年"
    ws["A1"] = "2020年天津市质量攻关重点项目申报表"
    ws["A2"] = "推荐单位（公章）：天津市武清区市场监督管理局"
    ws.append(HEADER)
    for i, (unit, code, project) in enumerate(PROJECTS, 1):
        ws.append([i, unit, code, "34", "武清区", "中型企业", "私营企业", project, "问题解决型",
                   "张三 13800138000", "a@b.cn", ""])
    wb.save(os.path.join(HERE, "2020年项目汇总.xlsx"))


def expected():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "应报单位"
    ws.append(["序号", "单位名称", "统一社会信用代码"])
    ws.append([1, "天津市甲机械制造有限公司", "91120222MA05T1234X"])
    ws.append([2, "天津乙汽车部件有限公司", None])
    ws.append([3, "天津丁电子有限公司", None])
    ws.append([4, "天津戊科技（集团）有限公司", None])
    wb.save(os.path.join(HERE, "应报单位名单.xlsx"))


if __name__ == "__main__":
    history()
    expected()
