import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { GeneratedBatch, GenerateJob } from '../generate-batch.js';
import { DatasetBuildError } from './build-error.js';
import {
    type CheckJob,
    type CheckVerdicts,
    type EncodedBatch,
    type EncodeJob,
    jobTransferables,
    type RecordJob,
    runJob,
} from './record-jobs.js';

interface Pending {
    resolve: (result: unknown) => void;
    reject: (error: unknown) => void;
}

interface PoolWorker {
    worker: Worker;
    pending: Map<number, Pending>;
}

/**
 * Runs record jobs on worker threads, or in this thread when there are none. Callers keep the
 * order: they await results in the order they submitted jobs.
 */
export class RecordJobPool {
    private nextId = 0;

    private constructor(private readonly workers: PoolWorker[]) {}

    /** Starts `size` workers; 0 (or no worker script, as in a bundle built without it) runs jobs in this thread. */
    static start(size: number): RecordJobPool {
        const script = size > 0 ? workerScript() : undefined;
        if (!script) return new RecordJobPool([]);
        return new RecordJobPool(Array.from({ length: size }, () => startWorker(script)));
    }

    get size(): number {
        return this.workers.length;
    }

    /** Runs a job on the given worker (its caches matter), or on the least busy one. */
    run(job: CheckJob, worker?: number): Promise<CheckVerdicts>;
    run(job: EncodeJob, worker?: number): Promise<EncodedBatch>;
    run(job: GenerateJob, worker?: number): Promise<GeneratedBatch>;
    run(job: RecordJob, worker?: number): Promise<unknown> {
        if (this.workers.length === 0) return runJob(job);
        const target =
            worker === undefined ? this.workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a)) : this.workers[worker];
        const id = this.nextId++;
        return new Promise((resolve, reject) => {
            target.pending.set(id, { resolve, reject });
            target.worker.postMessage({ id, job }, jobTransferables(job));
        });
    }

    async close(): Promise<void> {
        await Promise.all(this.workers.map((w) => w.worker.terminate()));
    }
}

/**
 * Each job makes a few MB of short-lived objects (records, prompts, column buffers); a young
 * generation that holds several jobs lets them die there instead of being copied and promoted.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 96 };

function startWorker(script: { url: URL; typescript: boolean }): PoolWorker {
    // From sources (tests, `tsx`), the worker registers tsx itself: workers do not inherit `--import`.
    const worker = script.typescript
        ? new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(script.url.href)}); });`, {
              eval: true,
              resourceLimits: WORKER_LIMITS,
          })
        : new Worker(fileURLToPath(script.url), { resourceLimits: WORKER_LIMITS });
    const state: PoolWorker = { worker, pending: new Map() };
    worker.on('message', (reply: { id: number; result?: unknown; error?: { message: string; stack?: string; build: boolean } }) => {
        const pending = state.pending.get(reply.id);
        if (!pending) return;
        state.pending.delete(reply.id);
        if (!reply.error) pending.resolve(reply.result);
        else if (reply.error.build) pending.reject(new DatasetBuildError(reply.error.message));
        else pending.reject(Object.assign(new Error(reply.error.message), { stack: reply.error.stack }));
    });
    const failAll = (error: unknown) => {
        for (const pending of state.pending.values()) pending.reject(error);
        state.pending.clear();
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`a worker thread stopped (exit code ${code})`)));
    return state;
}

/** record-worker.ts beside this file (sources), or dataset-worker.cjs beside the bundle. */
function workerScript(): { url: URL; typescript: boolean } | undefined {
    const source = new URL('./record-worker.ts', import.meta.url);
    if (existsSync(fileURLToPath(source))) return { url: source, typescript: true };
    const bundled = new URL('./dataset-worker.cjs', import.meta.url);
    if (existsSync(fileURLToPath(bundled))) return { url: bundled, typescript: false };
    return undefined;
}
