import { floodInto } from '../../language/builtins/filling.js';
import { findObjects } from '../../language/builtins/grid-analysis.js';
import type { Grid } from '../../language/grid.js';
import { paletteExcept, pickBackground, pickSize } from '../choices.js';
import { type Family, type Pair, reject, type SubRule } from '../family.js';
import { programText } from '../programs.js';
import type { Random } from '../random.js';
import {
    byColor,
    checkPick,
    colorName,
    largest,
    RivalWatch,
    retried,
    SCENE_TRIES,
    type Selector,
    smallest,
    tallest,
    widest,
} from '../selectors.js';
import { type Cell, hollowRectangle, type Item, randomShape, rectangle, requireBackground, Scene, type Shape } from '../shapes.js';

/** A closed wall, the bg cells it encloses (relative to the wall's box), or an open one whose inside leaks. */
interface Enclosure {
    wall: Item;
    inside: readonly Cell[];
    closed: boolean;
}

/** A hollow rectangle, or the ring of cells around a random blob; sometimes with a gap in the wall. */
function placeEnclosure(rng: Random, scene: Scene, color: number, maxSide: number, open: boolean): Enclosure | undefined {
    if (maxSide < 3) return undefined;
    if (open || rng.chance(0.55)) {
        const h = rng.int(3, maxSide);
        const w = rng.int(3, maxSide);
        // Knock out one non-corner cell of the border.
        const wall = open ? gappedWall(h, w, rng.int(0, 2 * (h - 2) + 2 * (w - 2) - 1)) : hollowRectangle(h, w);
        const item = scene.place(rng, wall, { color });
        const inside = insideOf(h, w);
        return item && { wall: item, inside, closed: !open };
    }
    const blob = randomShape(rng, { maxHeight: maxSide - 2, maxWidth: maxSide - 2, minCells: 1, maxCells: (maxSide - 2) * (maxSide - 2) });
    // The ring: every cell of the blob's box plus a margin that is not the blob but touches it (corners too).
    const h = blob.height + 2;
    const w = blob.width + 2;
    // Each blob cell marks its 3 × 3 neighbourhood (1), then marks itself as the blob (2).
    const marks = BLOB.fill(0, 0, h * w);
    for (const [r, c] of blob.cells) {
        for (let i = r * w + c; i <= (r + 2) * w + c; i += w) marks[i] = marks[i + 1] = marks[i + 2] = 1;
    }
    for (const [r, c] of blob.cells) marks[(r + 1) * w + c + 1] = 2;
    const ring: Cell[] = [];
    for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) if (marks[r * w + c] === 1) ring.push([r, c]);
    // Listed in reading order, and the blob's margin touches every side of the box: the ring is its shape as it stands.
    const wall: Shape = { cells: ring, height: h, width: w };
    const item = scene.place(rng, wall, { color });
    return item && { wall: item, inside: blob.cells.map(([r, c]) => [r + 1, c + 1]), closed: true };
}

/** Scratch marks for a blob's box (at most 8 × 8), so no ring makes a typed array of its own. */
const BLOB = new Uint8Array(64);

function fillInside(grid: Grid, enclosure: Enclosure, color: number): void {
    for (const [r, c] of enclosure.inside) grid.cells[(enclosure.wall.row + r) * grid.width + enclosure.wall.col + c] = color;
}

