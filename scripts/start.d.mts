/** Types for scripts/start.mjs, so TypeScript tests can call its helpers. */
export declare function electronBinary(): string | null;
export declare function ensureElectronNative(options?: { force?: boolean }): string;
