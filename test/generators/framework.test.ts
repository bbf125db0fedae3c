import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FAMILY_GENERATORS } from '../../generators/families/index.js';
import { Rejection, reject, type Task } from '../../generators/family.js';
import { DEFAULT_CONFIG, generateIndex, shardRange } from '../../generators/generate.js';
import { FamilyTally } from '../../generators/output.js';
import { ProgramPool } from '../../generators/programs.js';
import { Random } from '../../generators/random.js';
import { recordId, toRecord } from '../../generators/record.js';
import { byColor, largest, RivalWatch, retried, topmost } from '../../generators/selectors.js';
import { isConnected, paintItem, randomShape, rectangle, rotateShape, type Shape, shapeKey, shapeOf } from '../../generators/shapes.js';
import { verifyTask } from '../../generators/verify.js';
import { Grid } from '../../language/grid.js';
import { compileText } from '../../language/load.js';
import { printProgram } from '../../language/printer.js';
import { quarterTurnPairs } from '../helpers.js';

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

    it('grows random shapes of the asked size, connected, inside the box', () => {
        const rng = new Random('shapes');
        for (let i = 0; i < 300; i++) {
            const connectivity = i % 2 === 0 ? 4 : 8;
            const [maxHeight, maxWidth] = [rng.int(1, 5), rng.int(1, 5)];
            const minCells = rng.int(1, maxHeight * maxWidth);
            const shape = randomShape(rng, { maxHeight, maxWidth, minCells, maxCells: minCells, connectivity });
            assert.equal(shape.cells.length, minCells);
            assert.ok(shape.height <= maxHeight && shape.width <= maxWidth);
            assert.ok(isConnected(shape, connectivity), shapeKey(shape));
            assert.equal(shapeKey(shapeOf(shape.cells)), shapeKey(shape), 'normalised, in reading order');
        }
    });
});

describe('RivalWatch', () => {
    const dot = rectangle(1, 1);
    const bar = rectangle(1, 3);
    /** A 6×6 grid with a bar and a dot; the bar is the target. */
    function scene(barAt: [number, number], dotAt: [number, number], dotColor = 2) {
        const grid = Grid.filled(6, 6, 0);
        const target = { shape: bar, row: barAt[0], col: barAt[1], color: 1 };
        paintItem(grid, target);
        paintItem(grid, { shape: dot, row: dotAt[0], col: dotAt[1], color: dotColor });
        return { grid, target };
    }

    it('rejects the last train scene while a rival reading still picks the target in every train scene', () => {
        const watch = new RivalWatch(() => [topmost, largest], 2);
        const first = scene([0, 0], [4, 4]); // the bar is topmost and largest
        watch.admit(0, first.grid, first.target);
        const stillTopmost = scene([1, 0], [3, 4]); // largest and topmost again
        assert.throws(
            () => watch.admit(1, stillTopmost.grid, stillTopmost.target),
            (error) => error instanceof Rejection && error.reason === 'ambiguous',
        );
        const dotAbove = scene([3, 0], [0, 4]); // the bar is still the largest
        assert.throws(() => watch.admit(1, dotAbove.grid, dotAbove.target), Rejection);
    });

    it('admits a last train scene once every rival picked another object or fails somewhere', () => {
        const watch = new RivalWatch(() => [topmost, byColor(2)], 2);
        const first = scene([0, 0], [4, 4], 3); // topmost picks the bar; no red object, so by-colour fails
        watch.admit(0, first.grid, first.target);
        const second = scene([3, 0], [0, 4]); // the dot is topmost
        watch.admit(1, second.grid, second.target);
        const test = scene([0, 0], [4, 4]); // the test scene is not checked
        watch.admit(2, test.grid, test.target);
    });

    it('retries a rejected attempt, then gives up with the last rejection', () => {
        let calls = 0;
        assert.equal(
            retried(3, () => (++calls < 3 ? reject('no-room') : 'built')),
            'built',
        );
        assert.throws(
            () => retried(2, () => reject('tie')),
            (error) => error instanceof Rejection && error.reason === 'tie',
        );
    });
});

