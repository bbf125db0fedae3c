import { findObjects, mostColor, objectColor } from '../language/builtins/grid-analysis.js';
import { COLOR_NAMES } from '../language/colors.js';
import type { Grid } from '../language/grid.js';
import type { GridObject } from '../language/values.js';
import { objectCount, pickSize, shapeBox } from './choices.js';
import { Rejection, type RejectReason, reject, type SizeRange } from './family.js';
import type { Random } from './random.js';
import { type Item, randomShape, rectangle, Scene, type Shape, sameShape } from './shapes.js';

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
    /** Rival readings this scene must rule out (the last train scene's): designs that can, do. */
    against?: readonly Selector[];
}

/** Whether the design is asked to rule out the named rival. */
function against(env: DesignEnv, rival: Selector): boolean {
    return env.against?.some((s) => s.name === rival.name) ?? false;
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
    /**
     * Where a target leaves room for this selector's decoy (a positional one needs a free line past
     * the target's edge), for a scene that must rule this reading out (`DesignEnv.against`).
     */
    roomAt?(shape: Shape, row: number, col: number, height: number, width: number, gap: number): boolean;
    /** Where the other objects may go, given the target. */
    otherAt?(target: Item, shape: Shape, row: number, col: number): boolean;
    /**
     * Whether one more object of this shape and colour can leave the pick on the target (sizes, colours,
     * shapes; where it goes is `otherAt`'s). Decoys added against a rival reading must pass it.
     */
    keeps?(shape: Shape, color: number | undefined, target: Item, others: readonly Item[]): boolean;
    /** The box other objects' shapes must fit, given the target (the design box if not given). */
    otherBox?(target: Item, env: DesignEnv): { maxHeight: number; maxWidth: number };
    /**
     * An object that, added to the scene, takes this selector's reading off the target (a larger
     * object beats `largest`, an object above it beats `topmost`, …), or undefined if none is found.
     */
    decoy?(request: DecoyRequest): Decoy | undefined;
}

/** What a rival is given to design an object that takes its reading off the target. */
export interface DecoyRequest {
    env: DesignEnv;
    target: Item;
    /** The scene's other objects. */
    others: readonly Item[];
    /** The box a decoy's shape must fit for the chosen selector (narrower than a widest target, …). */
    box: { maxHeight: number; maxWidth: number };
    /** Whether the chosen selector still picks the target with such an object added (any colour if none is given). */
    keeps: (shape: Shape, color?: number) => boolean;
}

export interface Decoy extends ObjectSpec {
    /** Where it must go (its top-left). */
    at?: (row: number, col: number) => boolean;
}

export function colorName(color: number): string {
    return COLOR_NAMES[color];
}

const area = (env: DesignEnv) => env.maxHeight * env.maxWidth;

/**
 * A random shape of the design box; the target's must pass `shapeOk`, another object's need not.
 * A shape drawn for what its scene must rule out passes `room` too where one of the draws does (drawn
 * again here rather than the whole scene); else the first that fits the rest is taken.
 */
function shape(env: DesignEnv, minCells: number, maxCells: number, other = false, room?: (s: Shape) => boolean): Shape {
    const ok = other ? undefined : env.shapeOk;
    if (minCells >= area(env)) {
        // Only the full box has that many cells: one shape to test, not twenty to draw.
        const full = rectangle(env.maxHeight, env.maxWidth);
        return minCells === area(env) && maxCells >= minCells && (!ok || ok(full)) ? full : reject('no-room', 'no shape fits');
    }
    let fits: Shape | undefined;
    for (let i = 0; i < 20; i++) {
        const s = randomShape(env.rng, {
            maxHeight: env.maxHeight,
            maxWidth: env.maxWidth,
            minCells,
            maxCells,
            connectivity: env.connectivity,
        });
        if (s.cells.length < minCells || s.cells.length > maxCells || (ok && !ok(s))) continue;
        if (!room || room(s)) return s;
        fits ??= s;
    }
    return fits ?? reject('no-room', 'no shape fits');
}

/** The design with a smaller box. */
function boxed(env: DesignEnv, maxHeight: number, maxWidth: number): DesignEnv {
    return {
        rng: env.rng,
        palette: env.palette,
        count: env.count,
        maxHeight,
        maxWidth,
        connectivity: env.connectivity,
        shapeOk: env.shapeOk,
    };
}

/** Whether a line one cell longer than a target's side (`side`) fits the box (`most`) with fewer cells than the target. */
const lineBeats = (side: number, most: number, target: Shape) => side < most && side + 1 < target.cells.length;

/**
 * A target for `largest` that lines one cell wider (`wide`) or taller (`tall`) than it beat with fewer
 * cells: drawn in a box such a line still fits.
 */
