/**
 * The desktop's native shell as the page sees it: menu commands in, dialogs by action name out. In the
 * browser mode there is none (`desktop` is null) and the page's own pickers and downloads are used.
 */
import { useEffect, useRef } from 'react';
import type { ImportFile } from '../../shared/contract';
import type { ReadAs, SkippedEntry } from '../../shared/dropped';
import type { PrintRequest, PrintSetup } from '../../shared/print';
import { ApiError } from '../api';

export type ShellCommand = 'import-files' | 'import-folder' | 'import-recent' | 'export' | 'print' | 'settings' | 'backups' | 'data-folder' | 'help';

type ShellAction = 'import.files' | 'import.folder' | 'import.recent' | 'backups.chooseDir' | 'backups.restoreFile' | 'store.showInFolder' | 'store.move';

export interface PickedImport {
  files: ImportFile[];
  /** Where each file was found and how it is read, for the list shown before it is read. */
  listed: { path: string; name: string; readAs: ReadAs }[];
  skipped: SkippedEntry[];
}

type Answer = { cancelled: true } | { cancelled: false; kind: 'import'; files: (ImportFile & { path: string; readAs: ReadAs })[]; skipped: SkippedEntry[] } | { cancelled: false; kind: 'value'; value: unknown };

const bridge = typeof window !== 'undefined' && window.api?.shell ? window.api : null;

/** True in the desktop window. */
export const desktop = bridge !== null;

async function ask(action: ShellAction, index?: number): Promise<Answer> {
  return send(index === undefined ? { action } : { action, index });
}

async function send(request: { action: ShellAction; index?: number } | PrintRequest): Promise<Answer> {
  if (!bridge) throw new ApiError({ code: 'invalid-request', message: '浏览器模式没有这个对话框。' });
  const result = await bridge.shell(request);
  if (!result.ok) throw new ApiError(result.error);
  return result.value as Answer;
}

/** The desktop prints its own page through the system's print dialog (electron/print.ts); false when cancelled. */
export async function desktopPrint(setup: PrintSetup): Promise<boolean> {
  return !(await send({ action: 'print', ...setup })).cancelled;
}

/** The desktop saves its page as a PDF where the user chooses; the file's name, or null when cancelled. */
export async function desktopSavePdf(setup: PrintSetup, fileName: string): Promise<string | null> {
  const answer = await send({ action: 'print.pdf', ...setup, fileName });
  return answer.cancelled || answer.kind !== 'value' ? null : (answer.value as { fileName: string }).fileName;
}

/** Workbooks picked in the desktop's open dialog (files, a folder, or a 最近打开 entry); null when cancelled. */
export async function pickImport(kind: 'files' | 'folder' | 'recent', index?: number): Promise<PickedImport | null> {
  const answer = await ask(kind === 'files' ? 'import.files' : kind === 'folder' ? 'import.folder' : 'import.recent', index);
  if (answer.cancelled || answer.kind !== 'import') return null;
  return { files: answer.files.map(({ name, path, data }) => ({ name, place: path, data })), listed: answer.files.map(({ path, name, readAs }) => ({ path, name, readAs })), skipped: answer.skipped };
}

/** A dialog whose result the main process hands to the service itself; the service's answer, or null when cancelled. */
export async function inDialog<T>(action: 'backups.chooseDir' | 'backups.restoreFile' | 'store.showInFolder' | 'store.move'): Promise<T | null> {
  const answer = await ask(action);
  return answer.cancelled || answer.kind !== 'value' ? null : (answer.value as T);
}

/** Runs `handlers[command]` for each menu command while mounted (the latest handlers, without re-subscribing). */
export function useShellCommands(handlers: Partial<Record<ShellCommand, (index?: number) => void>>): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    // ipcRenderer listeners cannot be removed through the bridge: subscribe once for the page's life.
    if (!bridge || subscribed) return;
    subscribed = true;
    bridge.onCommand((command, index) => listeners.forEach((l) => l(command as ShellCommand, index)));
  }, []);
  useEffect(() => {
    const listener = (command: ShellCommand, index?: number) => latest.current[command]?.(index);
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, []);
}

let subscribed = false;
const listeners = new Set<(command: ShellCommand, index?: number) => void>();
