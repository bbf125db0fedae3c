import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Rejection } from '../../generators/family.js';
import { Random } from '../../generators/random.js';
import { largest, RivalWatch, type SelectionScene, topmost, widest } from '../../generators/selectors.js';
import { rectangle, Scene } from '../../generators/shapes.js';
import { findObjects, mostColor } from '../../language/builtins/grid-analysis.js';

/** A 10×10 scene: a 1×3 bar at the top (the target) and a dot below it. */
function barAndDot(rng: Random): SelectionScene {
    const scene = new Scene(10, 10, 0);
    const target =
        scene.placeSomewhere(rng, rectangle(1, 3), { color: 1 }, { accept: (row, col) => row === 0 && col === 0 }) ?? assert.fail();
    const dot = scene.placeSomewhere(rng, rectangle(1, 1), { color: 2 }, { accept: (row, col) => row === 5 && col === 5 }) ?? assert.fail();
    const env = { rng, palette: [1, 2, 3, 4], count: 2, maxHeight: 4, maxWidth: 4 };
    return { scene, target, others: [dot], env, gap: 1 };
}

describe('RivalWatch.settle', () => {
    it('adds decoys to the last train scene until no rival reading picks the target', () => {
        let settled = 0;
        for (let seed = 0; seed < 20; seed++) {
            const rng = new Random(`decoys-${seed}`);
            const watch = new RivalWatch(() => [largest, widest], 2);
            const first = barAndDot(rng);
            watch.settle(0, first, topmost);
            assert.equal(first.others.length, 1, 'an earlier train scene gets no decoys');
            const last = barAndDot(rng);
            try {
                watch.settle(1, last, topmost);
            } catch (error) {
                assert.ok(error instanceof Rejection && error.reason === 'ambiguous');
                continue;
            }
            assert.ok(last.others.length > 1, 'a decoy was added');
            const grid = last.scene.grid;
            const objs = findObjects(grid, 4, true, mostColor(grid));
            const at = objs.findIndex((o) => o.top === 0 && o.left === 0);
            assert.equal(topmost.pick(objs, grid), at, 'the chosen selector still picks the target alone');
            assert.notEqual(largest.reading(objs, grid), at, 'largest reads another object');
            assert.notEqual(widest.reading(objs, grid), at, 'widest reads another object');
            settled++;
        }
        assert.ok(settled >= 10, `only ${settled} of 20 last scenes were settled`);
    });
});
