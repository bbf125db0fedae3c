// Runs a bench on the code as users run it: the esbuild bundle (what `node esbuild.mjs` makes of the
// CLI), not the TypeScript sources under tsx, whose keepNames transform names every function and
// class at run time and made the generators ~1.7× slower than the bundled CLI.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Calls `main` inside the bundle. Started from the TypeScript source (`--import tsx bench/x.bench.ts`),
 * it bundles that file with the CLI's esbuild settings into a temp directory and runs the bundle in
 * a child process with the same arguments and node flags (e.g. --cpu-prof), minus the module hooks
 * tsx needs; the bundle runs `main`. With `--sources` among the arguments `main` runs on the sources.
 */
export function runBundled(benchUrl: string, main: () => Promise<void>): void {
    const file = fileURLToPath(benchUrl);
    const done = !file.endsWith('.ts') || process.argv.includes('--sources') ? main() : bundleAndRun(file);
    done.catch((error: unknown) => {
        process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exitCode = 1;
    });
}

async function bundleAndRun(file: string): Promise<void> {
    const root = resolve(dirname(file), '..');
    // Imported here, not above: the bundle leaves esbuild out and never loads it.
    const esbuild = await import('esbuild');
    const dir = await mkdtemp(join(tmpdir(), 'arcdsl-bench-'));
    try {
        const outfile = join(dir, `${file.replace(/^.*\//, '').replace(/\.ts$/, '')}.cjs`);
        // The settings of esbuild.mjs, which builds dist/cli.cjs; esbuild stays out of the bundle.
        const { common } = await import(pathToFileURL(join(root, 'scripts/esbuild-common.mjs')).href);
        await esbuild.build({
            ...common,
            absWorkingDir: root,
            entryPoints: [file],
            outfile,
            sourcemap: false,
            logLevel: 'warning',
            external: [...common.external, 'esbuild'],
        });
        process.exitCode = await run(process.execPath, [...withoutModuleHooks(process.execArgv), outfile, ...process.argv.slice(2)]);
    } finally {
        await rm(dir, { recursive: true, force: true });
    }
}

/** Node's flags without the module hooks (--import tsx, --require polyfill): the bundle needs none. */
function withoutModuleHooks(flags: readonly string[]): string[] {
    const kept: string[] = [];
    for (let i = 0; i < flags.length; i++) {
        if (['--import', '--require', '-r', '--loader', '--experimental-loader'].includes(flags[i])) i++;
        else if (!/^--(import|require|loader|experimental-loader)=/.test(flags[i])) kept.push(flags[i]);
    }
    return kept;
}

/** Runs the child to its end; Ctrl+C or a kill reaches it, and this process stays to clean up. */
function run(command: string, args: string[]): Promise<number> {
    return new Promise((done, fail) => {
        const child = spawn(command, args, { stdio: 'inherit' });
        const forward = (signal: NodeJS.Signals) => child.kill(signal);
        process.on('SIGINT', forward);
        process.on('SIGTERM', forward);
        child.on('error', fail);
        child.on('exit', (code, signal) => {
            process.off('SIGINT', forward);
            process.off('SIGTERM', forward);
            done(code ?? (signal ? 1 : 0));
        });
    });
}
