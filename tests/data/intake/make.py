"""Makes the intake fixtures with real programs: openpyxl and python-docx (libraries Excel-compatible tools use),
xlwt (Excel 97-2003 .xls), and LibreOffice (`soffice --headless --convert-to`). The files are committed; this
script documents how they were made: `python3 tests/data/intake/make.py` (needs openpyxl, python-docx, xlwt and
LibreOffice), then `git diff --stat tests/data/intake` shows what changed.
"""
import csv, os, shutil, subprocess, tempfile
import openpyxl
import xlwt
import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
OFFICIAL = ["序号", "申报单位名称\n(与公章一致)", "统一社会信用代码", "所属行业", "所在区", "企业规模", "企业性质",
            "项目名称", "课题类型\n(问题解决型、创新型)", "项目及负责人及联系方式", "电子邮箱", "备注"]
# Two enterprises, the first with two projects (its name and code merged over both rows in the files that merge).
ROWS = [
    ["1", "天津市甲机械制造有限公司", "91120222MA05T1234X", "C34 通用设备制造业", "武清", "中型", "私营企业",
     "降低齿轮箱装配不良率", "问题解决型", "张三\n13800138000", "zhangsan@jia.cn", ""],
    ["2", "天津市甲机械制造有限公司", "91120222MA05T1234X", "C34 通用设备制造业", "武清", "中型", "私营企业",
     "提高铸件一次合格率", "问题解决型", "李四 022-82123456", "lisi@jia.cn", ""],
    ["3", "天津乙汽车部件有限公司", "９１１２０１１６ＭＡ０６ＡＢＣＤ１Ｘ", "36", "滨海新区", "大型企业", "外商投资企业",
     "新型制动盘轻量化设计", "创新型", "王五\n13900139000", "wangwu@yi.com", "与高校合作"],
]


def path(name):
    return os.path.join(HERE, name)


