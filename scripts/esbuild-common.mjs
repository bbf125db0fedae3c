// The esbuild settings every bundle shares: dist/ (esbuild.mjs) and the benches that run as users
// run the code (bench/bundled.ts). Paths are relative to the project root (esbuild's working dir).
import { readFileSync } from 'node:fs';

const polyfill = readFileSync(new URL('./polyfill.cjs', import.meta.url), 'utf8');

export const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'info',
    // Langium needs Object.groupBy before any of its code runs (Node 20, VS Code 1.100's extension host).
    banner: { js: polyfill },
    // import.meta.url is used by some ESM dependencies; give the CJS bundle a working equivalent.
    define: { 'import.meta.url': 'importMetaUrl' },
    inject: ['./scripts/import-meta-url.js'],
    external: ['vscode', 'onnxruntime-node', 'node-pty'],
    // transformers.js requires sharp (image models) as it loads; text models never call it.
    alias: { sharp: './scripts/sharp-stub.cjs' },
};
