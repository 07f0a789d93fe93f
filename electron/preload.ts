/**
 * Runs sandboxed in the renderer before the page. It exposes one object, `window.api`, with one function,
 * `call`, that forwards to the main process's `api` channel. ipcRenderer itself never reaches the page,
 * so a compromised page can send nothing but contract calls, which the main process checks again.
 * Bundled into a single CommonJS file: a sandboxed preload can require only `electron`.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { Result } from '../shared/errors';

const api = {
  call: (method: string, payload: unknown): Promise<Result<unknown>> => ipcRenderer.invoke('api', method, payload),
};

export type PreloadApi = typeof api;

contextBridge.exposeInMainWorld('api', api);
