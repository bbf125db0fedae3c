import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildDataset } from '../../generators/dataset/build-dataset.js';
import type { BuildReport } from '../../generators/dataset/build-report.js';
import { contentKey } from '../../generators/dataset/dedupe.js';
import { readSplit } from '../../generators/dataset/read-dataset.js';
import { readRecordText } from '../../generators/dataset/scan-record.js';
import { assignSplits, type ProgramTally, parseSplitSpec, SPLIT_NAMES } from '../../generators/dataset/split.js';
import { rotateRecord, seeded, tempDir, writeJsonl } from './fixtures.js';

describe('split by program', () => {
    const programs: ProgramTally[] = [];
    const random = seeded(7);
    for (let i = 0; i < 3000; i++) {
        programs.push({
            text: `output = rotate(input, ${i})`,
            family: i % 3 === 0 ? 'Connect' : 'FloodFill',
            records: 1 + Math.floor(random() * 12),
        });
    }

    it('reaches the asked proportions by records within each family', () => {
        const splitOf = assignSplits(programs, [90, 5, 5], 'seed-1');
        for (const family of ['Connect', 'FloodFill']) {
            const rows = [0, 0, 0];
            programs.forEach((p, i) => {
                if (p.family === family) rows[splitOf[i]] += p.records;
            });
            const total = rows[0] + rows[1] + rows[2];
            const shares = rows.map((n) => n / total);
            assert.ok(
                Math.abs(shares[0] - 0.9) < 0.01 && Math.abs(shares[1] - 0.05) < 0.01 && Math.abs(shares[2] - 0.05) < 0.01,
                `${family}: ${shares}`,
            );
        }
    });

    it('is a function of program text and seed: input order does not matter, the seed does', () => {
        const first = assignSplits(programs, [90, 5, 5], 'seed-1');
        const reversed = [...programs].reverse();
        const second = assignSplits(reversed, [90, 5, 5], 'seed-1');
        programs.forEach((_, i) => {
            assert.equal(second[programs.length - 1 - i], first[i]);
        });
        const other = assignSplits(programs, [90, 5, 5], 'seed-2');
        assert.notDeepEqual(other, first);
    });

    it('parses --split and refuses what does not add up', () => {
        assert.deepEqual(parseSplitSpec('80/10/10'), [80, 10, 10]);
        assert.throws(() => parseSplitSpec('90/5'), /three whole percentages/);
        assert.throws(() => parseSplitSpec('90/5/6'), /add up to 100; 90\/5\/6 adds up to 101/);
        assert.throws(() => parseSplitSpec('0/50/50'), /more than 0%/);
        assert.throws(() => parseSplitSpec('90/5/x'), /three whole percentages/);
    });
});

describe('dedupe', () => {
    const recordFromJson = (value: Record<string, unknown>, file: string, line: number) =>
        readRecordText(JSON.stringify(value), file, line)!;

    it('keys by solution and every grid, not by id or other fields', () => {
        const a = recordFromJson(rotateRecord({ turns: 1, seed: 1 }), 'f', 1);
        const sameContent = recordFromJson({ ...rotateRecord({ turns: 1, seed: 1 }), id: 'other', sub_rule: 'x', seed: 9 }, 'f', 2);
        assert.equal(contentKey(a), contentKey(sameContent));
        const otherProgram = recordFromJson({ ...rotateRecord({ turns: 1, seed: 1 }), solution: 'output = rotate(input, 5)\n' }, 'f', 3);
        assert.notEqual(contentKey(a), contentKey(otherProgram));
        const otherCell = rotateRecord({ turns: 1, seed: 1 });
        (otherCell.test_output as number[][])[0][0] = ((otherCell.test_output as number[][])[0][0] + 1) % 10;
        assert.notEqual(contentKey(a), contentKey(recordFromJson(otherCell, 'f', 4)));
        const transposedShape = recordFromJson({ ...rotateRecord({ turns: 1, seed: 1 }), test_output: [[1, 2, 3, 4, 5, 6]] }, 'f', 5);
        const otherShape = recordFromJson(
            {
                ...rotateRecord({ turns: 1, seed: 1 }),
                test_output: [
                    [1, 2, 3],
                    [4, 5, 6],
                ],
            },
            'f',
            6,
        );
        assert.notEqual(contentKey(transposedShape), contentKey(otherShape));
    });
});