function lineBeatenTarget(env: DesignEnv, wide: boolean, tall: boolean): Shape {
    const beaten = (s: Shape) => (!wide || lineBeats(s.width, env.maxWidth, s)) && (!tall || lineBeats(s.height, env.maxHeight, s));
    const inner = boxed(env, tall ? env.maxHeight - 1 : env.maxHeight, wide ? env.maxWidth - 1 : env.maxWidth);
    return shape(area(inner) >= 3 ? inner : env, 3, area(env), false, beaten);
}

/** A random shape of the decoy box with minCells…maxCells cells, or undefined if the range is empty. */
function sizedShape(request: DecoyRequest, minCells: number, maxCells: number): Shape | undefined {
    const { env, box } = request;
    const most = Math.min(maxCells, box.maxHeight * box.maxWidth);
    if (minCells > most || most < 1) return undefined;
    return randomShape(env.rng, {
        maxHeight: box.maxHeight,
        maxWidth: box.maxWidth,
        minCells,
        maxCells: most,
        connectivity: env.connectivity,
    });
}

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

/** Whether another object than `i` is `same` as it. */
function shared(objs: readonly GridObject[], i: number, same: (a: GridObject, b: GridObject) => boolean): boolean {
    for (let j = 0; j < objs.length; j++) if (j !== i && same(objs[i], objs[j])) return true;
    return false;
}

