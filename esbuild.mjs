// Bundles the CLI, the language server and the VS Code client into dist/ (CommonJS, Node 20).
import { readFileSync } from 'node:fs';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const polyfill = readFileSync(new URL('./scripts/polyfill.cjs', import.meta.url), 'utf8');

const common = {
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

const entries = [
    { entryPoints: { cli: 'cli/main.ts' } },
    { entryPoints: { server: 'server/main.ts' } },
    { entryPoints: { extension: 'client/extension.ts' } },
    { entryPoints: { 'sandbox-worker': 'evaluator/sandbox-worker.ts' } },
    { entryPoints: { 'dataset-worker': 'generators/dataset/record-worker.ts' } },
].filter((entry) => {
    const file = Object.values(entry.entryPoints)[0];
    try {
        readFileSync(file);
        return true;
    } catch {
        return false;
    }
});

const contexts = await Promise.all(
    entries.map((entry) => esbuild.context({ ...common, ...entry, outdir: 'dist', outExtension: { '.js': '.cjs' } })),
);
if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
} else {
    await Promise.all(contexts.map((ctx) => ctx.rebuild()));
    await Promise.all(contexts.map((ctx) => ctx.dispose()));
}
