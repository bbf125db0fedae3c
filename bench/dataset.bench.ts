// Dataset builder throughput: records per second through `buildDataset` (validate every record by
// running its solution on every pair, dedupe, split by program, write Arrow), on synthetic records
// with 10×10 grids; peak RSS; and, side by side in the same run, Python `datasets` writing the same
// rows (`Dataset.from_list(...).save_to_disk`).
//
//   node --require ./scripts/polyfill.cjs --import tsx bench/dataset.bench.ts [--records 20000]
//        [--programs N] [--side 10] [--jobs N] [--no-python] [--keep DIR] [--records-dir DIR]
//
// --keep DIR keeps the records and datasets in DIR, and reuses records already there (same options).
// --records-dir DIR reads the records from DIR, making them there first if it has none (1,000,000
// take about 80 s to make): one set of records for several runs, or for two source trees compared.
// --jobs is the builder's worker threads (default: its own choice).
//
// The input JSONL is made first (not timed): programs from a few templates with distinct parameters
// (`--programs`, default one per 20 records), outputs computed by the interpreter. Times are wall
// clock and this process's CPU time (the machine is shared: CPU time is the fairer figure).
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildDataset } from '../generators/dataset/build-dataset.js';
import { readSplit } from '../generators/dataset/read-dataset.js';
import { SPLIT_NAMES } from '../generators/dataset/split.js';
import { FAMILIES } from '../language/colors.js';
import { Grid } from '../language/grid.js';
import type { CompiledProgram } from '../language/interpreter.js';
import { compileText } from '../language/load.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : fallback;
};
const RECORDS = option('records', 20_000);
const PROGRAMS = option('programs', Math.max(8, Math.round(RECORDS / 20)));
const SIDE = option('side', 10);
const PYTHON = !args.includes('--no-python');
const JOBS = args.includes('--jobs') ? option('jobs', 0) : undefined;
const keepAt = args.indexOf('--keep');
const work = keepAt >= 0 ? resolve(args[keepAt + 1]) : mkdtempSync(join(tmpdir(), 'arcdsl-dataset-bench-'));
const recordsAt = args.indexOf('--records-dir');
const RECORDS_DIR = recordsAt >= 0 ? resolve(args[recordsAt + 1]) : join(work, 'records');

const TEMPLATES = [
    (k: number) => `output = rotate(input, ${k})\n`,
    (k: number) => `output = flip(rotate(input, ${k}), horizontal)\n`,
    (k: number) => `let objs = objects(input, connectivity: 8)\noutput = rotate(crop(input, largest(objs)), ${k})\n`,
];

