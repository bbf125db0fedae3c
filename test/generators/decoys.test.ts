import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Rejection } from '../../generators/family.js';
import { Random } from '../../generators/random.js';
import { bottommost, largest, RivalWatch, retried, type SelectionScene, topmost, widest } from '../../generators/selectors.js';
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

/** The rejection `run` throws, or undefined if it returns. */
function catchRejection(run: () => unknown): Rejection | undefined {
    try {
        run();
    } catch (error) {
        if (error instanceof Rejection) return error;
        throw error;
    }
    return undefined;
}

/** A 10×10 scene of two objects at the given top-left corners: the target (colour 1) and one other (colour 2). */
function twoObjects(target: [number, number, number, number], other: [number, number, number, number]): SelectionScene {
    const rng = new Random('two-objects');
    const scene = new Scene(10, 10, 0);
    const at = ([row, col, height, width]: number[], color: number) =>
        scene.placeSomewhere(rng, rectangle(height, width), { color }, { accept: (r, c) => r === row && c === col }) ?? assert.fail();
    return { scene, target: at(target, 1), others: [at(other, 2)] };
}

describe('RivalWatch.settle', () => {
    it('checks a scene drawn again for a pair against the rivals standing before that pair, not those of the scene it replaces', () => {
        const watch = new RivalWatch(() => [largest, topmost], 2);
        // A first scene for pair 0 rules out `largest` (the other object is larger) but is then given up
        // by its caller (as crop-multicolor does when repainting upsets the background).
        const given = twoObjects([0, 0, 1, 2], [5, 5, 3, 3]);
        assert.ok(watch.settle(0, given, bottommost));
        // The scene kept for pair 0 leaves `largest` standing: the last train scene must rule it out.
        const kept = twoObjects([0, 0, 3, 3], [5, 5, 1, 1]);
        assert.ok(watch.settle(0, kept, bottommost));
        assert.deepEqual(
            watch.against(1)?.map((s) => s.name),
            ['largest', 'topmost'],
        );
        // A last train scene where the target is still the largest object is ambiguous.
        const last = twoObjects([5, 5, 3, 3], [0, 0, 1, 1]);
        assert.equal(watch.settle(1, last, bottommost), undefined);
        assert.equal(catchRejection(() => retried(1, () => watch.settle(1, last, bottommost)))?.reason, 'ambiguous');
        // One where a larger object stands above it is kept, and both rivals are expected to fail on it.
        assert.ok(watch.settle(1, twoObjects([5, 5, 3, 3], [0, 0, 4, 4]), bottommost));
        assert.deepEqual(watch.failsOn(), [1, 1]);
    });

    it('adds decoys to the last train scene until no rival reading picks the target', () => {
        let settled = 0;
        for (let seed = 0; seed < 20; seed++) {
            const rng = new Random(`decoys-${seed}`);
            const watch = new RivalWatch(() => [largest, widest], 2);
            const first = barAndDot(rng);
            watch.settle(0, first, topmost);
            assert.equal(first.others.length, 1, 'an earlier train scene gets no decoys');
            const last = barAndDot(rng);
            if (!watch.settle(1, last, topmost)) {
                // A miss is drawn again by `retried`; when its tries run out, it throws the miss's reason.
                const error = catchRejection(() => retried(1, () => watch.settle(1, barAndDot(rng), topmost)));
                assert.ok(error === undefined || error.reason === 'ambiguous', `missed as ${error?.reason}`);
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
