// Types for scripts/prerequisites.mjs (plain JavaScript so that an old Node can run it).
export declare const CHROMIUM_CANDIDATES: string[];
export declare function requiredNode(root?: string): { range: string; version: [number, number, number] };
export declare function findChromium(
  env?: Record<string, string | undefined>,
  candidates?: string[],
  exists?: (path: string) => boolean,
): { path: string; missing?: undefined } | { missing: string; path?: undefined };
export declare function chromiumPath(): string;
export declare function firstMissing(
  command: string,
  options?: { nodeVersion?: string; env?: Record<string, string | undefined>; root?: string },
): string | null;
export declare function checkPostgres(env?: Record<string, string | undefined>): Promise<string | null>;
