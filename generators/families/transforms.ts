import { flipGrid, rotateGrid } from '../../language/builtins/transform.js';
import { Grid } from '../../language/grid.js';
import { objectCount, paletteExcept, pickBackground, pickSize, shapeBox } from '../choices.js';
import { type GenContext, type Pair, reject, type SizeRange, type SubRule } from '../family.js';
import { madeOnce, programText } from '../programs.js';
import type { Random } from '../random.js';
import {
    allSelectors,
    type ObjectSpec,
    onlyRectangle,
    RivalWatch,
    randomSelectionScene,
    retried,
    rivalSelectors,
    rivalTexts,
    SCENE_TRIES,
    type Selector,
} from '../selectors.js';
import {
    eraseItem,
    flipShape,
    type Item,
    paintItem,
    randomShape,
    requireBackground,
    rotateShape,
    Scene,
    type Shape,
    sameShape,
} from '../shapes.js';
import { cropTo } from './extract-pattern.js';

/** A quarter-turn rotation or a mirror, stated for grids, for objects in place, and for shapes. */
export interface Transform {
    grid(g: Grid): Grid;
    shape(s: Shape): Shape;
    /** DSL text transforming the grid expression `g`. */
    gridText(g: string): string;
    /** DSL text transforming object `o` inside grid `g` (the result keeps the bounding box's top-left). */
    objectText(g: string, o: string): string;
    /** Whether `objectText` is defined for the shape (diagonal mirrors need a square box). */
    fitsObject?(s: Shape): boolean;
}

const allocate = { grid: (h: number, w: number) => Grid.filled(h, w, 0) };

export function rotation(turns: number): Transform {
    return {
        grid: (g) => rotateGrid(g, turns, allocate),
        shape: (s) => rotateShape(s, turns),
        gridText: (g) => `rotate(${g}, ${turns})`,
        objectText: (g, o) => `rotate_object(${g}, ${o}, ${turns})`,
    };
}

export function mirror(axis: 'vertical' | 'horizontal' | 'diagonal' | 'antidiagonal'): Transform {
    return {
        grid: (g) => flipGrid(g, axis, allocate),
        shape: (s) => flipShape(s, axis),
        gridText: (g) => `flip(${g}, ${axis})`,
        objectText: (g, o) => `flip_object(${g}, ${o}, ${axis})`,
        fitsObject: axis === 'vertical' || axis === 'horizontal' ? undefined : (s) => s.height === s.width,
    };
}

export const ROTATIONS = [rotation(1), rotation(2), rotation(3)];
export const MIRRORS = [mirror('vertical'), mirror('horizontal'), mirror('diagonal'), mirror('antidiagonal')];
export const ALL_TRANSFORMS = [...ROTATIONS, ...MIRRORS];

/** A grid of random colours: a dense picture (as in small ARC rotation tasks) or sparse cells on a background. */
export function randomPicture(rng: Random, height: number, width: number, bg: number, dense = rng.chance(0.5)): Grid {
    const colors = rng.sample(paletteExcept(bg), rng.int(1, 3));
    const density = dense ? rng.float() * 0.3 + 0.6 : rng.float() * 0.3 + 0.15;
    const grid = Grid.filled(height, width, bg);
    for (let i = 0; i < grid.cells.length; i++) if (rng.float() < density) grid.cells[i] = rng.pick(colors);
    return grid;
}

/** A picture or a scene of objects to transform as a whole. */
function wholeGridInput(rng: Random, height: number, width: number): Grid {
    const bg = pickBackground(rng);
    if (height * width <= 64 || rng.chance(0.4)) return randomPicture(rng, height, width, bg);
    const scene = new Scene(height, width, bg);
    const box = shapeBox(height, width, 5);
    const count = objectCount(rng, height, width, 1, 6, box);
    for (let i = 0; i < count; i++) scene.place(rng, randomShape(rng, box), { color: rng.pick(paletteExcept(bg)) });
    return scene.grid;
}

function others(chosen: Transform, pool: readonly Transform[]): Transform[] {
    return pool.filter((t) => t.gridText('g') !== chosen.gridText('g'));
}

