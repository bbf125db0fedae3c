import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { faultOf, output, rows } from './run.js';

const CHECKER = rows('0 1 0 | 1 0 1 | 0 1 0');

describe('fill_bbox', () => {
    it("fills only the background cells inside the object's box", async () => {
        const G = rows('0 0 0 0 | 0 1 0 0 | 0 1 1 3 | 0 0 0 0');
        assert.deepEqual(await output('fill_bbox(input, nth(objects(input), 0), 2)', G), rows('0 0 0 0 | 0 1 2 0 | 0 1 1 3 | 0 0 0 0'));
        assert.deepEqual(
            await output('fill_bbox(input, nth(objects(input), 0), 2, bg: 1)', G),
            rows('0 0 0 0 | 0 2 0 0 | 0 2 2 3 | 0 0 0 0'),
        );
    });

    it('fills the part of a box that is inside the grid', async () => {
        assert.deepEqual(
            await output('fill_bbox(input, shift(nth(objects(input), 0), (-1, 2)), 2)', rows('1 0 0 0 | 1 1 0 0')),
            rows('1 0 2 2 | 1 1 0 0'),
        );
    });
});

describe('flood_fill', () => {
    it("fills the seed's edge-connected region", async () => {
        assert.deepEqual(await output('flood_fill(input, (0, 0), 2)', CHECKER), rows('2 1 0 | 1 0 1 | 0 1 0'));
        assert.deepEqual(await output('flood_fill(input, (1, 1), 2)', rows('1 1 1 | 1 0 0 | 1 0 1')), rows('1 1 1 | 1 2 2 | 1 2 1'));
    });

    it('with connectivity 8 also crosses corners, from any colour', async () => {
        assert.deepEqual(await output('flood_fill(input, (0, 0), 2, connectivity: 8)', CHECKER), rows('2 1 2 | 1 2 1 | 2 1 2'));
        assert.deepEqual(await output('flood_fill(input, (0, 1), 5, 8)', CHECKER), rows('0 5 0 | 5 0 5 | 0 5 0'));
    });

    it('fills a whole one-colour grid, 1×1 to 30×30', async () => {
        assert.deepEqual(await output('flood_fill(input, (0, 0), 4)', rows('0')), rows('4'));
        const big = Array.from({ length: 30 }, () => new Array<number>(30).fill(7));
        const filled = await output('flood_fill(input, (29, 0), 4)', big);
        assert.ok(filled.every((row) => row.every((v) => v === 4)));
    });

    it('names a bad seed or connectivity', async () => {
        assert.deepEqual(await faultOf('flood_fill(input, (3, 0), 2)', CHECKER), {
            message: 'flood_fill: point (3, 0) is outside the 3×3 grid',
            at: '(3, 0)',
        });
        assert.deepEqual(await faultOf('flood_fill(input, (0, 0), 2, connectivity: 5)', CHECKER), {
            message: 'flood_fill: connectivity must be 4 or 8, not 5',
            at: 'connectivity: 5',
        });
    });
});

describe('fill_enclosed', () => {
    it('fills background regions that do not reach the border', async () => {
        const ring = rows('0 0 0 0 0 | 0 1 1 1 0 | 0 1 0 1 0 | 0 1 1 1 0 | 0 0 0 0 0');
        assert.deepEqual(await output('fill_enclosed(input, 4)', ring), rows('0 0 0 0 0 | 0 1 1 1 0 | 0 1 4 1 0 | 0 1 1 1 0 | 0 0 0 0 0'));
    });

    it('counts a region joined to the outside only at a corner as enclosed', async () => {
        assert.deepEqual(await output('fill_enclosed(input, 4, bg: 0)', rows('1 1 0 | 1 0 1 | 0 1 1')), rows('1 1 0 | 1 4 1 | 0 1 1'));
    });

    it('changes nothing when every region touches the border', async () => {
        const open = rows('0 1 0 | 0 1 0 | 0 0 0');
        assert.deepEqual(await output('fill_enclosed(input, 4)', open), open);
        assert.deepEqual(await output('fill_enclosed(input, 4)', rows('0')), rows('0'));
    });

    it('fills a large enclosed area of a 30×30 grid', async () => {
        const big = Array.from({ length: 30 }, (_, r) =>
            Array.from({ length: 30 }, (_, c) => (r === 0 || c === 0 || r === 29 || c === 29 ? 3 : 0)),
        );
        const filled = await output('fill_enclosed(input, 4, bg: 0)', big);
        assert.equal(filled.flat().filter((v) => v === 4).length, 28 * 28);
    });
});

describe('symmetrize', () => {
    it('copies non-background cells onto background mirror cells', async () => {
        const G = rows('1 2 0 0 | 3 0 0 0');
        assert.deepEqual(await output('symmetrize(input)', G), rows('1 2 2 1 | 3 0 0 3'));
        assert.deepEqual(await output('symmetrize(input, horizontal)', G), rows('1 2 0 0 | 3 2 0 0'));
    });

    it('mirrors across both diagonals of a square grid', async () => {
        const G = rows('1 2 0 | 0 0 0 | 0 0 0');
        assert.deepEqual(await output('symmetrize(input, diagonal)', G), rows('1 2 0 | 2 0 0 | 0 0 0'));
        assert.deepEqual(await output('symmetrize(input, antidiagonal)', G), rows('1 2 0 | 0 0 2 | 0 0 1'));
    });

    it('leaves cells alone when both mirror cells already hold colours', async () => {
        assert.deepEqual(await output('symmetrize(input)', rows('1 0 2 | 0 0 0 | 0 0 0')), rows('1 0 2 | 0 0 0 | 0 0 0'));
    });

    it('names the axis when a diagonal mirror meets a non-square grid', async () => {
        assert.deepEqual(await faultOf('symmetrize(input, diagonal)', rows('1 0 0 | 0 0 0')), {
            message: 'symmetrize: a diagonal mirror needs a square grid, not 2×3',
            at: 'diagonal',
        });
    });
});
