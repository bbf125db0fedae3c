import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FAMILY_GENERATORS } from '../../generators/families/index.js';
import { Rejection, type Task } from '../../generators/family.js';
import { DEFAULT_CONFIG, generateIndex, shardRange } from '../../generators/generate.js';
import { FamilyTally } from '../../generators/output.js';
import { ProgramPool } from '../../generators/programs.js';
import { Random } from '../../generators/random.js';
import { rotateShape, type Shape, shapeKey, shapeOf } from '../../generators/shapes.js';
import { verifyTask } from '../../generators/verify.js';
import { Grid } from '../../language/grid.js';

const g = (rows: number[][]) => Grid.fromRows(rows);
const SIZES = { min: 1, max: 30 };

async function reason(task: Task): Promise<string> {
    try {
        await verifyTask(task, new ProgramPool(), SIZES);
        return 'accepted';
    } catch (error) {
        if (error instanceof Rejection) return error.reason;
        throw error;
    }
}

describe('Random', () => {
    it('repeats its sequence for the same seed and not for another', () => {
        const draw = (seed: string) => {
            const rng = new Random(seed);
            return Array.from({ length: 20 }, () => rng.uint32());
        };
        assert.deepEqual(draw('a/Connect/3'), draw('a/Connect/3'));
        assert.notDeepEqual(draw('a/Connect/3'), draw('a/Connect/4'));
    });

    it('draws integers over the whole inclusive range', () => {
        const rng = new Random('range');
        const seen = new Set<number>();
        for (let i = 0; i < 2000; i++) {
            const n = rng.int(3, 7);
            assert.ok(n >= 3 && n <= 7);
            seen.add(n);
        }
        assert.deepEqual([...seen].sort(), [3, 4, 5, 6, 7]);
    });

    it('samples distinct items', () => {
        const items = new Random('sample').sample([1, 2, 3, 4, 5, 6], 4);
        assert.equal(new Set(items).size, 4);
    });
});

describe('shardRange', () => {
    it('splits the indices into contiguous parts that cover each index once', () => {
        for (const [count, total] of [
            [10, 3],
            [7, 7],
            [3, 5],
            [1000, 8],
        ]) {
            const covered: number[] = [];
            for (let i = 1; i <= total; i++) {
                const { start, end } = shardRange(count, i, total);
                for (let k = start; k < end; k++) covered.push(k);
            }
            assert.deepEqual(
                covered,
                Array.from({ length: count }, (_, k) => k),
            );
        }
    });
});

describe('shapes', () => {
    it('rotates a shape a quarter turn clockwise', () => {
        const ell: Shape = shapeOf([
            [0, 0],
            [1, 0],
            [1, 1],
        ]);
        assert.equal(
            shapeKey(rotateShape(ell, 1)),
            shapeKey(
                shapeOf([
                    [0, 0],
                    [0, 1],
                    [1, 0],
                ]),
            ),
        );
        assert.equal(shapeKey(rotateShape(ell, 4)), shapeKey(ell));
    });
});

describe('verifyTask', () => {
    const turn = (rows: number[][]) => ({ input: g(rows), output: g(rows[0].map((_, c) => rows.map((row) => row[c]).reverse())) });
    const pairs = [
        turn([
            [1, 2],
            [0, 0],
        ]),
        turn([
            [3, 0, 0],
            [0, 0, 4],
        ]),
        turn([
            [0, 5],
            [6, 0],
            [0, 0],
        ]),
    ];

    it('accepts a task the program explains and returns the program printed canonically', async () => {
        const canonical = await verifyTask(
            { program: 'output=rotate( input ,1)', pairs, competitors: ['output = flip(input, vertical)'] },
            new ProgramPool(),
            SIZES,
        );
        assert.equal(canonical, 'output = rotate(input, 1)\n');
    });

    it('rejects a pair whose output is its input', async () => {
        const same = { input: g([[1, 0]]), output: g([[1, 0]]) };
        assert.equal(await reason({ program: 'output = rotate(input, 1)', pairs: [same, ...pairs], competitors: [] }), 'identity');
    });

    it('rejects an output of background only', async () => {
        const blank = { input: g([[0, 0, 1]]), output: g([[0, 0, 0]]) };
        assert.equal(await reason({ program: 'output = rotate(input, 1)', pairs: [blank, ...pairs], competitors: [] }), 'all-background');
    });

    it('rejects a program that does not reproduce an output', async () => {
        assert.equal(await reason({ program: 'output = rotate(input, 3)', pairs, competitors: [] }), 'mismatch');
    });

    it('rejects a program that fails at run time', async () => {
        assert.equal(await reason({ program: 'output = subgrid(input, (5, 5), 1, 1)', pairs, competitors: [] }), 'runtime-error');
    });

    it('rejects a task that a competing reading also explains', async () => {
        // On these pairs a quarter turn clockwise is also a transpose-then-mirror: the same function.
        const rival = 'output = flip(flip(input, diagonal), vertical)';
        assert.equal(await reason({ program: 'output = rotate(input, 1)', pairs, competitors: [rival] }), 'ambiguous');
    });

    it('rejects repeated inputs', async () => {
        assert.equal(
            await reason({ program: 'output = rotate(input, 1)', pairs: [pairs[0], pairs[0], pairs[1]], competitors: [] }),
            'duplicate-pair',
        );
    });
});

describe('generateIndex', () => {
    it('makes the same record for the same (seed, family, index), whatever ran before', async () => {
        const config = { ...DEFAULT_CONFIG, seed: 'same', sizes: { min: 3, max: 10 } };
        const first = await generateIndex(FAMILY_GENERATORS.MoveShape, 7, config, new ProgramPool());
        await generateIndex(FAMILY_GENERATORS.MoveShape, 3, config, new ProgramPool());
        const again = await generateIndex(FAMILY_GENERATORS.MoveShape, 7, config, new ProgramPool());
        assert.ok(first.record);
        assert.equal(JSON.stringify(again), JSON.stringify(first));
        const other = await generateIndex(FAMILY_GENERATORS.MoveShape, 8, config, new ProgramPool());
        assert.notEqual(other.record?.id, first.record.id);
    });
});

describe('FamilyTally', () => {
    it('keeps the first record of a content and counts repeats as duplicates', () => {
        const tally = new FamilyTally();
        assert.equal(tally.keep('Connect-1', 'a'), true);
        assert.equal(tally.keep('Connect-2', 'b'), true);
        assert.equal(tally.keep('Connect-1', 'a'), false);
        assert.deepEqual(tally.summary(), { accepted: 2, rejected: { duplicate: 1 }, unfilled: 0, sub_rules: { a: 1, b: 1 } });
    });
});