const wholeGridTexts = madeOnce((transform: Transform) => ({
    program: `output = ${transform.gridText('input')}`,
    competitors: others(transform, ALL_TRANSFORMS).map((t) => `output = ${t.gridText('input')}`),
}));

/** `output = rotate(input, 1)` and the like. */
export function wholeGridRule(name: string, transforms: readonly Transform[]): SubRule {
    return {
        name,
        minSide: 2,
        make(ctx, sides) {
            const transform = ctx.rng.pick(transforms);
            const pairs: Pair[] = [];
            for (let k = 0; k < ctx.pairCount; k++) {
                const [height, width] = pickSize(ctx.rng, sides);
                const input = wholeGridInput(ctx.rng, height, width);
                pairs.push({ input, output: transform.grid(input) });
            }
            return { ...wholeGridTexts(transform), pairs };
        },
    };
}

/** Per transform, its `changes` test (made once, not once per scene). */
const changeTests = new WeakMap<Transform, (s: Shape) => boolean>();

/** Whether the transform gives a shape other than the shape itself (and, for an object in place, fits it). */
function changes(transform: Transform): (s: Shape) => boolean {
    let test = changeTests.get(transform);
    if (!test) {
        test = (s) => (transform.fitsObject?.(s) ?? true) && !keeps(transform, s);
        changeTests.set(transform, test);
    }
    return test;
}

/**
 * Whether the transform maps the shape onto itself: a box turned on its side is another shape, else
 * the shape is kept if every cell lands on a cell of the shape. Tested on a bit mask of the box, with
 * the cells' destinations taken from the grid transform itself (boxMap); shapes of larger boxes are
 * transformed and compared.
 */
function keeps(transform: Transform, s: Shape): boolean {
    const { height: h, width: w, cells } = s;
    if (h * w > 31) return sameShape(transform.shape(s), s);
    const map = boxMap(transform, h, w);
    if (map.height !== h) return false;
    let mask = 0;
    for (let i = 0; i < cells.length; i++) mask |= 1 << (cells[i][0] * w + cells[i][1]);
    for (let i = 0; i < cells.length; i++) if ((mask & (1 << map.to[cells[i][0] * w + cells[i][1]])) === 0) return false;
    return true;
}

/** Whether two transforms give the shape the same image (the same cells in the same box). */
function sameImage(a: Transform, b: Transform, s: Shape): boolean {
    const { height: h, width: w, cells } = s;
    if (h * w > 31) return sameShape(a.shape(s), b.shape(s));
    const mapA = boxMap(a, h, w);
    const mapB = boxMap(b, h, w);
    if (mapA.height !== mapB.height) return false;
    let maskA = 0;
    let maskB = 0;
    for (let i = 0; i < cells.length; i++) {
        const at = cells[i][0] * w + cells[i][1];
        maskA |= 1 << mapA.to[at];
        maskB |= 1 << mapB.to[at];
    }
    return maskA === maskB;
}

/** Where each cell of an h × w box lands under a transform (its index in the transformed box), and that box's height. */
interface BoxMap {
    height: number;
    to: Uint8Array;
}

const boxMaps = new WeakMap<Transform, Map<number, BoxMap>>();

/** The transform's BoxMap for h × w boxes (h × w ≤ 255), found once by transforming a grid that holds each cell's index. */
function boxMap(transform: Transform, h: number, w: number): BoxMap {
    let maps = boxMaps.get(transform);
    if (!maps) boxMaps.set(transform, (maps = new Map()));
    let map = maps.get(h * 256 + w);
    if (!map) {
        const probe = Grid.filled(h, w, 0);
        for (let i = 0; i < h * w; i++) probe.cells[i] = i;
        const out = transform.grid(probe);
        const to = new Uint8Array(h * w);
        for (let j = 0; j < out.cells.length; j++) to[out.cells[j]] = j;
        map = { height: out.height, to };
        maps.set(h * 256 + w, map);
    }
    return map;
}

