import { parentPort } from 'node:worker_threads';
import { DatasetBuildError } from './build-error.js';
import { type RecordJob, runJob } from './record-jobs.js';

/** A worker thread of the dataset builder: runs jobs one at a time, in the order they arrive. */
let queue: Promise<void> = Promise.resolve();

parentPort?.on('message', ({ id, job }: { id: number; job: RecordJob }) => {
    queue = queue.then(async () => {
        try {
            const result = await runJob(job);
            const transfer = 'message' in result ? [result.message.buffer as ArrayBuffer] : [];
            parentPort?.postMessage({ id, result }, transfer);
        } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            parentPort?.postMessage({ id, error: { message, stack: (error as Error)?.stack, build: error instanceof DatasetBuildError } });
        }
    });
});
