import { findObjects, mostColor, objectColor } from '../language/builtins/grid-analysis.js';
import { COLOR_NAMES } from '../language/colors.js';
import type { Grid } from '../language/grid.js';
import type { GridObject } from '../language/values.js';
import { objectCount, pickSize, shapeBox } from './choices.js';
import { Rejection, reject, type SizeRange } from './family.js';
import type { Random } from './random.js';
import { type Item, randomShape, rectangle, requireBackground, Scene, type Shape, sameShape } from './shapes.js';

export interface ObjectSpec {
    shape: Shape;
    color: number;
}

/** What a selector may use when it designs a scene. */
export interface DesignEnv {
    rng: Random;
    /** Colours other than the background. */
    palette: readonly number[];
    /** Objects in the scene, the target included. */
    count: number;
    maxHeight: number;
    maxWidth: number;
    /** Shapes joined at corners too (found with `objects(input, connectivity: 8)`). */
    connectivity?: 4 | 8;
    /** Rejects shapes the task cannot use (e.g. shapes a rotation leaves unchanged). */
    shapeOk?: (shape: Shape) => boolean;
}

/**
 * A way to pick one object: its DSL text (an expression over `objs` and `input`), how to design a
 * scene where it picks a chosen target, and the generator's statement of what it picks — used to
 * reject scenes where the pick is a tie or lands on another object.
 */
export interface Selector {
    name: string;
    text: string;
    /** The least number of objects the selector needs (odd-one-out needs two others that agree). */
    minCount: number;
    /** The target first, then the other objects. */
    design(env: DesignEnv): ObjectSpec[];
    /** Index of the one object picked, or -1 when the pick is not unique. */
    pick(objs: readonly GridObject[], grid: Grid): number;
    /**
     * Index of the object the selector's program picks, ties going to the first in reading order as
     * the builtins document, or -1 where the program fails. Used only to reject scenes early (RivalWatch).
     */
    reading(objs: readonly GridObject[], grid: Grid): number;
    /** Where the target may go (positional selectors keep it near its edge, leaving room for the others). */
    targetAt?(shape: Shape, row: number, col: number, height: number, width: number): boolean;
    /** Where the other objects may go, given the target. */
    otherAt?(target: Item, shape: Shape, row: number, col: number): boolean;
}

export function colorName(color: number): string {
    return COLOR_NAMES[color];
}

function shape(env: DesignEnv, minCells: number, maxCells: number): Shape {
    for (let i = 0; i < 50; i++) {
        const s = randomShape(env.rng, {
            maxHeight: env.maxHeight,
            maxWidth: env.maxWidth,
            minCells,
            maxCells,
            connectivity: env.connectivity,
        });
        if (s.cells.length >= minCells && s.cells.length <= maxCells && (!env.shapeOk || env.shapeOk(s))) return s;
    }
    return reject('no-room', 'no shape fits');
}

const area = (env: DesignEnv) => env.maxHeight * env.maxWidth;

/** The index of the unique best key, or -1 on a tie. */
function uniqueBest(objs: readonly GridObject[], key: (o: GridObject) => number): number {
    let best = -1;
    let bestKey = -Infinity;
    let tied = false;
    objs.forEach((o, i) => {
        const k = key(o);
        if (k > bestKey) {
            best = i;
            bestKey = k;
            tied = false;
        } else if (k === bestKey) tied = true;
    });
    return tied ? -1 : best;
}

/** The index of the first object with the best key (as `largest`, `argmax`… break ties), -1 if none. */
function firstBest(objs: readonly GridObject[], key: (o: GridObject) => number): number {
    let best = -1;
    let bestKey = -Infinity;
    for (let i = 0; i < objs.length; i++) {
        const k = key(objs[i]);
        if (k > bestKey) {
            best = i;
            bestKey = k;
        }
    }
    return best;
}

/** The index of the first object whose key no other object shares, -1 if none. */
function firstUniqueKey<K>(objs: readonly GridObject[], key: (o: GridObject) => K): number {
    const keys = objs.map(key);
    return keys.findIndex((k, i) => keys.indexOf(k) === i && keys.lastIndexOf(k) === i);
}

/** The index of the one object satisfying the predicate, or -1 if none or several do. */
function exactlyOne(objs: readonly GridObject[], test: (o: GridObject) => boolean): number {
    let found = -1;
    for (let i = 0; i < objs.length; i++) {
        if (!test(objs[i])) continue;
        if (found >= 0) return -1;
        found = i;
    }
    return found;
}