describe('verifyTask', () => {
    const pairs = quarterTurnPairs();

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

describe('ProgramPool', () => {
    const inputs = [
        g([
            [0, 0, 0, 0, 0],
            [0, 3, 3, 0, 0],
            [0, 0, 0, 0, 0],
            [0, 0, 0, 0, 2],
            [0, 0, 0, 0, 0],
        ]),
        g([
            [1, 0, 0, 0],
            [0, 0, 4, 4],
            [0, 0, 4, 0],
        ]),
    ];
    const move = (selector: string, vector: string, color = 'red') =>
        `let objs = objects(input)\nlet target = ${selector}\noutput = recolor(move(input, target, ${vector}), ${color}, yellow)`;

    /** The pool's program against a fresh parse, check and compile of the same text. */
    async function assertSameAsParsed(pool: ProgramPool, text: string): Promise<void> {
        const loaded = await pool.load(text);
        const fresh = await compileText(text);
        assert.equal(loaded.canonical, printProgram(fresh.document, { comments: false }), text);
        for (const input of inputs) {
            const run = (program: typeof fresh.program) => {
                try {
                    return program.run(input).toRows();
                } catch (error) {
                    return (error as Error).message;
                }
            };
            assert.deepEqual(run(loaded.program), run(fresh.program), text);
        }
    }

    it('builds texts that differ only in literals from one parse, printing and running them as parsed', async () => {
        const pool = new ProgramPool();
        const texts = [
            move('largest(objs)', '(1, 2)'),
            move('largest(objs)', '(0, 1)', 'green'),
            move('largest(objs)', '(3, 0)', 'blue'),
            move('largest(objs)', '(1, -1)'),
            move('largest(objs)', '(2, -3)', 'grey'),
            move('nth(with_color(objs, red), 0)', '(1, 0)'),
            move('nth(with_color(objs, green), 0)', '(0, 1)'),
        ];
        for (const text of texts) await assertSameAsParsed(pool, text);
        // One parse per form: positive/positive, positive/negative, the by-colour selector.
        assert.equal(pool.compiled, 3);
        assert.equal(pool.instantiated, 4);
    });

    it('parses a text whose number crosses the colour range, or whose non-literal word differs', async () => {
        const pool = new ProgramPool();
        await assertSameAsParsed(pool, 'output = recolor(input, 3, 4)');
        await assertSameAsParsed(pool, 'output = recolor(input, 5, 6)');
        await assertSameAsParsed(pool, 'output = rotate(input, 1)');
        await assertSameAsParsed(pool, 'output = rotate(input, 13)');
        await assertSameAsParsed(pool, 'output = flip(input, diagonal)');
        await assertSameAsParsed(pool, 'output = flip(input, vertical)');
        await assertSameAsParsed(pool, 'output = connect_pairs(input, diagonal: true)');
        // `diagonal` names a parameter here, not a literal: another word there is parsed (and fails to check).
        await assert.rejects(pool.load('output = connect_pairs(input, vertical: true)'), /does not check/);
        assert.deepEqual([pool.compiled, pool.instantiated], [5, 2]);
        await assert.rejects(pool.load('output = recolor(input, 3, 14)'), /colour 14 is outside 0–9/);
    });
});

describe('toRecord', () => {
    it('writes the JSON text of the record with its fields in order, and its id from the content', () => {
        const pairs = [
            { input: g([[1, 0]]), output: g([[0, 1]]) },
            { input: g([[2], [0]]), output: g([[0], [2]]) },
            { input: g([[0, 3, 0]]), output: g([[0, 0, 3]]) },
        ];
        const solution = 'output = move(input, largest(objects(input)), (0, 1))\n';
        const record = toRecord('MoveShape', 'move-selected-by-vector', pairs, solution, 'seed "x"', 4);
        const rows = pairs.map(({ input, output }) => [input.toRows(), output.toRows()] as const);
        assert.equal(record.id, recordId('MoveShape', rows, solution));
        const expected = {
            id: record.id,
            task_type: 'MoveShape',
            sub_rule: 'move-selected-by-vector',
            train_input1: rows[0][0],
            train_output1: rows[0][1],
            train_input2: rows[1][0],
            train_output2: rows[1][1],
            test_input: rows[2][0],
            test_output: rows[2][1],
            solution,
            seed: 'seed "x"',
            index: 4,
        };
        assert.equal(record.json, JSON.stringify(expected));
        assert.notEqual(toRecord('MoveShape', 'move-selected-by-vector', pairs.slice(1), solution, 'seed "x"', 4).id, record.id);
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

    it('tells ids apart by every digit and the family, repeats found among thousands', () => {
        const tally = new FamilyTally();
        const hex = (n: number) => n.toString(16).padStart(8, '0');
        const ids: string[] = [];
        // Ids alike in their first or last eight digits, past the table's first growth.
        for (let i = 0; i < 3000; i++) ids.push(`Connect-${hex(i)}0000beef`, `Connect-0000cafe${hex(i)}`);
        ids.push('Connect-0000000000000000', 'MoveShape-0000000000000000', 'Connect-0000BEEF0000BEEF', 'Connect-0000beef0000beef0');
        for (const id of ids) assert.equal(tally.keep(id, 'a'), true, id);
        for (const id of ids) assert.equal(tally.keep(id, 'a'), false, id);
        assert.equal(tally.accepted, ids.length);
        assert.deepEqual(tally.summary().rejected, { duplicate: ids.length });
    });
});
