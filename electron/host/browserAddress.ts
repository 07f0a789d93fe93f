/**
 * The browser mode's address, kept per data folder: the token and port of the last start, in a file beside
 * the store readable only by the user (0600). A restart on the same folder serves the same address, so a
 * page left open reconnects by itself instead of needing the new address pasted in.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface BrowserAddress {
  token: string;
  port: number;
}

export const ADDRESS_FILE = 'browser-mode.json';

export function addressFileOf(storePath: string): string {
  return path.join(path.dirname(path.resolve(storePath)), ADDRESS_FILE);
}

/** The address kept for this store's folder; null when there is none or it is not ours (then a new one is made). */
export function readAddress(storePath: string): BrowserAddress | null {
  try {
    const file = addressFileOf(storePath);
    // A file others can read is not a secret any more: start with a new token.
    if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) return null;
    const value = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<BrowserAddress>;
    if (typeof value.token !== 'string' || !/^[\w-]{32,}$/.test(value.token)) return null;
    const port = Number.isInteger(value.port) && value.port! > 0 && value.port! < 65536 ? value.port! : 0;
    return { token: value.token, port };
  } catch {
    return null;
  }
}

export function newToken(): string {
  return crypto.randomBytes(24).toString('base64url');
}

/**
 * Writes the address (0600 from the first byte: the file is created with that mode, then renamed over).
 * False when the folder cannot be written (a store opened read-only): the app still starts, only a page
 * left open will need the new address after a restart.
 */
export function keepAddress(storePath: string, address: BrowserAddress): boolean {
  const file = addressFileOf(storePath);
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, JSON.stringify(address), { mode: 0o600 });
    fs.chmodSync(temp, 0o600);
    fs.renameSync(temp, file);
    return true;
  } catch {
    fs.rmSync(temp, { force: true });
    return false;
  }
}
