import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildDataset } from '../../generators/dataset/build-dataset.js';
import type { BuildReport } from '../../generators/dataset/build-report.js';
import { type DatasetRow, openDataset, readSplit } from '../../generators/dataset/read-dataset.js';
import { formatCompletion, formatPrompt } from '../../language/prompt.js';
import { mirrorRecord, rotateRecord, tempDir, writeJsonl } from './fixtures.js';

/** The Python that has `datasets`: $ARCDSL_PYTHON, else the repo's venv. Missing is a failure, not a skip. */
function python(): string {
    const candidate = process.env.ARCDSL_PYTHON || resolve(import.meta.dirname, '../../.venv/bin/python');
    assert.ok(
        existsSync(candidate),
        `no Python at ${candidate}: run trainer/install.sh (it creates .venv with datasets), or set ARCDSL_PYTHON`,
    );
    try {
        execFileSync(candidate, ['-c', 'import datasets, pyarrow'], { stdio: 'pipe' });
    } catch {
        assert.fail(`${candidate} cannot import datasets and pyarrow: run trainer/install.sh, or set ARCDSL_PYTHON`);
    }
    return candidate;
}

function runPython(script: string, ...args: string[]): unknown {
    const stdout = execFileSync(python(), ['-c', script, ...args], {
        encoding: 'utf8',
        env: { ...process.env, HF_DATASETS_OFFLINE: '1', HF_DATASETS_DISABLE_PROGRESS_BARS: '1' },
        maxBuffer: 64 << 20,
    });
    return JSON.parse(stdout);
}

// One Python run (importing datasets is slow): load our dataset, and save one of its own for our reader.
const SCRIPT = `
import json, sys
import datasets
from datasets import Dataset, DatasetDict, Features, List, Value
grid = List(List(Value("int64")))
features = Features({"id": Value("string"), "num_train": Value("int64"), "train_input1": grid, "train_input3": grid, "prompt": Value("string")})
DatasetDict({"train": Dataset.from_list(json.loads(sys.argv[3]), features=features)}).save_to_disk(sys.argv[2])
d = datasets.load_from_disk(sys.argv[1])
print(json.dumps({
    "type": type(d).__name__,
    "splits": {name: {
        "num_rows": split.num_rows,
        "features": {k: repr(v) for k, v in split.features.items()},
        "rows": split.to_list(),
        "fingerprint": split._fingerprint,
    } for name, split in d.items()},
}))
`;

/** Rows Python saves with its own writer, for our reader to read back. */
const PYTHON_ROWS = [
    {
        id: 'a',
        num_train: 2,
        train_input1: [
            [1, 2],
            [3, 4],
        ],
        train_input3: null,
        prompt: 'p',
    },
    { id: 'b', num_train: 3, train_input1: [[0]], train_input3: [[5, 6, 7]], prompt: 'é' },
];

interface Loaded {
    type: string;
    splits: Record<string, { num_rows: number; features: Record<string, string>; rows: DatasetRow[]; fingerprint: string }>;
}