/** A scene of enclosures; at least `minClosed` are closed. Their insides are reserved (kept empty). */
function enclosureScene(
    rng: Random,
    height: number,
    width: number,
    bg: number,
    wallColors: readonly number[],
    options: { minClosed: number; minCount?: number; maxCount?: number; openChance?: number; freeCorner?: boolean },
): { scene: Scene; enclosures: Enclosure[] } {
    const scene = new Scene(height, width, bg);
    // The top-left cell kept free (and clear of walls) for a flood from it.
    if (options.freeCorner) scene.reserve(CORNER);
    const maxSide = Math.min(8, Math.max(3, Math.floor(Math.min(height, width) / 2)));
    const least = Math.max(1, options.minClosed, options.minCount ?? 1);
    const target = rng.int(least, Math.max(least, Math.min(options.maxCount ?? 4, Math.floor((height * width) / 30))));
    const enclosures: Enclosure[] = [];
    let closed = 0;
    // A few more draws while the scene still lacks the enclosures it needs: cheaper than a new scene.
    for (let i = 0; i < target + 3 + (enclosures.length < least || closed < options.minClosed ? 6 : 0) && enclosures.length < target; i++) {
        const open = closed >= options.minClosed && rng.chance(options.openChance ?? 0.3);
        const enclosure = placeEnclosure(rng, scene, rng.pick(wallColors), maxSide, open);
        if (!enclosure) continue;
        scene.reserveShifted(enclosure.inside, enclosure.wall.row, enclosure.wall.col);
        enclosures.push(enclosure);
        if (enclosure.closed) closed++;
    }
    if (closed < options.minClosed || enclosures.length < (options.minCount ?? 1)) reject('no-room');
    return { scene, enclosures };
}

function fillEnclosedProgram(colorText: string): string {
    return programText`output = fill_enclosed(input, ${colorText})`;
}

/** Scratch cells for the check below (grids are at most 30 × 30), so no check makes a typed array of its own. */
const BOX_FILL = new Uint8Array(900);

/** Whether filling the bg cells in every object's box (`fill_bbox` over `objects(input)`) gives the output too. */
function boxFillGives(input: Grid, output: Grid, bg: number, fill: number): boolean {
    const { width, cells } = input;
    const out = BOX_FILL.subarray(0, cells.length);
    out.set(cells);
    for (const o of findObjects(input, 4, true, bg)) {
        for (let r = o.top; r < o.top + o.height; r++) {
            for (let c = o.left; c < o.left + o.width; c++) {
                const i = r * width + c;
                if (cells[i] === bg) out[i] = fill;
            }
        }
    }
    for (let i = 0; i < out.length; i++) if (out[i] !== output.cells[i]) return false;
    return true;
}

const fillEnclosed: SubRule = {
    name: 'fill-enclosed',
    minSide: 5,
    make(ctx, sides) {
        const { rng } = ctx;
        const bg = pickBackground(rng);
        // The fill colour is fixed, or the walls' colour (one wall colour per pair).
        const ownColor = rng.chance(0.35);
        const fill = rng.pick(paletteExcept(bg));
        const pairs: Pair[] = [];
        const trainPairs = ctx.pairCount - 1;
        // Filling every object's box stands until a train pair has a box it does not fill (an open wall, a ring's corner).
        let boxFillStands = true;
        let boxFillFailsOn = 0;
        let firstWall = bg;
        for (let k = 0; k < ctx.pairCount; k++) {
            // With the walls' colour, a later pair's walls differ from the first's, so no fixed colour explains both.
            const wallColors = ownColor ? paletteExcept(bg, firstWall) : paletteExcept(bg, fill);
            // The last train pair, if filling every box still explains the others, holds an open wall too.
            const needsOpen = boxFillStands && k === trainPairs - 1;
            pairs.push(
                retried(SCENE_TRIES, () => {
                    const [height, width] = pickSize(rng, sides);
                    const walls = ownColor ? [rng.pick(wallColors)] : rng.sample(wallColors, rng.int(1, 2));
                    const { scene, enclosures } = enclosureScene(rng, height, width, bg, walls, {
                        minClosed: 1,
                        minCount: needsOpen ? 2 : 1,
                        openChance: needsOpen ? 1 : 0.5,
                    });
                    requireBackground(scene.grid, bg);
                    const output = scene.grid.clone();
                    for (const e of enclosures) if (e.closed) fillInside(output, e, ownColor ? walls[0] : fill);
                    if (k < trainPairs) {
                        const stands = boxFillStands && boxFillGives(scene.grid, output, bg, ownColor ? walls[0] : fill);
                        if (stands && k === trainPairs - 1) reject('ambiguous', 'filling every box explains the train pairs');
                        if (boxFillStands && !stands) boxFillFailsOn = k;
                        boxFillStands = stands;
                    }
                    if (k === 0) firstWall = walls[0];
                    return { input: scene.grid, output };
                }),
            );
        }
        const colorText = ownColor ? 'color_of(largest(objects(input)))' : colorName(fill);
        const competitors = [programText`let objs = objects(input)\noutput = fold(objs, input, (g, o) => fill_bbox(g, o, ${colorText}))`];
        const failsOn = [boxFillFailsOn];
        if (ownColor) {
            competitors.push(fillEnclosedProgram(colorName(pairs[0].output.cells.find((c) => c !== bg) ?? bg)));
            // The second pair's walls (and fill) differ from the first's.
            failsOn.push(1);
        }
        return { program: fillEnclosedProgram(colorText), pairs, competitors, competitorFailsOn: failsOn };
    },
};

