import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Grid } from '../../language/grid.js';
import { type CompiledProgram, SharedValues } from '../../language/interpreter.js';
import { compileText } from '../../language/load.js';

const inputs = [
    [
        [0, 0, 0, 0, 0],
        [0, 3, 3, 0, 0],
        [0, 0, 0, 0, 2],
        [1, 0, 0, 0, 2],
    ],
    [
        [4, 0, 0],
        [0, 0, 4],
        [0, 5, 5],
    ],
].map((rows) => Grid.fromRows(rows));

// A generator's program and its rivals: alike at the start, some fail on some inputs.
const programs = [
    'let objs = objects(input)\nlet target = largest(objs)\noutput = move(input, target, (0, 1))',
    'let objs = objects(input)\nlet target = smallest(objs)\noutput = move(input, target, (0, 1))',
    'let objs = objects(input)\nlet target = nth(with_color(objs, red), 0)\noutput = move(input, target, (0, 1))',
    'let objs = objects(input)\nlet target = nth(filter(objs, o => count(filter(objs, p => same_shape(o, p))) == 1), 0)\noutput = move(input, target, (1, 0))',
    'let target = argmax(objects(input), o => row(position(o)) + height(o))\noutput = recolor(crop(input, target), color_of(target), blue)',
    'let big = filter(objects(input, connectivity: 8), o => size(o) > 1)\noutput = fold(big, input, (g, o) => move_until(g, o, right))',
    'output = subgrid(input, (5, 5), 1, 1)',
    'output = input |> flip(horizontal) |> rotate(1)',
    // A builtin's fault where a quiet run gets no throw: in a lambda, an operand, a tuple, a condition.
    'let objs = objects(input)\nlet big = filter(objs, o => size(nth(filter(objs, p => size(p) > 1), 1)) > 1)\noutput = keep(input, big)',
    'let objs = objects(input)\noutput = move(input, largest(objs), (count(objs) - 1, 0 - size(nth(filter(objs, o => size(o) > 1), 1))))',
    'output = choose(size(nth(filter(objects(input), o => size(o) > 1), 1)) > 1, flip(input), input)',
    'output = choose(count(objects(input)) > 2, input, crop(input, nth(objects(input), 9)))',
    'output = rotate(input, 4 / (height(input) - 4))',
];

/** `run`'s answer as text: the output rows or the error message. */
function ran(program: CompiledProgram, input: Grid, limits?: { maxSteps: number; maxCells: number }): string {
    try {
        return JSON.stringify(program.run(input, limits).toRows());
    } catch (error) {
        return `fails: ${(error as Error).message}`;
    }
}

function tried(program: CompiledProgram, input: Grid, limits?: { maxSteps: number; maxCells: number }, shared?: SharedValues): string {
    const output = program.tryRun(input, limits, shared);
    return output ? JSON.stringify(output.toRows()) : 'fails';
}

describe('quiet runs', () => {
    it('give what run gives, or undefined where run throws a DslError, with and without shared values', async () => {
        const compiled = await Promise.all(programs.map(async (text) => (await compileText(text)).program));
        const shared = new SharedValues();
        let failures = 0;
        for (const input of inputs) {
            for (const program of compiled) {
                const expected = ran(program, input).startsWith('fails') ? 'fails' : ran(program, input);
                if (expected === 'fails') failures++;
                assert.equal(tried(program, input), expected);
                // Twice: the second run takes the values the first one computed.
                assert.equal(tried(program, input, undefined, shared), expected);
                assert.equal(tried(program, input, undefined, shared), expected);
            }
        }
        assert.ok(failures >= 2, 'some programs fail on some inputs');
    });

    it('charges a shared value its cost: a run over budget fails as it would have', async () => {
        const first = (await compileText('let objs = objects(input)\noutput = input')).program;
        const second = (await compileText('let objs = objects(input)\noutput = paint(input, largest(objs), red)')).program;
        const input = inputs[0];
        // The second program's steps when it computes objects itself: it fails with one step less.
        let steps = 1;
        while (ran(second, input, { maxSteps: steps, maxCells: 1e6 }).startsWith('fails')) steps++;
        const tight = { maxSteps: steps - 1, maxCells: 1e6 };
        const shared = new SharedValues();
        assert.ok(first.tryRun(input, undefined, shared));
        assert.equal(tried(second, input, tight, shared), 'fails');
        assert.notEqual(tried(second, input, { maxSteps: steps, maxCells: 1e6 }, shared), 'fails');
    });

    it('takes the background default of an input from the shared values, and of any other grid from that grid', async () => {
        // Mostly 0 with a 5 and a 3; recoloured, mostly 7: a shared background wrongly given to a grid
        // made from the input, or to another input, would leave 0 where 7 belongs, or the reverse.
        const zeros = Grid.fromRows([
            [0, 0, 5],
            [0, 0, 0],
            [3, 0, 0],
        ]);
        const sevens = Grid.fromRows([
            [7, 7, 5],
            [7, 7, 7],
            [3, 7, 7],
        ]);
        const texts = [
            'output = erase(input, largest(objects(input)))',
            'output = erase(recolor(input, 0, 7), largest(objects(input)))',
            'output = move(recolor(input, 0, 7), largest(objects(input)), (1, 0))',
            'output = overlay(recolor(input, 0, 7), input)',
            'output = overlay(input, recolor(input, 0, 7))',
        ];
        const compiled = await Promise.all(texts.map(async (text) => (await compileText(text)).program));
        const shared = new SharedValues();
        for (const input of [zeros, sevens, zeros]) {
            for (const program of compiled) assert.equal(tried(program, input, undefined, shared), ran(program, input));
        }
    });
});
