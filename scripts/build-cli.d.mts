/** Types for scripts/build-cli.mjs, so TypeScript tests and the bench can call it. */
export declare const CLI_BUNDLE: string;
export declare function buildCli(options?: { outfile?: string }): Promise<string>;