describe('a built dataset', () => {
    const root = tempDir();
    const input = join(root, 'in');
    let report: BuildReport;
    const rowsOf: Record<string, { id: string; solution: string; task_type: string }[]> = {};
    // 40 RotateShape programs and 20 CreateShape programs, 10 records each, plus 15 repeats.
    const turns = Array.from({ length: 60 }, (_, i) => (i % 3) + 1 + 4 * Math.floor(i / 3));
    const records = turns.flatMap((t, p) =>
        Array.from({ length: 10 }, (_, j) => rotateRecord({ family: p < 40 ? 'RotateShape' : 'CreateShape', turns: t, seed: p * 100 + j })),
    );

    before(async () => {
        mkdirSync(input);
        writeJsonl(input, 'RotateShape.jsonl', records.slice(0, 400));
        writeJsonl(input, 'CreateShape.jsonl', [...records.slice(400), ...records.slice(0, 15).map((r) => ({ ...r, index: 99 }))]);
        const summary = {
            families: {
                RotateShape: { accepted: 400, rejected: { identity: 3, tie: 12 }, unfilled: 2 },
                CreateShape: { accepted: 200, rejected: {} },
            },
        };
        writeFileSync(join(input, 'summary.json'), JSON.stringify(summary));
        report = await buildDataset({ input, out: join(root, 'a'), seed: 3 });
        for (const split of SPLIT_NAMES) {
            rowsOf[split] = [];
            for await (const row of readSplit(join(root, 'a'), split)) rowsOf[split].push(row as never);
        }
    });
    after(() => rmSync(root, { recursive: true, force: true }));

    it('drops repeated content and keeps every distinct record once', () => {
        assert.equal(report.duplicates, 15);
        const ids = SPLIT_NAMES.flatMap((s) => rowsOf[s].map((r) => r.id));
        assert.equal(ids.length, 600);
        assert.equal(new Set(ids).size, 600);
    });

    it('puts every program in exactly one split', () => {
        const splitOfProgram = new Map<string, string>();
        for (const split of SPLIT_NAMES) {
            for (const row of rowsOf[split]) {
                const seen = splitOfProgram.get(row.solution);
                assert.ok(seen === undefined || seen === split, `${row.solution} is in ${seen} and ${split}`);
                splitOfProgram.set(row.solution, split);
            }
        }
        assert.equal(splitOfProgram.size, 60);
        assert.equal(report.programsInTwoSplits, 0);
    });

    it('reports the proportions it reached, close to 90/5/5 in each family', () => {
        assert.deepEqual(report.rows, { train: 540, validation: 30, test: 30 });
        assert.deepEqual(report.rowsByFamily.RotateShape, { train: 360, validation: 20, test: 20 });
        assert.deepEqual(report.rowsByFamily.CreateShape, { train: 180, validation: 10, test: 10 });
        const card = readFileSync(join(root, 'a', 'README.md'), 'utf8');
        assert.match(card, /\| validation \| 30 \| 5\.0% \| 3 \|/);
        assert.match(card, /\| RotateShape \| 360 \| 20 \| 20 \| 400 \| 40 \|/);
    });

    it("has a dataset card with the grid-size histogram and the rejections, the generator's included", () => {
        const card = readFileSync(join(root, 'a', 'README.md'), 'utf8');
        assert.match(card, /\| 1–5 \| 1,800 \| 1,800 \|/); // 600 rows × 3 pairs, all 3×4 or 4×3
        assert.match(card, /\| 6–10 \| 0 \| 0 \|/);
        assert.match(card, /615 records read, 15 duplicates dropped,\n0 invalid records left out/);
        assert.match(card, /\| RotateShape \| 400 \| 15 \| 2 \| tie: 12, identity: 3 \|/);
        assert.match(card, /\| CreateShape \| 200 \| 0 \| — \| — \|/);
    });

    it('mixes the families in the row order, so any prefix of a split holds several', () => {
        const firstFamilies = new Set(rowsOf.train.slice(0, 20).map((r) => r.task_type));
        assert.deepEqual([...firstFamilies].sort(), ['CreateShape', 'RotateShape']);
    });

    it('is byte-identical when built again with the same seed (on worker threads too), and split differently with another', async () => {
        const again = await buildDataset({ input, out: join(root, 'b'), seed: 3, jobs: 2 });
        assert.equal(again.workers, 2);
        assert.equal(report.workers, 0);
        for (const split of SPLIT_NAMES) {
            const [file] = again.files[split];
            assert.deepEqual(readFileSync(join(root, 'b', split, file)), readFileSync(join(root, 'a', split, file)), split);
            assert.equal(
                readFileSync(join(root, 'b', split, 'state.json'), 'utf8'),
                readFileSync(join(root, 'a', split, 'state.json'), 'utf8'),
            );
        }
        await buildDataset({ input, out: join(root, 'c'), seed: 4 });
        const testPrograms = async (dir: string) => {
            const programs = new Set<string>();
            for await (const row of readSplit(join(root, dir), 'test')) programs.add(row.solution as string);
            return [...programs].sort();
        };
        assert.notDeepEqual(await testPrograms('c'), await testPrograms('a'));
    });
});
