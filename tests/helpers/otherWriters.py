"""
The seed's targets written as other programs write them: Python's openpyxl and xlsxwriter (what a unit's
staff scripts produce), and packages put together by hand the way other writers shape their XML (.NET's
OpenXML SDK with `x:` prefixes, streaming writers with no `r` attributes and inline strings, odd part
paths). Driven by tests/helpers/otherWriters.ts: reads {"out": dir, "targets": [...list --json...]} on
stdin, writes every workbook into `out`, prints the manifest (file name -> what it exercises) as JSON.

One run writes them all: starting Python costs more than writing a workbook.
"""
import datetime
import json
import os
import sys
import zipfile
from xml.sax.saxutils import escape

import openpyxl
import xlsxwriter
from openpyxl.styles import Alignment

TITLE = "菏泽市人民政府2023年经济社会发展责任目标三季度工作推进情况一览表"
PARAGRAPH = ("市政府办公室对2023年《政府工作报告》确定的经济社会发展责任目标三季度工作推进情况进行了调度。"
             "依据政务公开有关规定,现将工作完成情况向社会公开,接受群众监督。")
HEADER = ["序号", "市政府领导", "责任目标内容", "完成时限", "三季度完成情况", "是否按计划完成进度", "责任单位"]


def progress(line):
    return line["progress"].get("3") or {"text": "", "onSchedule": None}


def status(line):
    on = progress(line)["onSchedule"]
    return "" if on is None else ("是" if on else "否")


def official_lines(targets, deadline=lambda d: d, serial=lambda s: s):
    """Per line of the table: (target, index of the line, the seven cells); continuation lines leave
    serial, content and deadline empty (None)."""
    out = []
    for t in targets:
        for i, line in enumerate(t["assignments"]):
            first = i == 0
            out.append((t, i, [
                serial(t["serial"]) if first else None,
                " ".join(line["leaders"]),
                t["content"] if first else None,
                deadline(t["deadline"]) if first else None,
                progress(line)["text"] or None,
                status(line) or None,
                " ".join(line["leadUnits"] + line["cooperatingUnits"]),
            ]))
    return out


def multi_line_spans(lines, first_row):
    """(first row, last row) of every target with several lines, rows 1-based from first_row."""
    spans = []
    row = first_row
    for t, i, _ in lines:
        n = len(t["assignments"])
        if i == 0 and n > 1:
            spans.append((row, row + n - 1))
        row += 1
    return spans


# ----------------------------------------------------------------------------------------------------
# openpyxl

def openpyxl_published(path, targets):
    """The published shape: merged title and paragraph, header on row 3 with line breaks, serials as
    floats, merged serial/content/deadline over a target's lines, `长期\\n坚持`, stray spaces, a hidden
    备注 column with values, a hidden data row and a hidden sheet."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "一览表"
    ws.append([TITLE])
    ws.append([PARAGRAPH])
    ws.merge_cells("A1:H1")
    ws.merge_cells("A2:H2")
    ws.append(["序号", "市政府领导", "责任目标内容", "完成时限", "三季度\n完成情况", "是否按计划\n完成进度", "责任单位", "备注"])
    lines = official_lines(targets, deadline=lambda d: "长期\n坚持" if d == "长期坚持" else d, serial=float)
    for n, (t, i, cells) in enumerate(lines):
        cells = list(cells)
        cells[1] = " " + cells[1] + "  "
        cells[6] = cells[6] + " "
        ws.append(cells + ["已核实" if n % 3 == 0 else None])
    for a, b in multi_line_spans(lines, 4):
        for col in "ACD":
            ws.merge_cells(f"{col}{a}:{col}{b}")
    for row in ws.iter_rows(min_row=4):
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="center")
    ws.column_dimensions["H"].hidden = True
    ws.row_dimensions[10].hidden = True
    notes = wb.create_sheet("填表说明")
    notes.append(["序号", "责任目标内容", "三季度完成情况", "责任单位"])
    notes.append([1, "此表为隐藏的说明页", "不应读取", "市政府办公室"])
    notes.sheet_state = "hidden"
    wb.save(path)


def openpyxl_write_only(path, targets):
    """write_only mode (what scripts use for large tables): rows streamed, header on row 1, no merges,
    `长期\\r\\n坚持` (lxml writes the CR as a character reference)."""
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Sheet1")
    ws.append(HEADER)
    for _, _, cells in official_lines(targets, deadline=lambda d: "长期\r\n坚持" if d == "长期坚持" else d):
        ws.append(cells)
    wb.save(path)


def openpyxl_dates(path, targets):
    """Deadlines as real date cells: 年底 written as 2023-12-31."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "一览表"
    ws.append([TITLE])
    ws.append(HEADER)
    for _, _, cells in official_lines(targets, deadline=lambda d: datetime.datetime(2023, 12, 31) if d == "年底" else d):
        ws.append(cells)
    wb.save(path)