/** The index of the one object whose key no other object shares, or -1. */
function uniqueKey<K>(objs: readonly GridObject[], key: (o: GridObject) => K): number {
    const keys = objs.map(key);
    const counts = new Map<K, number>();
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
    const unique = keys.flatMap((k, i) => (counts.get(k) === 1 ? [i] : []));
    return unique.length === 1 ? unique[0] : -1;
}

function objectShapeKey(o: GridObject): string {
    const cells: [number, number][] = [];
    for (let i = 0; i < o.size; i++) cells.push([o.rows[i] - o.top, o.cols[i] - o.left]);
    return `${o.height}x${o.width}:${cells.map(([r, c]) => r * o.width + c).join(',')}`;
}

const isRectangle = (o: GridObject) => o.size === o.height * o.width;

export const largest: Selector = {
    name: 'largest',
    text: 'largest(objs)',
    minCount: 2,
    design(env) {
        const target = shape(env, 3, area(env));
        const others = Array.from({ length: env.count - 1 }, () => shape(env, 1, target.cells.length - 1));
        // A decoy line, wider or taller than the target but with fewer cells, rules out `widest`/`tallest`.
        const length = Math.max(target.width, target.height) + 1;
        if (others.length > 0 && length < target.cells.length && env.rng.chance(0.6)) {
            const across = env.rng.chance(0.5);
            if (across ? length <= env.maxWidth : length <= env.maxHeight) others[0] = across ? rectangle(1, length) : rectangle(length, 1);
        }
        return [target, ...others].map((s) => ({ shape: s, color: env.rng.pick(env.palette) }));
    },
    pick: (objs) => uniqueBest(objs, (o) => o.size),
    reading: (objs) => firstBest(objs, (o) => o.size),
};

export const smallest: Selector = {
    name: 'smallest',
    text: 'smallest(objs)',
    minCount: 2,
    design(env) {
        const others = Array.from({ length: env.count - 1 }, () => shape(env, 3, area(env)));
        const least = Math.min(...others.map((s) => s.cells.length));
        const target = shape(env, 1, least - 1);
        return [target, ...others].map((s) => ({ shape: s, color: env.rng.pick(env.palette) }));
    },
    pick: (objs) => uniqueBest(objs, (o) => -o.size),
    reading: (objs) => firstBest(objs, (o) => -o.size),
};

export function byColor(color: number): Selector {
    return {
        name: 'by-color',
        text: `nth(with_color(objs, ${colorName(color)}), 0)`,
        minCount: 2,
        design(env) {
            const rest = env.palette.filter((c) => c !== color);
            return Array.from({ length: env.count }, (_, i) => ({
                shape: shape(env, 1, area(env)),
                color: i === 0 ? color : env.rng.pick(rest),
            }));
        },
        pick: (objs) => exactlyOne(objs, (o) => objectColor(o) === color),
        reading: (objs) => objs.findIndex((o) => objectColor(o) === color),
    };
}

export const oddColor: Selector = {
    name: 'odd-color',
    text: 'odd_one_out(objs, o => color_of(o))',
    minCount: 3,
    design(env) {
        const [odd, common] = env.rng.sample(env.palette, 2);
        return Array.from({ length: env.count }, (_, i) => ({ shape: shape(env, 1, area(env)), color: i === 0 ? odd : common }));
    },
    pick: (objs) => uniqueKey(objs, (o) => objectColor(o)),
    reading: (objs) => uniqueKey(objs, (o) => objectColor(o)),
};

export const oddSize: Selector = {
    name: 'odd-size',
    text: 'odd_one_out(objs, o => size(o))',
    minCount: 3,
    design(env) {
        const common = env.rng.int(1, area(env));
        let odd = env.rng.int(1, area(env) - 1);
        if (odd >= common) odd++;
        const others = Array.from({ length: env.count - 1 }, () => shape(env, common, common));
        return [shape(env, odd, odd), ...others].map((s) => ({ shape: s, color: env.rng.pick(env.palette) }));
    },
    pick: (objs) => uniqueKey(objs, (o) => o.size),
    reading: (objs) => uniqueKey(objs, (o) => o.size),
};

