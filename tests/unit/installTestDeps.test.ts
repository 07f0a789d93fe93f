/**
 * scripts/install-test-deps.sh, which the README's test command runs first on a fresh Debian machine:
 * run against stand-ins for dpkg-query, apt-get, id and sudo that record how they were called.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/store';

const SCRIPT = path.resolve(__dirname, '../../scripts/install-test-deps.sh');
const ALL = ['chromium', 'fonts-noto-cjk', 'libreoffice-calc-nogui', 'libreoffice-writer-nogui', 'poppler-utils', 'e2fsprogs', 'python3-openpyxl', 'python3-xlsxwriter', 'python3-docx'];

function run(options: { installed: string[]; uid: number; sudo: boolean; apt?: boolean }) {
  const bin = tempDir('deps-bin-');
  const log = path.join(bin, 'calls.log');
  const stub = (name: string, body: string) => fs.writeFileSync(path.join(bin, name), `#!/bin/bash\n${body}\n`, { mode: 0o755 });
  stub('dpkg-query', `for p in "$@"; do :; done; case " ${options.installed.join(' ')} " in *" $p "*) printf 'install ok installed';; *) exit 1;; esac`);
  if (options.apt !== false) stub('apt-get', `echo "apt-get $*" >> '${log}'`);
  stub('id', `echo ${options.uid}`);
  if (options.sudo) stub('sudo', `echo "sudo $1" >> '${log}'; "$@"`);
  // Only the stand-ins and the shell's own basics (env, printf): no real apt-get or sudo is reachable.
  fs.symlinkSync('/usr/bin/env', path.join(bin, 'env'));
  const result = spawnSync('/bin/bash', [SCRIPT], { env: { PATH: bin }, encoding: 'utf8' });
  const calls = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n') : [];
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, calls };
}

describe('install-test-deps.sh', () => {
  it('does nothing when every package is installed', () => {
    const r = run({ installed: ALL, uid: 1000, sudo: false });
    expect(r.status).toBe(0);
    expect(r.calls).toEqual([]);
    expect(r.stdout).toContain('均已安装');
  });

  it('as root: one apt-get update, then installs only what is missing', () => {
    const r = run({ installed: ['chromium', 'e2fsprogs', 'python3-xlsxwriter'], uid: 0, sudo: false });
    expect(r.status).toBe(0);
    expect(r.calls).toEqual(['apt-get update -qq', 'apt-get install -y -qq --no-install-recommends fonts-noto-cjk libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils python3-openpyxl python3-docx']);
  });

  it('not root: through sudo', () => {
    const r = run({ installed: ALL.slice(1), uid: 1000, sudo: true });
    expect(r.status).toBe(0);
    expect(r.calls).toEqual(['sudo env', 'apt-get update -qq', 'sudo env', 'apt-get install -y -qq --no-install-recommends chromium']);
  });

  it('not root and no sudo: says in Chinese what to install, and fails', () => {
    const r = run({ installed: [], uid: 1000, sudo: false });
    expect(r.status).toBe(1);
    expect(r.calls).toEqual([]);
    expect(r.stderr).toContain('缺少测试所需的系统软件包：chromium fonts-noto-cjk libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils e2fsprogs python3-openpyxl python3-xlsxwriter python3-docx');
    expect(r.stderr).toContain('请让管理员以 root 身份运行');
  });

  it('not Debian: says what to install', () => {
    const r = run({ installed: [], uid: 0, sudo: false, apt: false });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('本机不是 Debian 系统');
  });
});

describe('the README test command', () => {
  it('is what .ci/run runs, with no other install step', () => {
    const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
    const command = /```bash\n[^\n]*\n([^#\n]*?)\s+#/.exec(readme)?.[1];
    expect(command).toBe('npm run setup:test && ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci && npm test');
    const ci = fs.readFileSync(path.resolve(__dirname, '../../.ci/run'), 'utf8');
    const steps = ci.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#') && !/^(set |cd )/.test(l));
    expect(steps).toEqual([command]);
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { scripts: Record<string, string>; engines: { node: string } };
    expect(pkg.scripts['setup:test']).toBe('bash scripts/install-test-deps.sh');
  });
});
