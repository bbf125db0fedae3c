// Scene designs that rule their rivals out by construction: the shapes drawn for a last train scene
// leave the rival readings beaten, instead of scenes being drawn again until they happen to.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Random } from '../../generators/random.js';
import {
    byColor,
    type DesignEnv,
    largest,
    oddColor,
    oddShape,
    oddSize,
    onlyRectangle,
    type Selector,
    smallest,
    tallest,
    widest,
} from '../../generators/selectors.js';
import type { Shape } from '../../generators/shapes.js';
import { onlyRule, rejections } from './rule-rejections.js';

/** A 4×4 design box for `count` objects that must rule out `against`. */
function env(seed: number, count: number, against: Selector[]): DesignEnv {
    return { rng: new Random(`design-${seed}`), palette: [1, 2, 3, 4, 5], count, maxHeight: 4, maxWidth: 4, against };
}

const cells = (s: Shape) => s.cells.length;

describe('designs against rival readings', () => {
    it('largest against widest and tallest: lines with fewer cells outreach the target both ways', () => {
        for (let seed = 0; seed < 50; seed++) {
            const [target, ...others] = largest.design(env(seed, 3, [widest, tallest])).map((spec) => spec.shape);
            assert.ok(
                others.some((s) => s.width > target.width && cells(s) < cells(target)),
                `seed ${seed}: nothing wider than the target`,
            );
            assert.ok(
                others.some((s) => s.height > target.height && cells(s) < cells(target)),
                `seed ${seed}: nothing taller than the target`,
            );
        }
    });

    it('widest and tallest against largest: a narrower (shorter) object outweighs the target', () => {
        for (let seed = 0; seed < 50; seed++) {
            const [wide, ...narrower] = widest.design(env(seed, 2, [largest])).map((spec) => spec.shape);
            assert.ok(
                narrower.some((s) => s.width < wide.width && cells(s) > cells(wide)),
                `seed ${seed}: widest has no larger object beside it`,
            );
            const [tall, ...shorter] = tallest.design(env(seed, 2, [largest])).map((spec) => spec.shape);
            assert.ok(
                shorter.some((s) => s.height < tall.height && cells(s) > cells(tall)),
                `seed ${seed}: tallest has no larger object beside it`,
            );
        }
    });

    it('odd-color against by-color: the odd colour is not the one by-color reads', () => {
        const rival = byColor(3);
        for (let seed = 0; seed < 50; seed++) {
            const [target] = oddColor.design(env(seed, 3, [rival]));
            assert.notEqual(target.color, 3, `seed ${seed}`);
        }
    });

    it('by-color against largest: another object is larger than the target', () => {
        for (let seed = 0; seed < 50; seed++) {
            const [target, ...others] = byColor(2)
                .design(env(seed, 2, [largest]))
                .map((spec) => spec.shape);
            if (cells(target) === 16) continue;
            assert.ok(
                others.some((s) => cells(s) > cells(target)),
                `seed ${seed}: the target is the largest`,
            );
        }
    });

    it('odd-shape against tallest: the target is shorter than the common shape where one that short fits', () => {
        for (let seed = 0; seed < 50; seed++) {
            const [target, common] = oddShape.design(env(seed, 3, [tallest])).map((spec) => spec.shape);
            if ((common.height - 1) * 4 < cells(common)) continue;
            assert.ok(target.height < common.height, `seed ${seed}: the target is ${target.height} high, the others ${common.height}`);
        }
    });
});

describe('only-rectangle against smallest', () => {
    it('the rectangle has four cells at least, so three cells that are no rectangle read as smallest', () => {
        for (let seed = 0; seed < 100; seed++) {
            const [target] = onlyRectangle.design(env(seed, 3, [smallest])).map((spec) => spec.shape);
            assert.ok(cells(target) >= 4, `seed ${seed}: a ${target.height}×${target.width} rectangle`);
        }
    });
});

describe('odd-one-out designs that find room', () => {
    // Three or more objects in a 10×10 grid: shapes filling their 4×4 boxes often left no room for the last.
    it('the shape or size the others share, and odd-colour objects, fill half the design box at most', () => {
        for (let seed = 0; seed < 100; seed++) {
            const [, ...sameShape] = oddShape.design(env(seed, 3, [])).map((spec) => spec.shape);
            const [, ...sameSize] = oddSize.design(env(seed, 3, [])).map((spec) => spec.shape);
            const colored = oddColor.design(env(seed, 3, [])).map((spec) => spec.shape);
            for (const s of [...sameShape, ...sameSize, ...colored]) assert.ok(cells(s) <= 8, `seed ${seed}: ${cells(s)} cells`);
        }
    });
});

describe('ExtractPattern scenes drawn to be kept', () => {
    const TEN = { min: 10, max: 10 };

    it('a frame that needs a larger block beside it leaves room for one', async () => {
        const lost = await rejections(onlyRule('ExtractPattern', 'crop-frame-interior'), 200, TEN);
        assert.equal(lost['no-room'] ?? 0, 0, JSON.stringify(lost));
    });

    it('the marked object is one the standing rival readings do not pick', async () => {
        const lost = await rejections(onlyRule('ExtractPattern', 'crop-marked-object'), 200, TEN);
        assert.equal(lost.ambiguous ?? 0, 0, JSON.stringify(lost));
    });
});