export const oddShape: Selector = {
    name: 'odd-shape',
    text: 'nth(filter(objs, o => count(filter(objs, p => same_shape(o, p))) == 1), 0)',
    minCount: 3,
    design(env) {
        const common = shape(env, 3, area(env));
        const n = common.cells.length;
        let target: Shape | undefined;
        for (let i = 0; i < 30 && !target; i++) {
            const s = shape(env, n, n);
            if (!sameShape(s, common)) target = s;
        }
        if (!target) reject('no-room', 'no second shape of that size');
        const color = env.rng.pick(env.palette);
        const sameColor = env.rng.chance(0.5);
        return [target, ...Array.from({ length: env.count - 1 }, () => common)].map((s) => ({
            shape: s,
            color: sameColor ? color : env.rng.pick(env.palette),
        }));
    },
    pick: (objs) => uniqueKey(objs, objectShapeKey),
    reading: (objs) => firstUniqueKey(objs, objectShapeKey),
};

export const widest: Selector = {
    name: 'widest',
    text: 'argmax(objs, o => width(o))',
    minCount: 2,
    design(env) {
        if (env.maxWidth < 2) reject('no-room');
        const target = shape(env, 2, area(env));
        const narrower: DesignEnv = {
            rng: env.rng,
            palette: env.palette,
            count: env.count,
            maxHeight: env.maxHeight,
            maxWidth: target.width - 1,
            connectivity: env.connectivity,
            shapeOk: env.shapeOk,
        };
        const others = Array.from({ length: env.count - 1 }, () => (target.width > 1 ? shape(narrower, 1, area(narrower)) : target));
        // A decoy with more cells but narrower rules out `largest`.
        if (others.length > 0 && env.rng.chance(0.6) && narrower.maxWidth * env.maxHeight > target.cells.length) {
            others[0] = shape(narrower, target.cells.length + 1, area(narrower));
        }
        return [target, ...others].map((s) => ({ shape: s, color: env.rng.pick(env.palette) }));
    },
    pick: (objs) => uniqueBest(objs, (o) => o.width),
    reading: (objs) => firstBest(objs, (o) => o.width),
};

export const tallest: Selector = {
    name: 'tallest',
    text: 'argmax(objs, o => height(o))',
    minCount: 2,
    design(env) {
        if (env.maxHeight < 2) reject('no-room');
        const target = shape(env, 2, area(env));
        const shorter: DesignEnv = {
            rng: env.rng,
            palette: env.palette,
            count: env.count,
            maxHeight: target.height - 1,
            maxWidth: env.maxWidth,
            connectivity: env.connectivity,
            shapeOk: env.shapeOk,
        };
        const others = Array.from({ length: env.count - 1 }, () => (target.height > 1 ? shape(shorter, 1, area(shorter)) : target));
        // A decoy with more cells but shorter rules out `largest`.
        if (others.length > 0 && env.rng.chance(0.6) && shorter.maxHeight * env.maxWidth > target.cells.length) {
            others[0] = shape(shorter, target.cells.length + 1, area(shorter));
        }
        return [target, ...others].map((s) => ({ shape: s, color: env.rng.pick(env.palette) }));
    },
    pick: (objs) => uniqueBest(objs, (o) => o.height),
    reading: (objs) => firstBest(objs, (o) => o.height),
};

export const onlyRectangle: Selector = {
    name: 'only-rectangle',
    text: 'nth(filter(objs, o => is_rectangle(o)), 0)',
    minCount: 2,
    design(env) {
        const h = env.rng.int(1, env.maxHeight);
        const w = env.rng.int(h === 1 ? 2 : 1, Math.max(h === 1 ? 2 : 1, env.maxWidth));
        const target = rectangle(h, Math.min(w, env.maxWidth));
        if (target.cells.length < 2 || (env.shapeOk && !env.shapeOk(target))) reject('no-room', 'no rectangle fits');
        const others: Shape[] = [];
        for (let i = 0; i < env.count - 1; i++) {
            let s = shape(env, 3, area(env));
            for (let k = 0; k < 20 && s.cells.length === s.height * s.width; k++) s = shape(env, 3, area(env));
            if (s.cells.length === s.height * s.width) reject('no-room', 'only rectangles fit');
            others.push(s);
        }
        return [target, ...others].map((s) => ({ shape: s, color: env.rng.pick(env.palette) }));
    },
    pick: (objs) => exactlyOne(objs, isRectangle),
    reading: (objs) => objs.findIndex(isRectangle),
};

function randomShapes(env: DesignEnv): ObjectSpec[] {
    return Array.from({ length: env.count }, () => ({ shape: shape(env, 1, area(env)), color: env.rng.pick(env.palette) }));
}