function random(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

function sampleGrid(next: () => number): Grid {
    const cells = new Uint8Array(SIDE * SIDE);
    for (let i = 0; i < cells.length; i++) if (next() < 0.3) cells[i] = 1 + Math.floor(next() * 9);
    return new Grid(SIDE, SIDE, cells);
}

async function makeInput(dir: string): Promise<void> {
    mkdirSync(dir, { recursive: true });
    // A program's output depends on its rotation only modulo 4: compile each template at k = 0…3 and
    // give records the distinct texts (k = 1, 2, …) — the builder compiles every one of those itself.
    const compiled = new Map<string, CompiledProgram>();
    for (const [t, template] of TEMPLATES.entries()) {
        for (let k = 0; k < 4; k++) compiled.set(`${t}/${k}`, (await compileText(template(k))).program);
    }
    const programs = Array.from({ length: PROGRAMS }, (_, p) => {
        const t = p % TEMPLATES.length;
        const k = 1 + Math.floor(p / TEMPLATES.length);
        return { text: TEMPLATES[t](k), compiled: compiled.get(`${t}/${k % 4}`)! };
    });
    const streams = FAMILIES.map((family) => createWriteStream(join(dir, `${family}.jsonl`)));
    const next = random(1);
    for (let i = 0; i < RECORDS; i++) {
        const program = programs[i % PROGRAMS];
        const grids: Record<string, number[][]> = {};
        for (const pair of ['train_input1', 'train_input2', 'test_input']) {
            const input = sampleGrid(next);
            grids[pair] = input.toRows();
            grids[pair.replace('input', 'output')] = program.compiled.run(input).toRows();
        }
        const family = FAMILIES[i % FAMILIES.length];
        const line = JSON.stringify({ id: `${family}-${i}`, task_type: family, sub_rule: 'bench', ...grids, solution: program.text });
        const stream = streams[i % streams.length];
        if (!stream.write(`${line}\n`)) await new Promise<void>((ok) => stream.once('drain', () => ok()));
    }
    await Promise.all(streams.map((s) => new Promise<void>((ok) => s.end(() => ok()))));
}

function cpuSeconds(): number {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1e6;
}

function pythonExecutable(): string | undefined {
    const candidates = [process.env.ARCDSL_PYTHON, resolve('.venv/bin/python')].filter((p): p is string => !!p);
    return candidates.find((p) => existsSync(p));
}

const PYTHON_WRITE = `
import json, sys, time
from datasets import Dataset, DatasetDict, load_from_disk
ours, rows_dir, out = sys.argv[1], sys.argv[2], sys.argv[3]
features = load_from_disk(ours)["train"].features
splits = {}
for name in ("train", "validation", "test"):
    with open(f"{rows_dir}/{name}.jsonl") as f:
        splits[name] = [json.loads(line) for line in f]
start = time.perf_counter(); cpu = time.process_time()
DatasetDict({name: Dataset.from_list(rows, features=features) for name, rows in splits.items()}).save_to_disk(out)
print(json.dumps({"wall": time.perf_counter() - start, "cpu": time.process_time() - cpu, "rows": sum(map(len, splits.values()))}))
`;

async function main(): Promise<void> {
    const input = RECORDS_DIR;
    const out = join(work, 'dataset');
    // What the records were made with, written last: records without it were left half-made.
    const made = join(input, 'bench-records.json');
    const wanted = JSON.stringify({ records: RECORDS, programs: PROGRAMS, side: SIDE });
    if (existsSync(made)) {
        const found = readFileSync(made, 'utf8');
        if (found !== wanted) throw new Error(`${input} holds records made with ${found}, not ${wanted}: use another directory`);
        process.stderr.write(`reusing the records in ${input}\n`);
    } else {
        if (existsSync(join(input, `${FAMILIES[0]}.jsonl`))) {
            throw new Error(`${input} holds records this bench did not finish making (no bench-records.json): remove them first`);
        }
        process.stderr.write(`making ${RECORDS} records (${PROGRAMS} programs, ${SIDE}×${SIDE}) in ${input}\n`);
        await makeInput(input);
        writeFileSync(made, wanted);
    }
    rmSync(out, { recursive: true, force: true });

    const loadBefore = loadavg()[0];
    const wall = performance.now();
    const cpu = cpuSeconds();
    const report = await buildDataset({ input, out, seed: 1, jobs: JOBS });
    const wallSeconds = (performance.now() - wall) / 1000;
    const cpuUsed = cpuSeconds() - cpu;
    const rows = SPLIT_NAMES.reduce((sum, s) => sum + report.rows[s], 0);
    const figures: Record<string, unknown> = {
        cpu: cpus()[0]?.model,
        records: report.records,
        programs: report.programs,
        side: SIDE,
        workers: report.workers,
        rows,
        wallSeconds: round(wallSeconds),
        cpuSeconds: round(cpuUsed),
        recordsPerSecondWall: Math.round(report.records / wallSeconds),
        recordsPerCpuSecond: Math.round(report.records / cpuUsed),
        checkSeconds: round(report.timings.checkSeconds),
        writeSeconds: round(report.timings.writeSeconds),
        checkCpuSeconds: round(report.timings.checkCpuSeconds),
        writeCpuSeconds: round(report.timings.writeCpuSeconds),
        verifiedRecordsPerCpuSecond: Math.round(report.records / report.timings.checkCpuSeconds),
        writtenRowsPerCpuSecond: Math.round(rows / report.timings.writeCpuSeconds),
        verifiedRecordsPerSecond: Math.round(report.records / report.timings.checkSeconds),
        writtenRowsPerSecond: Math.round(rows / report.timings.writeSeconds),
        datasetMB: round(report.bytes / 1e6),
        peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
        // The machine's 1-minute load average before and after the build (2 cores: above 2, CPU is shared).
        loadAverage: [round(loadBefore), round(loadavg()[0])],
    };

    const python = PYTHON ? pythonExecutable() : undefined;
    if (python) {
        const rowsDir = join(work, 'rows');
        mkdirSync(rowsDir, { recursive: true });
        for (const split of SPLIT_NAMES) {
            const stream = createWriteStream(join(rowsDir, `${split}.jsonl`));
            for await (const row of readSplit(out, split)) {
                if (!stream.write(`${JSON.stringify(row)}\n`)) await new Promise<void>((ok) => stream.once('drain', () => ok()));
            }
            await new Promise<void>((ok) => stream.end(() => ok()));
        }
        const pyOut = join(work, 'python-dataset');
        rmSync(pyOut, { recursive: true, force: true });
        const result = JSON.parse(
            execFileSync(python, ['-c', PYTHON_WRITE, out, rowsDir, pyOut], {
                encoding: 'utf8',
                env: { ...process.env, HF_DATASETS_DISABLE_PROGRESS_BARS: '1' },
            })
                .trim()
                .split('\n')
                .pop()!,
        ) as { wall: number; cpu: number };
        figures.pythonWriteSeconds = round(result.wall);
        figures.pythonCpuSeconds = round(result.cpu);
        figures.pythonRowsPerSecond = Math.round(rows / result.wall);
        figures.oursWritePassVsPython = round(result.wall / report.timings.writeSeconds);
        figures.oursWholeBuildVsPython = round(result.wall / wallSeconds);
    } else if (PYTHON) {
        figures.python = 'no Python with `datasets` (set ARCDSL_PYTHON or run trainer/install.sh)';
    }
    process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
    if (keepAt < 0) rmSync(work, { recursive: true, force: true });
}

function round(x: number): number {
    return Math.round(x * 100) / 100;
}

try {
    await main();
} catch (error) {
    process.stderr.write(`dataset bench: ${(error as Error).message}\n`);
    process.exitCode = 1;
}
