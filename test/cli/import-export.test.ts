import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ARC_DEV, arcdsl, assertUsageError, tempDir } from './run-cli.js';

describe('arcdsl import / export', () => {
    const dir = tempDir();
    // One task with small grids, one with 30×30 grids (rows wrap one per line).
    const realTasks = ['FloodFill/00dbd492.json', 'SymmetryComplete/af22c60d.json'].map((task) => join(ARC_DEV, task));

    for (const task of realTasks) {
        it(`round-trips the real ARC task ${task.slice(ARC_DEV.length + 1)}`, {
            skip: !existsSync(task) && `${task} is not on this machine`,
        }, () => {
            const document = join(dir, `${task.split('/').at(-1)}.arcdsl`);
            const imported = arcdsl(['import', task, '--out', document]);
            assert.equal(imported.code, 0, imported.stderr);
            const text = readFileSync(document, 'utf8');
            const family = task.split('/').at(-2);
            assert.match(text, new RegExp(`^task "${task.split('/').at(-1)?.replace('.json', '')}" family ${family} \\{\\n {2}train \\[`));
            assert.match(text, /\n}\n\n\/\/ Imported from .*: replace this placeholder with the rule\.\noutput = input\n$/);
            assert.equal(arcdsl(['fmt', '--check', document]).code, 0, 'the imported document is canonical');

            const exported = arcdsl(['export', document, '--out', '-']);
            assert.equal(exported.code, 0, exported.stderr);
            assert.deepEqual(JSON.parse(exported.stdout), JSON.parse(readFileSync(task, 'utf8')));
        });
    }

    it('writes beside the input by default, and overwrites only with --force', () => {
        const task = join(dir, 'small.json');
        writeFileSync(task, JSON.stringify({ train: [{ input: [[1, 0]], output: [[0, 1]] }], test: [{ input: [[2, 0]] }] }));
        const first = arcdsl(['import', task, '--family', 'MirrorShape', '--name', 'mirror "one"']);
        assert.equal(first.code, 0, first.stderr);
        const document = join(dir, 'small.arcdsl');
        assert.equal(
            readFileSync(document, 'utf8'),
            'task "mirror \\"one\\"" family MirrorShape {\n  train [1 0] -> [0 1]\n  test  [2 0]\n}\n\n// Imported from small.json: replace this placeholder with the rule.\noutput = input\n',
        );
        writeFileSync(document, 'output = flip(input)\n');
        assertUsageError(arcdsl(['import', task]), /import: .*small\.arcdsl already exists; pass --force to overwrite it/);
        assert.equal(readFileSync(document, 'utf8'), 'output = flip(input)\n');
        assert.equal(arcdsl(['import', task, '--force']).code, 0);
        assert.match(readFileSync(document, 'utf8'), /^task "small" \{/);

        assertUsageError(arcdsl(['export', document]), /export: .*small\.json already exists/);
        const copy = join(dir, 'copy.json');
        assert.equal(arcdsl(['export', document, '--out', copy]).code, 0);
        assert.deepEqual(JSON.parse(readFileSync(copy, 'utf8')), JSON.parse(readFileSync(task, 'utf8')));
    });

    it('rejects malformed task files with the file and the place, writing nothing', () => {
        const cases: [string, string, RegExp][] = [
            [
                'not-json',
                '{"train": [\n  {"input": [[1]] "output": [[2]]}\n]}',
                /not-json\.json:2:19: not valid JSON: Expected ',' or '}' after property value$/,
            ],
            ['no-train', '{"test": []}', /no-train\.json: missing "train"/],
            ['no-test', '{"train": [{"input": [[1]], "output": [[1]]}]}', /no-test\.json: missing "test"/],
            [
                'ragged',
                '{"train": [{"input": [[1]], "output": [[1]]}, {"input": [[1]], "output": [[1, 2], [3, 4], [5]]}], "test": []}',
                /ragged\.json: train\[1\]\.output is ragged: row 2 has 1 cells, row 0 has 2$/,
            ],
            [
                'colour',
                '{"train": [{"input": [[1, 11]], "output": [[1]]}], "test": []}',
                /colour\.json: train\[0\]\.input row 0, col 1: 11 is not a colour 0–9$/,
            ],
            [
                'too-big',
                JSON.stringify({ train: [{ input: [[1]], output: [[1]] }], test: [{ input: Array.from({ length: 31 }, () => [0]) }] }),
                /too-big\.json: test\[0\]\.input has 31 rows; the most is 30$/,
            ],
            ['no-output', '{"train": [{"input": [[1]]}], "test": []}', /no-output\.json: train\[0\] has no "output"/],
        ];
        for (const [name, content, message] of cases) {
            const task = join(dir, `${name}.json`);
            writeFileSync(task, content);
            assertUsageError(arcdsl(['import', task]), message);
            assert.ok(!existsSync(join(dir, `${name}.arcdsl`)), `${name}: nothing written`);
        }
        assertUsageError(arcdsl(['import', join(dir, 'absent.json')]), /cannot read .*absent\.json: no such file/);
        assertUsageError(
            arcdsl(['import', join(dir, 'small.json'), '--family', 'Flood']),
            /import: unknown family 'Flood'; the families are Connect, /,
        );
    });

    it('imports a generated record by line or id as a document with its solution, which runs and matches', () => {
        const generated = join(dir, 'generated');
        const made = arcdsl([
            'generate',
            '--families',
            'RotateShape',
            '--count',
            '3',
            '--sizes',
            '4-6',
            '--seed',
            'imp',
            '--out',
            generated,
            '--quiet',
        ]);
        assert.equal(made.code, 0, made.stderr);
        const file = join(generated, 'RotateShape.jsonl');
        const records = readFileSync(file, 'utf8')
            .trimEnd()
            .split('\n')
            .map((line) => JSON.parse(line));

        const byLine = arcdsl(['import', file, '--line', '2']);
        assert.equal(byLine.code, 0, byLine.stderr);
        const second = records[1];
        const document = join(generated, `${second.id}.arcdsl`);
        assert.equal(byLine.stderr, `wrote ${document} (2 train, 1 test, the record's solution)\n`);
        const text = readFileSync(document, 'utf8');
        assert.ok(text.startsWith(`task "${second.id}" family RotateShape {\n`), text);
        assert.ok(text.endsWith(`\n// Line 2 of RotateShape.jsonl (${second.sub_rule}).\n${second.solution}`), text);
        const run = arcdsl(['run', document, '--json']);
        assert.equal(run.code, 0, run.stderr);
        const pairs = JSON.parse(run.stdout).pairs as { pair: string; status: string; output: number[][] }[];
        assert.deepEqual(
            pairs.map((p) => [p.pair, p.status]),
            [
                ['train1', 'pass'],
                ['train2', 'pass'],
                ['test1', 'pass'],
            ],
        );
        assert.deepEqual(pairs[2].output, second.test_output);

        const third = records[2];
        const byId = arcdsl(['import', file, '--id', third.id, '--out', '-']);
        assert.equal(byId.code, 0, byId.stderr);
        assert.match(byId.stdout, new RegExp(`^task "${third.id}" family RotateShape \\{[^]*// Line 3 of RotateShape\\.jsonl`));
    });

    it('names the file, line and field of a bad record, and writes nothing', () => {
        const file = join(dir, 'bad.jsonl');
        const good = {
            id: 'RotateShape-1',
            task_type: 'RotateShape',
            train_input1: [[1, 0]],
            train_output1: [[0, 1]],
            train_input2: [[2, 0]],
            train_output2: [[0, 2]],
            test_input: [[3, 0]],
            test_output: [[0, 3]],
            solution: 'output = flip(input, vertical)\n',
        };
        const lines = [
            JSON.stringify(good),
            '{"id": "x",',
            JSON.stringify({ ...good, id: 'RotateShape-3', train_output2: [[0, 12]] }),
            JSON.stringify({ ...good, id: 'RotateShape-4', solution: 'output = flip(input, sideways)\n' }),
        ];
        writeFileSync(file, `${lines.join('\n')}\n`);
        assert.equal(arcdsl(['import', file, '--line', '1', '--out', '-']).code, 0);
        const cases: [string[], RegExp][] = [
            [['--line', '2'], /bad\.jsonl:2: malformed JSON: /],
            [['--line', '3'], /bad\.jsonl:3: train_output2 row 0, col 1: 12 is not a colour 0–9$/],
            [['--id', 'RotateShape-4'], /bad\.jsonl:4: solution: /],
            [['--line', '9'], /bad\.jsonl has no line 9 \(4 lines\)$/],
            [['--id', 'nope'], /bad\.jsonl has no record with id nope \(4 lines\)$/],
            [[], /import: name one record of .*bad\.jsonl: --line N or --id ID$/],
            [['--line', '0'], /import: --line must be a line number from 1, not '0'$/],
            [['--line', '1', '--family', 'Connect'], /import: a record brings its own family; --family is for ARC task \.json files$/],
        ];
        for (const [flags, message] of cases) assertUsageError(arcdsl(['import', file, ...flags]), message);
        assert.deepEqual(
            readdirSync(dir).filter((name) => name.startsWith('RotateShape-')),
            [],
        );
        assertUsageError(arcdsl(['import', join(dir, 'absent.jsonl'), '--line', '1']), /cannot read .*absent\.jsonl: no such file/);
    });

    it('export refuses a document without a task, or with a broken task block', () => {
        const bare = join(dir, 'bare.arcdsl');
        writeFileSync(bare, 'output = input\n');
        assertUsageError(arcdsl(['export', bare]), /export: .*bare\.arcdsl has no task block to export/);
        const ragged = join(dir, 'ragged-task.arcdsl');
        writeFileSync(ragged, 'task "r" {\n  train [1 2 | 3] -> [1]\n}\n\noutput = input\n');
        const result = arcdsl(['export', ragged]);
        assert.equal(result.code, 1);
        assert.match(
            result.stderr,
            /ragged-task\.arcdsl:2:16: error: ragged grid: row 2 has 1 cells, row 1 has 2\n.*not exported: the task block has errors\n$/,
        );
        assert.ok(!existsSync(join(dir, 'ragged-task.json')));
    });
});
