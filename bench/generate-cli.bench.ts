// End-to-end generator throughput: `arcdsl generate` (the bundle users run, dist/cli.cjs) writing
// the records of one family at a time, per CPU-second of the whole process (start-up, V8's compiler
// and GC threads, the output file). Each family runs at two counts; the records between them over
// the CPU time between them is the steady-state rate, what a long run (a million records) settles at
// once its code is compiled and its program forms parsed.
//
//   node --import tsx bench/generate-cli.bench.ts [--counts 20000,200000] [--sizes 10-10] [--family F|all]…
//        [--cli dist/cli.cjs]… [--rounds 1] [--pin CPU]
//
// `--pin CPU` runs each process on that one CPU (`taskset`): its steady records per wall-second are
// then the rate on one core, V8's compiler and GC threads sharing it.
//
// `--family all` runs the eight families in one process, as `arcdsl generate --families all` does, the
// counts then being records in all (an eighth of them per family).
//
// Several --cli bundles (e.g. one built from an older commit) run interleaved, family by family and
// round by round, so a busy machine slows them alike; the last column compares each with the first
// round by round (use several rounds: that ratio is steadier than the best times). Build the bundle first: `node esbuild.mjs`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FAMILY_NAMES } from '../generators/family.js';

const { values } = parseArgs({
    options: {
        counts: { type: 'string', default: '20000,200000' },
        sizes: { type: 'string', default: '10-10' },
        family: { type: 'string', multiple: true },
        cli: { type: 'string', multiple: true },
        rounds: { type: 'string', default: '1' },
        pin: { type: 'string' },
    },
});
const [shortCount, longCount] = (values.counts as string).split(',').map(Number);
if (!(shortCount > 0 && longCount > shortCount)) throw new Error(`--counts wants two counts, the first smaller: ${values.counts}`);
const ALL = 'all';
if (values.family?.includes(ALL) && (shortCount % FAMILY_NAMES.length || longCount % FAMILY_NAMES.length))
    throw new Error(`--family all wants counts divisible by ${FAMILY_NAMES.length}: ${values.counts}`);
const clis = (values.cli ?? ['dist/cli.cjs']).map((cli) => resolve(cli));
const families: string[] = FAMILY_NAMES.filter((family) => !values.family || values.family.includes(family));
if (values.family?.includes(ALL)) families.push(ALL);
const rounds = Number(values.rounds);
/** `--pin N`: every run on CPU N alone (`taskset`), V8's helper threads too — "one core", literally. */
const pin = values.pin;
if (pin !== undefined && !/^\d+$/.test(pin)) throw new Error(`--pin wants a CPU number, not '${pin}'`);
const reporter = resolve(import.meta.dirname, 'report-usage.cjs');

interface Usage {
    cpuSeconds: number;
    wallSeconds: number;
    maxRssKb: number;
}

function generate(cli: string, family: string, count: number, dir: string): Usage {
    const usageFile = join(dir, 'usage.json');
    const perFamily = family === ALL ? count / FAMILY_NAMES.length : count;
    const args = ['generate', '--families', family, '--count', String(perFamily), '--sizes', values.sizes as string];
    const started = performance.now();
    // One thread generating (as #4's "one core" asks), also where a long run would start workers.
    if (knowsJobs(cli)) args.push('--jobs', '1');
    const command = [process.execPath, '--require', reporter, cli, ...args, '--out', join(dir, 'out'), '--force', '--quiet'];
    if (pin !== undefined) command.unshift('taskset', '--cpu-list', pin);
    execFileSync(command[0], command.slice(1), {
        env: { ...process.env, BENCH_USAGE_FILE: usageFile },
        stdio: ['ignore', 'ignore', 'inherit'],
    });
    const wallSeconds = (performance.now() - started) / 1000;
    return { ...JSON.parse(readFileSync(usageFile, 'utf8')), wallSeconds };
}

