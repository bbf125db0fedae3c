import { colorCounts, mostColor } from '../../language/builtins/grid-analysis.js';
import type { Grid } from '../../language/grid.js';
import { DIR_STEP, DIRS8, type Dir8, objectCount, paletteExcept, pickBackground, pickSize, shapeBox } from '../choices.js';
import { type Family, type Pair, reject, type SubRule } from '../family.js';
import { madeOnce, programText } from '../programs.js';
import type { Random } from '../random.js';
import {
    allSelectors,
    colorName,
    RivalWatch,
    randomSelectionScene,
    retried,
    rivalSelectors,
    rivalTexts,
    SCENE_TRIES,
} from '../selectors.js';
import { type Item, randomShape, rectangle, requireBackground, Scene, type Shape } from '../shapes.js';

const DOT = rectangle(1, 1);

/**
 * Places a shape with its one-cell ring (bounding box + 1) clear of everything else. The shape lies
 * inside the grid; its ring may run off an edge (`outline` drops the ring cells outside the grid), so
 * an object at the border leaves the rest of the grid more room.
 */
function placeWithRing(
    rng: Random,
    scene: Scene,
    shape: Shape,
    color: number,
    at?: (row: number, col: number) => boolean,
): Item | undefined {
    const { height, width } = scene;
    const uncut = rectangle(shape.height + 2, shape.width + 2);
    /** The ring's box around a shape at (row, col), cut to the grid. */
    const ringBox = (row: number, col: number) =>
        row > 0 && col > 0 && row + shape.height < height && col + shape.width < width
            ? uncut
            : rectangle(
                  Math.min(height, row + shape.height + 1) - Math.max(0, row - 1),
                  Math.min(width, col + shape.width + 1) - Math.max(0, col - 1),
              );
    const accept = (row: number, col: number) =>
        scene.fits(ringBox(row, col), Math.max(0, row - 1), Math.max(0, col - 1)) && (!at || at(row, col));
    const item = scene.place(rng, shape, { color }, { accept });
    if (item) scene.reserveShifted(ringBox(item.row, item.col).cells, Math.max(0, item.row - 1), Math.max(0, item.col - 1));
    return item;
}

/** The item's ring, as `outline` paints it: cells off the grid are dropped. */
function drawRing(grid: Grid, item: Item, color: number): void {
    const { height, width, cells } = grid;
    const top = item.row - 1;
    const left = item.col - 1;
    const bottom = item.row + item.shape.height;
    const right = item.col + item.shape.width;
    for (let r = Math.max(0, top); r <= Math.min(height - 1, bottom); r++) {
        for (let c = Math.max(0, left); c <= Math.min(width - 1, right); c++) {
            if (r === top || r === bottom || c === left || c === right) cells[r * width + c] = color;
        }
    }
}

function fillBox(grid: Grid, item: Item, color: number, bg: number): void {
    for (let r = 0; r < item.shape.height; r++) {
        for (let c = 0; c < item.shape.width; c++) {
            const index = (item.row + r) * grid.width + item.col + c;
            if (grid.cells[index] === bg) grid.cells[index] = color;
        }
    }
}

/** A scene of objects, each with a clear ring around its box. */
function ringedScene(rng: Random, height: number, width: number, bg: number, colors: readonly number[], nonRectangular: boolean) {
    const scene = new Scene(height, width, bg);
    const box = shapeBox(height, width, 4);
    const items: Item[] = [];
    const count = objectCount(rng, height, width, 1, 5, { maxHeight: box.maxHeight + 2, maxWidth: box.maxWidth + 2 });
    for (let i = 0; i < count; i++) {
        let shape = randomShape(rng, box);
        for (let t = 0; t < 10 && nonRectangular && shape.cells.length === shape.height * shape.width; t++) shape = randomShape(rng, box);
        if (nonRectangular && shape.cells.length === shape.height * shape.width) continue;
        const item = placeWithRing(rng, scene, shape, rng.pick(colors));
        if (item) items.push(item);
    }
    if (items.length === 0) reject('no-room');
    requireBackground(scene.grid, bg);
    return { scene, items };
}