def openpyxl_percent_status(path, targets):
    """The status as a percentage typed in Excel: numbers (1.0, or 0.655 on every third line) shown through the
    formats 0% and 0.0%, under a header no rule knows (完成进度)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "一览表"
    ws.append([TITLE])
    ws.append(HEADER[:5] + ["完成进度"] + HEADER[6:])
    for n, (t, i, cells) in enumerate(official_lines(targets)):
        on = progress(t["assignments"][i])["onSchedule"]
        cells = list(cells)
        cells[5] = None if on is None else (1.0 if on and n % 3 else 0.655)
        ws.append(cells)
        ws.cell(row=ws.max_row, column=6).number_format = "0%" if n % 2 == 0 else "0.0%"
    wb.save(path)


def openpyxl_two_row_header(path, targets):
    """A header that starts on row 4 after a blank line and takes two rows: 序号, 市政府领导, 责任目标内容,
    完成时限 and 责任单位 merged over both, 三季度工作推进情况 merged across 完成情况 | 是否按计划完成进度;
    a 备注 column at the end; full-width spaces inside the header words."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "三季度"
    ws.append([TITLE])
    ws.append([PARAGRAPH])
    ws.append([])
    ws.append(["序　号", "市政府\n领导", "责任目标内容", "完成时限", "三季度工作推进情况", None, "责任单位", "备　注"])
    ws.append([None, None, None, None, "完成情况", "是否按计划\r\n完成进度", None, None])
    for col in "ABCDGH":
        ws.merge_cells(f"{col}4:{col}5")
    ws.merge_cells("E4:F4")
    ws.merge_cells("A1:H1")
    lines = official_lines(targets)
    for n, (_, _, cells) in enumerate(lines):
        ws.append(cells + ["市督查室已核" if n % 4 == 0 else None])
    for a, b in multi_line_spans(lines, 6):
        for col in "ACD":
            ws.merge_cells(f"{col}{a}:{col}{b}")
    wb.save(path)


# ----------------------------------------------------------------------------------------------------
# xlsxwriter