const FLOOD_EVERY_MARKER = [
    'let bg = most_color(input)',
    'let seeds = filter(objects(input), o => size(o) == 1)',
    'output = fold(seeds, input, (g, o) => flood_fill(erase(g, o, bg), position(o), color_of(o)))',
].join('\n');
const FLOOD_SMALLEST_MARKER = [
    'let seed = smallest(objects(input))',
    'output = flood_fill(erase(input, seed), position(seed), color_of(seed))',
].join('\n');

const markerFlood: SubRule = {
    name: 'marker-floods-its-region',
    minSide: 8,
    make(ctx, sides) {
        const { rng } = ctx;
        const bg = pickBackground(rng);
        const every = rng.chance(0.5);
        const pairs: Pair[] = [];
        let firstMarker = -1;
        for (let k = 0; k < ctx.pairCount; k++) {
            const [height, width] = pickSize(rng, sides);
            const wallColor = rng.pick(paletteExcept(bg));
            const { pair, marker } = retried(SCENE_TRIES, () => {
                const { scene, enclosures } = enclosureScene(rng, height, width, bg, [wallColor], { minClosed: 2, openChance: 0 });
                // Markers (single cells) inside some enclosures: one, or several with a marker each.
                const roomy = enclosures.filter((e) => e.inside.length > 1);
                if (roomy.length === 0) reject('no-room', 'no enclosure holds more than the marker');
                const marked = every
                    ? rng.sample(roomy, rng.int(1, Math.max(1, Math.min(roomy.length, enclosures.length - 1))))
                    : [rng.pick(roomy)];
                const output = scene.grid.clone();
                const markers: Item[] = [];
                for (const e of marked) {
                    const [r, c] = rng.pick(e.inside);
                    const color = rng.pick(paletteExcept(bg, wallColor));
                    const dot = { shape: DOT, row: e.wall.row + r, col: e.wall.col + c, color };
                    scene.grid.cells[dot.row * width + dot.col] = color;
                    markers.push(dot);
                    fillInside(output, e, color);
                }
                requireBackground(scene.grid, bg);
                if (!every) checkPick(smallest, scene.grid, markers[0]);
                else if (findObjects(scene.grid, 4, true, bg).filter((o) => o.size === 1).length !== markers.length) {
                    reject('tie', 'a wall piece is a single cell, like a marker');
                }
                return { pair: { input: scene.grid, output }, marker: markers[0].color };
            });
            if (k === 0) firstMarker = marker;
            pairs.push(pair);
        }
        const competitors = [fillEnclosedProgram(colorName(firstMarker))];
        return { program: every ? FLOOD_EVERY_MARKER : FLOOD_SMALLEST_MARKER, pairs, competitors };
    },
};

