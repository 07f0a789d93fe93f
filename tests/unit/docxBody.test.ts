import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { readDocumentXml, readDocxReturn } from '../../electron/excel/readers/docx';
import { XmlRefused } from '../../electron/excel/xmlTokens';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const doc = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}</w:body></w:document>`;
const p = (inner: string) => `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>${inner}</w:p>`;
const run = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;

describe('the body of a .docx', () => {
  it('reads texts as an XML parser gives them: references, entities, CDATA, breaks and tabs, tab stops not', () => {
    const body = readDocumentXml(doc(p(run('&#36131;&#x4EFB;&amp;&lt;目标&gt;') + '<w:r><w:br/><w:tab/></w:r>' + `<w:r><w:t><![CDATA[a<b]]></w:t></w:r>`) + '<w:p/>'));
    expect(body.tables).toEqual([]);
    expect(body.after).toEqual(['责任&<目标>\n\ta<b', '']);
  });

  it('reads a table: the paragraphs before it, spans, vertical merges and cells of several paragraphs', () => {
    const tc = (inner: string, props = '') => `<w:tc><w:tcPr>${props}</w:tcPr>${inner}</w:tc>`;
    const table =
      '<w:tbl>' +
      `<w:tr>${tc(p(run('序号')))}${tc(p(run('完成情况')), '<w:gridSpan w:val="2"/>')}</w:tr>` +
      `<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${tc(p(run('一是')) + p(run('二是')), '<w:vMerge w:val="restart"/>')}${tc(p(run('是')))}</w:tr>` +
      `<w:tr>${tc(p(run('2')))}${tc('<w:p/>', '<w:vMerge/>')}${tc(p(run('否')))}</w:tr>` +
      '</w:tbl>';
    const body = readDocumentXml(doc(p(run('市财政局关于…的报告')) + table + p(run('2024年1月5日'))));
    expect(body.tables).toHaveLength(1);
    expect(body.tables[0]!.before).toEqual(['市财政局关于…的报告']);
    expect(body.tables[0]!.rows).toEqual([
      { gridBefore: 0, cells: [{ text: '序号', span: 1, vMerge: null }, { text: '完成情况', span: 2, vMerge: null }] },
      { gridBefore: 1, cells: [{ text: '一是\n二是', span: 1, vMerge: 'restart' }, { text: '是', span: 1, vMerge: null }] },
      { gridBefore: 0, cells: [{ text: '2', span: 1, vMerge: null }, { text: '', span: 1, vMerge: 'continue' }, { text: '否', span: 1, vMerge: null }] },
    ]);
    expect(body.after).toEqual(['2024年1月5日']);
  });

  it('refuses a part that is not well-formed, and the file is named as damaged', async () => {
    const cut = doc(p(run('序号'))).replace('</w:body>', '');
    expect(() => readDocumentXml(cut)).toThrow(XmlRefused);
    expect(() => readDocumentXml(doc('<w:p><w:r></w:p></w:r>'))).toThrow(XmlRefused);
    const zip = new JSZip();
    zip.file('word/document.xml', cut);
    const bytes = await zip.generateAsync({ type: 'nodebuffer' });
    await expect(readDocxReturn('报送.docx', bytes)).rejects.toThrow(/文件“报送\.docx”已损坏或不完整/);
  });
});
