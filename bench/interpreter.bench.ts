// Interpreter throughput: executions per CPU-second of typical 1–3 line programs, on 5×5 and 30×30
// grids, on one core. Each program is parsed and compiled once, then run many times; after a
// warm-up, several timed rounds are taken and the median reported.
//
//   npm run bench                 # all programs, both sizes
//   npm run bench -- --json       # machine-readable figures
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Grid } from '../language/grid.js';
import type { CompiledProgram } from '../language/interpreter.js';
import { compileText } from '../language/load.js';

const PROGRAMS: Record<string, string> = {
    rotate: 'output = rotate(input)',
    'flip pipe': 'output = input |> flip(axis: horizontal)',
    recolor: 'output = recolor(input, from: 1, to: 2)',
    'crop largest': 'let objs = objects(input)\noutput = crop(input, largest(objs))',
    'argmax lambda':
        'let big = argmax(objects(input, connectivity: 8), o => size(o) * 10 + width(o))\noutput = paint(input, big, color: 4)',
    'filter recolour':
        'let small = filter(objects(input), o => size(o) < 3)\nlet g = fold(small, input, (acc, o) => paint(acc, o, color: 5))\noutput = g',
    'fill enclosed': 'output = fill_enclosed(input, color: 4)',
};

const TARGETS: Record<number, number> = { 5: 200_000, 30: 20_000 };
const WARMUP_MS = 300;
const ROUND_MS = 200;
const ROUNDS = 5;

/**
 * A reproducible ARC-like input: background 0 and a few blobs of one colour each (2–3 on a 5×5 grid,
 * 6–12 on 30×30), grown cell by cell from a seed cell.
 */
function sampleGrid(side: number, seed: number): Grid {
    let state = seed >>> 0;
    const random = () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const int = (n: number) => Math.floor(random() * n);
    const rows = Array.from({ length: side }, () => new Array<number>(side).fill(0));
    const blobs = side <= 5 ? 2 + int(2) : 6 + int(7);
    for (let b = 0; b < blobs; b++) {
        const color = 1 + int(9);
        let [r, c] = [int(side), int(side)];
        for (let n = 1 + int(side <= 5 ? 4 : 20); n > 0; n--) {
            rows[r][c] = color;
            [r, c] = [Math.min(side - 1, Math.max(0, r + int(3) - 1)), Math.min(side - 1, Math.max(0, c + int(3) - 1))];
        }
    }
    return Grid.fromRows(rows);
}

/** The 30×30 inputs of the real ARC tasks in arc-dev, when that folder is here; else sample grids. */
function realInputs(side: number): Grid[] | undefined {
    const root = process.env.ARC_DEV ?? new URL('../../shared/arc-dev', import.meta.url).pathname;
    if (!existsSync(root)) return undefined;
    const grids: Grid[] = [];
    for (const family of readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory())) {
        for (const file of readdirSync(join(root, family.name)).filter((f) => f.endsWith('.json'))) {
            const task = JSON.parse(readFileSync(join(root, family.name, file), 'utf8')) as {
                train: { input: number[][] }[];
                test: { input: number[][] }[];
            };
            for (const { input } of [...task.train, ...task.test]) {
                if (input.length === side && input[0].length === side) grids.push(Grid.fromRows(input));
            }
        }
    }
    return grids.length >= 8 ? grids : undefined;
}

/** This process's CPU time in ms: on a shared machine, wall time would count other processes' turns. */
function cpuMs(): number {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
}

/** Runs per CPU-second over one timed round (reads the clock every batch, not every run). */
function round(program: CompiledProgram, inputs: Grid[], ms: number): number {
    const batch = 64;
    let runs = 0;
    const start = cpuMs();
    let elapsed = 0;
    let sink = 0;
    while (elapsed < ms) {
        for (let i = 0; i < batch; i++) sink += program.run(inputs[(runs + i) % inputs.length]).width;
        runs += batch;
        elapsed = cpuMs() - start;
    }
    if (sink < 0) console.log(sink); // keeps the results alive
    return (runs * 1000) / elapsed;
}

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

/** The input sets: sample grids at both sizes, and the real 30×30 ARC inputs when arc-dev is here. */
function inputSets(): InputSet[] {
    const sets: InputSet[] = [5, 30].map((side) => ({
        name: `${side}×${side}`,
        side,
        source: 'sample grids with a few blobs',
        grids: Array.from({ length: 8 }, (_, i) => sampleGrid(side, 1000 * side + i)),
    }));
    const real = realInputs(30);
    if (real)
        sets.push({ name: '30×30 real', side: 30, source: `${real.length} real ARC inputs from arc-dev (up to 450 objects)`, grids: real });
    return sets;
}

interface InputSet {
    name: string;
    side: number;
    source: string;
    grids: Grid[];
}

async function main(): Promise<void> {
    const json = process.argv.includes('--json');
    const sets = inputSets();
    const results: { program: string; inputs: string; perSecond: number }[] = [];
    for (const set of sets) {
        for (const [name, text] of Object.entries(PROGRAMS)) {
            const { program } = await compileText(text);
            round(program, set.grids, WARMUP_MS);
            const rounds = Array.from({ length: ROUNDS }, () => round(program, set.grids, ROUND_MS));
            results.push({ program: name, inputs: set.name, perSecond: median(rounds) });
        }
    }
    const summary = sets.map((set) => {
        const rates = results.filter((r) => r.inputs === set.name).map((r) => r.perSecond);
        return { inputs: set.name, median: median(rates), slowest: Math.min(...rates), target: TARGETS[set.side] };
    });
    const machine = `node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}`;
    if (json) {
        const inputs = Object.fromEntries(sets.map((set) => [set.name, set.source]));
        process.stdout.write(`${JSON.stringify({ machine, inputs, results, summary }, null, 2)}\n`);
        return;
    }
    const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(13);
    console.log(`Interpreter throughput: runs per CPU-second, median of ${ROUNDS} rounds (${machine})`);
    console.log(`${'program'.padEnd(18)}${sets.map((set) => set.name.padStart(13)).join('')}`);
    for (const name of Object.keys(PROGRAMS)) {
        const rates = sets.map((set) => results.find((r) => r.program === name && r.inputs === set.name)?.perSecond ?? 0);
        console.log(`${name.padEnd(18)}${rates.map(fmt).join('')}`);
    }
    for (const set of sets) console.log(`${set.name}: ${set.source}`);
    for (const { inputs, median: rate, slowest, target } of summary) {
        const verdict = rate >= target ? 'meets' : 'misses';
        console.log(
            `${inputs}: median ${fmt(rate).trim()}/s (${verdict} ${target.toLocaleString('en-US')}/s), slowest ${fmt(slowest).trim()}/s`,
        );
    }
}

await main();