def xlsxwriter_published(path, targets, options=None):
    """The published shape with merge_range; `长期\\r\\n坚持` (xlsxwriter writes the CR as `_x000D_`); a
    rich-text content cell; leading and trailing spaces (xml:space="preserve"); a 备注 column holding a
    literal `_x000D_`."""
    wb = xlsxwriter.Workbook(path, options or {})
    ws = wb.add_worksheet("一览表")
    wrap = wb.add_format({"text_wrap": True})
    bold = wb.add_format({"bold": True})
    ws.merge_range(0, 0, 0, 7, TITLE)
    ws.merge_range(1, 0, 1, 7, PARAGRAPH)
    ws.write_row(2, 0, ["序　号", "市政府领导", "责任目标内容", "完成时限", "三季度完成情况", "是否按计划完成进度", " 责任单位 ", "备注"])
    lines = official_lines(targets, deadline=lambda d: "长期\r\n坚持" if d == "长期坚持" else d)
    spans = {a: b for a, b in multi_line_spans(lines, 4)}
    row = 3
    for t, i, cells in lines:
        for c, v in enumerate(cells):
            if v is None:
                continue
            if c == 2 and t["serial"] % 5 == 0 and len(v) > 4:
                ws.write_rich_string(row, c, bold, v[:4], v[4:], wrap)
            elif c == 1:
                ws.write_string(row, c, "  " + v + " ")
            else:
                ws.write(row, c, v, wrap)
        if row % 5 == 0:
            # A literal `_x000D_` in the text: xlsxwriter escapes its underscore (`_x005F_x000D_`).
            ws.write_string(row, 7, "见附件_x000D_说明")
        if row + 1 in spans:
            last = spans[row + 1] - 1
            for c in (0, 2, 3):
                ws.merge_range(row, c, last, c, cells[c], wrap)
        row += 1
    wb.close()


def xlsxwriter_constant_memory(path, targets):
    """constant_memory mode: every string written inline (t="inlineStr"), rows flushed one by one; no merges."""
    wb = xlsxwriter.Workbook(path, {"constant_memory": True})
    ws = wb.add_worksheet("Sheet1")
    ws.write_row(0, 0, [TITLE])
    ws.write_row(1, 0, HEADER)
    for r, (_, _, cells) in enumerate(official_lines(targets, deadline=lambda d: "长期\r\n坚持" if d == "长期坚持" else d)):
        for c, v in enumerate(cells):
            if v is not None:
                ws.write(r + 2, c, v)
    wb.close()


def xlsxwriter_strings_to_numbers(path, targets):
    """strings_to_numbers: serials handed over as text ("1") come out as numbers; strings_to_formulas off."""
    wb = xlsxwriter.Workbook(path, {"strings_to_numbers": True, "strings_to_formulas": False})
    ws = wb.add_worksheet("一览表")
    ws.write_row(0, 0, HEADER)
    for r, (_, _, cells) in enumerate(official_lines(targets, serial=str)):
        for c, v in enumerate(cells):
            if v is not None:
                ws.write(r + 1, c, v)
    wb.close()


# ----------------------------------------------------------------------------------------------------
# Layouts where a column can go missing: each column that holds values must be read or named.

def openpyxl_sheet(path, title, rows, merges=(), hidden_columns=()):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    for m in merges:
        ws.merge_cells(m)
    for c in hidden_columns:
        ws.column_dimensions[c].hidden = True
    wb.save(path)


def unheaded_middle(path, targets):
    """A column with no header between 完成时限 and 三季度完成情况, holding 重点督办 marks."""
    rows = [[TITLE], HEADER[:4] + [None] + HEADER[4:]]
    for n, (_, _, c) in enumerate(official_lines(targets)):
        rows.append(c[:4] + ["重点督办" if n % 3 == 0 else None] + c[4:])
    openpyxl_sheet(path, "一览表", rows, ["A1:H1"])


def unheaded_right(path, targets):
    """Columns with no header right of the table: H (已核实 marks, hidden) and J (a contact line, once)."""
    rows = [[TITLE], HEADER]
    for n, (_, _, c) in enumerate(official_lines(targets)):
        rows.append(c + ["已核实" if n % 2 == 0 else None, None, "联系人：王伟 5551234" if n == 7 else None])
    openpyxl_sheet(path, "一览表", rows, ["A1:G1"], hidden_columns=["H"])


def merged_units_header(path, targets):
    """责任单位 merged over two columns with no row of sub-headers: the lead unit in G, the cooperating units in H."""
    rows = [[TITLE], [PARAGRAPH], HEADER + [None]]
    for t, i, c in official_lines(targets):
        line = t["assignments"][i]
        rows.append(c[:6] + [" ".join(line["leadUnits"]), "、".join(line["cooperatingUnits"]) or None])
    openpyxl_sheet(path, "一览表", rows, ["A1:H1", "A2:H2", "G3:H3"])


