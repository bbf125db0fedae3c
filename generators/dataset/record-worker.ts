import { parentPort } from 'node:worker_threads';
import { DatasetBuildError } from './build-error.js';
import { type RecordJob, resultTransferables, runJob } from './record-jobs.js';

/** A worker thread of the dataset builder and of `arcdsl generate --jobs`: runs jobs one at a time, in the order they arrive. */
let queue: Promise<void> = Promise.resolve();

parentPort?.on('message', ({ id, job }: { id: number; job: RecordJob }) => {
    queue = queue.then(async () => {
        try {
            const result = await runJob(job);
            parentPort?.postMessage({ id, result }, resultTransferables(result));
        } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            parentPort?.postMessage({ id, error: { message, stack: (error as Error)?.stack, build: error instanceof DatasetBuildError } });
        }
    });
});