const fillOutside: SubRule = {
    name: 'fill-outside',
    minSide: 5,
    make(ctx, sides) {
        const { rng } = ctx;
        const bg = pickBackground(rng);
        const fill = rng.pick(paletteExcept(bg));
        const pairs: Pair[] = [];
        for (let k = 0; k < ctx.pairCount; k++) {
            const [height, width] = pickSize(rng, sides);
            const wallColors = rng.sample(paletteExcept(bg, fill), rng.int(1, 2));
            pairs.push(
                retried(SCENE_TRIES, () => {
                    const { scene } = enclosureScene(rng, height, width, bg, wallColors, { minClosed: 1, freeCorner: true });
                    requireBackground(scene.grid, bg);
                    const output = scene.grid.clone();
                    floodInto(scene.grid, output, 0, fill, 4);
                    return { input: scene.grid, output };
                }),
            );
        }
        // The outside reaches every corner, so (0, 0) stands for all of them.
        const color = colorName(fill);
        const competitors = [fillEnclosedProgram(color), programText`output = recolor(input, most_color(input), ${color})`];
        return { program: programText`output = flood_fill(input, (0, 0), ${color})`, pairs, competitors };
    },
};

const BOX_SELECTORS = [largest, smallest, widest, tallest];

/** What a box selector compares (more is picked), or undefined for one that does not read shapes (by colour). */
function boxKey(selector: Selector): ((s: Shape) => number) | undefined {
    if (selector === largest) return (s) => s.cells.length;
    if (selector === smallest) return (s) => -s.cells.length;
    if (selector === widest) return (s) => s.width;
    if (selector === tallest) return (s) => s.height;
    return undefined;
}

/**
 * Hollow boxes whose first one is the selector's unique pick (by cells, width or height); each rival
 * in `against` that reads shapes finds another box ahead of the first (so it picks another box
 * wherever they go). Box sets are drawn until one does, not whole scenes.
 */
function boxShapes(rng: Random, selector: Selector, count: number, maxSide: number, against: readonly Selector[] = []): Shape[] {
    const key = boxKey(selector) ?? (() => 0);
    const rivalKeys = against.map(boxKey).filter((k) => k !== undefined);
    const shapes: Shape[] = [];
    for (let attempt = 0; attempt < 20; attempt++) {
        // Drawn into place by key, most first (equal keys in drawing order, as a stable sort has them).
        for (let i = 0; i < count; i++) {
            const shape = hollowRectangle(rng.int(3, maxSide), rng.int(3, maxSide));
            let at = i;
            for (; at > 0 && key(shapes[at - 1]) < key(shape); at--) shapes[at] = shapes[at - 1];
            shapes[at] = shape;
        }
        if (key(shapes[0]) !== 0 && key(shapes[0]) <= key(shapes[1])) continue;
        if (rivalKeys.every((rival) => shapes.some((s, i) => i > 0 && rival(s) > rival(shapes[0])))) return shapes;
    }
    return reject('tie', 'boxes too alike');
}

/** The cells inside a hollow box of this size, relative to its top-left; made once per size (only read). */
function insideOf(height: number, width: number): readonly Cell[] {
    const key = height * 32 + width;
    let inside = INSIDES.get(key);
    if (!inside) {
        const cells: Cell[] = [];
        for (let r = 1; r < height - 1; r++) for (let c = 1; c < width - 1; c++) cells.push([r, c]);
        INSIDES.set(key, (inside = cells));
    }
    return inside;
}

const INSIDES = new Map<number, readonly Cell[]>();

/** A hollow box without the `gap`-th of its non-corner border cells (in reading order); made once per box and gap (only read). */
function gappedWall(height: number, width: number, gap: number): Shape {
    const key = (height * 32 + width) * 32 + gap;
    let wall = GAPPED_WALLS.get(key);
    if (!wall) {
        const isCorner = (r: number, c: number) => (r === 0 || r === height - 1) && (c === 0 || c === width - 1);
        const box = hollowRectangle(height, width);
        const [gapRow, gapCol] = box.cells.filter(([r, c]) => !isCorner(r, c))[gap];
        wall = { ...box, cells: box.cells.filter(([r, c]) => r !== gapRow || c !== gapCol) };
        GAPPED_WALLS.set(key, wall);
    }
    return wall;
}

const GAPPED_WALLS = new Map<number, Shape>();

const DOT = rectangle(1, 1);
const CORNER: readonly Cell[] = [[0, 0]];

