// Bundles the CLI, the language server and the VS Code client into dist/ (CommonJS, Node 20).
import { readFileSync } from 'node:fs';
import * as esbuild from 'esbuild';
import { common } from './scripts/esbuild-common.mjs';

const watch = process.argv.includes('--watch');

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