/** Places an item where its transformed shape (same top-left) also has room, and keeps that room free. */
function placeTransformable(
    rng: Random,
    scene: Scene,
    shape: Shape,
    color: number,
    transform: Transform,
    at?: (row: number, col: number) => boolean,
): Item | undefined {
    const after = transform.shape(shape);
    const accept = (r: number, c: number) => (!at || at(r, c)) && scene.fits(after, r, c);
    const item = scene.place(rng, shape, { color }, { accept }) ?? scene.placeSomewhere(rng, shape, { color }, { accept });
    if (item) scene.reserveShifted(after.cells, item.row, item.col);
    return item;
}

function transformedInPlace(grid: Grid, items: readonly Item[], bg: number, transform: Transform): Grid {
    const output = grid.clone();
    for (const item of items) eraseItem(output, item, bg);
    for (const item of items) paintItem(output, { ...item, shape: transform.shape(item.shape) });
    return output;
}

function selectionProgram(selector: string, action: string): string {
    return programText`let objs = objects(input)\nlet target = ${selector}\noutput = ${action}`;
}

/** The rival transforms a pick-an-object rule verifies against (in place, only those defined for every object). */
const transformRivals = madeOnce((transform: Transform, inPlace: boolean) =>
    others(transform, ALL_TRANSFORMS).filter((t) => !inPlace || !t.fitsObject),
);

/**
 * The pairs of a rule that picks one object by a property and transforms it: the background, the
 * selector and the transform are chosen once, then each pair gets a scene of its own.
 */
function selectedObjectPairs(
    ctx: GenContext,
    sides: SizeRange,
    transforms: readonly Transform[],
    options: { largestShape: number; inPlace: boolean },
): { selector: Selector; transform: Transform; pairs: Pair[]; firstColor: number; failsOn: number[] } {
    const { rng } = ctx;
    const bg = pickBackground(rng);
    const palette = paletteExcept(bg);
    const transform = rng.pick(transforms);
    // A cut-out object is transformed as a grid, so a diagonal mirror needs no square box there.
    const changed = options.inPlace ? changes(transform) : (s: Shape) => !keeps(transform, s);
    // The rival transforms verified against (the rules' competitors) that no train target has told apart
    // yet (a symmetric shape looks the same turned either way): the last train target must.
    const rivals = transformRivals(transform, options.inPlace);
    let standing = rivals;
    // Per rival transform, the train pair whose target tells it apart (where its program is expected to fail).
    const rivalFailsOn = rivals.map(() => 0);
    const lastShapeOk = (s: Shape) => changed(s) && standing.every((t) => !sameImage(t, transform, s));
    const train = ctx.pairCount - 1;
    // The only rectangle is never a task here: a half-turn or a mirror leaves a rectangle as it was, and a
    // quarter turn either way (or a transpose) gives the same rectangle, so a rival transform always explains the pairs.
    const selector = rng.pick(allSelectors(rng, palette).filter((s) => s.name !== onlyRectangle.name));
    const pairs: Pair[] = [];
    const watch = new RivalWatch((color) => rivalSelectors(selector, color), train);
    let firstColor = -1;
    for (let k = 0; k < ctx.pairCount; k++) {
        const { scene, target } = retried(SCENE_TRIES, () => {
            const built = randomSelectionScene(rng, selector, sides, {
                palette,
                bg,
                largestShape: options.largestShape,
                shapeOk: k === train - 1 && standing.length > 0 ? lastShapeOk : changed,
                against: watch.against(k),
                ...(options.inPlace
                    ? {
                          placeTarget: (s: Scene, spec: ObjectSpec, at?: (row: number, col: number) => boolean) =>
                              placeTransformable(rng, s, spec.shape, spec.color, transform, at),
                      }
                    : {}),
            });
            return built && watch.settle(k, built, selector);
        });
        if (k === 0) firstColor = target.color;
        if (k < train) {
            standing = standing.filter((t) => sameImage(t, transform, target.shape));
            if (k + 1 < train) for (const t of standing) rivalFailsOn[rivals.indexOf(t)] = k + 1;
        }
        const output = options.inPlace
            ? transformedInPlace(scene.grid, [target], bg, transform)
            : transform.grid(cropTo(scene.grid, target));
        pairs.push({ input: scene.grid, output });
    }
    return { selector, transform, pairs, firstColor, failsOn: [...watch.failsOn(), ...rivalFailsOn] };
}

