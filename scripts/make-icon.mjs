// Rasterizes build/icon.svg to build/icon.png (512×512, transparent corners) with the system Chromium,
// so the packaged icon carries the glyph itself. electron-builder derives .ico and the Linux sizes from it.
// Run: node scripts/make-icon.mjs   (CHROMIUM_PATH overrides /usr/bin/chromium)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const svg = fs.readFileSync(path.join(root, 'build', 'icon.svg'), 'utf8');
const out = path.join(root, 'build', 'icon.png');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 512, height: 512 }, deviceScaleFactor: 1 });
  await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.evaluate(() => document.fonts.ready);
  await page.locator('svg').screenshot({ path: out, omitBackground: true });
  console.log(`已生成 ${path.relative(root, out)}`);
} finally {
  await browser.close();
}