describe('Python datasets reads what we write, unchanged', () => {
    const root = tempDir();
    const input = join(root, 'in');
    const out = join(root, 'out');
    const sources = new Map<string, Record<string, unknown>>();
    let report: BuildReport;
    let loaded: Loaded;

    before(async () => {
        mkdirSync(input);
        const rotations = Array.from({ length: 60 }, (_, i) =>
            rotateRecord({ turns: 1 + (i % 3) + 4 * (i % 5), seed: i, pairs: i % 4 === 0 ? 3 : 2 }),
        );
        rotations[1].sub_rule = undefined;
        rotations[2].train_input1 = [[9]];
        rotations[2].train_output1 = [[9]]; // a 1×1 grid: the smallest
        const mirrors = Array.from({ length: 12 }, (_, i) => mirrorRecord(i));
        writeJsonl(input, 'RotateShape.jsonl', rotations);
        writeJsonl(input, 'MirrorShape.jsonl', mirrors);
        for (const r of [...rotations, ...mirrors]) sources.set(r.id as string, r);
        // Small shards and batches, so a split spans several files and batches; 90/10/0 leaves `test` empty.
        report = await buildDataset({ input, out, split: [90, 10, 0], batchRows: 7, maxShardBytes: 20_000 });
        loaded = runPython(SCRIPT, out, join(root, 'from-python'), JSON.stringify(PYTHON_ROWS)) as Loaded;
    });
    after(() => rmSync(root, { recursive: true, force: true }));

    it('opens as a DatasetDict with the three splits and their row counts, over several shard files', () => {
        assert.equal(loaded.type, 'DatasetDict');
        assert.deepEqual(Object.keys(loaded.splits), ['train', 'validation', 'test']);
        for (const split of ['train', 'validation', 'test'] as const)
            assert.equal(loaded.splits[split].num_rows, report.rows[split], split);
        assert.equal(report.rows.train + report.rows.validation, 72);
        assert.equal(report.rows.test, 0);
        assert.ok(report.files.train.length > 1, `train should span several files: ${report.files.train}`);
        assert.match(report.files.train[0], /^data-00000-of-000\d\d\.arrow$/);
    });

    it('has the seed schema plus id, prompt, completion and the optional third pair, with their types', () => {
        const grid = "List(List(Value('int64')))";
        const text = "Value('string')";
        assert.deepEqual(loaded.splits.train.features, {
            id: text,
            task_type: text,
            sub_rule: text,
            num_train: "Value('int64')",
            train_input1: grid,
            train_output1: grid,
            train_input2: grid,
            train_output2: grid,
            train_input3: grid,
            train_output3: grid,
            test_input: grid,
            test_output: grid,
            solution: text,
            prompt: text,
            completion: text,
        });
    });

    it('gives back every value of every record, with null where a record has no third pair or no sub_rule', () => {
        for (const split of ['train', 'validation'] as const) {
            for (const row of loaded.splits[split].rows) {
                const source = sources.get(row.id as string)!;
                assert.ok(source, `unknown id ${row.id}`);
                const pairs = source.train_input3 ? 3 : 2;
                assert.equal(row.num_train, pairs);
                for (const field of [
                    'task_type',
                    'solution',
                    'train_input1',
                    'train_output1',
                    'train_input2',
                    'train_output2',
                    'test_input',
                    'test_output',
                ]) {
                    assert.deepEqual(row[field], source[field], `${row.id} ${field}`);
                }
                assert.deepEqual(row.train_input3, source.train_input3 ?? null);
                assert.deepEqual(row.train_output3, source.train_output3 ?? null);
                assert.equal(row.sub_rule, source.sub_rule ?? null);
                const train = Array.from({ length: pairs }, (_, i) => ({
                    input: source[`train_input${i + 1}`] as number[][],
                    output: source[`train_output${i + 1}`] as number[][],
                }));
                assert.equal(row.prompt, formatPrompt({ train, test: { input: source.test_input as number[][] } }));
                assert.equal(row.completion, formatCompletion(source.solution as string));
            }
        }
    });

    it('reads the same rows through our reader, and the fingerprints from state.json', async () => {
        for (const split of ['train', 'validation', 'test'] as const) {
            const ours: DatasetRow[] = [];
            for await (const row of readSplit(out, split)) ours.push(row);
            assert.deepEqual(ours, loaded.splits[split].rows, split);
            assert.equal(openDataset(out).splits.find((s) => s.name === split)?.rows, ours.length);
        }
        assert.notEqual(loaded.splits.train.fingerprint, loaded.splits.validation.fingerprint);
        assert.match(loaded.splits.train.fingerprint, /^[0-9a-f]{16}$/);
    });

    it('our reader reads a dataset that Python datasets saved', async () => {
        const back: DatasetRow[] = [];
        for await (const row of readSplit(join(root, 'from-python'), 'train')) back.push(row);
        assert.deepEqual(back, PYTHON_ROWS);
    });
});
