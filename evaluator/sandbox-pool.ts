import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULT_LIMITS, type Limits } from '../language/budget.js';
import type { ExecutionOutcome, OutcomeStatus, ParentMessage, SandboxTask, WorkerMessage } from './outcome.js';

export interface WorkerScript {
    path: string;
    execArgv: string[];
}

export interface PoolOptions {
    workers: number;
    /** Step and cell budget of each run. */
    limits?: Limits;
    /** Wall-clock time one candidate may take before its worker is killed. */
    timeoutMs?: number;
    /** The V8 heap cap of each worker (`--max-old-space-size`). */
    memoryMb?: number;
    /** Jobs sent to a worker in one message. */
    batchSize?: number;
    worker?: WorkerScript;
}

export interface PoolStats {
    executed: number;
    timeouts: number;
    crashes: number;
    /** Workers started to replace killed or crashed ones. */
    replacements: number;
}

interface Job {
    key: number;
    task: SandboxTask;
    program: string;
    /** Only parse, check and compare (after the run of this program killed its worker). */
    checkOnly: boolean;
    /** The worker whose cache of checked programs this text goes to first. */
    home: number;
    resolve: (outcome: ExecutionOutcome) => void;
    reject: (error: Error) => void;
}

interface Slot {
    child: ChildProcess;
    ready: boolean;
    retired: boolean;
    tasks: Set<string>;
    inFlight: Job[];
    timer?: NodeJS.Timeout;
    stderr: string;
}

const MAX_STARTUP_FAILURES = 3;

/** The pool cannot run at all (its workers keep dying before they are ready). */
export class SandboxError extends Error {}

/**
 * A pool of worker processes executing candidates with the DSL interpreter. Each worker has the step
 * budget, a heap cap, and per candidate a wall-clock timeout: a worker that hangs is killed, one that
 * dies is replaced, the candidate it was running is recorded as `timeout` or `crash`, and the jobs
 * queued behind it go to the next worker.
 *
 * A program text goes to the worker its hash names, so each distinct text is parsed and checked
 * once (workers cache checked programs); an idle worker takes work from the others' queues.
 */
export class SandboxPool {
    readonly stats: PoolStats = { executed: 0, timeouts: 0, crashes: 0, replacements: 0 };
    private readonly slots: Slot[] = [];
    /** Waiting jobs, one queue per worker slot. */
    private readonly queues: Job[][] = [];
    private readonly limits: Limits;
    private readonly timeoutMs: number;
    private readonly batchSize: number;
    private readonly script: WorkerScript;
    private nextKey = 0;
    private startupFailures = 0;
    private fatal: SandboxError | undefined;
    private closed = false;

    constructor(options: PoolOptions) {
        this.limits = options.limits ?? DEFAULT_LIMITS;
        this.timeoutMs = options.timeoutMs ?? 3000;
        this.batchSize = options.batchSize ?? 32;
        const script = options.worker ?? defaultWorkerScript();
        this.script = { path: script.path, execArgv: [...script.execArgv, `--max-old-space-size=${options.memoryMb ?? 512}`] };
        for (let i = 0; i < Math.max(1, options.workers); i++) {
            this.slots.push(this.spawn());
            this.queues.push([]);
        }
    }

    /** Runs one candidate program on its task's train and test inputs. */
    execute(task: SandboxTask, program: string): Promise<ExecutionOutcome> {
        if (this.fatal) return Promise.reject(this.fatal);
        if (this.closed) return Promise.reject(new SandboxError('the sandbox pool is closed'));
        return new Promise((resolve, reject) => {
            const home = hashOf(program) % this.slots.length;
            this.queues[home].push({ key: this.nextKey++, task, program, checkOnly: false, home, resolve, reject });
            this.dispatch();
        });
    }

    /** Process ids of the live workers. */
    workerPids(): number[] {
        return this.slots.filter((s) => !s.retired && s.child.pid !== undefined).map((s) => s.child.pid!);
    }

    /** Process ids of the workers now running a candidate (tests kill them). */
    busyWorkerPids(): number[] {
        return this.slots.filter((s) => s.ready && s.inFlight.length > 0 && s.child.pid !== undefined).map((s) => s.child.pid!);
    }

    async close(): Promise<void> {
        this.closed = true;
        await Promise.all(this.slots.map((slot) => this.retire(slot)));
    }

    private spawn(): Slot {
        const child = fork(this.script.path, [], {
            execArgv: this.script.execArgv,
            stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
            serialization: 'json',
        });
        const slot: Slot = { child, ready: false, retired: false, tasks: new Set(), inFlight: [], stderr: '' };
        child.stderr?.setEncoding('utf8');
        child.stderr?.on('data', (text: string) => {
            slot.stderr = (slot.stderr + text).slice(-2000);
        });
        child.on('message', (message: WorkerMessage) => this.onMessage(slot, message));
        child.on('exit', (code, signal) => this.onExit(slot, code, signal));
        child.on('error', () => {}); // 'exit' follows and does the bookkeeping
        return slot;
    }

    private onMessage(slot: Slot, message: WorkerMessage): void {
        if (slot.retired) return;
        if (message.type === 'ready') {
            slot.ready = true;
            this.startupFailures = 0;
            this.send(slot, { type: 'config', limits: this.limits });
            this.dispatch();
            return;
        }
        const index = slot.inFlight.findIndex((job) => job.key === message.key);
        if (index < 0) return;
        const [job] = slot.inFlight.splice(index, 1);
        if (!job.checkOnly) this.stats.executed++;
        job.resolve(message.outcome);
        this.arm(slot);
        if (slot.inFlight.length <= this.batchSize / 2) this.dispatch();
    }