/** The object picked by a property is rotated or mirrored in place. */
export function selectedObjectRule(name: string, transforms: readonly Transform[]): SubRule {
    const action = (t: Transform) => t.objectText('input', 'target');
    // The selector rivals (as RivalWatch lists them), then the rival transforms, as selectedObjectPairs gives their hints.
    const texts = madeOnce((selector: Selector, firstColor: number, transform: Transform) => ({
        program: selectionProgram(selector.text, action(transform)),
        competitors: [
            ...rivalTexts(selector, firstColor).map((s) => selectionProgram(s, action(transform))),
            ...transformRivals(transform, true).map((t) => selectionProgram(selector.text, action(t))),
        ],
    }));
    return {
        name,
        minSide: 5,
        make(ctx, sides) {
            const { selector, transform, pairs, firstColor, failsOn } = selectedObjectPairs(ctx, sides, transforms, {
                largestShape: 4,
                inPlace: true,
            });
            return { ...texts(selector, firstColor, transform), pairs, competitorFailsOn: failsOn };
        },
    };
}

/** Every object is rotated or mirrored in place. */
export function allObjectsRule(name: string, transforms: readonly Transform[]): SubRule {
    const program = (t: Transform) => `let objs = objects(input)\noutput = fold(objs, input, (g, o) => ${t.objectText('g', 'o')})`;
    const texts = madeOnce((transform: Transform) => ({
        program: program(transform),
        competitors: [
            ...others(transform, ALL_TRANSFORMS)
                .filter((t) => !t.fitsObject)
                .map(program),
            `output = ${transform.gridText('input')}`,
        ],
    }));
    return {
        name,
        minSide: 4,
        make(ctx, sides) {
            const { rng } = ctx;
            const bg = pickBackground(rng);
            const palette = paletteExcept(bg);
            const transform = rng.pick(transforms);
            const pairs: Pair[] = [];
            for (let k = 0; k < ctx.pairCount; k++) {
                const [height, width] = pickSize(rng, sides);
                const box = shapeBox(height, width, 4);
                const scene = new Scene(height, width, bg);
                const items: Item[] = [];
                const count = objectCount(rng, height, width, 1, 5, box);
                for (let i = 0; i < count; i++) {
                    let shape = randomShape(rng, { maxHeight: box.maxHeight, maxWidth: box.maxWidth, minCells: 2 });
                    for (let t = 0; t < 10 && !changes(transform)(shape); t++)
                        shape = randomShape(rng, { maxHeight: box.maxHeight, maxWidth: box.maxWidth, minCells: 2 });
                    if (!changes(transform)(shape)) continue;
                    const item = placeTransformable(rng, scene, shape, rng.pick(palette), transform);
                    if (item) items.push(item);
                }
                if (items.length === 0) reject('no-room');
                requireBackground(scene.grid, bg);
                pairs.push({ input: scene.grid, output: transformedInPlace(scene.grid, items, bg, transform) });
            }
            return { ...texts(transform), pairs };
        },
    };
}

/** The object picked by a property is cut out, then rotated or mirrored. */
export function cropTransformRule(name: string, transforms: readonly Transform[]): SubRule {
    const program = (s: string, t: Transform) => `let objs = objects(input)\noutput = ${t.gridText(`crop(input, ${s})`)}`;
    // The selector rivals, the rival transforms (both hinted by selectedObjectPairs), then the crop alone.
    const texts = madeOnce((selector: Selector, firstColor: number, transform: Transform) => ({
        program: program(selector.text, transform),
        competitors: [
            ...rivalTexts(selector, firstColor).map((s) => program(s, transform)),
            ...transformRivals(transform, false).map((t) => program(selector.text, t)),
            program(selector.text, IDENTITY),
        ],
    }));
    return {
        name,
        minSide: 5,
        make(ctx, sides) {
            const { selector, transform, pairs, firstColor, failsOn } = selectedObjectPairs(ctx, sides, transforms, {
                largestShape: 5,
                inPlace: false,
            });
            return { ...texts(selector, firstColor, transform), pairs, competitorFailsOn: failsOn };
        },
    };
}

