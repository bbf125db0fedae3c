// Evaluator sandbox throughput: candidate executions per second on 10×10 tasks (each candidate is
// parsed, type-checked, compared with the solution and run on 2 train inputs and the test input),
// through the pool of 2 worker processes, and side by side the baseline that starts one process per
// candidate (as the original system did), 2 at a time.
//
//   npm run build && npm run bench:sandbox -- [--candidates 20000] [--tasks candidates/20] [--baseline 60]
//        [--workers 2] [--json]
//
// Three candidate mixes: `sampled` — 20 samples per task drawn from 5 programs of that task (its
// solution and near misses, some invalid), as a trained model repeats itself, so the worker's
// cache of checked programs hits 3 times in 4; `distinct` — every candidate a different text, but
// differing from others only in literals, so nearly all are built from a checked text of the same
// form without a parse (language/program-forms.ts); `forms` — every candidate a different text of a
// different form (its own let name), each one parsed and type-checked by Langium: the worst case.
// Times are wall clock; the machine's load average is printed with them, since the machine is
// shared. For reference, the distinct and forms mixes also run through the same CandidateExecutor in
// this process (no worker, no IPC): CPU per candidate.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CandidateExecutor } from '../evaluator/execute-candidate.js';
import type { SandboxTask } from '../evaluator/outcome.js';
import { SandboxPool } from '../evaluator/sandbox-pool.js';
import { DEFAULT_LIMITS } from '../language/budget.js';
import { Grid } from '../language/grid.js';
import { compileText } from '../language/load.js';

