import { type SolveCandidate, SolveError, type SolveTask, solvePrompt, solveTask } from '../../evaluator/solve.js';
import { IssueCodes } from '../../language/checker.js';
import type * as ast from '../../language/generated/ast.js';
import { arcTaskOf } from '../../language/task-document.js';
import { checkFile } from '../check-file.js';
import { type Command, UsageError } from '../command.js';
import { formatDiagnostic } from '../diagnostics-format.js';
import { expectPositionals, integerFlag, numberFlag, parseFlags } from '../parse-flags.js';

const FLAGS = {
    model: 'string',
    n: 'string',
    temperature: 'string',
    'top-p': 'string',
    'max-new-tokens': 'string',
    seed: 'string',
    'timeout-ms': 'string',
    json: 'boolean',
    'print-prompt': 'boolean',
} as const;

export const solveCommand: Command = {
    summary: 'sample programs for an .arcdsl task from an exported model and rank them by the train pairs they reproduce',
    usage: `arcdsl solve TASK.arcdsl --model DIR [--n 16] [--temperature 0.8] [--top-p 0.95] [--max-new-tokens 256]
                         [--seed 0] [--timeout-ms 3000] [--json]
arcdsl solve TASK.arcdsl --print-prompt

Prompts the model (transformers.js on onnxruntime-node, offline) with the task's train pairs and first
test input in the one prompt format, samples n programs, merges samples with the same canonical text,
runs each distinct program on every pair (in the evaluator's sandbox) and lists them best first: most
train pairs reproduced, then agreement (train-consistent samples predicting the same test output),
then frequency, then shorter. The document's own program, if any, is ignored.

  --model DIR          an exported model folder (onnx/model.onnx, tokenizer.json, config.json), as
                       written by 'arcdsl export-onnx RUN_DIR'
  --n N                samples (default 16); --temperature T (0 is greedy; default 0.8); --top-p P
                       (default 0.95); --max-new-tokens N (default 256); --seed S (default 0)
  --timeout-ms MS      wall-clock time per candidate (default 3000)
  --json               one JSON line per distinct program: {"text", "count", "status", "message",
                       "trainPassed", "trainTotal", "testPassed", "testTotal", "agreement"}
                       (testPassed is null when no test pair has an output)
  --print-prompt       print the prompt the model would get, and stop (no model needed)

Exit code: 0 when some program reproduces every train pair, 1 when none does (or the task block has
errors), 2 for a usage mistake (no task, missing model files...).`,
    async run(args) {
        const flags = parseFlags('solve', args, FLAGS);
        const [file] = expectPositionals('solve', flags, 'one .arcdsl file', 1);
        const task = await readTask(file);
        if (task === undefined) return 1;
        if (flags.booleans.has('print-prompt')) {
            process.stdout.write(await withSolveErrors(async () => solvePrompt(task)));
            return 0;
        }
        const model = flags.strings.get('model');
        if (!model) {
            throw new UsageError("solve: --model DIR is required: an exported model folder (make one with 'arcdsl export-onnx RUN_DIR')");
        }
        const strings = flags.strings;
        const result = await withSolveErrors(() =>
            solveTask(task, {
                model,
                n: integerFlag('solve', strings, 'n', 16, 1),
                temperature: numberFlag('solve', strings, 'temperature', 0.8, 0, 100),
                topP: numberFlag('solve', strings, 'top-p', 0.95, 0, 1),
                maxNewTokens: integerFlag('solve', strings, 'max-new-tokens', 256, 1),
                seed: integerFlag('solve', strings, 'seed', 0, 0),
                timeoutMs: integerFlag('solve', strings, 'timeout-ms', 3000, 1),
                onSampled: (sampled, total) => process.stderr.write(`solve: sampled ${sampled}/${total} programs\n`),
            }),
        );
        if (flags.booleans.has('json')) {
            for (const candidate of result.candidates) process.stdout.write(`${JSON.stringify(candidate)}\n`);
        } else {
            process.stdout.write(table(result.candidates, result.sampled));
        }
        return result.candidates.some(reproducesTrain) ? 0 : 1;
    },
};