const fillSelectedBox: SubRule = {
    name: 'fill-selected-box',
    minSide: 8,
    make(ctx, sides) {
        const { rng } = ctx;
        const bg = pickBackground(rng);
        const fill = rng.pick(paletteExcept(bg));
        const boxColors = paletteExcept(bg, fill);
        // A box named by its colour 35% of the time (it was 25%, but the redraws of lost largest-box
        // candidates fell on it more often than that): the most varied programs of the rule.
        const named = rng.chance(0.35) ? rng.pick(boxColors) : undefined;
        const selector: Selector = named === undefined ? rng.pick(BOX_SELECTORS) : byColor(named);
        const pairs: Pair[] = [];
        const rivals = (color: number) => [...BOX_SELECTORS, byColor(color)].filter((s) => s.text !== selector.text);
        const watch = new RivalWatch(rivals, ctx.pairCount - 1);
        let firstColor = -1;
        const unnamed = named === undefined ? boxColors : boxColors.filter((c) => c !== named);
        const sideRivals = [widest, tallest].filter((s) => s !== selector);
        const trainPairs = ctx.pairCount - 1;
        for (let k = 0; k < ctx.pairCount; k++) {
            // The last train scene is designed against the rivals still standing: boxes that lead
            // their readings elsewhere, and a target in another colour than the first pair's. The first
            // takes the widest or the tallest reading out already: in a small scene, no largest box
            // leaves both to smaller boxes.
            const against = watch.against(k) ?? (k === 0 && trainPairs > 1 ? [rng.pick(sideRivals)] : []);
            const shapeRivals = against.filter((s) => boxKey(s) !== undefined).length;
            const targetColors =
                named === undefined && against.some((s) => s.name === 'by-color') ? boxColors.filter((c) => c !== firstColor) : unnamed;
            const { scene, picked } = retried(SCENE_TRIES, () => {
                const [height, width] = pickSize(rng, sides);
                const scene = new Scene(height, width, bg);
                const maxSide = Math.min(8, Math.floor(Math.min(height, width) / 2));
                // One box per rival reading shapes, so one box need not lead two readings (one box cannot be
                // both wider and taller than a largest target and still be smaller).
                const count = Math.max(
                    rng.int(2, Math.max(2, Math.min(4, Math.floor((height * width) / 30)))),
                    Math.min(4, 1 + shapeRivals),
                );
                const shapes = boxShapes(rng, selector, count, maxSide, against);
                const boxes: Item[] = [];
                for (let i = 0; i < count; i++) {
                    const color = i > 0 ? rng.pick(unnamed) : (named ?? rng.pick(targetColors));
                    const box = scene.place(rng, shapes[i], { color });
                    if (box) boxes.push(box);
                }
                if (boxes.length < 2) reject('no-room');
                requireBackground(scene.grid, bg);
                // The boxes keep apart, so the scene lists its objects without a search.
                const objs = scene.objects(4, true);
                const at = selector.pick(objs, scene.grid);
                const o = at < 0 ? undefined : objs[at];
                const picked = o && boxes.find((b) => b.row === o.top && b.col === o.left && b.shape.cells.length === o.size);
                if (!picked) reject('tie', `${selector.name} picks another box`);
                if (!watch.settle(k, { scene, target: picked, others: boxes.filter((b) => b !== picked) }, selector)) return undefined;
                return { scene, picked };
            });
            const { width } = scene;
            if (k === 0) firstColor = picked.color;
            const output = scene.grid.clone();
            for (let r = 1; r < picked.shape.height - 1; r++) {
                for (let c = 1; c < picked.shape.width - 1; c++) output.cells[(picked.row + r) * width + picked.col + c] = fill;
            }
            pairs.push({ input: scene.grid, output });
        }
        const program = (s: string) => programText`let objs = objects(input)\noutput = fill_bbox(input, ${s}, ${colorName(fill)})`;
        const competitors = [...rivals(firstColor).map((s) => program(s.text)), fillEnclosedProgram(colorName(fill))];
        return { program: program(selector.text), pairs, competitors, competitorFailsOn: watch.failsOn() };
    },
};

export const floodFill: Family = {
    name: 'FloodFill',
    subRules: [fillEnclosed, markerFlood, fillOutside, fillSelectedBox],
};