/** An arrangement of transformed copies of the input, e.g. the input beside its mirror image. */
export interface Arrangement {
    /** DSL statements ending in `output = …`, written with the transforms' grid texts. */
    program(parts: readonly Transform[]): string;
    /** The expected output, built from the same parts. */
    build(input: Grid, parts: readonly Transform[]): Grid;
    /** The transforms each slot may take. */
    slots: readonly (readonly Transform[])[];
    /**
     * Per slot, a transform that leaves the grid the slot transforms as it is (the top half of a block
     * mirrored both ways is its own mirror image): two transforms that differ by it give the same output
     * there — not a second reading, the same rule.
     */
    invariant?: readonly (Transform | undefined)[];
    /** Whether the input must be square (quarter turns beside each other). */
    square: boolean;
    /** Output side / input side. */
    factor: number;
}

export function beside(a: Grid, b: Grid): Grid {
    const out = Grid.filled(a.height, a.width + b.width, 0);
    for (let r = 0; r < a.height; r++) {
        out.cells.set(a.cells.subarray(r * a.width, (r + 1) * a.width), r * out.width);
        out.cells.set(b.cells.subarray(r * b.width, (r + 1) * b.width), r * out.width + a.width);
    }
    return out;
}

export function stacked(a: Grid, b: Grid): Grid {
    const out = Grid.filled(a.height + b.height, a.width, 0);
    out.cells.set(a.cells, 0);
    out.cells.set(b.cells, a.cells.length);
    return out;
}

export const IDENTITY: Transform = {
    grid: (g) => g,
    shape: (s) => s,
    gridText: (g) => g,
    objectText: (g) => g,
};

/** The arrangement rule: `output = hconcat(input, flip(input, vertical))` and the like. */
export function arrangementRule(name: string, arrangements: readonly Arrangement[], rivals: readonly Transform[]): SubRule {
    const texts = madeOnce((arrangement: Arrangement, ...parts: Transform[]) => ({
        program: arrangement.program(parts),
        competitors: arrangementRivals(arrangement, parts, rivals),
    }));
    return {
        name,
        minSide: 2,
        maxSide: 15,
        make(ctx, sides: SizeRange) {
            const { rng } = ctx;
            const arrangement = rng.pick(arrangements);
            const limit = Math.floor(30 / arrangement.factor);
            if (sides.min > limit) reject('size');
            const fitted = { min: sides.min, max: Math.min(sides.max, limit) };
            const parts = arrangement.slots.map((choices) => rng.pick(choices));
            const pairs: Pair[] = [];
            const bg = pickBackground(rng);
            for (let k = 0; k < ctx.pairCount; k++) {
                const [height, width] = pickSize(rng, fitted);
                const side = arrangement.square ? height : width;
                const input = randomPicture(rng, height, side, bg);
                pairs.push({ input, output: arrangement.build(input, parts) });
            }
            return { ...texts(arrangement, ...parts), pairs };
        },
    };
}

/**
 * The arrangement's programs with one slot's transform swapped for the identity or a rival, one per
 * reading of the slot: a swap that gives the same grid there as the rule or as a swap already kept
 * would fail on exactly the same pairs, so running it could not change the verdict.
 */
export function arrangementRivals(arrangement: Arrangement, parts: readonly Transform[], rivals: readonly Transform[]): string[] {
    const competitors: string[] = [];
    for (let slot = 0; slot < parts.length; slot++) {
        const invariant = arrangement.invariant?.[slot];
        const readings = [parts[slot]];
        for (const rival of [IDENTITY, ...rivals]) {
            if (readings.some((t) => sameReading(t, rival, invariant))) continue;
            readings.push(rival);
            const swapped = parts.slice();
            swapped[slot] = rival;
            competitors.push(arrangement.program(swapped));
        }
    }
    return competitors;
}

/** A non-square grid of distinct cells: two transforms of it are equal only if the transforms are. */
const PROBE = Grid.fromRows([
    [0, 1, 2],
    [3, 4, 5],
]);

/** Whether two transforms agree on every grid the invariant leaves as it is (on every grid if there is none). */
function sameReading(a: Transform, b: Transform, invariant: Transform | undefined): boolean {
    const image = a.grid(PROBE);
    return image.equals(b.grid(PROBE)) || (invariant !== undefined && image.equals(b.grid(invariant.grid(PROBE))));
}
