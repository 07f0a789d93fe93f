/**
 * Runs sandboxed in the renderer before the page. It exposes one object, `window.api`: `call` forwards to
 * the main process's `api` channel (contract calls), `shell` asks for a native dialog by action name, and
 * `onCommand` passes on the menu's commands. ipcRenderer itself never reaches the page, so a compromised
 * page can send nothing but contract calls and dialog requests, which the main process checks again.
 * Bundled into a single CommonJS file: a sandboxed preload can require only `electron`.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { Result } from '../shared/errors';

const api = {
  call: (method: string, payload: unknown): Promise<Result<unknown>> => ipcRenderer.invoke('api', method, payload),
  /** A native dialog by action name ({ action: 'import.files' }…); the main process checks the request. */
  shell: (request: { action: string; index?: number; paper?: string; landscape?: boolean; fileName?: string }): Promise<Result<unknown>> => ipcRenderer.invoke('shell', request),
  /** Menu commands (导入, 导出, 帮助…); the page gets the command's name and index only, never the IPC event. */
  onCommand: (listener: (command: string, index?: number) => void): void => {
    ipcRenderer.on('command', (_event, command: unknown, index: unknown) => {
      if (typeof command === 'string') listener(command, typeof index === 'number' ? index : undefined);
    });
  },
};

export type PreloadApi = typeof api;

contextBridge.exposeInMainWorld('api', api);
