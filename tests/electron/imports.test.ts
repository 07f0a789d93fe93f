/**
 * The import rules that keep the layout honest (STYLE.md): the renderer cannot reach Node or the main
 * process, shared/ depends on neither side, the Excel code knows cells and not the database, and the
 * services do not know which host calls them.
 */
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');

/** Every module specifier in a source: static and dynamic imports, re-exports, require. */
function specifiers(source: string): string[] {
  const found = new Set<string>();
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of source.matchAll(pattern)) found.add(m[1]!);
  return [...found];
}

function sourcesUnder(dir: string): string[] {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  return fs
    .readdirSync(abs, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx|mts|cts|js|mjs|cjs|jsx)$/.test(f) && !f.split(path.sep).includes('node_modules'))
    .map((f) => path.join(abs, f));
}

const isNodeBuiltin = (spec: string) => spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]!);

/** Where a relative specifier points, as a project path ("electron/db/connection"); null for packages. */
function target(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  return path.relative(root, path.resolve(path.dirname(file), spec)).split(path.sep).join('/');
}

function violations(dir: string, forbidden: (spec: string, target: string | null) => boolean): string[] {
  const out: string[] = [];
  for (const file of sourcesUnder(dir)) {
    for (const spec of specifiers(fs.readFileSync(file, 'utf8'))) {
      if (forbidden(spec, target(file, spec))) out.push(`${path.relative(root, file)} → ${spec}`);
    }
  }
  return out;
}

const inside = (t: string | null, dir: string) => t !== null && (t === dir || t.startsWith(`${dir}/`));

describe('the import checker', () => {
  it('finds every kind of import', () => {
    const source = [
      "import React from 'react';",
      "import type { Db } from '../electron/db/connection';",
      "import {\n  a,\n  b,\n} from 'node:fs';",
      "import './side-effect.css';",
      "export { x } from '../shared/x';",
      "export * from 'better-sqlite3';",
      "const m = await import('electron');",
      "const p = require('path');",
    ].join('\n');
    expect(specifiers(source).sort()).toEqual(
      ['../electron/db/connection', '../shared/x', './side-effect.css', 'better-sqlite3', 'electron', 'node:fs', 'path', 'react'].sort(),
    );
  });

  it('sees the sources it checks', () => {
    expect(sourcesUnder('renderer').length).toBeGreaterThan(0);
    expect(sourcesUnder('shared').length).toBeGreaterThan(0);
    expect(sourcesUnder('electron/excel').length).toBeGreaterThan(0);
  });
});

describe('import rules', () => {
  it('renderer/ never imports electron, better-sqlite3, Node modules or the main process', () => {
    expect(
      violations('renderer', (spec, t) => spec === 'electron' || spec.startsWith('electron/') || spec === 'better-sqlite3' || isNodeBuiltin(spec) || inside(t, 'electron')),
    ).toEqual([]);
  });

  it('shared/ imports nothing from electron/ or renderer/, nor anything only one side has', () => {
    expect(
      violations('shared', (spec, t) => inside(t, 'electron') || inside(t, 'renderer') || spec === 'electron' || spec === 'better-sqlite3' || isNodeBuiltin(spec)),
    ).toEqual([]);
  });

  it('electron/excel/ never touches the database', () => {
    expect(violations('electron/excel', (spec, t) => inside(t, 'electron/db') || spec === 'better-sqlite3')).toEqual([]);
  });

  it('electron/services/ does not know its host', () => {
    expect(
      violations('electron/services', (spec, t) => spec === 'electron' || inside(t, 'electron/host') || inside(t, 'electron/ipc') || inside(t, 'renderer') || inside(t, 'electron/main')),
    ).toEqual([]);
  });
});

describe('the CLI is a host like the others', () => {
  // Parsing and printing only: every command goes through the core's dispatch(), so it gets the contract's
  // validation, the backup before an import, the lock and the restore's wait for jobs with no copy of its own.
  const cliSources = () => [path.join(root, 'electron/cli.ts'), ...sourcesUnder('electron/cli')];
  const serviceImports = (file: string, source: string) =>
    specifiers(source)
      .filter((spec) => {
        const t = target(file, spec);
        return inside(t, 'electron/services') || inside(t, 'electron/db/repos') || inside(t, 'electron/db/connection') || spec === 'better-sqlite3';
      })
      .map((spec) => `${path.relative(root, file)} → ${spec}`);

  it('sees the CLI sources it checks', () => {
    expect(cliSources().length).toBeGreaterThan(3);
  });

  it('electron/cli.ts and electron/cli/ import no service, no repository and no store connection', () => {
    expect(cliSources().flatMap((file) => serviceImports(file, fs.readFileSync(file, 'utf8')))).toEqual([]);
  });

  it('the check fails on a CLI module that calls a service around dispatch()', () => {
    const file = path.join(root, 'electron/cli/bad.ts');
    const source = "import { loadTargets } from '../db/repos/targets';\nimport { startCore } from '../host/app';\nconst m = await import('../services/seed');\n";
    expect(serviceImports(file, source)).toEqual(['electron/cli/bad.ts → ../db/repos/targets', 'electron/cli/bad.ts → ../services/seed']);
  });
});