const outlineEvery: SubRule = {
    name: 'outline-every-object',
    minSide: 3,
    make(ctx, sides) {
        const { rng } = ctx;
        const bg = pickBackground(rng);
        const fixed = rng.chance(0.65) ? rng.pick(paletteExcept(bg)) : undefined;
        const pairs: Pair[] = [];
        const colors = paletteExcept(bg, fixed ?? bg);
        let firstColor = -1;
        // Whether every object so far has the first one's colour: then outlining in that one colour
        // explains the rings too, and the last train pair's objects take other colours.
        let oneColor = true;
        // The first train pair with an object in another colour: where outlining in the first colour fails.
        let oneColorFailsOn = 0;
        for (let k = 0; k < ctx.pairCount; k++) {
            const [height, width] = pickSize(rng, sides);
            const against: boolean = fixed === undefined && oneColor && k > 0 && k === ctx.pairCount - 2;
            const palette: number[] = against ? paletteExcept(bg, firstColor) : colors;
            const { scene, items } = retried(SCENE_TRIES, () => ringedScene(rng, height, width, bg, palette, false));
            if (k === 0) firstColor = items[0].color;
            if (k < ctx.pairCount - 1 && oneColor) {
                oneColor = items.every((item) => item.color === firstColor);
                if (!oneColor) oneColorFailsOn = k;
            }
            const output = scene.grid.clone();
            for (const item of items) drawRing(output, item, fixed ?? item.color);
            pairs.push({ input: scene.grid, output });
        }
        const program = (color: string) =>
            programText`let objs = objects(input)\noutput = fold(objs, input, (g, o) => outline(g, o, ${color}))`;
        const colorText = fixed === undefined ? 'color_of(o)' : colorName(fixed);
        const competitors = [program(fixed === undefined ? colorName(firstColor) : 'color_of(o)')];
        return { program: program(colorText), pairs, competitors, competitorFailsOn: [fixed === undefined ? oneColorFailsOn : 0] };
    },
};

const outlineSelected: SubRule = {
    name: 'outline-selected-object',
    minSide: 6,
    make(ctx, sides) {
        const { rng } = ctx;
        const bg = pickBackground(rng);
        const ring = rng.pick(paletteExcept(bg));
        const palette = paletteExcept(bg, ring);
        const selector = rng.pick(allSelectors(rng, palette));
        const pairs: Pair[] = [];
        const watch = new RivalWatch((color) => rivalSelectors(selector, color), ctx.pairCount - 1);
        let firstColor = -1;
        for (let k = 0; k < ctx.pairCount; k++) {
            const { scene, target } = retried(SCENE_TRIES, () => {
                const built = randomSelectionScene(rng, selector, sides, {
                    palette,
                    bg,
                    largestShape: 4,
                    against: watch.against(k),
                    placeTarget: (s, spec, at) => placeWithRing(rng, s, spec.shape, spec.color, at),
                });
                return built && watch.settle(k, built, selector);
            });
            if (k === 0) firstColor = target.color;
            const output = scene.grid.clone();
            drawRing(output, target, ring);
            pairs.push({ input: scene.grid, output });
        }
        const program = (s: string) => programText`let objs = objects(input)\noutput = outline(input, ${s}, ${colorName(ring)})`;
        const competitors = rivalTexts(selector, firstColor).map(program);
        competitors.push(programText`let objs = objects(input)\noutput = fold(objs, input, (g, o) => outline(g, o, ${colorName(ring)}))`);
        return { program: program(selector.text), pairs, competitors, competitorFailsOn: watch.failsOn() };
    },
};

/** Objects in the order `objects` lists them: by the reading order of their first cell. */
function byFirstCell(a: Item, b: Item): number {
    return a.row - b.row || a.col + a.shape.cells[0][1] - (b.col + b.shape.cells[0][1]);
}

const fillBoxes: SubRule = {
    name: 'fill-object-boxes',
    minSide: 4,
    make(ctx, sides) {
        const { rng } = ctx;
        const bg = pickBackground(rng);
        const fill = rng.pick(paletteExcept(bg));
        const pairs: Pair[] = [];
        for (let k = 0; k < ctx.pairCount; k++) {
            const [height, width] = pickSize(rng, sides);
            pairs.push(
                retried(SCENE_TRIES, () => {
                    const { scene, items } = ringedScene(rng, height, width, bg, paletteExcept(bg, fill), true);
                    const output = scene.grid.clone();
                    // As the fold does: each box takes the fill where the grid's most frequent colour so
                    // far is, which must still be the background.
                    for (const item of items.sort(byFirstCell)) {
                        if (mostColor(output) !== bg) reject('tie', 'the filled boxes outnumber the background');
                        fillBox(output, item, fill, bg);
                    }
                    return { input: scene.grid, output };
                }),
            );
        }
        const color = colorName(fill);
        const program = programText`let objs = objects(input)\noutput = fold(objs, input, (g, o) => fill_bbox(g, o, ${color}))`;
        return { program, pairs, competitors: [programText`output = fill_enclosed(input, ${color})`] };
    },
};