/**
 * The pairs of the document's task block. Errors inside the block are printed (undefined: exit 1);
 * errors in the program after it do not matter, since solving replaces the program.
 */
async function readTask(file: string): Promise<SolveTask | undefined> {
    const checked = await checkFile(file);
    const block = checked.document.task;
    if (!block?.$cstNode) {
        throw new UsageError(
            `solve: ${file} has no task block; write one first: task "name" { train [grid] -> [grid] ... test [grid] -> [grid] }`,
        );
    }
    const end = block.$cstNode.range.end;
    const inBlock = checked.diagnostics.filter(
        (d) =>
            d.severity === 1 &&
            d.code !== IssueCodes.MissingOutput &&
            (d.range.start.line < end.line || (d.range.start.line === end.line && d.range.start.character < end.character)),
    );
    if (inBlock.length > 0) {
        for (const d of inBlock) process.stderr.write(`${formatDiagnostic(file, d)}\n`);
        process.stderr.write(`${file}: not solved: the task block has errors\n`);
        return undefined;
    }
    return pairsOf(file, block);
}

function pairsOf(file: string, block: ast.Task): SolveTask {
    const { train, test } = arcTaskOf(block);
    if (train.length === 0) throw new UsageError(`solve: the task in ${file} has no train pairs: the model is prompted with them`);
    if (test.length === 0) throw new UsageError(`solve: the task in ${file} has no test pair: the model is prompted with a test input`);
    const missing = train.findIndex((pair) => pair.output === undefined);
    if (missing >= 0) throw new UsageError(`solve: train ${missing + 1} in ${file} has no output ('-> [grid]')`);
    return { train: train.map((pair) => ({ input: pair.input, output: pair.output! })), test };
}

function reproducesTrain(candidate: SolveCandidate): boolean {
    return candidate.status !== 'parse' && candidate.status !== 'type' && candidate.trainPassed === candidate.trainTotal;
}

function table(candidates: readonly SolveCandidate[], sampled: number): string {
    const lines: string[] = [];
    candidates.forEach((candidate, i) => {
        const invalid = candidate.status === 'parse' || candidate.status === 'type';
        const test = candidate.testPassed === null ? '' : ` · test ${candidate.testPassed}/${candidate.testTotal}`;
        const scores = invalid ? '' : `train ${candidate.trainPassed}/${candidate.trainTotal}${test} · `;
        const problem = candidate.status === 'ok' ? '' : ` · ${candidate.status} error${candidate.message ? `: ${candidate.message}` : ''}`;
        lines.push(`${i + 1}. ${scores}×${candidate.count}${problem}`);
        for (const line of (candidate.text || '(empty)').split('\n')) lines.push(`    ${line}`);
    });
    const consistent = candidates.filter(reproducesTrain).length;
    const best = Math.max(0, ...candidates.map((c) => c.trainPassed));
    const total = candidates[0]?.trainTotal ?? 0;
    lines.push(
        consistent > 0
            ? `${sampled} sampled, ${candidates.length} distinct, ${consistent} reproduce${consistent === 1 ? 's' : ''} every train pair`
            : `no candidate reproduces the train pairs; ${sampled} sampled, best ${best}/${total}`,
    );
    return `${lines.join('\n')}\n`;
}

/** A SolveError is the user's to fix: one line, exit 2. */
async function withSolveErrors<T>(run: () => Promise<T>): Promise<T> {
    try {
        return await run();
    } catch (error) {
        if (error instanceof SolveError) throw new UsageError(`solve: ${withRemedy(error.message)}`);
        throw error;
    }
}

/** Model-folder problems name the command that makes a model folder. */
function withRemedy(message: string): string {
    if (!message.startsWith('--model ') || message.includes('export-onnx')) return message;
    return `${message}; an exported model folder is made by 'arcdsl export-onnx RUN_DIR'`;
}