def header_crlf_fullwidth(path, targets):
    """The header on row 4 (title, paragraph, an empty row above it), its words broken by CR LF and full-width spaces."""
    header = ["序　号", "市政府\r\n领导", "责任目标\r\n内容", "完成\r\n时限", "三季度\r\n完成情况", "是否按计划\r\n完成进度", "责　任\r\n单　位"]
    rows = [[TITLE], [PARAGRAPH], [], header] + [c for _, _, c in official_lines(targets)]
    openpyxl_sheet(path, "一览表", rows, ["A1:G1", "A2:G2"])


def quarter_sub_columns(path, targets):
    """A second header row of sub-columns: 完成情况 merged over 一季度 | 二季度 | 三季度; the Q3 text under 三季度."""
    rows = [[TITLE], ["序号", "市政府领导", "责任目标内容", "完成时限", "完成情况", None, None, "是否按计划完成进度", "责任单位"],
            [None, None, None, None, "一季度", "二季度", "三季度", None, None]]
    for _, _, c in official_lines(targets):
        early = "本季度工作按计划推进，相关项目有序实施" if c[4] else None
        rows.append(c[:4] + [early, early, c[4]] + c[5:])
    openpyxl_sheet(path, "一览表", rows, ["A1:I1", "E2:G2", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "H2:H3", "I2:I3"])


# ----------------------------------------------------------------------------------------------------
# Packages made by hand: the XML shapes of other writers.

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


def column_letter(c):
    s = ""
    c += 1
    while c:
        c, m = divmod(c - 1, 26)
        s = chr(65 + m) + s
    return s


def text_xml(text, refs):
    """A text for XML: escaped; with `refs`, every non-ASCII character and line break as a character
    reference, as some writers do."""
    if refs:
        return "".join(ch if ch.isascii() and ch not in "&<>\r\n" else f"&#x{ord(ch):X};" for ch in text)
    return escape(text)


