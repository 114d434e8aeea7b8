// Types for run-flags.mjs, which generator/run.mjs imports before anything is compiled.
export declare const SMALL_SPEC_BYTES: number;
export declare function isShortRun(args: string[], defaultSpec: string): boolean;
export declare const LARGE_SPEC_BYTES: number;
export declare const HEAP_GROWING_PERCENT: number;
export declare function isLargeSpec(args: string[], defaultSpec: string): boolean;
export declare function specSize(path: string): number | undefined;