const { values } = parseArgs({
    options: {
        candidates: { type: 'string', default: '20000' },
        tasks: { type: 'string' },
        baseline: { type: 'string', default: '60' },
        workers: { type: 'string', default: '2' },
        json: { type: 'boolean' },
    },
});
const CANDIDATES = Number(values.candidates);
// 20 samples per task by default: every task's programs are new to the workers once.
const TASKS = Number(values.tasks ?? Math.ceil(CANDIDATES / 20));
const BASELINE = Number(values.baseline);
const WORKERS = Number(values.workers);
const WORKER = join(import.meta.dirname, '..', 'dist', 'sandbox-worker.cjs');
if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run 'npm run build' first`);

function seeded(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        return state / 4294967296;
    };
}

const random = seeded(42);

const COLORS = ['black', 'blue', 'red', 'green', 'yellow', 'grey', 'magenta', 'orange', 'azure', 'maroon'];

/**
 * A task's solution and four near misses a model might sample instead (two valid, two not): the
 * texts differ from task to task, as real tasks' programs do.
 */
function programsOf(i: number): string[] {
    const k = 1 + (i % 3);
    const connectivity = i % 2 === 0 ? 4 : 8;
    const color = COLORS[i % 10];
    const solution = `let objs = objects(input, connectivity: ${connectivity})\noutput = recolor(rotate(input, ${k}), color_of(largest(objs)), ${color})`;
    return [
        solution,
        `let objs = objects(input, connectivity: ${connectivity})\noutput = recolor(rotate(input, ${k + 1}), color_of(largest(objs)), ${color})`,
        `let objs = objects(input)\noutput = recolor(flip(input, horizontal), color_of(smallest(objs)), ${color})`,
        `let objs = objects(input, connectivity: ${connectivity})\noutput = recolor(rotate(input, ${k}), largest(objs), ${color})`,
        `let objs = objects(input, connectivity: ${connectivity})\noutput = recolor(rotate(input ${k}), color_of(largest(objs)), ${color})`,
    ];
}

async function makeTasks(): Promise<SandboxTask[]> {
    const tasks: SandboxTask[] = [];
    for (let i = 0; i < TASKS; i++) {
        const solution = programsOf(i)[0];
        const { program } = await compileText(solution);
        const grid = () =>
            Array.from({ length: 10 }, () => Array.from({ length: 10 }, () => (random() < 0.35 ? 1 + Math.floor(random() * 9) : 0)));
        const pair = () => {
            const input = grid();
            return { input, output: program.run(Grid.fromRows(input)).toRows() };
        };
        tasks.push({ id: `task-${i}`, solution, train: [pair(), pair()], test: pair() });
    }
    return tasks;
}

type Job = { task: SandboxTask; program: string };

/** 20 samples per task: the solution 40% of the time, each near miss 15%. */
function sampledMix(tasks: SandboxTask[]): Job[] {
    const jobs: Job[] = [];
    while (jobs.length < CANDIDATES) {
        const index = Math.floor(jobs.length / 20) % tasks.length;
        const programs = programsOf(index);
        const r = random();
        jobs.push({ task: tasks[index], program: r < 0.4 ? programs[0] : programs[1 + Math.min(3, Math.floor((r - 0.4) / 0.15))] });
    }
    return jobs;
}

function distinctMix(tasks: SandboxTask[]): Job[] {
    return Array.from({ length: CANDIDATES }, (_, i) => {
        const task = tasks[Math.floor(i / 20) % tasks.length];
        // A different quarter-turn count each time: a new text for the cache, a valid program.
        return { task, program: task.solution.replace(/rotate\(input, \d+\)/, `rotate(input, ${i})`) };
    });
}

/** Every candidate a new form: a let name of its own, so no checked text shares its form. */
function formsMix(tasks: SandboxTask[]): Job[] {
    return Array.from({ length: CANDIDATES }, (_, i) => {
        const task = tasks[Math.floor(i / 20) % tasks.length];
        return { task, program: task.solution.replace(/\bobjs\b/g, `objs_${i.toString(36)}x`) };
    });
}

/** CPU seconds (user + system) a process has used, from /proc. */
function cpuSeconds(pid: number): number {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

interface PoolRun {
    perSecond: number;
    seconds: number;
    /** This process plus the workers. */
    cpuSeconds: number;
    /** Candidates per CPU-second × 2: the rate two otherwise idle cores would reach. */
    perSecondOnTwoIdleCores: number;
    failures: number;
}

async function poolRate(jobs: Job[]): Promise<PoolRun> {
    const pool = new SandboxPool({ workers: WORKERS, worker: { path: WORKER, execArgv: [] } });
    try {
        // Start-up (process launch, language services, first tasks) is not what is measured.
        await Promise.all(jobs.slice(0, 50).map((j) => pool.execute(j.task, j.program)));
        const pids = [process.pid, ...pool.workerPids()];
        const cpuBefore = pids.map(cpuSeconds);
        const started = performance.now();
        const outcomes = await Promise.all(jobs.map((j) => pool.execute(j.task, j.program)));
        const seconds = (performance.now() - started) / 1000;
        const cpu = pids.map(cpuSeconds).reduce((sum, v, i) => sum + v - cpuBefore[i], 0);
        return {
            perSecond: jobs.length / seconds,
            seconds,
            cpuSeconds: cpu,
            perSecondOnTwoIdleCores: (2 * jobs.length) / cpu,
            failures: outcomes.filter((o) => o.status === 'crash' || o.status === 'timeout').length,
        };
    } finally {
        await pool.close();
    }
}

/** The executor the workers run, called in this process: what a candidate costs without a worker. */
async function inProcessCost(jobs: Job[]): Promise<{ cpuMsPerCandidate: number; perSecond: number }> {
    const executor = new CandidateExecutor(DEFAULT_LIMITS);
    for (const task of new Set(jobs.map((j) => j.task))) await executor.addTask(task);
    // Warm up on other texts (the distinct mix's texts must stay new to the cache).
    for (const job of jobs.slice(0, 200)) await executor.execute(job.task.id, `${job.program}\n`);
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    for (const job of jobs) await executor.execute(job.task.id, job.program);
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    return { cpuMsPerCandidate: (cpu.user + cpu.system) / 1000 / jobs.length, perSecond: jobs.length / seconds };
}

/** One fresh process per candidate, `WORKERS` at a time. */
async function baselineRate(jobs: Job[]): Promise<{ perSecond: number; seconds: number; perSecondOnTwoIdleCores: number }> {
    const runOne = (job: Job) =>
        new Promise<void>((resolve, reject) => {
            const child = spawn(process.execPath, [WORKER], { stdio: ['pipe', 'pipe', 'inherit'] });
            let out = '';
            child.stdout.setEncoding('utf8').on('data', (text: string) => (out += text));
            child.on('error', reject);
            child.on('exit', () => {
                childCpu += cpuOfExited();
            });
            child.on('close', (code) =>
                code === 0 && out.includes('"status"') ? resolve() : reject(new Error(`baseline run failed (${code})`)),
            );
            child.stdin.end(JSON.stringify(job));
        });
    let childCpu = 0;
    // Children's CPU time becomes visible to the parent once they are reaped: read it as a running total.
    const reaped = () => {
        const usage = readFileSync(`/proc/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
        return (Number(usage[13]) + Number(usage[14])) / 100; // cutime, cstime
    };
    let lastReaped = reaped();
    const cpuOfExited = () => {
        const now = reaped();
        const delta = now - lastReaped;
        lastReaped = now;
        return delta;
    };
    const queue = [...jobs];
    const started = performance.now();
    await Promise.all(
        Array.from({ length: WORKERS }, async () => {
            for (let job = queue.shift(); job; job = queue.shift()) await runOne(job);
        }),
    );
    const seconds = (performance.now() - started) / 1000;
    childCpu += cpuOfExited();
    return { perSecond: jobs.length / seconds, seconds, perSecondOnTwoIdleCores: (2 * jobs.length) / childCpu };
}

