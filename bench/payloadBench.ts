/**
 * The size of what the app adds to Electron in an installer, packed by electron-builder from
 * electron-builder.yml (scripts/packApp.ts), split into its parts so a growth shows where it came from.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packApp, payloadBytes } from '../scripts/packApp';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

export async function describePayload(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ducha-bench-pack-'));
  try {
    const packed = await packApp(dir);
    const unpacked = packed.unpacked.reduce((sum, f) => sum + fs.statSync(path.join(packed.unpackedDir, f)).size, 0);
    const asarBytes = fs.statSync(packed.asarFile).size;
    const seeds = fs.readdirSync('seeds').reduce((sum, f) => sum + fs.statSync(path.join('seeds', f)).size, 0);
    // Baseline, same run: the app's own files with node_modules as electron-builder takes it by default.
    const whole = await packApp(path.join(dir, 'baseline'), { files: ['dist/**', 'package.json', 'seeds/**', '!**/*.map'] });
    const ratio = payloadBytes(whole) / payloadBytes(packed);
    return `app payload (packed by electron-builder, Electron itself not counted): ${mb(payloadBytes(packed))} = app.asar ${mb(asarBytes)} (of it seeds/ ${mb(seeds)}) + unpacked native module ${mb(unpacked)}; baseline, whole production node_modules: ${mb(payloadBytes(whole))} (${ratio.toFixed(1)}× larger)`;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
