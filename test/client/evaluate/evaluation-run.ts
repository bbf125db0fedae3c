import { join } from 'node:path';
import { loadTasks } from '../../../evaluator/task.js';
import { startCompletionsServer } from '../../evaluator/completions-server.js';
import { fixtureDataset, runCli, tinyModel } from '../../evaluator/fixtures.js';

export const TASKS = 8;
export const N = 5;

/** What the fake model answers, by choice index: a wrong output, a parse error, the solution, a type error, a runtime error. */
function answers(solution: string): string[] {
    return [
        'output = rotate(input, 3)',
        'output = = input',
        solution,
        'output = count(input)',
        'let o = objects(input)\noutput = crop(input, nth(o, 500))',
    ];
}

/**
 * A real evaluation run folder: a fixture dataset (8 tasks, split `train`) evaluated by the bundled
 * CLI (`arcdsl evaluate --backend openai`) against the local completions server, n=5, k=1,2,5.
 * Each task gets one functional candidate, so pass@1 is 20% and functional 20%.
 */
export async function makeEvaluationRun(dir: string, out = join(dir, 'evaluations', 'eval-1')): Promise<{ dataset: string; out: string }> {
    const dataset = await fixtureDataset(dir, TASKS);
    const solutionOf = new Map((await loadTasks(dataset, 'train')).map((t) => [t.prompt, t.solution]));
    const server = await startCompletionsServer((request, index) => answers(solutionOf.get(request.prompt)!)[index % answers('').length]);
    try {
        const args = ['evaluate', '--backend', 'openai', '--base-url', `${server.url}/v1/`, '--model-name', 'tiny', '--dataset', dataset];
        const result = await runCli([
            ...args,
            '--split',
            'train',
            '--n',
            String(N),
            '--k',
            '1,2,5',
            '--out',
            out,
            '--quiet',
            '--workers',
            '1',
        ]);
        if (result.code !== 0) throw new Error(`arcdsl evaluate failed (${result.code}):\n${result.stderr}`);
    } finally {
        await server.close();
    }
    return { dataset, out };
}

/**
 * What the view's form needs to start an evaluation: DIR/datasets/dataset (8 tasks of 4×4 grids) and
 * DIR/models/tiny, a tiny GPT-2 exported to ONNX that memorised them (test/evaluator/fixtures/tiny_model.py,
 * on the trainer's venv python).
 */
export async function makeTinyModel(dir: string): Promise<{ dataset: string; model: string }> {
    const dataset = await fixtureDataset(join(dir, 'datasets'), TASKS, 1, 4);
    const model = await tinyModel(dataset, 'train', join(dir, 'models', 'tiny'));
    return { dataset, model };
}

// The e2e test's set-up (test/e2e/evaluate.e2e.mjs):
//     node --require ./scripts/polyfill.cjs --import tsx test/client/evaluate/evaluation-run.ts DIR OUT [--tiny-model]
if (process.argv[1] === import.meta.filename) {
    const [dir, out, flag] = process.argv.slice(2);
    if (!dir || !out) throw new Error('usage: evaluation-run.ts DIR OUT [--tiny-model]');
    await makeEvaluationRun(dir, out);
    if (flag === '--tiny-model') await makeTinyModel(dir);
}