/** The object nearest an edge: its top row (or left column, …) beats every other object's. */
function nearest(edge: 'top' | 'bottom' | 'left' | 'right'): Selector {
    const texts = {
        top: 'argmin(objs, o => row(position(o)))',
        bottom: 'argmax(objs, o => row(position(o)) + height(o))',
        left: 'argmin(objs, o => col(position(o)))',
        right: 'argmax(objs, o => col(position(o)) + width(o))',
    };
    const key = {
        top: (o: GridObject) => -o.top,
        bottom: (o: GridObject) => o.bottom,
        left: (o: GridObject) => -o.left,
        right: (o: GridObject) => o.right,
    }[edge];
    return {
        name: `${edge}most`,
        text: texts[edge],
        minCount: 2,
        design: randomShapes,
        pick: (objs) => uniqueBest(objs, key),
        reading: (objs) => firstBest(objs, key),
        targetAt: (s, row, col, height, width) =>
            edge === 'top'
                ? row <= height / 3
                : edge === 'bottom'
                  ? row + s.height >= (2 * height) / 3
                  : edge === 'left'
                    ? col <= width / 3
                    : col + s.width >= (2 * width) / 3,
        otherAt: (target, s, row, col) =>
            edge === 'top'
                ? row > target.row
                : edge === 'bottom'
                  ? row + s.height < target.row + target.shape.height
                  : edge === 'left'
                    ? col > target.col
                    : col + s.width < target.col + target.shape.width,
    };
}

export const topmost = nearest('top');
export const bottommost = nearest('bottom');
export const leftmost = nearest('left');
export const rightmost = nearest('right');
const POSITIONAL = [topmost, bottommost, leftmost, rightmost];

/** Every selector kind; `byColor` stands for its instances. */
export function allSelectors(rng: Random, palette: readonly number[]): Selector[] {
    return [
        largest,
        smallest,
        byColor(rng.pick(palette)),
        oddColor,
        oddSize,
        oddShape,
        widest,
        tallest,
        onlyRectangle,
        rng.pick(POSITIONAL),
    ];
}

/** The other readings a task with `chosen` must rule out, given the target's colour in the first pair. */
export function rivalSelectors(chosen: Selector, targetColor: number): Selector[] {
    const rivals = [largest, smallest, byColor(targetColor), oddColor, oddSize, oddShape, widest, tallest, onlyRectangle, ...POSITIONAL];
    return rivals.filter((s) => s.text !== chosen.text);
}

/** The texts of the other readings a task with `chosen` must rule out, given the target's colour in the first pair. */
export function rivalTexts(chosen: Selector, targetColor: number): string[] {
    return rivalSelectors(chosen, targetColor).map((s) => s.text);
}

/**
 * Builds the train scenes of a pick-an-object rule so that no rival reading survives them: after
 * each train scene it keeps the rivals that may still pick the target (by the generator's statement
 * of what they pick; ties broken as the builtins break them), and the last train scene must leave none
 * standing — else that one scene is drawn again (`retried`) instead of the whole candidate being
 * built, verified and rejected as ambiguous. verifyTask still runs every rival program on the
 * train pairs; this only spares candidates that would fail there.
 */
export class RivalWatch {
    private standing: Selector[] | undefined;

    constructor(
        /** The rivals, given the target's colour in the first pair. */
        private readonly rivals: (targetColor: number) => Selector[],
        private readonly trainPairs: number,
        private readonly connectivity: 4 | 8 = 4,
        private readonly byColor = true,
    ) {}

    /** Notes train scene `pair` (0-based); rejects as `ambiguous` the last train scene if a rival still stands. */
    admit(pair: number, grid: Grid, target: Item): void {
        if (pair >= this.trainPairs) return;
        const objs = findObjects(grid, this.connectivity, this.byColor, mostColor(grid));
        const at = objs.findIndex((o) => o.top === target.row && o.left === target.col && o.size === target.shape.cells.length);
        if (at < 0) reject('tie', 'the target is not one object');
        const standing = (this.standing ?? this.rivals(target.color)).filter((rival) => rival.reading(objs, grid) === at);
        if (pair === this.trainPairs - 1 && standing.length > 0) reject('ambiguous', `${standing[0].name} picks the target too`);
        this.standing = standing;
    }
}

/** Scenes drawn for one pair before the candidate is given up. */
export const SCENE_TRIES = 20;

/** Runs `attempt` until it does not reject, at most `tries` times; the last rejection propagates. */
export function retried<T>(tries: number, attempt: () => T): T {
    for (let i = 1; ; i++) {
        try {
            return attempt();
        } catch (error) {
            if (!(error instanceof Rejection) || i >= tries) throw error;
        }
    }
}

