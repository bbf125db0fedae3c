import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { faultOf, output, rows } from './run.js';

describe('symmetrize_about', () => {
    // A 2×2 green centre at rows 2-3, cols 2-3, and a red shape up and to the left of it.
    const SHAPE = rows('0 0 0 0 0 0 | 2 2 0 0 0 0 | 0 2 3 3 0 0 | 0 0 3 3 0 0 | 0 0 0 0 0 0 | 0 0 0 0 0 0');

    it('mirrors across lines through the centre of an object, between cells when the box is even', async () => {
        assert.deepEqual(
            await output('symmetrize_about(input, cells_of(input, green), vertical)', SHAPE),
            rows('0 0 0 0 0 0 | 2 2 0 0 2 2 | 0 2 3 3 2 0 | 0 0 3 3 0 0 | 0 0 0 0 0 0 | 0 0 0 0 0 0'),
        );
        assert.deepEqual(
            await output('symmetrize_about(input, cells_of(input, green), horizontal)', SHAPE),
            rows('0 0 0 0 0 0 | 2 2 0 0 0 0 | 0 2 3 3 0 0 | 0 2 3 3 0 0 | 2 2 0 0 0 0 | 0 0 0 0 0 0'),
        );
    });

    it('mirrors across a diagonal through the centre, and drops mirrors outside the grid', async () => {
        const G = rows('0 0 0 0 | 0 5 1 1 | 0 0 0 0 | 0 0 0 0');
        assert.deepEqual(
            await output('symmetrize_about(input, cells_of(input, grey), diagonal)', G),
            rows('0 0 0 0 | 0 5 1 1 | 0 1 0 0 | 0 1 0 0'),
        );
        assert.deepEqual(
            await output('symmetrize_about(input, cells_of(input, grey), vertical)', G),
            rows('0 0 0 0 | 1 5 1 1 | 0 0 0 0 | 0 0 0 0'),
        );
    });

    it('refuses a diagonal that runs between cells', async () => {
        assert.deepEqual(await faultOf('symmetrize_about(input, cells_of(input, red), diagonal)', rows('2 2 0 | 0 0 0 | 0 0 0')), {
            message: 'symmetrize_about: a diagonal line through the centre of a 1×2 box runs between cells',
            at: 'cells_of(input, red)',
        });
    });
});

describe('complete_symmetry', () => {
    it('fills holes from a mirror line that is not at the centre of the grid', async () => {
        // Rows 1-4 mirror around the line between rows 2 and 3; row 0 has no partner. 0 marks the holes.
        const G = rows('7 7 7 7 | 1 2 3 4 | 5 0 0 8 | 5 6 7 8 | 1 2 0 4');
        assert.deepEqual(await output('complete_symmetry(input, bg: black)', G), rows('7 7 7 7 | 1 2 3 4 | 5 6 7 8 | 5 6 7 8 | 1 2 3 4'));
    });

    it('uses several mirror lines together, each filling what the others cannot', async () => {
        const G = rows('1 2 2 1 | 3 4 4 3 | 3 4 0 0 | 1 2 0 0');
        assert.deepEqual(await output('complete_symmetry(input, bg: black)', G), rows('1 2 2 1 | 3 4 4 3 | 3 4 4 3 | 1 2 2 1'));
    });

    it('changes nothing when no line is obeyed by most known cells', async () => {
        const G = rows('1 2 0 | 3 4 5 | 6 7 8');
        assert.deepEqual(await output('complete_symmetry(input, bg: black)', G), G);
        const sparse = rows('0 0 0 0 0 | 0 2 0 0 0 | 0 0 0 0 0 | 0 0 0 0 0 | 0 0 0 0 0');
        assert.deepEqual(await output('complete_symmetry(input)', sparse), sparse);
    });
});

describe('complete_pattern', () => {
    it('fills holes from the smallest repeating tile', async () => {
        const G = rows('1 2 1 2 1 2 | 3 4 0 0 3 4 | 1 2 1 0 1 2 | 3 4 3 4 3 4');
        assert.deepEqual(
            await output('complete_pattern(input, bg: black)', G),
            rows('1 2 1 2 1 2 | 3 4 3 4 3 4 | 1 2 1 2 1 2 | 3 4 3 4 3 4'),
        );
    });

    it('finds tiles that do not divide the grid; a tile one row high fills an empty row', async () => {
        assert.deepEqual(await output('complete_pattern(input, bg: black)', rows('1 2 3 1 0 3 1')), rows('1 2 3 1 2 3 1'));
        assert.deepEqual(
            await output('complete_pattern(input, bg: black)', rows('1 2 3 1 2 3 1 | 0 0 0 0 0 0 0')),
            rows('1 2 3 1 2 3 1 | 1 2 3 1 2 3 1'),
        );
    });

    it('leaves the cells whose place in the tile no known cell shows', async () => {
        const G = rows('1 2 1 2 | 3 0 3 0');
        assert.deepEqual(await output('complete_pattern(input, bg: black)', G), G);
    });
});
