import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { CandidateRecord } from '../../evaluator/candidates-log.js';
import type { Summary } from '../../evaluator/evaluate.js';
import { fixtureDataset, runCli, tempDir, tinyModel } from './fixtures.js';

const TASKS = 4;

function outputs(out: string): { summary: Summary; records: CandidateRecord[] } {
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Summary;
    const records = readFileSync(join(out, 'candidates.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as CandidateRecord);
    return { summary, records };
}

/**
 * End to end on a real (tiny) model: a GPT-2 trained from scratch by the test on the dataset's own
 * prompt/completion columns, exported by the trainer's export_onnx, sampled with transformers.js on
 * onnxruntime-node, executed in the sandbox pool.
 */
describe('evaluate --backend transformers on a tiny trained model', () => {
    let dataset: string;
    let model: string;

    before(async () => {
        const root = tempDir();
        dataset = await fixtureDataset(root, TASKS, 1, 4);
        model = await tinyModel(dataset, 'train', join(root, 'model'));
    });

    it('decodes greedily (--n 1 --temperature 0) the programs the model memorised', async () => {
        const out = join(tempDir(), 'eval');
        const result = await runCli([
            'evaluate',
            '--model',
            model,
            '--dataset',
            dataset,
            '--split',
            'train',
            '--n',
            '1',
            '--temperature',
            '0',
            '--out',
            out,
        ]);
        assert.equal(result.code, 0, result.stderr);
        const { summary, records } = outputs(out);
        assert.equal(records.length, TASKS);
        const m = summary.scores.overall;
        assert.deepEqual([m.exact, m.valid, m.functional, m.trainConsistent, m.verifiedAt1, m.passAtK[1]], [1, 1, 1, 1, 1, 1]);
        // Cut at the first EOS: the program alone, nothing the model wrote after it.
        assert.ok(
            records.every((r) => /^output = (rotate|flip)\(input, \w+\)$/.test(r.program)),
            JSON.stringify(records.map((r) => r.program)),
        );
        assert.match(result.stdout, /^4 tasks, 4 candidates \(0 resumed\)/);
    });

    it('samples n per task in left-padded batches and scores garbage as failures', async () => {
        const out = join(tempDir(), 'eval');
        // Temperature 3 flattens the distribution: mostly garbage, and still every candidate is recorded.
        const args = [
            '--n',
            '5',
            '--k',
            '1,5',
            '--temperature',
            '3',
            '--top-p',
            '1',
            '--max-new-tokens',
            '24',
            '--batch-size',
            '3',
            '--seed',
            '7',
        ];
        const result = await runCli(['evaluate', '--model', model, '--dataset', dataset, '--split', 'train', ...args, '--out', out]);
        assert.equal(result.code, 0, result.stderr);
        const { summary, records } = outputs(out);
        assert.equal(records.length, TASKS * 5);
        assert.equal(new Set(records.map((r) => `${r.task}#${r.sample}`)).size, TASKS * 5);
        const m = summary.scores.overall;
        assert.deepEqual(Object.keys(m.passAtK), ['1', '5']);
        assert.ok(m.failures.parse + m.failures.type > 0, JSON.stringify(m.failures));
        assert.equal(m.failures.crash + m.failures.timeout, 0);
        assert.ok(new Set(records.map((r) => r.program)).size > 1, 'samples differ');

        // The same seed samples the same programs.
        const again = join(tempDir(), 'eval');
        assert.equal(
            (await runCli(['evaluate', '--model', model, '--dataset', dataset, '--split', 'train', ...args, '--out', again])).code,
            0,
        );
        const key = (r: CandidateRecord) => `${r.task}#${r.sample}: ${r.program}`;
        assert.deepEqual(outputs(again).records.map(key).sort(), records.map(key).sort());
    });

    it('refuses prompts longer than the model context before writing anything', async () => {
        const wide = await fixtureDataset(tempDir(), 2, 5, 30);
        const out = join(tempDir(), 'eval');
        const result = await runCli(['evaluate', '--model', model, '--dataset', wide, '--split', 'train', '--n', '1', '--out', out]);
        assert.equal(result.code, 2, result.stderr);
        assert.match(
            result.stderr,
            /^arcdsl: evaluate: --model .*: 2 prompt\(s\) do not fit the model's context of 1024 tokens \(task \S+: \d+ tokens\)/,
        );
        assert.equal(existsSync(out), false);
    });
});
