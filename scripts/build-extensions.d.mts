// Types for scripts/build-extensions.mjs.
export declare const BUNDLE_LIMIT_BYTES: number;
export declare function uiExtensions(
  root?: string,
): { handle: string; apiVersion: string; dir: string; targets: { target: string; module: string }[] }[];
export declare function appUrlFor(env?: Record<string, string | undefined>, root?: string): string;
export declare function buildExtensions(options?: {
  root?: string;
  env?: Record<string, string | undefined>;
}): Promise<{ handle: string; targets: string[]; bytes: number; brotliBytes: number; code: string }[]>;
