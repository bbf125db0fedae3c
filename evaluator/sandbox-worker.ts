import '../language/polyfill.js';
import { DEFAULT_LIMITS } from '../language/budget.js';
import { CandidateExecutor } from './execute-candidate.js';
import type { ExecutionOutcome, ParentMessage, SandboxTask, WorkerMessage } from './outcome.js';

/**
 * A sandbox worker process: executes candidate programs with the DSL interpreter (no JS eval), one
 * at a time, in the order received, and answers one `result` per job. Forked by SandboxPool, which
 * enforces the wall-clock timeout and the memory cap from outside.
 *
 * Started without an IPC channel (`node sandbox-worker.cjs < job.json`) it executes one job read from
 * stdin — `{"task": SandboxTask, "program": "…"}` — and prints the outcome: one process per candidate,
 * the baseline the benchmark compares the pool against.
 */

async function outcomeOf(executor: CandidateExecutor, taskId: string, program: string, checkOnly = false): Promise<ExecutionOutcome> {
    try {
        return await (checkOnly ? executor.checkOnly(taskId, program) : executor.execute(taskId, program));
    } catch (error) {
        const message = `internal error: ${error instanceof Error ? error.message : String(error)}`;
        return { status: 'crash', message, valid: false, exact: false, trainPassed: 0, trainTotal: 0, functional: false };
    }
}

async function serve(): Promise<void> {
    const send = (message: WorkerMessage) => process.send!(message);
    let executor = new CandidateExecutor(DEFAULT_LIMITS);
    // Messages are handled strictly in order, even though checking is async.
    let queue = Promise.resolve();
    process.on('message', (message: ParentMessage) => {
        queue = queue
            .then(async () => {
                if (message.type === 'config') {
                    executor = new CandidateExecutor(message.limits);
                } else if (message.type === 'task') {
                    await executor.addTask(message.task);
                } else {
                    for (const job of message.jobs) {
                        send({ type: 'result', key: job.key, outcome: await outcomeOf(executor, job.taskId, job.program, job.checkOnly) });
                    }
                }
            })
            .catch((error: unknown) => {
                process.stderr.write(`sandbox worker: ${error instanceof Error ? error.message : String(error)}\n`);
            });
    });
    // The parent is gone (even killed with -9): nothing left to do.
    process.on('disconnect', () => process.exit(0));
    // Warm up (language services, parser, interpreter) before the first candidate's clock starts.
    const warmUp = new CandidateExecutor(DEFAULT_LIMITS);
    await warmUp.addTask({ id: 'warm-up', solution: 'output = input', train: [], test: { input: [[1]], output: [[1]] } });
    await warmUp.execute('warm-up', 'output = rotate(input, 1)');
    send({ type: 'ready' });
}

async function once(): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    const job = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { task: SandboxTask; program: string };
    const executor = new CandidateExecutor(DEFAULT_LIMITS);
    await executor.addTask(job.task);
    process.stdout.write(`${JSON.stringify(await outcomeOf(executor, job.task.id, job.program))}\n`);
}

if (process.send) void serve();
else void once();