export interface SelectionScene {
    scene: Scene;
    target: Item;
    others: Item[];
}

export interface SelectionOptions {
    height: number;
    width: number;
    bg: number;
    gap?: number;
    /** How the program finds objects (and so how the pick is checked). */
    connectivity?: 4 | 8;
    byColor?: boolean;
    /** Places the target (e.g. where its move has room) among the positions `at` allows; the default is anywhere free. */
    placeTarget?: (scene: Scene, spec: ObjectSpec, at?: (row: number, col: number) => boolean) => Item | undefined;
}

export interface RandomSelectionOptions extends Omit<SelectionOptions, 'height' | 'width'> {
    palette: readonly number[];
    /** The longest side a designed shape may have. */
    largestShape: number;
    shapeOk?: (shape: Shape) => boolean;
}

/** One pair's scene for a pick-an-object rule: a random size, up to five objects that fit, the target placed first. */
export function randomSelectionScene(rng: Random, selector: Selector, sides: SizeRange, options: RandomSelectionOptions): SelectionScene {
    const [height, width] = pickSize(rng, sides);
    const box = shapeBox(height, width, options.largestShape);
    const count = objectCount(rng, height, width, selector.minCount, 5, box);
    const { palette, connectivity, shapeOk } = options;
    // Objects built field by field: spreading the options here was a slow, megamorphic copy.
    const env: DesignEnv = { rng, palette, count, connectivity, maxHeight: box.maxHeight, maxWidth: box.maxWidth, shapeOk };
    const specs = selector.design(env);
    const sceneOptions: SelectionOptions = {
        height,
        width,
        bg: options.bg,
        gap: options.gap,
        connectivity,
        byColor: options.byColor,
        placeTarget: options.placeTarget,
    };
    return selectionScene(rng, selector, specs, sceneOptions);
}

/**
 * Builds a scene in which the selector picks the designed target — placed first — among the other
 * objects. Rejects with `no-room` if the objects do not fit and `tie` if the pick is not the target.
 */
export function selectionScene(rng: Random, selector: Selector, specs: ObjectSpec[], options: SelectionOptions): SelectionScene {
    const scene = new Scene(options.height, options.width, options.bg);
    const gap = options.gap ?? 1;
    const [first, ...rest] = specs;
    const targetAt =
        selector.targetAt &&
        ((row: number, col: number) => selector.targetAt?.(first.shape, row, col, options.height, options.width) ?? true);
    const target = options.placeTarget
        ? options.placeTarget(scene, first, targetAt)
        : scene.place(rng, first.shape, { color: first.color }, { gap, accept: targetAt });
    if (!target) reject('no-room', 'target');
    // An object that finds no room is left out once the selector has the objects it needs; the
    // checks below see the scene as it is.
    const others: Item[] = [];
    for (const spec of rest) {
        const accept = selector.otherAt && ((row: number, col: number) => selector.otherAt?.(target, spec.shape, row, col) ?? true);
        const placed = scene.place(rng, spec.shape, { color: spec.color }, { gap, accept });
        if (placed) others.push(placed);
        else if (1 + others.length < selector.minCount) reject('no-room', 'others');
    }
    if (1 + others.length < selector.minCount) reject('no-room', 'others');
    requireBackground(scene.grid, options.bg);
    checkPick(selector, scene.grid, target, options.connectivity, options.byColor);
    return { scene, target, others };
}

/** Rejects unless the selector, run the generator's way on the grid's objects, picks exactly `target`. */
export function checkPick(selector: Selector, grid: Grid, target: Item, connectivity: 4 | 8 = 4, byColor = true): void {
    if (pickedItem(selector, grid, [target], connectivity, byColor) !== target) reject('tie', `${selector.name} picks another object`);
}

/** The item the selector picks among the grid's objects; rejects on a tie or a pick that is none of the items. */
export function pickedItem(selector: Selector, grid: Grid, items: readonly Item[], connectivity: 4 | 8 = 4, byColor = true): Item {
    const objs = findObjects(grid, connectivity, byColor, mostColor(grid));
    const picked = selector.pick(objs, grid);
    if (picked < 0) reject('tie', selector.name);
    const o = objs[picked];
    const item = items.find((i) => o.top === i.row && o.left === i.col && o.size === i.shape.cells.length);
    return item ?? reject('tie', `${selector.name} picks another object`);
}
