"""
Writes the generator's layouts (tests/import/layoutGen/grammar.ts) with openpyxl, xlsxwriter or, as a
unit's Word return, python-docx. Reads
[{"file", "writer", "sheets": [{"name", "state", "rows", "merges", "hiddenColumns", "widths"}]}] on stdin.
One run writes a whole batch: starting Python costs more than writing a workbook.
"""
import json
import sys

import openpyxl
import xlsxwriter
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter, range_boundaries


def write_openpyxl(book):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for s in book["sheets"]:
        ws = wb.create_sheet(s["name"])
        if s.get("state") == "hidden":
            ws.sheet_state = "hidden"
        for r, row in enumerate(s["rows"], start=1):
            for c, v in enumerate(row, start=1):
                if v is None:
                    continue
                cell = ws.cell(row=r, column=c, value=v)
                if isinstance(v, str) and "\n" in v:
                    cell.alignment = Alignment(wrap_text=True)
        for m in s["merges"]:
            ws.merge_cells(m)
        for c, w in enumerate(s.get("widths") or [], start=1):
            ws.column_dimensions[get_column_letter(c)].width = w
        for c in s["hiddenColumns"]:
            ws.column_dimensions[get_column_letter(c)].hidden = True
    wb.save(book["file"])


def write_xlsxwriter(book):
    wb = xlsxwriter.Workbook(book["file"])
    wrap = wb.add_format({"text_wrap": True})
    for s in book["sheets"]:
        ws = wb.add_worksheet(s["name"])
        if s.get("state") == "hidden":
            ws.hide()
        covered = {}
        for m in s["merges"]:
            c1, r1, c2, r2 = range_boundaries(m)
            covered[(r1, c1)] = (r2, c2)
        skip = set()
        for (r1, c1), (r2, c2) in covered.items():
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    if (r, c) != (r1, c1):
                        skip.add((r, c))
        for r, row in enumerate(s["rows"], start=1):
            for c, v in enumerate(row, start=1):
                if (r, c) in skip or (r, c) in covered:
                    continue
                if v is None:
                    continue
                ws.write(r - 1, c - 1, v, wrap if isinstance(v, str) and "\n" in v else None)
        for (r1, c1), (r2, c2) in covered.items():
            v = s["rows"][r1 - 1][c1 - 1] if r1 - 1 < len(s["rows"]) and c1 - 1 < len(s["rows"][r1 - 1]) else None
            ws.merge_range(r1 - 1, c1 - 1, r2 - 1, c2 - 1, "" if v is None else v, wrap)
        widths = s.get("widths") or []
        hidden = set(s["hiddenColumns"])
        for c in range(1, max([len(widths)] + list(hidden) + [0]) + 1):
            w = widths[c - 1] if c - 1 < len(widths) else 10
            ws.set_column(c - 1, c - 1, w, None, {"hidden": c in hidden})
    wb.close()


def write_docx(book):
    """A unit's return as Word writes it (python-docx): each visible sheet one table, its merges as
    w:gridSpan and w:vMerge, line breaks as w:br; hidden sheets and columns have no place in a document."""
    import docx

    doc = docx.Document()
    for s in book["sheets"]:
        if s.get("state") == "hidden":
            continue
        rows = s["rows"]
        width = max(len(r) for r in rows)
        table = doc.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        grid = [row.cells for row in table.rows]
        covered = set()
        for m in s["merges"]:
            c1, r1, c2, r2 = range_boundaries(m)
            grid[r1 - 1][c1 - 1].merge(grid[r2 - 1][c2 - 1])
            covered |= {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1) if (r, c) != (r1, c1)}
        for r, row in enumerate(rows, start=1):
            for c, v in enumerate(row, start=1):
                if v is None or (r, c) in covered:
                    continue
                grid[r - 1][c - 1].paragraphs[0].add_run(str(v) if not isinstance(v, float) or not v.is_integer() else str(int(v)))
        doc.add_paragraph("")
    doc.save(book["file"])


WRITERS = {"openpyxl": write_openpyxl, "xlsxwriter": write_xlsxwriter, "python-docx": write_docx}


def main():
    books = json.load(sys.stdin)
    for b in books:
        WRITERS[b["writer"]](b)
    print(json.dumps(len(books)))


if __name__ == "__main__":
    main()
