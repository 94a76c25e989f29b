/** Builds `root` for production into a new temporary directory and returns its path. */
export declare function buildApp(root: string): Promise<string>;
/** Serves `dir` on 127.0.0.1 at a free port, falling back to index.html for paths without an extension. */
export declare function serveDir(dir: string): Promise<{ url: string; close(): Promise<void> }>;