/** The index of the first object no other object is `same` as, -1 if none. */
function firstUnique(objs: readonly GridObject[], same: (a: GridObject, b: GridObject) => boolean): number {
    for (let i = 0; i < objs.length; i++) if (!shared(objs, i, same)) return i;
    return -1;
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

/** The index of the one object no other object is `same` as, or -1 (none, or several). */
function onlyUnique(objs: readonly GridObject[], same: (a: GridObject, b: GridObject) => boolean): number {
    let found = -1;
    for (let i = 0; i < objs.length; i++) {
        if (shared(objs, i, same)) continue;
        if (found >= 0) return -1;
        found = i;
    }
    return found;
}

const sameColor = (a: GridObject, b: GridObject) => objectColor(a) === objectColor(b);
const sameSize = (a: GridObject, b: GridObject) => a.size === b.size;

/** Same cells relative to the top-left of the box (objects list their cells in reading order). */
function sameObjectShape(a: GridObject, b: GridObject): boolean {
    if (a.size !== b.size || a.bottom - a.top !== b.bottom - b.top || a.right - a.left !== b.right - b.left) return false;
    for (let i = 0; i < a.rows.length; i++) {
        if (a.rows[i] - a.top !== b.rows[i] - b.top || a.cols[i] - a.left !== b.cols[i] - b.left) return false;
    }
    return true;
}

const isRectangle = (o: GridObject) => o.size === o.height * o.width;
const isFilled = (s: Shape) => s.cells.length === s.height * s.width;

/** Whether a shape placed at (row, col) comes before the target in reading order (of first cells). */
function before(target: Item, shape: Shape, row: number, col: number): boolean {
    return row < target.row || (row === target.row && col + shape.cells[0][1] < target.col + target.shape.cells[0][1]);
}

/**
 * Shapes a decoy may take, small first (a small decoy finds room where a large one does not): a
 * dot or a domino, the other objects' shapes by size (so odd-one-out picks survive), `extra`, then
 * random shapes of the decoy box. The first that passes `test` is returned.
 */
function decoyShape(request: DecoyRequest, test: (s: Shape) => boolean, extra?: () => Shape | undefined): Shape | undefined {
    const { env, others, box } = request;
    const domino = env.rng.chance(0.5) ? DOMINO_ACROSS : DOMINO_DOWN;
    if (test(DOT)) return DOT;
    if (domino.width <= box.maxWidth && domino.height <= box.maxHeight && test(domino)) return domino;
    const shapes = others.map((o) => o.shape).sort((a, b) => a.cells.length - b.cells.length);
    for (const s of shapes) if (test(s)) return s;
    for (let i = 0; i < 2 && extra; i++) {
        const s = extra();
        if (s && test(s)) return s;
    }
    for (let i = 0; i < 2; i++) {
        const s = randomShape(env.rng, { maxHeight: box.maxHeight, maxWidth: box.maxWidth, connectivity: env.connectivity });
        if (test(s)) return s;
    }
    return undefined;
}

const DOT = rectangle(1, 1);
const DOMINO_ACROSS = rectangle(1, 2);
const DOMINO_DOWN = rectangle(2, 1);

/** A colour for the decoy the chosen selector keeps, among `colors` (the palette by default). */
function decoyColor(request: DecoyRequest, shape: Shape, colors: readonly number[] = request.env.palette): number | undefined {
    const start = request.env.rng.int(0, colors.length - 1);
    for (let i = 0; i < colors.length; i++) {
        const color = colors[(start + i) % colors.length];
        if (request.keeps(shape, color)) return color;
    }
    return undefined;
}

/** A decoy whose key (size, width, …) is at least the target's: ahead of it if equal, anywhere if more. */
function keyDecoy(request: DecoyRequest, key: (s: Shape) => number, extra?: () => Shape | undefined): Decoy | undefined {
    const { target } = request;
    const least = key(target.shape);
    const shape = decoyShape(request, (s) => key(s) >= least && request.keeps(s), extra);
    if (!shape) return undefined;
    const color = decoyColor(request, shape);
    if (color === undefined) return undefined;
    return { shape, color, at: key(shape) > least ? undefined : (row, col) => before(target, shape, row, col) };
}

/** A decoy that reaches past the target towards an edge (or as far, ahead of it in reading order). */
function edgeDecoy(request: DecoyRequest, past: (shape: Shape, row: number, col: number) => number): Decoy | undefined {
    const { target } = request;
    const shape = decoyShape(request, (s) => request.keeps(s));
    if (!shape) return undefined;
    const color = decoyColor(request, shape);
    if (color === undefined) return undefined;
    const mark = past(target.shape, target.row, target.col);
    return {
        shape,
        color,
        at: (row, col) => past(shape, row, col) > mark || (past(shape, row, col) === mark && before(target, shape, row, col)),
    };
}

export const largest: Selector = {
    name: 'largest',
    text: 'largest(objs)',
    minCount: 2,
    design(env) {
        // Decoy lines, wider or taller than the target but with fewer cells, rule out `widest`/`tallest`.
        const wide = against(env, widest);
        const tall = against(env, tallest);
        const target = wide || tall ? lineBeatenTarget(env, wide, tall) : shape(env, 3, area(env));
        const others = Array.from({ length: env.count - 1 }, () => shape(env, 1, target.cells.length - 1, true));
        // Otherwise a line is drawn more often than not, across or down.
        const line = wide || tall || env.rng.chance(0.6);
        const across = wide || (!tall && line && env.rng.chance(0.5));
        const down = tall || (!wide && line && !across);
        const lines: Shape[] = [];
        if (across && lineBeats(target.width, env.maxWidth, target)) lines.push(rectangle(1, target.width + 1));
        if (down && lineBeats(target.height, env.maxHeight, target)) lines.push(rectangle(target.height + 1, 1));
        for (let i = 0; i < lines.length && i < others.length; i++) others[i] = lines[i];
        return [target, ...others].map((s) => ({ shape: s, color: env.rng.pick(env.palette) }));
    },
    pick: (objs) => uniqueBest(objs, (o) => o.size),
    reading: (objs) => firstBest(objs, (o) => o.size),
    keeps: (s, _color, target) => s.cells.length < target.shape.cells.length,
    decoy: (request) =>
        keyDecoy(
            request,
            (s) => s.cells.length,
            () => sizedShape(request, request.target.shape.cells.length, request.box.maxHeight * request.box.maxWidth),
        ),
};

export const smallest: Selector = {
    name: 'smallest',
    text: 'smallest(objs)',
    minCount: 2,
    design(env) {
        const others = Array.from({ length: env.count - 1 }, () => shape(env, 3, area(env), true));
        const least = Math.min(...others.map((s) => s.cells.length));
        const target = shape(env, 1, least - 1);
        return [target, ...others].map((s) => ({ shape: s, color: env.rng.pick(env.palette) }));
    },
    pick: (objs) => uniqueBest(objs, (o) => -o.size),
    reading: (objs) => firstBest(objs, (o) => -o.size),
    keeps: (s, _color, target) => s.cells.length > target.shape.cells.length,
    decoy: (request) =>
        keyDecoy(
            request,
            (s) => -s.cells.length,
            () => sizedShape(request, 1, request.target.shape.cells.length),
        ),
};

/** The selector of the one object of `color` (made once per colour: selectors hold no state). */
export function byColor(color: number): Selector {
    const known = BY_COLOR[color];
    return known ?? (BY_COLOR[color] = colorSelector(color));
}

const BY_COLOR: (Selector | undefined)[] = [];

function colorSelector(color: number): Selector {
    return {
        name: 'by-color',
        text: `nth(with_color(objs, ${colorName(color)}), 0)`,
        minCount: 2,
        design(env) {
            const rest = env.palette.filter((c) => c !== color);
            const specs = Array.from({ length: env.count }, (_, i) => ({
                shape: shape(env, 1, area(env), i > 0),
                color: i === 0 ? color : env.rng.pick(rest),
            }));
            // Against `largest` an object larger than the target takes its reading.
            const size = specs[0].shape.cells.length;
            if (against(env, largest) && specs.length > 1 && size < area(env) && !specs.some((o) => o.shape.cells.length > size)) {
                specs[1].shape = shape(env, size + 1, area(env), true);
            }
            return specs;
        },
        pick: (objs) => exactlyOne(objs, (o) => objectColor(o) === color),
        reading: (objs) => objs.findIndex((o) => objectColor(o) === color),
        keeps: (_s, c) => c !== color,
        decoy(request) {
            const shape = decoyShape(request, (s) => request.keeps(s, color));
            const { target } = request;
            return shape && { shape, color, at: (row, col) => before(target, shape, row, col) };
        },
    };
}

export const oddColor: Selector = {
    name: 'odd-color',
    text: 'odd_one_out(objs, o => color_of(o))',
    minCount: 3,
    design(env) {
        // Against `by-color` (of the first target's colour) the odd colour is another.
        const taken = env.against?.find((s) => s.name === 'by-color');
        const [odd, common] = env.rng.sample(taken ? env.palette.filter((c) => byColor(c) !== taken) : env.palette, 2);
        // Three or more objects must find room: each fills half the box at most.
        const most = Math.max(1, area(env) >> 1);
        return Array.from({ length: env.count }, (_, i) => ({ shape: shape(env, 1, most, i > 0), color: i === 0 ? odd : common }));
    },
    pick: (objs) => onlyUnique(objs, sameColor),
    reading: (objs) => onlyUnique(objs, sameColor),
    keeps: (_s, color, target, others) => color === undefined || (color !== target.color && others.some((o) => o.color === color)),
    decoy(request) {
        // A second colour of its own, or the target's colour: either leaves no single odd colour.
        const { env, target, others } = request;
        const shape = decoyShape(request, (s) => request.keeps(s));
        const colors = env.palette.filter((c) => c === target.color || !others.some((o) => o.color === c));
        const color = shape && decoyColor(request, shape, colors);
        return shape && color !== undefined ? { shape, color } : undefined;
    },
};

export const oddSize: Selector = {
    name: 'odd-size',
    text: 'odd_one_out(objs, o => size(o))',
    minCount: 3,
    design(env) {
        // Shapes of one or two cells mostly look the same turned or mirrored: a task that changes them starts at three.
        const least = env.shapeOk && area(env) >= 4 ? 3 : 1;
        // The common size is shared by two or more objects: half the box at most, so they find room.
        let common = env.rng.int(least, Math.max(least, area(env) >> 1));
        let odd = env.rng.int(least, area(env) - 1);
        if (odd >= common) odd++;
        // Against `largest` the odd one is the smaller, against `smallest` the larger.
        if ((against(env, largest) && odd > common) || (against(env, smallest) && odd < common)) [odd, common] = [common, odd];
        const others = Array.from({ length: env.count - 1 }, () => shape(env, common, common, true));
        return [shape(env, odd, odd), ...others].map((s) => ({ shape: s, color: env.rng.pick(env.palette) }));
    },
    pick: (objs) => onlyUnique(objs, sameSize),
    reading: (objs) => onlyUnique(objs, sameSize),
    keeps: (s, _color, target, others) =>
        s.cells.length !== target.shape.cells.length && others.some((o) => o.shape.cells.length === s.cells.length),
    decoy(request) {
        // A size of its own, or the target's size: either leaves no single odd size.
        const { target, others } = request;
        const size = (s: Shape) => s.cells.length;
        const shape = decoyShape(
            request,
            (s) => request.keeps(s) && (size(s) === size(target.shape) || !others.some((o) => size(o.shape) === size(s))),
        );
        const color = shape && decoyColor(request, shape);
        return shape && color !== undefined ? { shape, color } : undefined;
    },
};

export const oddShape: Selector = {
    name: 'odd-shape',
    text: 'nth(filter(objs, o => count(filter(objs, p => same_shape(o, p))) == 1), 0)',
    minCount: 3,
    design(env) {
        // Three copies of the common shape and the target must find room: the common shape fills half the box at most
        // (which also leaves the full box, the one shape of its size, out).
        const common = shape(env, 3, Math.max(3, area(env) >> 1), true);
        const n = common.cells.length;
        let target: Shape | undefined;
        // Against `tallest` (`widest`) the target is drawn shorter (narrower) than the others where it fits so.
        const tall = against(env, tallest);
        const wide = against(env, widest);
        const inner = tall || wide ? boxed(env, tall ? common.height - 1 : env.maxHeight, wide ? common.width - 1 : env.maxWidth) : env;
        const targetEnv = area(inner) >= n ? inner : env;
        for (let i = 0; i < 30 && !target; i++) {
            const s = shape(targetEnv, n, n);
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
    pick: (objs) => onlyUnique(objs, sameObjectShape),
    reading: (objs) => firstUnique(objs, sameObjectShape),
    keeps: (s, _color, target, others) => !sameShape(s, target.shape) && others.some((o) => sameShape(o.shape, s)),
    decoy(request) {
        // The target's shape anywhere, or a shape of its own ahead of the target.
        const { target, others } = request;
        const twin = request.keeps(target.shape) ? target.shape : undefined;
        const shape =
            twin ??
            decoyShape(request, (s) => request.keeps(s) && !sameShape(s, target.shape) && !others.some((o) => sameShape(o.shape, s)));
        const color = shape && decoyColor(request, shape);
        if (!shape || color === undefined) return undefined;
        return { shape, color, at: twin ? undefined : (row, col) => before(target, shape, row, col) };
    },
};

export const widest: Selector = {
    name: 'widest',
    text: 'argmax(objs, o => width(o))',
    minCount: 2,
    design(env) {
        if (env.maxWidth < 2) reject('no-room');
        // A decoy with more cells but narrower rules out `largest`: a scene that must rule it out draws a target one fits beside.
        const roomy = (s: Shape) => (s.width - 1) * env.maxHeight > s.cells.length;
        const target = shape(env, 2, area(env), false, against(env, largest) ? roomy : undefined);
        const narrower = boxed(env, env.maxHeight, target.width - 1);
        const others = Array.from({ length: env.count - 1 }, () => (target.width > 1 ? shape(narrower, 1, area(narrower), true) : target));
        if (others.length > 0 && (against(env, largest) || env.rng.chance(0.6)) && roomy(target)) {
            others[0] = shape(narrower, target.cells.length + 1, area(narrower), true);
        }
        return [target, ...others].map((s) => ({ shape: s, color: env.rng.pick(env.palette) }));
    },
    pick: (objs) => uniqueBest(objs, (o) => o.width),
    reading: (objs) => firstBest(objs, (o) => o.width),
    keeps: (s, _color, target) => s.width < target.shape.width,
    otherBox: (target, env) => ({ maxHeight: env.maxHeight, maxWidth: Math.max(1, target.shape.width - 1) }),
    decoy: (request) =>
        keyDecoy(
            request,
            (s) => s.width,
            () => (request.target.shape.width < request.env.maxWidth ? rectangle(1, request.target.shape.width + 1) : undefined),
        ),
};

export const tallest: Selector = {
    name: 'tallest',
    text: 'argmax(objs, o => height(o))',
    minCount: 2,
    design(env) {
        if (env.maxHeight < 2) reject('no-room');
        // A decoy with more cells but shorter rules out `largest`: a scene that must rule it out draws a target one fits beside.
        const roomy = (s: Shape) => (s.height - 1) * env.maxWidth > s.cells.length;
        const target = shape(env, 2, area(env), false, against(env, largest) ? roomy : undefined);
        const shorter = boxed(env, target.height - 1, env.maxWidth);
        const others = Array.from({ length: env.count - 1 }, () => (target.height > 1 ? shape(shorter, 1, area(shorter), true) : target));
        if (others.length > 0 && (against(env, largest) || env.rng.chance(0.6)) && roomy(target)) {
            others[0] = shape(shorter, target.cells.length + 1, area(shorter), true);
        }
        return [target, ...others].map((s) => ({ shape: s, color: env.rng.pick(env.palette) }));
    },
    pick: (objs) => uniqueBest(objs, (o) => o.height),
    reading: (objs) => firstBest(objs, (o) => o.height),
    keeps: (s, _color, target) => s.height < target.shape.height,
    otherBox: (target, env) => ({ maxHeight: Math.max(1, target.shape.height - 1), maxWidth: env.maxWidth }),
    decoy: (request) =>
        keyDecoy(
            request,
            (s) => s.height,
            () => (request.target.shape.height < request.env.maxHeight ? rectangle(request.target.shape.height + 1, 1) : undefined),
        ),
};

export const onlyRectangle: Selector = {
    name: 'only-rectangle',
    text: 'nth(filter(objs, o => is_rectangle(o)), 0)',
    minCount: 2,
    design(env) {
        // Against `smallest` the rectangle is 2 × 2 at least: then a shape of three cells (no rectangle) takes that reading.
        const side = against(env, smallest) && env.maxHeight >= 2 && env.maxWidth >= 2 ? 2 : 1;
        const h = env.rng.int(side, env.maxHeight);
        const w = env.rng.int(h === 1 ? 2 : side, Math.max(h === 1 ? 2 : side, env.maxWidth));
        const target = rectangle(h, Math.min(w, env.maxWidth));
        if (target.cells.length < 2 || (env.shapeOk && !env.shapeOk(target))) reject('no-room', 'no rectangle fits');
        const others: Shape[] = [];
        for (let i = 0; i < env.count - 1; i++) {
            let s = shape(env, 3, area(env), true);
            for (let k = 0; k < 20 && s.cells.length === s.height * s.width; k++) s = shape(env, 3, area(env), true);
            if (s.cells.length === s.height * s.width) reject('no-room', 'only rectangles fit');
            others.push(s);
        }
        return [target, ...others].map((s) => ({ shape: s, color: env.rng.pick(env.palette) }));
    },
    pick: (objs) => exactlyOne(objs, isRectangle),
    reading: (objs) => objs.findIndex(isRectangle),
    keeps: (s) => !isFilled(s),
    decoy(request) {
        const { env, target, box } = request;
        const shape = decoyShape(
            request,
            (s) => isFilled(s) && request.keeps(s),
            () => rectangle(env.rng.int(1, box.maxHeight), env.rng.int(1, box.maxWidth)),
        );
        const color = shape && decoyColor(request, shape);
        if (!shape || color === undefined) return undefined;
        return { shape, color, at: (row, col) => before(target, shape, row, col) };
    },
};

function randomShapes(env: DesignEnv): ObjectSpec[] {
    // A target against a size reading is kept small: a decoy that outgrows it then finds room.
    const sized = env.against !== undefined && (against(env, largest) || against(env, widest) || against(env, tallest));
    const most = sized ? Math.max(1, area(env) >> 1) : area(env);
    return Array.from({ length: env.count }, (_, i) => ({
        shape: shape(env, 1, i > 0 ? area(env) : most, i > 0),
        color: env.rng.pick(env.palette),
    }));
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
    /** How far a shape at (row, col) reaches towards the edge (the reading's key, shifted). */
    const reach = {
        top: (_s: Shape, row: number) => -row,
        bottom: (s: Shape, row: number) => row + s.height,
        left: (_s: Shape, _row: number, col: number) => -col,
        right: (s: Shape, _row: number, col: number) => col + s.width,
    }[edge];
    return {
        name: `${edge}most`,
        text: texts[edge],
        minCount: 2,
        design: randomShapes,
        pick: (objs) => uniqueBest(objs, key),
        reading: (objs) => firstBest(objs, key),
        decoy: (request) => edgeDecoy(request, reach),
        roomAt: (s, row, col, height, width, gap) =>
            edge === 'top'
                ? row > gap
                : edge === 'bottom'
                  ? row + s.height < height - gap
                  : edge === 'left'
                    ? col > gap
                    : col + s.width < width - gap,
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
    /**
     * Per train pair, the rivals still standing after its scene. A pair's entry is written by each
     * scene drawn for it, so the scene kept (the last drawn) has the last word, and a scene rejected
     * after it was noted leaves nothing behind: the next scene for the pair is checked against the
     * rivals standing before the pair, never against the rejected scene's.
     */
    private readonly standingAfterPair: Selector[][] = [];
    /** The rivals the first pair's (last drawn) scene was checked against. */
    private initial: Selector[] | undefined;

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
        if (!this.note(pair, findObjects(grid, this.connectivity, this.byColor, mostColor(grid)), grid, target)) throw lastMiss();
    }

    /**
     * As `admit`, but the last train scene first gets decoys (`Selector.decoy`) that take the standing
     * rivals' readings off the target while `chosen` still picks it alone — a few objects placed
     * instead of a whole scene drawn again. Scenes without their design (`env`) are only admitted.
     * Returns the scene, or undefined (its reason kept for `retried`) where it must be drawn again:
     * a miss inside `retried` costs no throw.
     */
    settle(pair: number, built: SelectionScene, chosen: Selector): SelectionScene | undefined {
        const { scene, target, env } = built;
        if (pair >= this.trainPairs) return built;
        const grid = scene.grid;
        const objs = scene.objects(this.connectivity, this.byColor);
        if (pair < this.trainPairs - 1 || !env) return this.note(pair, objs, grid, target) ? built : undefined;
        const keeps = (shape: Shape, color?: number) => !chosen.keeps || chosen.keeps(shape, color, target, built.others);
        const box = chosen.otherBox?.(target, env) ?? { maxHeight: env.maxHeight, maxWidth: env.maxWidth };
        const request: DecoyRequest = { env, target, others: built.others, box, keeps };
        let standing = this.standingAfter(pair, objs, grid, target);
        if (!standing) return undefined;
        // Rivals whose decoy found no room anywhere: their next would not either (decoys come small first).
        let stuck: Selector[] | undefined;
        for (let tries = DECOY_TRIES; standing.length > 0; tries--) {
            // The first standing rival that offers a decoy gets it: one without any may still lose to another's.
            let decoy: Decoy | undefined;
            let rival: Selector | undefined;
            for (let i = 0; tries > 0 && !decoy && i < standing.length; i++) {
                rival = standing[i];
                if (!stuck?.includes(rival)) decoy = rival.decoy?.(request);
            }
            if (!decoy || !rival) return miss('ambiguous', `${standing[0].name} picks the target too`);
            const { shape, at } = decoy;
            const accept = (row: number, col: number) =>
                (!at || at(row, col)) && (!chosen.otherAt || chosen.otherAt(target, shape, row, col));
            const placed = scene.placeSomewhere(env.rng, shape, { color: decoy.color }, { gap: built.gap, accept });
            if (!placed) {
                (stuck ??= []).push(rival);
                continue;
            }
            const after = mostColor(grid) === scene.bg ? scene.objects(this.connectivity, this.byColor) : undefined;
            if (after && pickedIndex(chosen, after, grid, target) >= 0) {
                const left = this.standingAfter(pair, after, grid, target);
                if (left) {
                    built.others.push(placed);
                    standing = left;
                    continue;
                }
            }
            scene.removeLast();
        }
        this.standingAfterPair[pair] = standing;
        return built;
    }

    /** Records the rivals standing after train scene `pair`; false (a miss) if the scene cannot be kept. */
    private note(pair: number, objs: readonly GridObject[], grid: Grid, target: Item): boolean {
        const standing = this.standingAfter(pair, objs, grid, target);
        if (!standing) return false;
        if (pair === this.trainPairs - 1 && standing.length > 0) {
            miss('ambiguous', `${standing[0].name} picks the target too`);
            return false;
        }
        this.standingAfterPair[pair] = standing;
        return true;
    }

    /**
     * Per rival (in the order `rivals` gave them for the first pair's target colour), the train pair
     * whose scene took its reading off the target: where its program is expected to fail (`Task.competitorFailsOn`).
     */
    failsOn(): number[] {
        const last = this.trainPairs - 1;
        return (this.initial ?? []).map((rival) => {
            let pair = 0;
            while (pair < last && this.standingAfterPair[pair]?.includes(rival)) pair++;
            return pair;
        });
    }

    /** The rivals train scene `pair` must rule out, if it is the last train scene (for `DesignEnv.against`). */
    against(pair: number): readonly Selector[] | undefined {
        return pair === this.trainPairs - 1 && pair > 0 ? this.standingAfterPair[pair - 1] : undefined;
    }

    /** The rivals standing before train scene `pair` that still read the target among the objects; undefined (a miss) if the target is not one object. */
    private standingAfter(pair: number, objs: readonly GridObject[], grid: Grid, target: Item): Selector[] | undefined {
        let at = -1;
        for (let i = 0; i < objs.length && at < 0; i++) {
            const o = objs[i];
            if (o.top === target.row && o.left === target.col && o.size === target.shape.cells.length) at = i;
        }
        if (at < 0) return miss('tie', 'the target is not one object');
        const rivals = pair === 0 ? (this.initial = this.rivals(target.color)) : (this.standingAfterPair[pair - 1] ?? []);
        const standing: Selector[] = [];
        for (const rival of rivals) if (rival.reading(objs, grid) === at) standing.push(rival);
        return standing;
    }
}

/** Decoys tried on a last train scene before it is drawn again. */
const DECOY_TRIES = 4;

/** Scenes drawn for one pair before the candidate is given up. */
export const SCENE_TRIES = 20;

/** Why the last non-throwing attempt missed (see `miss`). */
let missReason: RejectReason = 'no-room';
let missDetail = '';

/**
 * Notes why an attempt inside `retried` gave up and returns undefined for it to return: `retried`
 * draws again without the cost of a throw, and throws this reason only when its tries run out.
 */
export function miss(reason: RejectReason, detail = ''): undefined {
    missReason = reason;
    missDetail = detail;
    return undefined;
}

function lastMiss(): Rejection {
    return new Rejection(missReason, missDetail);
}

/**
 * Runs `attempt` until it returns a value (undefined is a `miss`) and does not reject, at most `tries`
 * times; the last rejection or miss propagates as a Rejection. (An attempt must return something:
 * one typed to return nothing would only ever miss.)
 */
export function retried<T extends NonNullable<unknown>>(tries: number, attempt: () => T | undefined): T {
    for (let i = 1; ; i++) {
        try {
            const result = attempt();
            if (result !== undefined) return result;
            if (i >= tries) throw lastMiss();
        } catch (error) {
            if (!(error instanceof Rejection) || i >= tries) throw error;
        }
    }
}

export interface SelectionScene {
    scene: Scene;
    target: Item;
    others: Item[];
    /** The design the scene was drawn from (for decoys added later) and the gap its objects keep. */
    env?: DesignEnv;
    gap?: number;
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
    /** The rivals the scene must rule out (`RivalWatch.against`): the target leaves room for their decoys (`Selector.roomAt`). */
    against?: readonly Selector[];
}

export interface RandomSelectionOptions extends Omit<SelectionOptions, 'height' | 'width'> {
    palette: readonly number[];
    /** The longest side a designed shape may have. */
    largestShape: number;
    shapeOk?: (shape: Shape) => boolean;
}

/**
 * One pair's scene for a pick-an-object rule: a random size, up to five objects that fit, the target
 * placed first; undefined (a `miss`) where `selectionScene` finds none.
 */
export function randomSelectionScene(
    rng: Random,
    selector: Selector,
    sides: SizeRange,
    options: RandomSelectionOptions,
): SelectionScene | undefined {
    const [height, width] = pickSize(rng, sides);
    const box = shapeBox(height, width, options.largestShape);
    const count = objectCount(rng, height, width, selector.minCount, 5, box);
    const { palette, connectivity, shapeOk } = options;
    // Objects built field by field: spreading the options here was a slow, megamorphic copy.
    const env: DesignEnv = {
        rng,
        palette,
        count,
        connectivity,
        maxHeight: box.maxHeight,
        maxWidth: box.maxWidth,
        shapeOk,
        against: options.against,
    };
    const specs = selector.design(env);
    const sceneOptions: SelectionOptions = {
        height,
        width,
        bg: options.bg,
        gap: options.gap,
        connectivity,
        byColor: options.byColor,
        placeTarget: options.placeTarget,
        against: options.against,
    };
    const built = selectionScene(rng, selector, specs, sceneOptions);
    if (!built) return undefined;
    built.env = env;
    built.gap = options.gap ?? 1;
    return built;
}

/**
 * Builds a scene in which the selector picks the designed target — placed first — among the other
 * objects. Misses (undefined, see `miss`) with `no-room` if the objects do not fit and `tie` if the
 * pick is not the target. Objects that find no room are placed afresh once, on an empty scene.
 */
export function selectionScene(
    rng: Random,
    selector: Selector,
    specs: ObjectSpec[],
    options: SelectionOptions,
): SelectionScene | undefined {
    for (let layout = 0; ; layout++) {
        const built = layOut(rng, selector, specs, options);
        if (built !== NO_ROOM) return built;
        if (layout >= LAYOUTS - 1) return miss('no-room', 'others');
    }
}

/** Layouts tried for one design before it is drawn again (placing is cheaper than designing and checking). */
const LAYOUTS = 2;
const NO_ROOM = 'no-room';

function layOut(
    rng: Random,
    selector: Selector,
    specs: ObjectSpec[],
    options: SelectionOptions,
): SelectionScene | undefined | typeof NO_ROOM {
    const scene = new Scene(options.height, options.width, options.bg);
    const gap = options.gap ?? 1;
    const first = specs[0];
    const { height, width } = options;
    const roomy = options.against?.filter((rival) => rival.roomAt);
    const targetAt =
        selector.targetAt || roomy?.length
            ? (row: number, col: number) =>
                  (!selector.targetAt || selector.targetAt(first.shape, row, col, height, width)) &&
                  (!roomy || roomy.every((rival) => rival.roomAt?.(first.shape, row, col, height, width, gap) ?? true))
            : undefined;
    const target = options.placeTarget
        ? options.placeTarget(scene, first, targetAt)
        : (scene.place(rng, first.shape, { color: first.color }, { gap, accept: targetAt }) ??
          scene.placeSomewhere(rng, first.shape, { color: first.color }, { gap, accept: targetAt }));
    if (!target) return miss('no-room', 'target');
    // An object that finds no room is left out once the selector has the objects it needs; the
    // checks below see the scene as it is.
    const others: Item[] = [];
    for (let i = 1; i < specs.length; i++) {
        const spec = specs[i];
        const accept = selector.otherAt && ((row: number, col: number) => selector.otherAt?.(target, spec.shape, row, col) ?? true);
        // An object the selector needs gets every free position tried, not only random draws.
        const needed = 1 + others.length < selector.minCount;
        const placed =
            scene.place(rng, spec.shape, { color: spec.color }, { gap, accept }) ??
            (needed ? scene.placeSomewhere(rng, spec.shape, { color: spec.color }, { gap, accept }) : undefined);
        if (placed) others.push(placed);
        else if (needed) return NO_ROOM;
    }
    if (mostColor(scene.grid) !== options.bg) return miss('background', 'the background is not the most frequent colour');
    if (pickedIndex(selector, scene.objects(options.connectivity ?? 4, options.byColor ?? true), scene.grid, target) < 0) {
        return miss('tie', `${selector.name} picks another object`);
    }
    return { scene, target, others };
}

/** The index of `target` among the objects if the selector picks it alone, else -1. */
function pickedIndex(selector: Selector, objs: readonly GridObject[], grid: Grid, target: Item): number {
    const picked = selector.pick(objs, grid);
    if (picked < 0) return -1;
    const o = objs[picked];
    return o.top === target.row && o.left === target.col && o.size === target.shape.cells.length ? picked : -1;
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
