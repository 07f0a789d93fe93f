import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSize, MIN_HEIGHT, MIN_WIDTH, readWindowState, restorableBounds, writeWindowState } from '../../electron/windowState';
import { tempDir } from '../helpers/store';

const laptop = { x: 0, y: 0, width: 1366, height: 728 };
const rightMonitor = { x: 1366, y: 0, width: 1920, height: 1040 };

describe('window state', () => {
  it('round-trips through its JSON file', () => {
    const file = path.join(tempDir(), 'nested', 'window-state.json');
    writeWindowState(file, { bounds: { x: 10, y: 20, width: 1200, height: 800 }, maximized: true });
    expect(readWindowState(file)).toEqual({ bounds: { x: 10, y: 20, width: 1200, height: 800 }, maximized: true });
  });

  it.each([
    ['missing', null],
    ['not json', '{oops'],
    ['no bounds', '{"maximized":true}'],
    ['a string width', '{"bounds":{"x":0,"y":0,"width":"800","height":600}}'],
    ['a zero height', '{"bounds":{"x":0,"y":0,"width":800,"height":0}}'],
  ])('ignores a file that is %s', (_name, content) => {
    const file = path.join(tempDir(), 'window-state.json');
    if (content !== null) fs.writeFileSync(file, content);
    expect(readWindowState(file)).toBeNull();
  });

  it('restores bounds whose title bar is on a display', () => {
    const saved = { bounds: { x: 1500, y: 100, width: 1400, height: 900 }, maximized: false };
    expect(restorableBounds(saved, [laptop, rightMonitor])).toEqual(saved.bounds);
  });

  it('drops bounds left on a monitor that is gone, or above the screen', () => {
    expect(restorableBounds({ bounds: { x: 1500, y: 100, width: 1400, height: 900 }, maximized: false }, [laptop])).toBeNull();
    expect(restorableBounds({ bounds: { x: 100, y: -600, width: 1000, height: 500 }, maximized: false }, [laptop])).toBeNull();
    expect(restorableBounds(null, [laptop])).toBeNull();
  });

  it('fits the size to the display and to the minimum', () => {
    expect(restorableBounds({ bounds: { x: 0, y: 0, width: 2500, height: 1600 }, maximized: false }, [laptop])).toEqual({ x: 0, y: 0, width: 1366, height: 728 });
    expect(restorableBounds({ bounds: { x: 0, y: 0, width: 300, height: 200 }, maximized: false }, [rightMonitor, laptop])).toEqual({ x: 0, y: 0, width: MIN_WIDTH, height: MIN_HEIGHT });
    expect(defaultSize(laptop)).toEqual({ width: 1366, height: 728 });
    expect(defaultSize(rightMonitor)).toEqual({ width: 1440, height: 900 });
  });
});
