/**
 * A printed PDF read back with poppler (poppler-utils): its pages, each page's text, and where ink lies on a
 * page rendered by pdftoppm. Nothing here knows the app; the tests say what the pages must hold.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function run(command: string, args: string[]): string {
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

export interface PdfInfo {
  pages: number;
  /** Page size in points, rounded. */
  size: [number, number];
}

export function pdfInfo(file: string): PdfInfo {
  const info = run('pdfinfo', [file]);
  const [w, h] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!.slice(1, 3).map((v) => Math.round(Number(v)));
  return { pages: Number(/Pages:\s+(\d+)/.exec(info)![1]), size: [w!, h!] };
}

/** Page n's text (1-based) in the content stream's order (-raw: a cell's lines stay together), without whitespace. */
export function pageText(file: string, n: number): string {
  return run('pdftotext', ['-raw', '-f', String(n), '-l', String(n), file, '-']).replace(/\s/g, '');
}

export interface Ink {
  width: number;
  height: number;
  /** The box holding every dark pixel outside `exclude`, in pixels of the rendering. */
  box: { left: number; top: number; right: number; bottom: number } | null;
}

/**
 * Renders page n with pdftoppm (grey, `dpi`) and finds where its dark pixels are, leaving out the rows from
 * `excludeBelow` (a fraction of the height, e.g. the footer's margin) down.
 */
export function pageInk(file: string, n: number, dir: string, dpi = 36, excludeBelow = 1): Ink {
  const base = path.join(dir, `ink-${n}`);
  run('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(n), '-l', String(n), '-singlefile', file, base]);
  const pgm = fs.readFileSync(`${base}.pgm`);
  // P5 header: magic, width, height, maxval, each separated by whitespace, then the bytes.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'))!;
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = pgm.subarray(header[0].length);
  let box: Ink['box'] = null;
  const limit = Math.floor(height * excludeBelow);
  for (let y = 0; y < limit; y++) {
    for (let x = 0; x < width; x++) {
      if (pixels[y * width + x]! > 160) continue;
      box = box ? { left: Math.min(box.left, x), top: Math.min(box.top, y), right: Math.max(box.right, x), bottom: Math.max(box.bottom, y) } : { left: x, top: y, right: x, bottom: y };
    }
  }
  return { width, height, box };
}
