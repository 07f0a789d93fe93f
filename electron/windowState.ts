/**
 * The window's last size, position and maximized state, kept in a small JSON file in userData.
 * Pure apart from reading and writing that file, so the rules (what counts as visible) are testable.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Bounds;
  maximized: boolean;
}

export const MIN_WIDTH = 1024;
export const MIN_HEIGHT = 640;
const DEFAULT_WIDTH = 1440;
const DEFAULT_HEIGHT = 900;

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < 100_000;

/** The saved state, or null when there is none or the file is not what we wrote. */
export function readWindowState(file: string): WindowState | null {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  const r = raw as { bounds?: Partial<Bounds>; maximized?: unknown } | null;
  const b = r?.bounds;
  if (!b || !isInt(b.x) || !isInt(b.y) || !isInt(b.width) || !isInt(b.height) || b.width <= 0 || b.height <= 0) return null;
  return { bounds: { x: b.x, y: b.y, width: b.width, height: b.height }, maximized: r.maximized === true };
}

/** Written through a temp file and a rename so a crash never leaves half a file; failures are not fatal. */
export function writeWindowState(file: string, state: WindowState): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(state));
    fs.renameSync(tmp, file);
  } catch (err) {
    console.warn('[window] could not save the window state:', err);
  }
}

function overlap(a: Bounds, b: Bounds): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * The saved bounds if the window's title bar would still be on a display (a monitor may have been
 * unplugged or the resolution lowered since), else null. Sizes are cut down to that display's work area.
 */
export function restorableBounds(saved: WindowState | null, workAreas: readonly Bounds[]): Bounds | null {
  if (!saved) return null;
  const titleBar: Bounds = { x: saved.bounds.x, y: saved.bounds.y, width: saved.bounds.width, height: 32 };
  const area = workAreas.find((wa) => {
    const o = overlap(titleBar, wa);
    return o.width >= 120 && o.height >= 16;
  });
  if (!area) return null;
  return {
    x: saved.bounds.x,
    y: saved.bounds.y,
    width: Math.min(Math.max(saved.bounds.width, MIN_WIDTH), area.width),
    height: Math.min(Math.max(saved.bounds.height, MIN_HEIGHT), area.height),
  };
}

/** First start: a comfortable size for the overview table, never larger than the screen. */
export function defaultSize(workArea: Bounds): { width: number; height: number } {
  return { width: Math.min(DEFAULT_WIDTH, workArea.width), height: Math.min(DEFAULT_HEIGHT, workArea.height) };
}