const tasks = await makeTasks();
const load = loadavg()[0];
const sampled = await poolRate(sampledMix(tasks));
const distinct = await poolRate(distinctMix(tasks));
const forms = await poolRate(formsMix(tasks));
const inProcess = await inProcessCost(distinctMix(tasks));
const inProcessForms = await inProcessCost(formsMix(tasks));
const baseline = await baselineRate(sampledMix(tasks).slice(0, BASELINE));
const loadAfter = loadavg()[0];

const result = {
    candidates: CANDIDATES,
    tasks: TASKS,
    workers: WORKERS,
    pool: { sampled, distinct, forms },
    inProcessDistinct: inProcess,
    inProcessForms,
    baseline: { candidates: BASELINE, ...baseline },
    ratio: {
        sampled: sampled.perSecond / baseline.perSecond,
        distinct: distinct.perSecond / baseline.perSecond,
        forms: forms.perSecond / baseline.perSecond,
    },
    ratioOnIdleCores: {
        sampled: sampled.perSecondOnTwoIdleCores / baseline.perSecondOnTwoIdleCores,
        distinct: distinct.perSecondOnTwoIdleCores / baseline.perSecondOnTwoIdleCores,
        forms: forms.perSecondOnTwoIdleCores / baseline.perSecondOnTwoIdleCores,
    },
    loadAverage: [load, loadAfter],
};
if (values.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} else {
    const f = (v: number) => Math.round(v).toLocaleString('en');
    const b = baseline;
    process.stdout.write(
        [
            `| candidates (10×10, ${TASKS} tasks) | pool, ${WORKERS} workers | one process per candidate | ratio |`,
            '|---|---:|---:|---:|',
            `| sampled: wall clock | ${f(sampled.perSecond)}/s | ${b.perSecond.toFixed(1)}/s | ${f(result.ratio.sampled)}× |`,
            `| sampled: 2 × per CPU-second | ${f(sampled.perSecondOnTwoIdleCores)}/s | ${b.perSecondOnTwoIdleCores.toFixed(1)}/s | ${f(result.ratioOnIdleCores.sampled)}× |`,
            `| distinct: wall clock | ${f(distinct.perSecond)}/s | ${b.perSecond.toFixed(1)}/s | ${f(result.ratio.distinct)}× |`,
            `| distinct: 2 × per CPU-second | ${f(distinct.perSecondOnTwoIdleCores)}/s | ${b.perSecondOnTwoIdleCores.toFixed(1)}/s | ${f(result.ratioOnIdleCores.distinct)}× |`,
            `| forms: wall clock | ${f(forms.perSecond)}/s | ${b.perSecond.toFixed(1)}/s | ${f(result.ratio.forms)}× |`,
            `| forms: 2 × per CPU-second | ${f(forms.perSecondOnTwoIdleCores)}/s | ${b.perSecondOnTwoIdleCores.toFixed(1)}/s | ${f(result.ratioOnIdleCores.forms)}× |`,
            '',
            `pool: ${CANDIDATES} candidates per mix (sampled ${sampled.seconds.toFixed(1)} s, ${sampled.cpuSeconds.toFixed(1)} CPU-s; ` +
                `distinct ${distinct.seconds.toFixed(1)} s, ${distinct.cpuSeconds.toFixed(1)} CPU-s); baseline: ${BASELINE} candidates in ${b.seconds.toFixed(1)} s`,
            `distinct, in this process without workers: ${inProcess.cpuMsPerCandidate.toFixed(2)} CPU-ms per candidate (${f(inProcess.perSecond)}/s); ` +
                `in the pool: ${((1000 * distinct.cpuSeconds) / CANDIDATES).toFixed(2)} CPU-ms`,
            `forms, in this process without workers: ${inProcessForms.cpuMsPerCandidate.toFixed(2)} CPU-ms per candidate (${f(inProcessForms.perSecond)}/s); ` +
                `in the pool: ${((1000 * forms.cpuSeconds) / CANDIDATES).toFixed(2)} CPU-ms`,
            `load average ${load.toFixed(1)} before, ${loadAfter.toFixed(1)} after; crashes/timeouts: ${sampled.failures + distinct.failures + forms.failures}`,
            '',
        ].join('\n'),
    );
}
