"""The import bench's table as a Word document, written by python-docx (Debian's python3-docx): the title,
then one table of the overview's rows. The rows come as JSON on stdin: {"title", "rows", "out"}."""
import copy
import json
import sys

import docx
from docx.oxml.ns import qn

spec = json.load(sys.stdin)
doc = docx.Document()
doc.add_paragraph(spec["title"])
rows = spec["rows"]
table = doc.add_table(rows=1, cols=len(rows[0]))
table.style = "Table Grid"
# python-docx reads the whole grid for every row.cells, quadratic in the rows (7,000 rows took more than ten
# minutes): one row is made through its API, the others are copies of its XML with their own texts.
template = table.rows[0]._tr
table._tbl.remove(template)
for values in rows:
    row = copy.deepcopy(template)
    for tc, text in zip(row.iter(qn("w:tc")), values):
        if text:
            p = tc.find(qn("w:p"))
            run = p.makeelement(qn("w:r"), {})
            t = run.makeelement(qn("w:t"), {})
            t.text = text
            run.append(t)
            p.append(run)
    table._tbl.append(row)
doc.add_paragraph("示例市人民政府办公室")
doc.save(spec["out"])
