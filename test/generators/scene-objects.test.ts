import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { paletteExcept } from '../../generators/choices.js';
import { Rejection } from '../../generators/family.js';
import { Random } from '../../generators/random.js';
import { allSelectors, RivalWatch, randomSelectionScene, rivalSelectors } from '../../generators/selectors.js';
import { randomShape, rectangle, rotateShape, Scene, shapeKey } from '../../generators/shapes.js';
import { findObjects, mostColor } from '../../language/builtins/grid-analysis.js';
import type { GridObject } from '../../language/values.js';

function plain(objects: readonly GridObject[]) {
    return objects.map((o) => ({ rows: [...o.rows], cols: [...o.cols], colors: [...o.colors] }));
}

function assertSameObjects(scene: Scene, connectivity: 4 | 8, byColor: boolean): void {
    const searched = findObjects(scene.grid, connectivity, byColor, mostColor(scene.grid));
    assert.deepEqual(plain(scene.objects(connectivity, byColor)), plain(searched));
}

describe('Scene.objects', () => {
    it('lists the objects a search finds, in the same order, on random selection scenes with decoys', () => {
        const rng = new Random('scene-objects');
        let checked = 0;
        for (let i = 0; i < 600; i++) {
            const bg = rng.chance(0.6) ? 0 : rng.int(1, 9);
            const palette = paletteExcept(bg);
            const connectivity = rng.chance(0.3) ? 8 : 4;
            const byColor = connectivity === 4 || rng.chance(0.5);
            const selector = rng.pick(allSelectors(rng, palette));
            const side = rng.int(5, 16);
            const watch = new RivalWatch((color) => rivalSelectors(selector, color), 2, connectivity, byColor);
            for (let pair = 0; pair < 2; pair++) {
                try {
                    const built = randomSelectionScene(
                        rng,
                        selector,
                        { min: side, max: side },
                        {
                            palette,
                            bg,
                            connectivity,
                            byColor,
                            largestShape: 5,
                            against: watch.against(pair),
                        },
                    );
                    if (!built || !watch.settle(pair, built, selector)) continue;
                    assertSameObjects(built.scene, connectivity, byColor);
                    checked++;
                } catch (error) {
                    if (!(error instanceof Rejection)) throw error;
                }
            }
        }
        assert.ok(checked > 300, `only ${checked} scenes were built`);
    });

    it('falls back to a search when items touch, have several colours or cells were painted from outside', () => {
        const rng = new Random('scene-objects-fallback');
        for (let i = 0; i < 200; i++) {
            const scene = new Scene(8, 8, 0);
            for (let k = 0; k < 4; k++) {
                const shape = randomShape(rng, { maxHeight: 3, maxWidth: 3 });
                scene.place(rng, shape, { color: rng.int(1, 9) }, { gap: k === 3 ? 0 : 1 });
            }
            if (i % 3 === 0) scene.add({ shape: rectangle(1, 2), row: 0, col: 0, color: 5, colors: [5, 6] });
            if (i % 3 === 1) scene.grid.cells[rng.int(0, 63)] = 7;
            assertSameObjects(scene, 4, true);
            assertSameObjects(scene, 8, false);
        }
    });

    it('keeps the listing equal to a search as items are added clear of others, painted over from outside and taken back', () => {
        const rng = new Random('scene-objects-changes');
        for (let i = 0; i < 200; i++) {
            const scene = new Scene(10, 10, 0);
            for (let k = 0; k < 3; k++) {
                // As a ring is placed around an object: the object added, its border reserved.
                const shape = randomShape(rng, { maxHeight: 3, maxWidth: 3 });
                const row = rng.int(1, 9 - shape.height);
                const col = rng.int(1, 9 - shape.width);
                scene.add({ shape, row, col, color: rng.int(1, 9) });
                scene.reserve(rectangle(shape.height + 2, shape.width + 2).cells.map(([r, c]) => [row - 1 + r, col - 1 + c]));
                assertSameObjects(scene, 4, true);
            }
            scene.place(rng, randomShape(rng, { maxHeight: 2, maxWidth: 2 }), { color: 3 });
            assertSameObjects(scene, 8, false);
            scene.grid.cells[rng.int(0, 99)] = rng.int(1, 9);
            assertSameObjects(scene, 8, false);
            assertSameObjects(scene, 4, true);
            scene.removeLast();
            assertSameObjects(scene, 4, true);
        }
    });

    it('fits a shape with a gap of one exactly where no taken or reserved cell is within one step', () => {
        const rng = new Random('scene-fits');
        for (let i = 0; i < 100; i++) {
            const scene = new Scene(rng.int(3, 12), rng.int(3, 12), 0);
            for (let k = 0; k < 4; k++) scene.place(rng, randomShape(rng, { maxHeight: 3, maxWidth: 3 }), { color: 1 + k });
            if (i % 2 === 0) scene.removeLast();
            scene.reserve([[rng.int(0, scene.height - 1), rng.int(0, scene.width - 1)]]);
            const shape = randomShape(rng, { maxHeight: 3, maxWidth: 3 });
            for (let row = 0; row + shape.height <= scene.height; row++) {
                for (let col = 0; col + shape.width <= scene.width; col++) {
                    const clear = shape.cells.every(([r, c]) => {
                        for (let dr = -1; dr <= 1; dr++) {
                            for (let dc = -1; dc <= 1; dc++) {
                                const rr = row + r + dr;
                                const cc = col + c + dc;
                                if (rr >= 0 && cc >= 0 && rr < scene.height && cc < scene.width && !scene.isFree(rr, cc)) return false;
                            }
                        }
                        return true;
                    });
                    assert.equal(scene.fits(shape, row, col, 1), clear, `at (${row}, ${col})`);
                }
            }
        }
    });

    it('reserves a shape at an offset as the list of its cells there, cells outside the grid left out', () => {
        const rng = new Random('scene-reserve');
        for (let i = 0; i < 50; i++) {
            const [height, width] = [rng.int(3, 10), rng.int(3, 10)];
            const listed = new Scene(height, width, 0);
            const offset = new Scene(height, width, 0);
            const shape = randomShape(rng, { maxHeight: 4, maxWidth: 4 });
            const [row, col] = [rng.int(-2, height - 1), rng.int(-2, width - 1)];
            listed.reserve(shape.cells.map(([r, c]) => [row + r, col + c]));
            offset.reserveShifted(shape.cells, row, col);
            for (let r = 0; r < height; r++) {
                for (let c = 0; c < width; c++) {
                    assert.equal(offset.isFree(r, c), listed.isFree(r, c), `(${r}, ${c})`);
                    assert.equal(offset.fits(rectangle(1, 1), r, c), listed.fits(rectangle(1, 1), r, c), `(${r}, ${c})`);
                }
            }
        }
    });
});

describe('shared shapes', () => {
    it('equal cell sets of a small box are one object, drawn or turned', () => {
        const rng = new Random('shared-shapes');
        const seen = new Map<string, object>();
        for (let i = 0; i < 300; i++) {
            const shape = randomShape(rng, { maxHeight: 3, maxWidth: 4 });
            const known = seen.get(shapeKey(shape));
            if (known) assert.equal(shape, known, shapeKey(shape));
            else seen.set(shapeKey(shape), shape);
            assert.equal(rotateShape(rotateShape(shape, 1), 3), shape);
        }
        assert.ok(seen.size < 300, 'no shape was drawn twice');
    });
});