/** A scene of marker dots of one colour plus bigger objects in other colours. */
function markerScene(
    rng: Random,
    height: number,
    width: number,
    bg: number,
    marker: number,
    others: readonly number[],
    maxDots: number,
    accept?: (row: number, col: number) => boolean,
) {
    const scene = new Scene(height, width, bg);
    const dots: Item[] = [];
    const count = rng.int(1, Math.max(1, Math.min(maxDots, Math.floor((height * width) / 30))));
    for (let i = 0; i < count; i++) {
        const dot = scene.place(rng, DOT, { color: marker }, { tries: 15, accept });
        if (dot) dots.push(dot);
    }
    if (dots.length === 0) reject('no-room');
    const box = shapeBox(height, width, 3);
    for (let i = rng.int(0, 3); i > 0; i--)
        scene.place(rng, randomShape(rng, { maxHeight: box.maxHeight, maxWidth: box.maxWidth, minCells: 2 }), { color: rng.pick(others) });
    requireBackground(scene.grid, bg);
    return { scene, dots };
}

/** Whether the colour has strictly fewer cells than every other colour present. */
function isRarest(grid: Grid, color: number): boolean {
    const counts = colorCounts(grid);
    return counts.every((n, c) => c === color || n === 0 || n > counts[color]);
}

/** The points of `dots` in reading order (the order `points` lists them in). */
function inReadingOrder(dots: Item[]): Item[] {
    return dots.sort((a, b) => a.row - b.row || a.col - b.col);
}

const crossThroughPoints: SubRule = {
    name: 'cross-through-points',
    minSide: 4,
    make(ctx, sides) {
        const { rng } = ctx;
        const bg = pickBackground(rng);
        // Inferred markers were drawn 40% of the time, but the 40% of those painting their own colour were
        // always lost as ambiguous, so 29% of the records had one; 30% keeps that share (and the variety).
        const inferred = rng.chance(0.3);
        const fixedMarker = rng.pick(paletteExcept(bg));
        const sameColor = rng.chance(0.4);
        const lineColor = rng.pick(paletteExcept(bg, fixedMarker));
        const trainPairs = ctx.pairCount - 1;
        const pairs: Pair[] = [];
        // An inferred marker changes colour between the train pairs, so no fixed colour explains them.
        let firstMarker = fixedMarker;
        // The first train pair whose marker is not the first's: where the first marker's crosses fail.
        let markerChangesOn = 0;
        for (let k = 0; k < ctx.pairCount; k++) {
            const [height, width] = pickSize(rng, sides);
            const marker = !inferred
                ? fixedMarker
                : rng.pick(k > 0 && k === trainPairs - 1 ? paletteExcept(bg, lineColor, firstMarker) : paletteExcept(bg, lineColor));
            if (k === 0) firstMarker = marker;
            else if (markerChangesOn === 0 && k < trainPairs && marker !== firstMarker) markerChangesOn = k;
            const paint = sameColor ? marker : lineColor;
            pairs.push(
                retried(SCENE_TRIES, () => {
                    const { scene, dots } = markerScene(rng, height, width, bg, marker, paletteExcept(bg, marker, lineColor), 3);
                    if (inferred && !isRarest(scene.grid, marker)) reject('tie', 'marker colour is not the rarest');
                    const input = scene.grid;
                    const output = input.clone();
                    // As the fold does: each cross paints the cells of the grid's most frequent colour so far,
                    // which must still be the background.
                    for (const dot of inReadingOrder(dots)) {
                        if (mostColor(output) !== bg) reject('tie', 'the crosses outnumber the background');
                        for (let c = 0; c < width; c++)
                            if (input.cells[dot.row * width + c] === bg) output.cells[dot.row * width + c] = paint;
                        for (let r = 0; r < height; r++)
                            if (input.cells[r * width + dot.col] === bg) output.cells[r * width + dot.col] = paint;
                    }
                    return { input, output };
                }),
            );
        }
        if (inferred && trainPairs < 2) reject('ambiguous', 'the marker colour never changes');
        const program = inferred
            ? programText`let marker = least_color(input)\noutput = fold(points(input, marker), input, (g, p) => cross(g, p, ${sameColor ? 'marker' : colorName(lineColor)}))`
            : programText`output = fold(points(input, ${colorName(fixedMarker)}), input, (g, p) => cross(g, p, ${colorName(sameColor ? fixedMarker : lineColor)}))`;
        const paint = colorName(sameColor ? firstMarker : lineColor);
        const first = colorName(firstMarker);
        const competitors = [
            programText`output = fold(points(input, ${first}), input, (g, p) => cross(g, p, ${paint}))`,
            programText`output = fold(points(input, ${first}), input, (g, p) => ray(ray(g, p, left, ${paint}), p, right, ${paint}))`,
        ].filter((text) => text !== program);
        // Only an inferred marker keeps the first rival (the fixed one is the program itself).
        return { program, pairs, competitors, competitorFailsOn: inferred ? [markerChangesOn, 0] : [0] };
    },
};

