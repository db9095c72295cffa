export declare const root: string;
/** Whether the production build in `distDir` (relative to the project root) is newer than every source. */
export declare function buildIsCurrent(distDir: string): boolean;