def handmade(path, targets, prefix="", cell_refs=True, row_refs=True, strings="shared", sheet_part="worksheets/sheet1.xml",
             shared_part="sharedStrings.xml", absolute=False, refs=False, crlf="\r\n", zip_names=None, extra=None, bom=False, base="xl", merge_quote=None, dates=None, gap=False):
    """One workbook of the official layout (title on row 1, header on row 2, continuation lines empty).

    prefix: `x:` on every SpreadsheetML element (the .NET OpenXML SDK); cell_refs/row_refs: the `r`
    attributes written or left out; strings: 'shared', 'inline' (t="inlineStr") or 'str' (t="str",
    a formula's text result); sheet_part/shared_part: where the parts live under xl/; absolute: rels
    targets as `/xl/...`; refs: text as character references; crlf: how a line break inside a cell is
    written (`_x000D_\\n` is Excel's own escape); zip_names: part name -> name in the zip (case changes);
    extra: a function adding cells (column index -> raw cell XML) to rows by index; bom: parts start with
    a byte order mark (.NET's UTF8Encoding); base: the workbook's folder (xl, or another the package's
    relationships name); merge_quote: the title merged over the header's width, its ref in that quote;
    dates: 年底 written as the date 2023-12-31, either 'builtin' (the day count 45291 under Chinese Excel's
    built-in format 31, yyyy"年"m"月"d"日", which has no numFmt element) or 'iso' (t="d"); gap: an empty
    row after the title, left out of the XML as writers leave empty rows out."""
    DATE = ("date",)
    p = prefix
    rows = [[TITLE], HEADER]
    for _, _, cells in official_lines(targets, deadline=lambda d: f"长期{crlf}坚持" if d == "长期坚持" else DATE if d == "年底" and dates else d):
        rows.append(cells)
    shared = []
    index = {}

    def sst(text):
        if text not in index:
            index[text] = len(shared)
            shared.append(text)
        return index[text]

    def t_element(text):
        space = ' xml:space="preserve"' if text != text.strip() else ""
        return f"<{p}t{space}>{text_xml(text, refs)}</{p}t>"

    body = []
    for r, cells in enumerate(rows):
        number = r + 1 + (1 if gap and r >= 1 else 0)
        xml_cells = []
        for c, v in enumerate(cells):
            if v is None or v == "":
                continue
            ref = f' r="{column_letter(c)}{number}"' if cell_refs else ""
            if v is DATE:
                xml_cells.append((c, f'<{p}c{ref} s="1"><{p}v>45291</{p}v></{p}c>' if dates == "builtin" else f'<{p}c{ref} t="d"><{p}v>2023-12-31T00:00:00</{p}v></{p}c>'))
            elif isinstance(v, (int, float)):
                xml_cells.append((c, f"<{p}c{ref}><{p}v>{v}</{p}v></{p}c>"))
            elif strings == "inline":
                xml_cells.append((c, f'<{p}c{ref} t="inlineStr"><{p}is>{t_element(v)}</{p}is></{p}c>'))
            elif strings == "str":
                xml_cells.append((c, f'<{p}c{ref} t="str"><{p}f>"{escape(v[:1])}"</{p}f><{p}v>{text_xml(v, refs)}</{p}v></{p}c>'))
            else:
                xml_cells.append((c, f'<{p}c{ref} t="s"><{p}v>{sst(v)}</{p}v></{p}c>'))
        if extra:
            xml_cells.extend(extra(r, p, cell_refs))
            xml_cells.sort(key=lambda x: x[0])
        if not cell_refs:
            # Without `r`, a cell's column is the one after the previous cell's: gaps need empty cells.
            filled, last = [], -1
            for c, x in xml_cells:
                filled.extend([f"<{p}c/>"] * (c - last - 1))
                filled.append(x)
                last = c
            xml_cells = [(0, x) for x in filled]
        rref = f' r="{number}"' if row_refs else ""
        body.append(f"<{p}row{rref}>" + "".join(x for _, x in xml_cells) + f"</{p}row>")
    ns = f'xmlns{":" + p[:-1] if p else ""}="{MAIN}" xmlns:r="{REL}"'
    q = merge_quote
    merges = f'<{p}mergeCells count="1"><{p}mergeCell ref={q}A1:{column_letter(len(HEADER) - 1)}1{q}/></{p}mergeCells>' if q else ""
    sheet = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<{p}worksheet {ns}><{p}sheetData>'
             + "".join(body) + f"</{p}sheetData>{merges}</{p}worksheet>")
    workbook = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<{p}workbook {ns}><{p}sheets>'
                f'<{p}sheet name="一览表" sheetId="1" r:id="R5a3f0c"/></{p}sheets></{p}workbook>')
    styles = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<{p}styleSheet {ns}>'
              f'<{p}fonts count="1"><{p}font><{p}sz val="11"/><{p}name val="宋体"/></{p}font></{p}fonts>'
              f'<{p}fills count="1"><{p}fill><{p}patternFill patternType="none"/></{p}fill></{p}fills>'
              f'<{p}borders count="1"><{p}border/></{p}borders>'
              f'<{p}cellStyleXfs count="1"><{p}xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></{p}cellStyleXfs>'
              f'<{p}cellXfs count="2"><{p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
              f'<{p}xf numFmtId="31" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></{p}cellXfs>'
              f'</{p}styleSheet>')
    sst_xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<{p}sst {ns} count="{len(shared)}" uniqueCount="{len(shared)}">'
               + "".join(f"<{p}si>{t_element(s)}</{p}si>" for s in shared) + f"</{p}sst>")

    def target(part):
        return f"/{base}/{part}" if absolute else part

    rels = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_REL}">'
            f'<Relationship Id="R5a3f0c" Type="{REL}/worksheet" Target="{target(sheet_part)}"/>'
            f'<Relationship Id="R9b1e22" Type="{REL}/styles" Target="{target("styles.xml")}"/>'
            + (f'<Relationship Id="Rc0d4e1" Type="{REL}/sharedStrings" Target="{target(shared_part)}"/>' if strings == "shared" else "")
            + "</Relationships>")
    types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             f'<Override PartName="/{base}/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
             f'<Override PartName="/{base}/{sheet_part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
             f'<Override PartName="/{base}/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
             + (f'<Override PartName="/{base}/{shared_part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' if strings == "shared" else "")
             + "</Types>")
    root_rels = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_REL}">'
                 f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="{base}/workbook.xml"/></Relationships>')
    parts = {
        "[Content_Types].xml": types,
        "_rels/.rels": root_rels,
        f"{base}/workbook.xml": workbook,
        f"{base}/_rels/workbook.xml.rels": rels,
        f"{base}/styles.xml": styles,
        f"{base}/{sheet_part}": sheet,
    }
    if strings == "shared":
        parts[f"{base}/{shared_part}"] = sst_xml
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, xml in parts.items():
            z.writestr((zip_names or {}).get(name, name), ("\ufeff" if bom else "").encode("utf-8") + xml.encode("utf-8"))