const RAY_SETS: Dir8[][] = [
    ...DIRS8.map((d) => [d]),
    ['up', 'down'],
    ['left', 'right'],
    ['up_left', 'down_right'],
    ['up_right', 'down_left'],
];

/** The program painting rays in `dirs` from the marker's points, and its rivals (the other sets, up to one ray more); made once per parameters. */
const raysTexts = madeOnce((dirs: readonly Dir8[], marker: number, lineColor: number) => {
    const rays = (ds: readonly string[]) => ds.reduce((g, d) => `ray(${g}, p, ${d}, ${colorName(lineColor)})`, 'g');
    const program = (ds: readonly string[]) => `output = fold(points(input, ${colorName(marker)}), input, (g, p) => ${rays(ds)})`;
    const competitors = RAY_SETS.filter((set) => set !== dirs && set.length <= dirs.length + 1).map(program);
    return { program: program(dirs), competitors };
});

const raysFromPoints: SubRule = {
    name: 'rays-from-points',
    minSide: 4,
    make(ctx, sides) {
        const { rng } = ctx;
        const bg = pickBackground(rng);
        const marker = rng.pick(paletteExcept(bg));
        const lineColor = rng.chance(0.5) ? marker : rng.pick(paletteExcept(bg, marker));
        const dirs = rng.pick(RAY_SETS);
        const pairs: Pair[] = [];
        for (let k = 0; k < ctx.pairCount; k++) {
            const [height, width] = pickSize(rng, sides);
            // Every dot's rays have room to go somewhere.
            const inside = (r: number, c: number) => r >= 0 && c >= 0 && r < height && c < width;
            const roomy = (r: number, c: number) => dirs.every((d) => inside(r + DIR_STEP[d][0], c + DIR_STEP[d][1]));
            const { scene, dots } = markerScene(rng, height, width, bg, marker, paletteExcept(bg, marker, lineColor), 4, roomy);
            const output = scene.grid.clone();
            for (const dot of dots) {
                for (const dir of dirs) {
                    const [dr, dc] = DIR_STEP[dir];
                    for (let r = dot.row + dr, c = dot.col + dc; r >= 0 && c >= 0 && r < height && c < width; r += dr, c += dc) {
                        output.cells[r * width + c] = lineColor;
                    }
                }
            }
            pairs.push({ input: scene.grid, output });
        }
        return { ...raysTexts(dirs, marker, lineColor), pairs };
    },
};

const fullLines: SubRule = {
    name: 'lines-through-points',
    minSide: 4,
    make(ctx, sides) {
        const { rng } = ctx;
        const bg = pickBackground(rng);
        const marker = rng.pick(paletteExcept(bg));
        const rows = rng.chance(0.5);
        const pairs: Pair[] = [];
        for (let k = 0; k < ctx.pairCount; k++) {
            const [height, width] = pickSize(rng, sides);
            const { scene, dots } = markerScene(rng, height, width, bg, marker, paletteExcept(bg, marker), 3);
            const output = scene.grid.clone();
            for (const dot of dots) {
                if (rows) for (let c = 0; c < width; c++) output.cells[dot.row * width + c] = marker;
                else for (let r = 0; r < height; r++) output.cells[r * width + dot.col] = marker;
            }
            pairs.push({ input: scene.grid, output });
        }
        const m = colorName(marker);
        const program = rows
            ? programText`output = fold(points(input, ${m}), input, (g, p) => line(g, (row(p), 0), (row(p), width(g) - 1), ${m}))`
            : programText`output = fold(points(input, ${m}), input, (g, p) => line(g, (0, col(p)), (height(g) - 1, col(p)), ${m}))`;
        // (Two opposite rays paint the same cells: the same rule, not a rival.)
        const competitors = [programText`output = fold(points(input, ${m}), input, (g, p) => cross(g, p, ${m}))`];
        return { program, pairs, competitors };
    },
};

export const createShape: Family = {
    name: 'CreateShape',
    subRules: [outlineEvery, outlineSelected, fillBoxes, crossThroughPoints, raysFromPoints, fullLines],
};
