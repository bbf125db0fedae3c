import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { faultOf, output, rows } from './run.js';

// A blue bar at (1, 1)–(1, 2) and a red cell at (2, 2).
const P = rows('0 0 0 0 | 0 1 1 0 | 0 0 2 0 | 0 0 0 0');
const BAR = 'nth(objects(input), 0)';
const DOT = 'nth(objects(input), 1)';

describe('paint', () => {
    it("paints the object's cells in one colour or its own colours", async () => {
        assert.deepEqual(await output(`paint(input, ${BAR}, green)`, P), rows('0 0 0 0 | 0 3 3 0 | 0 0 2 0 | 0 0 0 0'));
        assert.deepEqual(await output(`paint(input, shift(${BAR}, (2, 0)))`, P), rows('0 0 0 0 | 0 1 1 0 | 0 0 2 0 | 0 1 1 0'));
    });

    it('drops cells outside the grid', async () => {
        assert.deepEqual(await output(`paint(input, shift(${BAR}, (-1, 2)), 5)`, P), rows('0 0 0 5 | 0 1 1 0 | 0 0 2 0 | 0 0 0 0'));
        assert.deepEqual(await output(`paint(input, shift(${BAR}, (9, 9)))`, P), P);
    });
});

describe('erase', () => {
    it('sets the cells to the background', async () => {
        assert.deepEqual(await output(`erase(input, ${BAR})`, P), rows('0 0 0 0 | 0 0 0 0 | 0 0 2 0 | 0 0 0 0'));
        assert.deepEqual(await output(`erase(input, ${DOT}, bg: 7)`, P), rows('0 0 0 0 | 0 1 1 0 | 0 0 7 0 | 0 0 0 0'));
    });
});

describe('keep', () => {
    it('paints only the given objects on a background grid', async () => {
        assert.deepEqual(
            await output('keep(input, filter(objects(input), o => size(o) == 1))', P),
            rows('0 0 0 0 | 0 0 0 0 | 0 0 2 0 | 0 0 0 0'),
        );
        assert.deepEqual(await output('keep(input, objects(input), bg: 4)', P), rows('4 4 4 4 | 4 1 1 4 | 4 4 2 4 | 4 4 4 4'));
    });

    it('gives an all-background grid for no objects', async () => {
        assert.deepEqual(await output('keep(input, with_color(objects(input), 9))', P), rows('0 0 0 0 | 0 0 0 0 | 0 0 0 0 | 0 0 0 0'));
    });
});

describe('recolor', () => {
    it('changes every cell of one colour', async () => {
        assert.deepEqual(await output('recolor(input, blue, red)', P), rows('0 0 0 0 | 0 2 2 0 | 0 0 2 0 | 0 0 0 0'));
        assert.deepEqual(await output('recolor(input, 0, 8)', rows('0')), rows('8'));
        assert.deepEqual(await output('recolor(input, maroon, red)', P), P);
    });

    it('rejects a colour outside 0–9', async () => {
        assert.deepEqual(await faultOf('recolor(input, 1, 9 + 1)', P), { message: 'recolor: colour 10 is outside 0–9', at: '9 + 1' });
    });
});

describe('move', () => {
    it('erases the object and paints it shifted, over whatever is there', async () => {
        assert.deepEqual(await output(`move(input, ${BAR}, (1, 0))`, P), rows('0 0 0 0 | 0 0 0 0 | 0 1 1 0 | 0 0 0 0'));
        assert.deepEqual(await output(`move(input, ${DOT}, (-2, -2))`, P), rows('2 0 0 0 | 0 1 1 0 | 0 0 0 0 | 0 0 0 0'));
    });

    it('drops cells that leave the grid', async () => {
        assert.deepEqual(await output(`move(input, ${BAR}, (0, 2))`, P), rows('0 0 0 0 | 0 0 0 1 | 0 0 2 0 | 0 0 0 0'));
    });
});

describe('move_until', () => {
    it('slides until the grid edge', async () => {
        assert.deepEqual(await output(`move_until(input, ${BAR}, right)`, P), rows('0 0 0 0 | 0 0 1 1 | 0 0 2 0 | 0 0 0 0'));
        assert.deepEqual(await output(`move_until(input, ${DOT}, down_left)`, P), rows('0 0 0 0 | 0 1 1 0 | 0 0 0 0 | 0 2 0 0'));
    });

    it('stops next to another object', async () => {
        const gravity = rows('0 2 0 | 0 0 0 | 0 0 0 | 1 1 1');
        assert.deepEqual(await output('move_until(input, smallest(objects(input)), down)', gravity), rows('0 0 0 | 0 0 0 | 0 2 0 | 1 1 1'));
    });

    it('may not move at all', async () => {
        assert.deepEqual(await output(`move_until(input, ${BAR}, down)`, P), P);
        assert.deepEqual(await output(`move_until(input, ${DOT}, up)`, P), P);
    });

    it('treats its own old cells as free, and other colours as walls', async () => {
        const strip = rows('3 3 0 0 5 | 0 0 0 0 0 | 0 0 0 0 0');
        assert.deepEqual(
            await output('move_until(input, nth(objects(input), 0), right)', strip),
            rows('0 0 3 3 5 | 0 0 0 0 0 | 0 0 0 0 0'),
        );
        assert.deepEqual(
            await output('move_until(input, nth(objects(input), 0), right, bg: 5)', rows('5 3 5 5 | 5 5 5 5')),
            rows('5 5 5 3 | 5 5 5 5'),
        );
    });
});
