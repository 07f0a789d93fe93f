/** Types for scripts/build-electron.mjs, so TypeScript tests can call it. */
export declare function buildElectron(options?: { outDir?: string }): Promise<{ main: string; preload: string }>;
