/**
 * `assess`: the year-end assessment (考核) of a year, printed as a ranked list, as JSON
 * ({"base","units":[{"unit","score","rank","events":[{"points","reason",…}]}]}), or written as the official .xlsx.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fail, noExtra, optionalInt } from './args';
import type { Command, Context } from './command';
import { writeOutput } from './store';

async function assess({ values, args, session, print, json }: Context): Promise<void> {
  noExtra(args);
  if (values.year === undefined) fail('缺少 --year 参数：请指定考核的年份。');
  const year = optionalInt(values.year, '年份', 2000, 2100)!;
  const asOf = values['as-of'] as string | undefined;
  const out = values.out as string | undefined;
  if (out !== undefined) {
    if (!/\.xlsx$/i.test(out)) fail(`导出文件应以 .xlsx 结尾：${out}`);
    const dir = path.dirname(path.resolve(out));
    if (!fs.existsSync(dir)) fail(`导出文件所在的文件夹不存在：${dir}`);
  }
  const a = await session.call('assessment.get', { year, ...(asOf ? { asOf } : {}) });
  if (out !== undefined) {
    const file = await session.call('assessment.export', { year, asOf: a.asOf });
    writeOutput(out, Buffer.from(file.data, 'base64'));
  }
  if (values.json) {
    return json({
      year: a.year,
      asOf: a.asOf,
      base: a.base,
      notes: a.notes,
      ...(out !== undefined ? { file: path.resolve(out) } : {}),
      units: a.units.map((u) => ({ unit: u.unit, score: u.score, rank: u.rank, byKind: u.byKind, items: u.items, events: u.events })),
    });
  }
  print(`${a.year}年责任目标落实情况考核（基础分${a.base}分，截至${a.asOf}）`);
  for (const n of a.notes) print(n);
  for (const u of a.units) print(`${String(u.rank).padStart(3)}  ${u.unit}  ${u.score}分${u.events.length > 0 ? `（${u.events.length} 项计分）` : ''}`);
  if (out !== undefined) print(`已导出考核结果到 ${out}`);
}

export const ASSESS_COMMANDS: Record<string, Command> = {
  assess: {
    usage: [['--db 文件 --year 年份 [--as-of YYYY-MM-DD] [--out 文件.xlsx] [--json]', '年度考核：各单位得分、排名和每一分的依据（--out 导出考核结果表）']],
    options: { year: { type: 'string' }, 'as-of': { type: 'string' }, out: { type: 'string' } },
    store: 'existing',
    run: assess,
  },
};
