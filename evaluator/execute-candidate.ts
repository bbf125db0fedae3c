import type { Limits } from '../language/budget.js';
import { DslError } from '../language/errors.js';
import { Grid } from '../language/grid.js';
import { ProgramForms } from '../language/program-forms.js';
import { type CheckedCandidate, checkCandidate, sameProgram } from './check-candidate.js';
import type { ExecutionOutcome, SandboxTask } from './outcome.js';

interface LoadedTask {
    solution: string;
    solutionCanonical: string | undefined;
    train: { input: Grid; output: Grid }[];
    test: { input: Grid; output: Grid };
}

/**
 * Runs candidate programs against their tasks with the one interpreter. Sampled candidates repeat
 * a lot, so checked programs are cached by text (most recently used kept); a new text that differs
 * from a checked one only in its literals is built from that check without a parse (ProgramForms).
 */
export class CandidateExecutor {
    private readonly tasks = new Map<string, LoadedTask>();
    private readonly checked = new Map<string, CheckedCandidate>();
    private readonly forms: ProgramForms;

    constructor(
        private readonly limits: Limits,
        private readonly cacheSize = 4096,
    ) {
        this.forms = new ProgramForms(cacheSize);
    }

    async addTask(task: SandboxTask): Promise<void> {
        const grid = (rows: number[][]) => Grid.fromRows(rows);
        this.tasks.set(task.id, {
            solution: task.solution,
            solutionCanonical: (await this.check(task.solution)).canonical,
            train: task.train.map((pair) => ({ input: grid(pair.input), output: grid(pair.output) })),
            test: { input: grid(task.test.input), output: grid(task.test.output) },
        });
    }

    /** Parses, checks and compares with the solution, without running. */
    async checkOnly(taskId: string, text: string): Promise<ExecutionOutcome> {
        const task = this.task(taskId);
        const checked = await this.check(text);
        const exact = sameProgram(text, checked.canonical, task.solution, task.solutionCanonical);
        const valid = checked.program !== undefined;
        return {
            status: checked.status,
            message: checked.message,
            valid,
            exact,
            trainPassed: 0,
            trainTotal: task.train.length,
            functional: false,
        };
    }

    async execute(taskId: string, text: string): Promise<ExecutionOutcome> {
        const task = this.task(taskId);
        return this.executeChecked(task, text, await this.check(text));
    }

    private executeChecked(task: LoadedTask, text: string, checked: CheckedCandidate): ExecutionOutcome {
        const exact = sameProgram(text, checked.canonical, task.solution, task.solutionCanonical);
        const trainTotal = task.train.length;
        if (!checked.program) {
            return { status: checked.status, message: checked.message, valid: false, exact, trainPassed: 0, trainTotal, functional: false };
        }
        let trainPassed = 0;
        for (const pair of task.train) {
            const run = this.run(checked, pair.input);
            if (run.output?.equals(pair.output)) trainPassed++;
        }
        const test = this.run(checked, task.test.input);
        if (!test.output) {
            return { status: test.status, message: test.message, valid: true, exact, trainPassed, trainTotal, functional: false };
        }
        const functional = test.output.equals(task.test.output);
        return {
            status: 'ok',
            valid: true,
            exact,
            trainPassed,
            trainTotal,
            functional,
            got: functional ? undefined : test.output.toRows(),
        };
    }

    private task(id: string): LoadedTask {
        const task = this.tasks.get(id);
        if (!task) throw new Error(`sandbox: unknown task '${id}'`);
        return task;
    }

    private run(checked: CheckedCandidate, input: Grid): { output?: Grid; status: ExecutionOutcome['status']; message?: string } {
        // An outcome keeps only the error's message: V8 need not capture a stack trace for each fault.
        const stackTraceLimit = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
        try {
            return { output: checked.program!.run(input, this.limits), status: 'ok' };
        } catch (error) {
            if (error instanceof DslError) {
                const at = error.range ? `${error.range.start.line + 1}:${error.range.start.character + 1} ` : '';
                return { status: error.kind === 'budget' ? 'budget' : 'runtime', message: `${at}${error.message}` };
            }
            // Not a DSL fault: an interpreter bug or the JS engine's own limit (e.g. the call stack).
            return { status: 'crash', message: `internal error: ${error instanceof Error ? error.message : String(error)}` };
        } finally {
            Error.stackTraceLimit = stackTraceLimit;
        }
    }

    private async check(text: string): Promise<CheckedCandidate> {
        const cached = this.checked.get(text);
        if (cached) {
            this.checked.delete(text);
            this.checked.set(text, cached);
            return cached;
        }
        const checked = await checkCandidate(text, this.forms);
        this.checked.set(text, checked);
        if (this.checked.size > this.cacheSize) this.checked.delete(this.checked.keys().next().value as string);
        return checked;
    }
}
