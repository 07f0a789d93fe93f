"""A unit's return as a Word document, written by python-docx (Debian's python3-docx): paragraphs, one table
with merged cells (cell.merge writes w:gridSpan across, w:vMerge down) and line breaks (a "\n" in a run is
a w:br), then more paragraphs (the signature and the date). The spec comes as JSON on stdin."""
import json
import sys

import docx

spec = json.load(sys.stdin)
doc = docx.Document()
for p in spec["before"]:
    doc.add_paragraph(p)
rows = spec["rows"]
table = doc.add_table(rows=len(rows), cols=max(len(r) for r in rows))
table.style = "Table Grid"
for m in spec.get("merges", []):
    table.cell(m["row"], m["col"]).merge(table.cell(m["row"] + m.get("rows", 1) - 1, m["col"] + m.get("cols", 1) - 1))
covered = {(m["row"] + dr, m["col"] + dc) for m in spec.get("merges", []) for dr in range(m.get("rows", 1)) for dc in range(m.get("cols", 1)) if dr or dc}
for r, row in enumerate(rows):
    for c, text in enumerate(row):
        if (r, c) in covered or text is None:
            continue
        cell = table.cell(r, c)
        cell.text = ""
        cell.paragraphs[0].add_run(text)
for p in spec["after"]:
    doc.add_paragraph(p)
doc.save(spec["out"])