def soffice(src, fmt, outdir):
    subprocess.run(["soffice", "--headless", "--convert-to", fmt, "--outdir", outdir, src], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def workbook_variants():
    """An .xlsx typed the way people do: a cover sheet first, the table on the second sheet starting at row 3, no 序号,
    split leader columns, the first unit's name and code merged over its two rows, a hidden withdrawn project, a
    合计 row, an extra column, a credit code and phones stored as numbers, the footer below."""
    wb = openpyxl.Workbook()
    cover = wb.active
    cover.title = "填报说明"
    cover["A1"] = "请在“申报表”工作表中填写"
    ws = wb.create_sheet("申报表")
    ws["A1"] = "2021年天津市质量攻关重点项目申报表"
    ws["A2"] = "推荐单位（公章）："
    ws["C2"] = "天津市武清区市场监督管理局"
    ws.append(["申报单位名称", "统一社会信用代码（18位）", "所属行业", "所在区", "企业规模", "企业性质", "项目名称",
               "课题类型", "项目负责人", "联系电话", "邮箱", "产值（万元）"])
    ws.append(["天津市甲机械制造有限公司", "91120222MA05T1234X", "通用设备制造业", "武清区", "中型企业", "私营企业",
               "降低齿轮箱装配不良率", "问题解决型", "张三", 13800138000, "zhangsan@jia.cn", 5200])
    ws.append([None, None, "通用设备制造业", "武清区", "中型企业", "私营企业", "提高铸件一次合格率", "问题解决型",
               "李四", "022-82123456", "lisi@jia.cn", None])
    ws.merge_cells("A4:A5")
    ws.merge_cells("B4:B5")
    ws.append(["天津丙食品有限公司", "91120114MA05XYZW1P", "食品制造业", "东丽区", "小型企业", "私营企业",
               "已撤回的项目", "创新型", "赵六", "13700137000", "zhao@bing.cn", None])
    ws.row_dimensions[6].hidden = True
    ws.append(["天津丁电子有限公司", 911201151318609200, "计算机、通信和其他电子设备制造业", "西青区", "小型企业",
               "私营企业", "提升贴片焊接直通率", "问题解决型", "钱七", 13600136000, "qian@ding.cn", 800])
    ws.append(["合计", None, None, None, None, None, "3项", None, None, None, None, 6000])
    ws.append([])
    ws.append(["推荐部门负责人：", "孙八", "填报人：", "周九", "联系人电话：", "022-29345678", "日期：", "2021年4月9日"])
    wb.save(path("variants.xlsx"))


def docx_table():
    """The 附表 filled in Word: title and 推荐单位 as paragraphs, the official headers, the first unit's name and code
    merged down over its two rows (vMerge), the footer as paragraphs (python-docx writes what Word writes)."""
    d = docx.Document()
    d.add_paragraph("附表")
    d.add_paragraph("2021年天津市质量攻关重点项目申报表")
    d.add_paragraph("推荐单位（公章）：天津市武清区市场监督管理局")
    table = d.add_table(rows=1 + len(ROWS), cols=len(OFFICIAL))
    for c, text in enumerate(OFFICIAL):
        table.cell(0, c).text = text
    for r, row in enumerate(ROWS, start=1):
        for c, text in enumerate(row):
            if r == 2 and c in (1, 2):
                continue
            cell = table.cell(r, c)
            lines = text.split("\n")
            cell.text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
    table.cell(1, 1).merge(table.cell(2, 1))
    table.cell(1, 2).merge(table.cell(2, 2))
    d.add_paragraph("推荐部门负责人：孙八        填报人：周九        联系人电话：022-29345678        日期：2021年4月9日")
    d.add_paragraph("注：(1) 此表由申报单位填写完成后汇总至推荐单位，由推荐单位统一报送；")
    d.save(path("word-table.docx"))


def writer_docx(tmp):
    """The same table as LibreOffice Writer saves it from HTML with rowspan and a two-row header (gridSpan + vMerge)."""
    head1 = "".join(f"<th rowspan=2>{h}</th>" for h in OFFICIAL[:9]) + "<th colspan=2>项目负责人及联系方式</th>" + \
        "".join(f"<th rowspan=2>{h}</th>" for h in OFFICIAL[10:])
    head2 = "<th>姓名</th><th>联系电话</th>"
    body = ""
    for row in ROWS:
        name, _, phone = row[9].replace(" ", "\n").partition("\n")
        cells = row[:9] + [name, phone] + row[10:]
        body += "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"
    html = f"""<html><head><meta charset="utf-8"></head><body><p>推荐单位（公章）：天津市武清区市场监督管理局</p>
<table border=1><tr>{head1}</tr><tr>{head2}</tr>{body}</table>
<p>推荐部门负责人：孙八</p><p>填报人：周九</p><p>联系人电话：022-29345678</p><p>日期：2021年4月9日</p></body></html>"""
    src = os.path.join(tmp, "writer-table.html")
    with open(src, "w", encoding="utf-8") as f:
        f.write(html)
    soffice(src, "docx:MS Word 2007 XML", tmp)
    shutil.copy(os.path.join(tmp, "writer-table.docx"), path("writer-table.docx"))


def csv_files(tmp):
    """CSV as Excel on Chinese Windows saves it (GBK, CRLF) and as WPS/LibreOffice save it (UTF-8 with a BOM)."""
    rows = [OFFICIAL] + ROWS
    with open(path("excel-gbk.csv"), "w", encoding="gbk", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(rows)
    wb = openpyxl.Workbook()
    for r in rows:
        wb.active.append(r)
    src = os.path.join(tmp, "lo-utf8.xlsx")
    wb.save(src)
    # 44 = comma, 34 = double quote, 76 = UTF-8; LibreOffice writes no BOM, so one is added as WPS writes it.
    soffice(src, "csv:Text - txt - csv (StarCalc):44,34,76", tmp)
    with open(os.path.join(tmp, "lo-utf8.csv"), "rb") as f:
        data = f.read()
    with open(path("utf8-bom.csv"), "wb") as f:
        f.write(b"\xef\xbb\xbf" + data)


def xls_files(tmp):
    """Excel 97-2003: by LibreOffice from variants.xlsx (merges and the hidden row kept); a long table whose shared
    strings run over several CONTINUE records (strings split across them, in UTF-16 and Latin-1), by LibreOffice;
    and one written by xlwt (its own BIFF8 writer: LABEL or SST strings, RK/NUMBER, merges, a hidden row)."""
    soffice(path("variants.xlsx"), "xls:MS Excel 97", tmp)
    shutil.copy(os.path.join(tmp, "variants.xls"), path("variants.xls"))
    soffice(path("variants.xlsx"), "ods", tmp)
    shutil.copy(os.path.join(tmp, "variants.ods"), path("variants.ods"))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附表"
    ws.append(OFFICIAL)
    for i in range(400):
        unit = "天津市第%d精密机械制造有限公司" % (i % 37)
        name = ("提高第%d号产品一次装配合格率" % i) + ("与可靠性" * (i % 9)) + (" Latin text %d" % i if i % 3 else "")
        ws.append([str(i + 1), unit, "91120222MA05T1234X", "C34 通用设备制造业", "武清区", "中型", "私营企业", name,
                   "问题解决型", "负责人%d\n138%08d" % (i, i), "user%d@example.cn" % i, "备注" * (i % 50)])
    src = os.path.join(tmp, "long.xlsx")
    wb.save(src)
    soffice(src, "xls:MS Excel 97", tmp)
    shutil.copy(os.path.join(tmp, "long.xls"), path("long.xls"))
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("申报表")
    sheet.write(0, 0, "2021年天津市质量攻关重点项目申报表")
    for c, h in enumerate(OFFICIAL):
        sheet.write(2, c, h)
    for r, row in enumerate(ROWS):
        for c, v in enumerate(row):
            if r in (0, 1) and c in (1, 2):
                continue
            sheet.write(3 + r, c, v)
    sheet.write_merge(3, 4, 1, 1, ROWS[0][1])
    sheet.write_merge(3, 4, 2, 2, ROWS[0][2])
    sheet.write(6, 0, "4")
    sheet.write(6, 1, "天津市丙已撤回有限公司")
    sheet.write(6, 7, "已撤回的项目")
    sheet.row(6).hidden = True
    sheet.write(7, 0, 5)
    sheet.write(7, 1, 1234.5)
    sheet.write(7, 7, 20210409)
    book.save(path("xlwt.xls"))


def workbook_date_cell():
    """The official table as a unit fills it in Excel, its 日期 a real date cell (Excel stores a day number)."""
    import datetime
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "申报表"
    ws["A1"] = "2021年天津市质量攻关重点项目申报表"
    ws["A2"] = "推荐单位(公章):"
    ws.append(OFFICIAL)
    ws.append(ROWS[2])
    ws.append(["推荐部门负责人:", "孙八", "填报人:", "周九", "联系人电话:", "022-29345678", "日期:", None])
    ws["H5"] = datetime.date(2021, 4, 10)
    ws["H5"].number_format = 'yyyy"年"m"月"d"日"'
    wb.save(path("date-cell.xlsx"))


if __name__ == "__main__":
    workbook_date_cell()
    workbook_variants()
    docx_table()
    with tempfile.TemporaryDirectory() as tmp:
        writer_docx(tmp)
        csv_files(tmp)
        xls_files(tmp)