/** Whether a bundle has `generate --jobs` (older ones, built to compare with, do not). */
const jobsKnown = new Map<string, boolean>();
function knowsJobs(cli: string): boolean {
    let known = jobsKnown.get(cli);
    if (known === undefined) {
        known = execFileSync(process.execPath, [cli, 'generate', '--help'], { encoding: 'utf8' }).includes('--jobs');
        jobsKnown.set(cli, known);
    }
    return known;
}

/**
 * The median over rounds of a bundle's CPU time for the long count over the first bundle's in the same
 * round. Runs next to each other share the machine's mood, so this ratio holds steadier than the best
 * times when the load drifts (one run can be ±20 % off the next on a shared host).
 */
function pairedRatio(runs: Usage[], baseline: Usage[]): number {
    const ratios = runs.map((run, round) => run.cpuSeconds / baseline[round].cpuSeconds).sort((a, b) => a - b);
    const middle = ratios.length >> 1;
    return ratios.length % 2 ? ratios[middle] : (ratios[middle - 1] + ratios[middle]) / 2;
}

/** The lower CPU time of each count over the rounds: noise on a shared machine only adds time. */
function best(runs: Usage[]): Usage {
    return runs.reduce((a, b) => (b.cpuSeconds < a.cpuSeconds ? b : a));
}

function main(): void {
    const dir = mkdtempSync(join(tmpdir(), 'arcdsl-generate-cli-'));
    const rows: string[][] = [];
    try {
        for (const family of families) {
            const runs = new Map<string, { short: Usage[]; long: Usage[] }>(clis.map((cli) => [cli, { short: [], long: [] }]));
            for (let round = 0; round < rounds; round++) {
                for (const cli of clis) {
                    const entry = runs.get(cli) as { short: Usage[]; long: Usage[] };
                    entry.short.push(generate(cli, family, shortCount, dir));
                    entry.long.push(generate(cli, family, longCount, dir));
                }
            }
            const first = runs.get(clis[0]) as { short: Usage[]; long: Usage[] };
            for (const [cli, entry] of runs) {
                const short = best(entry.short);
                const long = best(entry.long);
                const steady = (longCount - shortCount) / (long.cpuSeconds - short.cpuSeconds);
                const steadyWall = (longCount - shortCount) / (long.wallSeconds - short.wallSeconds);
                rows.push([
                    family,
                    cli.replace(`${process.cwd()}/`, ''),
                    short.cpuSeconds.toFixed(2),
                    long.cpuSeconds.toFixed(2),
                    Math.round(shortCount / short.cpuSeconds).toLocaleString('en'),
                    Math.round(longCount / long.cpuSeconds).toLocaleString('en'),
                    Math.round(steady).toLocaleString('en'),
                    Math.round(longCount / long.wallSeconds).toLocaleString('en'),
                    Math.round(steadyWall).toLocaleString('en'),
                    `${Math.round(long.maxRssKb / 1024)} MB`,
                    pairedRatio(entry.long, first.long).toFixed(3),
                ]);
            }
        }
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
    const n = (count: number) => count.toLocaleString('en');
    const header = [
        'family',
        'cli',
        `CPU-s ${n(shortCount)}`,
        `CPU-s ${n(longCount)}`,
        `records/CPU-s ${n(shortCount)}`,
        `records/CPU-s ${n(longCount)}`,
        'steady records/CPU-s',
        `records/wall-s ${n(longCount)}`,
        'steady records/wall-s',
        'peak RSS',
        `CPU ${n(longCount)} / first cli's (median of rounds)`,
    ];
    const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
    process.stdout.write(
        `arcdsl generate, sides ${values.sizes}, best of ${rounds} round(s), ${cpus()[0]?.model ?? 'unknown CPU'}${pin === undefined ? '' : `, pinned to CPU ${pin}`}, load ${loadavg()[0].toFixed(1)} at the end\n\n`,
    );
    process.stdout.write(`${[line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')}\n`);
}

main();