def status_as_booleans(r, p, cell_refs, words=False):
    """A 核对 column of booleans and an error (#N/A): t="b" and t="e" cells a formula column leaves;
    with `words`, the booleans written true/false as some writers do instead of 1/0."""
    if r == 0:
        return []
    ref = (lambda c: f' r="{column_letter(c)}{r + 1}"') if cell_refs else (lambda c: "")
    if r == 1:
        return [(7, f'<{p}c{ref(7)} t="inlineStr"><{p}is><{p}t>是否核对</{p}t></{p}is></{p}c>')]
    if r % 7 == 0:
        return [(7, f'<{p}c{ref(7)} t="e"><{p}f>VLOOKUP(A{r + 1},核对!A:B,2,0)</{p}f><{p}v>#N/A</{p}v></{p}c>')]
    value = ("true" if r % 2 else "false") if words else r % 2
    return [(7, f'<{p}c{ref(7)} t="b"><{p}v>{value}</{p}v></{p}c>')]


WRITERS = {
    "openpyxl-published.xlsx": ("openpyxl：正式版式，合并单元格、序号为浮点数、隐藏列/行/工作表、单元格内换行、首尾空格", openpyxl_published),
    "openpyxl-write-only.xlsx": ("openpyxl write_only：流式写出，表头在第1行，无合并，换行为 CR LF", openpyxl_write_only),
    "openpyxl-dates.xlsx": ("openpyxl：完成时限为真正的日期单元格", openpyxl_dates),
    "openpyxl-percent-status.xlsx": ("openpyxl：状态列为百分比数字（格式 0% 与 0.0%），表头“完成进度”", openpyxl_percent_status),
    "openpyxl-two-row-header.xlsx": ("openpyxl：表头在第4、5行（两行表头，纵向与横向合并），表头内全角空格与换行，末列“备注”", openpyxl_two_row_header),
    "xlsxwriter-published.xlsx": ("xlsxwriter：merge_range、富文本单元格、_x000D_ 转义的换行、首尾空格", xlsxwriter_published),
    "xlsxwriter-constant-memory.xlsx": ("xlsxwriter constant_memory：全部为内联字符串（inlineStr）", xlsxwriter_constant_memory),
    "xlsxwriter-strings-to-numbers.xlsx": ("xlsxwriter strings_to_numbers：文本序号写成数字", xlsxwriter_strings_to_numbers),
    "chinese-builtin-dates.xlsx": ("完成时限为日期：中文 Excel/WPS 的内置日期格式 31（yyyy\"年\"m\"月\"d\"日\"，无 numFmt 元素）", lambda p, t: handmade(p, t, dates="builtin")),
    "iso-dates.xlsx": ("完成时限为 ISO 8601 日期单元格（t=\"d\"）", lambda p, t: handmade(p, t, dates="iso")),
    "unheaded-middle.xlsx": ("表头中间有一列没有列名，列中有“重点督办”标记", unheaded_middle),
    "unheaded-right.xlsx": ("表格右侧有没有列名的列：隐藏的H列（已核实）和J列（一处联系人）", unheaded_right),
    "merged-units-header.xlsx": ("“责任单位”横向合并跨两列、无子表头：G列牵头单位，H列配合单位", merged_units_header),
    "header-crlf-fullwidth.xlsx": ("表头在第4行，列名内有 CR LF 换行和全角空格", header_crlf_fullwidth),
    "quarter-sub-columns.xlsx": ("第二行表头为子列：“完成情况”下分“一季度|二季度|三季度”", quarter_sub_columns),
    "sdk-prefixed.xlsx": (".NET OpenXML SDK 式：所有元素带 x: 前缀，部件带 BOM，关系编号非 rIdN，换行写作 _x000D_", lambda p, t: handmade(p, t, prefix="x:", crlf="_x000D_\n", bom=True)),
    "boolean-words.xlsx": ("布尔单元格写作 true/false（而非 1/0）", lambda p, t: handmade(p, t, extra=lambda r, p_, refs: status_as_booleans(r, p_, refs, words=True))),
    "workbook-elsewhere.xlsx": ("工作簿部件不在 xl/ 下（_rels/.rels 指向 excel/workbook.xml）", lambda p, t: handmade(p, t, base="excel")),
    "no-refs-inline.xlsx": ("流式写出：行与单元格都没有 r 属性，内联字符串，布尔与错误值单元格", lambda p, t: handmade(p, t, cell_refs=False, row_refs=False, strings="inline", extra=status_as_booleans)),
    "formula-strings.xlsx": ("公式文本结果：t=\"str\" 单元格，文本写成字符引用", lambda p, t: handmade(p, t, strings="str", refs=True)),
    "rows-unnumbered.xlsx": ("行没有 r 属性而单元格有，空行被省略（标题后空一行）", lambda p, t: handmade(p, t, row_refs=False, gap=True)),
    "odd-paths.xlsx": ("工作表与共享字符串不在常规位置，关系目标为绝对路径 /xl/…", lambda p, t: handmade(p, t, sheet_part="data/overview.xml", shared_part="text/strings.xml", absolute=True)),
    "char-refs.xlsx": ("共享字符串全部写成字符引用（&#x…;），换行为 &#xD;&#xA;；标题合并单元格的 ref 用单引号", lambda p, t: handmade(p, t, refs=True, merge_quote="'")),
    "upper-case-parts.xlsx": ("部件名大写：xl/worksheets/Sheet1.xml、xl/SharedStrings.xml（关系中同样大写）", lambda p, t: handmade(p, t, sheet_part="worksheets/Sheet1.xml", shared_part="SharedStrings.xml")),
    "case-mismatch.xlsx": ("关系中的部件名与压缩包中的大小写不同（OPC 部件名不区分大小写）", lambda p, t: handmade(p, t, zip_names={"xl/worksheets/sheet1.xml": "xl/worksheets/Sheet1.xml", "xl/sharedStrings.xml": "xl/SharedStrings.xml"})),
}


def main():
    spec = json.load(sys.stdin)
    out, targets = spec["out"], spec["targets"]
    only = spec.get("only")
    manifest = {}
    for name, (what, write) in WRITERS.items():
        if only and name not in only:
            continue
        write(os.path.join(out, name), targets)
        manifest[name] = what
    json.dump(manifest, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