    private onExit(slot: Slot, code: number | null, signal: NodeJS.Signals | null): void {
        if (slot.retired) return;
        slot.retired = true;
        clearTimeout(slot.timer);
        if (!slot.ready) this.startupFailures++;
        const [job, ...rest] = slot.inFlight;
        slot.inFlight = [];
        this.requeue(rest);
        this.replace(slot);
        if (job) {
            const how = signal ? `signal ${signal}` : `exit code ${code}`;
            const cause = lastLine(slot.stderr);
            this.fail(job, 'crash', `the sandbox worker died (${how})${cause ? `: ${cause}` : ''}`);
        }
    }

    private replace(slot: Slot): void {
        const index = this.slots.indexOf(slot);
        if (index < 0 || this.closed) return;
        if (this.startupFailures >= MAX_STARTUP_FAILURES) {
            this.fatal ??= new SandboxError(
                `sandbox workers fail to start (${this.script.path}): ${lastLine(slot.stderr) || 'no message'}`,
            );
            for (const queue of this.queues) for (const job of queue.splice(0)) job.reject(this.fatal);
            return;
        }
        this.stats.replacements++;
        this.slots[index] = this.spawn();
    }

    /**
     * Sends each ready worker its next batch once fewer than half a batch is left in flight, so the
     * worker never waits for the parent between batches. Results come back in order, and the clock
     * always runs for the oldest job in flight.
     */
    private dispatch(): void {
        this.slots.forEach((slot, index) => {
            if (!slot.ready || slot.retired || slot.inFlight.length > this.batchSize / 2) return;
            const jobs = this.take(index);
            if (jobs.length === 0) return;
            for (const job of jobs) {
                if (slot.tasks.has(job.task.id)) continue;
                slot.tasks.add(job.task.id);
                this.send(slot, { type: 'task', task: job.task });
            }
            const idle = slot.inFlight.length === 0;
            slot.inFlight.push(...jobs);
            const message = jobs.map((job) => ({ key: job.key, taskId: job.task.id, program: job.program, checkOnly: job.checkOnly }));
            this.send(slot, { type: 'jobs', jobs: message });
            if (idle) this.arm(slot);
        });
    }

    /** The next batch for slot `index`: from its own queue, or else half of the longest other queue. */
    private take(index: number): Job[] {
        const own = this.queues[index];
        if (own.length > 0) return own.splice(0, this.batchSize);
        const longest = this.queues.reduce((a, b) => (b.length > a.length ? b : a));
        return longest.splice(0, Math.min(this.batchSize, Math.ceil(longest.length / 2)));
    }

    /** Puts jobs back at the front of their queues, in order. */
    private requeue(jobs: Job[]): void {
        for (const job of [...jobs].reverse()) this.queues[job.home].unshift(job);
    }

    /** Starts the clock of the slot's current candidate. */
    private arm(slot: Slot): void {
        clearTimeout(slot.timer);
        const job = slot.inFlight[0];
        if (!job) return;
        slot.timer = setTimeout(() => {
            // Let results already waiting in the pipe be read first: a busy parent must not time out a
            // candidate that finished in time.
            setImmediate(() => {
                if (!slot.retired && slot.inFlight[0] === job) this.timeout(slot);
            });
        }, this.timeoutMs);
    }

    private timeout(slot: Slot): void {
        const [job, ...rest] = slot.inFlight;
        slot.inFlight = [];
        void this.retire(slot);
        this.requeue(rest);
        this.replace(slot);
        this.fail(job, 'timeout', `no result within ${this.timeoutMs} ms: the worker was killed`);
    }

    /**
     * Records a killed or lost run. Whether the program was valid and exact is then learnt from a
     * check-only job on a fresh worker, so nothing the candidate does can take the parent down.
     */
    private fail(job: Job, status: OutcomeStatus, message: string): void {
        const failed: ExecutionOutcome = {
            status,
            message,
            valid: false,
            exact: false,
            trainPassed: 0,
            trainTotal: job.task.train.length,
            functional: false,
        };
        if (job.checkOnly) {
            job.resolve(failed);
        } else {
            this.stats[status === 'timeout' ? 'timeouts' : 'crashes']++;
            const recheck = (checked: ExecutionOutcome) => job.resolve({ ...failed, valid: checked.valid, exact: checked.exact });
            this.requeue([{ ...job, key: this.nextKey++, checkOnly: true, resolve: recheck }]);
        }
        this.dispatch();
    }

    private send(slot: Slot, message: ParentMessage): void {
        if (slot.child.connected) slot.child.send(message);
    }

    private retire(slot: Slot): Promise<void> {
        slot.retired = true;
        clearTimeout(slot.timer);
        const child = slot.child;
        if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
        return new Promise((resolve) => {
            child.once('exit', () => resolve());
            child.kill('SIGKILL');
        });
    }
}

/** The telling line of a dead worker's stderr: an out-of-memory report, an error, or the last line. */
function lastLine(text: string): string {
    const lines = text
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
    return (
        lines.find((line) => /heap limit|out of memory/i.test(line)) ??
        lines.find((line) => /^\w*Error\b/.test(line)) ??
        lines.filter((line) => !/^Node\.js v/.test(line)).at(-1) ??
        ''
    );
}

/** The bundled worker beside dist/cli.cjs, or — running from source under tsx — the TypeScript file. */
export function defaultWorkerScript(): WorkerScript {
    const here = fileURLToPath(import.meta.url);
    const bundled = join(dirname(here), 'sandbox-worker.cjs');
    if (here.endsWith('.cjs') || existsSync(bundled)) return { path: bundled, execArgv: [] };
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    return { path: join(dirname(here), 'sandbox-worker.ts'), execArgv: ['--import', tsx] };
}

function hashOf(text: string): number {
    let hash = 0;
    for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) >>> 0;
    return hash;
}
