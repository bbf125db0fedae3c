import { findObjects, mostColor, objectColor } from '../../language/builtins/grid-analysis.js';
import { touches } from '../../language/builtins/selection.js';
import { Grid } from '../../language/grid.js';
import type { GridObject } from '../../language/values.js';
import { objectCount, paletteExcept, pickBackground, pickSize, shapeBox } from '../choices.js';
import { type Family, type Pair, reject, type SizeRange, type SubRule } from '../family.js';
import { programText } from '../programs.js';
import type { Random } from '../random.js';
import {
    allSelectors,
    bottommost,
    byColor,
    checkPick,
    colorName,
    type DesignEnv,
    largest,
    leftmost,
    miss,
    onlyRectangle,
    RivalWatch,
    randomSelectionScene,
    retried,
    rightmost,
    rivalSelectors,
    rivalTexts,
    SCENE_TRIES,
    type SelectionScene,
    type Selector,
    smallest,
    tallest,
    topmost,
    widest,
} from '../selectors.js';
import {
    hollowRectangle,
    type Item,
    isConnected,
    NEIGHBOURS_4,
    randomShape,
    rectangle,
    requireBackground,
    Scene,
    type Shape,
} from '../shapes.js';

/** The part of the grid under the item's bounding box. */
export function cropTo(grid: Grid, item: Item): Grid {
    return window(grid, item.row, item.col, item.shape.height, item.shape.width);
}

function window(grid: Grid, top: number, left: number, height: number, width: number): Grid {
    const out = Grid.filled(height, width, 0);
    for (let r = 0; r < height; r++)
        out.cells.set(grid.cells.subarray((top + r) * grid.width + left, (top + r) * grid.width + left + width), r * width);
    return out;
}

function objectsText(connectivity: 4 | 8, byColor: boolean): string {
    const args = [connectivity === 8 ? 'connectivity: 8' : '', byColor ? '' : 'by_color: false'].filter(Boolean);
    return `objects(${['input', ...args].join(', ')})`;
}

function cropProgram(objects: string, selector: string): string {
    return programText`let objs = ${objects}\noutput = crop(input, ${selector})`;
}

const cropSelected: SubRule = {
    name: 'crop-selected',
    minSide: 5,
    make(ctx, sides) {
        const { rng } = ctx;
        const bg = pickBackground(rng);
        const palette = paletteExcept(bg);
        const selector = rng.pick(allSelectors(rng, palette));
        const connectivity = rng.chance(0.3) ? 8 : 4;
        // Single dots as noise only where they cannot change the pick.
        const noisy = [largest.name, widest.name, tallest.name].includes(selector.name) && rng.chance(0.5);
        const pairs: Pair[] = [];
        let firstColor = -1;
        const watch = new RivalWatch((color) => rivalSelectors(selector, color), ctx.pairCount - 1, connectivity);
        // With corners joining objects, the same selector over 4-connected objects is a rival reading too
        // (verified below as a competitor): while it still crops the same, the last train scene must tell them apart.
        let fourStanding = connectivity === 8;
        const fourText = `${selector.name} over 4-connected objects crops the target too`;
        const train = ctx.pairCount - 1;
        for (let k = 0; k < ctx.pairCount; k++) {
            const { scene, target } = retried(SCENE_TRIES, () => {
                const built = randomSelectionScene(rng, selector, sides, {
                    palette,
                    bg,
                    connectivity,
                    largestShape: 5,
                    against: watch.against(k),
                    shapeOk: fourStanding && k === train - 1 && selector !== onlyRectangle ? splitByEdges : undefined,
                });
                if (!built) return undefined;
                const { height, width } = built.scene.grid;
                if (noisy) {
                    built.scene.scatter(rng, rng.int(1, Math.max(1, Math.floor((height * width) / 12))), palette);
                    // The dots are objects of the scene's own (no search needed to list them).
                    const objs = built.scene.objects(connectivity, true);
                    const picked = objs[selector.pick(objs, built.scene.grid)];
                    const { target } = built;
                    if (!picked || picked.top !== target.row || picked.left !== target.col || picked.size !== target.shape.cells.length) {
                        return miss('tie', `${selector.name} picks another object`);
                    }
                }
                // Checked before `settle` (which takes the scene as the one its rivals are ruled out on), and
                // again on the scene as kept: decoys placed by `settle` may change the 4-connected reading.
                if (fourStanding && k === train - 1 && cropsAlike(selector, built.scene.grid, built.target))
                    return miss('ambiguous', fourText);
                return watch.settle(k, built, selector);
            });
            if (fourStanding && k < train) fourStanding = cropsAlike(selector, scene.grid, target);
            if (fourStanding && k === train - 1) reject('ambiguous', fourText);
            if (k === 0) firstColor = target.color;
            pairs.push({ input: scene.grid, output: cropTo(scene.grid, target) });
        }
        const objects = objectsText(connectivity, true);
        const competitors = rivalTexts(selector, firstColor).map((s) => cropProgram(objects, s));
        if (connectivity === 8) competitors.push(cropProgram(objectsText(4, true), selector.text));
        return { program: cropProgram(objects, selector.text), pairs, competitors, competitorFailsOn: watch.failsOn() };
    },
};

/**
 * A target joined at a corner: 4-connected objects split it, so the selector over them crops a piece
 * or another object, not the target (a rectangle target cannot be one; `onlyRectangle` is left to chance).
 */
const splitByEdges = (s: Shape) => !isConnected(s, 4);

/** Whether the selector's program over 4-connected objects (ties as the builtins break them) crops what cropping the target does. */
function cropsAlike(selector: Selector, grid: Grid, target: Item): boolean {
    const objs = findObjects(grid, 4, true, mostColor(grid));
    const o = objs[selector.reading(objs, grid)];
    return o !== undefined && window(grid, o.top, o.left, o.height, o.width).equals(cropTo(grid, target));
}

/** Size-based selectors only: a multicoloured object has no single colour to select by. */
const MULTICOLOR_SELECTORS: Selector[] = [largest, smallest, widest, tallest, topmost, bottommost, leftmost, rightmost];

/** A one-cell target has one colour, and its crop is any dot's of that colour (a rival picking that dot explains it too). */
const hasTwoCells = (s: Shape) => s.cells.length >= 2;

/** Paints the item's cells in two or three colours of the palette drawn at random, at least two of them used (if it has two cells). */
function repaint(rng: Random, grid: Grid, item: Item, palette: readonly number[]): void {
    const colors = rng.sample(palette, rng.int(2, 3));
    const { cells } = item.shape;
    let first = -1;
    let mixed = false;
    for (let i = 0; i < cells.length; i++) {
        const color = rng.pick(colors);
        if (i === 0) first = color;
        else if (color !== first) mixed = true;
        grid.cells[(item.row + cells[i][0]) * grid.width + item.col + cells[i][1]] = color;
    }
    if (!mixed && cells.length > 1) {
        const other = colors.find((c) => c !== first) as number;
        grid.cells[(item.row + cells[0][0]) * grid.width + item.col + cells[0][1]] = other;
    }
}

const cropMulticolor: SubRule = {
    name: 'crop-multicolor',
    minSide: 5,
    make(ctx, sides) {
        const { rng } = ctx;
        const bg = pickBackground(rng);
        const palette = paletteExcept(bg);
        const selector = rng.pick(MULTICOLOR_SELECTORS);
        const pairs: Pair[] = [];
        const watch = new RivalWatch(() => MULTICOLOR_SELECTORS.filter((s) => s !== selector), ctx.pairCount - 1, 8, false);
        for (let k = 0; k < ctx.pairCount; k++) {
            const { scene, target } = retried(SCENE_TRIES, () => {
                const layout = randomSelectionScene(rng, selector, sides, {
                    palette,
                    bg,
                    connectivity: 8,
                    byColor: false,
                    largestShape: 5,
                    shapeOk: hasTwoCells,
                    against: watch.against(k),
                });
                // Settled on the one-colour layout: the readings use only where the cells are, which repainting keeps.
                if (!layout || !watch.settle(k, layout, selector)) return undefined;
                // Repaint every object in two or three colours, in place. The objects (found across colours)
                // keep their cells, so the selector's pick, checked on the layout, stays on the target.
                const { grid } = layout.scene;
                repaint(rng, grid, layout.target, palette);
                for (const item of layout.others) repaint(rng, grid, item, palette);
                requireBackground(grid, bg);
                return layout;
            });
            pairs.push({ input: scene.grid, output: cropTo(scene.grid, target) });
        }
        const objects = objectsText(8, false);
        const competitors = MULTICOLOR_SELECTORS.filter((s) => s !== selector).map((s) => cropProgram(objects, s.text));
        competitors.push(cropProgram(objectsText(8, true), selector.text));
        return { program: cropProgram(objects, selector.text), pairs, competitors, competitorFailsOn: watch.failsOn() };
    },
};

const cropFrameInterior: SubRule = {
    name: 'crop-frame-interior',
    minSide: 6,
    make(ctx, sides) {
        const { rng } = ctx;
        const bg = pickBackground(rng);
        // Either the frame has a fixed colour (and a larger decoy frame rules out `largest`), or the
        // frame is the largest object and its colour changes from pair to pair.
        const byColor = rng.chance(0.5);
        const fixedColor = rng.pick(paletteExcept(bg));
        const pairs: Pair[] = [];
        let firstColor = -1;
        for (let k = 0; k < ctx.pairCount; k++) {
            // In the first pair a decoy always outweighs a fixed-colour frame; a largest frame
            // changes colour between the first two pairs. Either rules out the other reading.
            const decoyNeeded = byColor && k === 0;
            const frameColor = byColor ? fixedColor : rng.pick(k === 1 ? paletteExcept(bg, firstColor) : paletteExcept(bg));
            if (k === 0) firstColor = frameColor;
            pairs.push(retried(SCENE_TRIES, () => framePair(rng, sides, bg, frameColor, byColor, decoyNeeded)));
        }
        const byColorText = (color: number) => `nth(with_color(objects(input), ${colorName(color)}), 0)`;
        const select = byColor ? byColorText(fixedColor) : 'largest(objects(input))';
        const program = (frameText: string) =>
            [
                `let frame = ${frameText}`,
                'let corner = position(frame)',
                'output = subgrid(input, (row(corner) + 1, col(corner) + 1), height(frame) - 2, width(frame) - 2)',
            ].join('\n');
        const other = byColor ? 'largest(objects(input))' : byColorText(firstColor);
        return { program: program(select), pairs, competitors: [program(other), `let frame = ${select}\noutput = crop(input, frame)`] };
    },
};

/** A frame with a picture inside, maybe a decoy block and noise; the output is the picture. */
function framePair(rng: Random, sides: SizeRange, bg: number, frameColor: number, byColor: boolean, decoyNeeded: boolean): Pair {
    const [height, width] = pickSize(rng, sides);
    const inner = paletteExcept(bg, frameColor);
    const { frame, decoy } = frameAndDecoy(rng, height, width, decoyNeeded);
    const scene = new Scene(height, width, bg);
    // A needed decoy finds room beside the frame wherever `placeSomewhere` puts it (the scene is empty:
    // any position fits, so those with room are tried first).
    const paintFrame = { color: frameColor };
    const placed =
        (decoyNeeded
            ? scene.placeSomewhere(rng, frame, paintFrame, { accept: (row, col) => roomBeside(frame, decoy, row, col, height, width) })
            : scene.place(rng, frame, paintFrame, { gap: 1 })) ?? reject('no-room');
    // The picture inside: random cells of other colours, at least one.
    const colors = rng.sample(inner, rng.int(1, 3));
    const density = rng.float() * 0.5 + 0.2;
    const cells: [number, number][] = [];
    const cellColors: number[] = [];
    for (let r = 1; r < frame.height - 1; r++) {
        for (let c = 1; c < frame.width - 1; c++) {
            if (rng.float() < density) {
                cells.push([r, c]);
                cellColors.push(rng.pick(colors));
            }
        }
    }
    if (cells.length === 0) reject('all-background');
    scene.add({
        shape: { cells, height: frame.height, width: frame.width },
        row: placed.row,
        col: placed.col,
        color: 0,
        colors: cellColors,
    });
    scene.reserveShifted(rectangle(frame.height, frame.width).cells, placed.row, placed.col);
    if (decoyNeeded || (byColor && rng.chance(0.7))) {
        const paint = { color: rng.pick(inner) };
        // A needed decoy gets every free position tried, not only random draws.
        const placedDecoy = scene.place(rng, decoy, paint) ?? (decoyNeeded ? scene.placeSomewhere(rng, decoy, paint) : undefined);
        if (!placedDecoy && decoyNeeded) reject('no-room', 'no room for the decoy');
    }
    scene.scatter(rng, rng.int(0, Math.floor((height * width) / 15)), inner);
    requireBackground(scene.grid, bg);
    if (!byColor) checkPick(largest, scene.grid, placed);
    return {
        input: scene.grid,
        output: window(scene.grid, placed.row + 1, placed.col + 1, frame.height - 2, frame.width - 2),
    };
}

/**
 * A frame of 4–10 a side inside the grid, and a solid block with more cells than it (so `largest`
 * picks the block); where the block is needed, sizes are drawn again until it fits beside the frame.
 */
function frameAndDecoy(rng: Random, height: number, width: number, decoyNeeded: boolean): { frame: Shape; decoy: Shape } {
    for (let i = 0; i < FRAME_TRIES; i++) {
        const frame = hollowRectangle(rng.int(4, Math.min(height - 2, 10)), rng.int(4, Math.min(width - 2, 10)));
        const side = Math.ceil(Math.sqrt(frame.cells.length + 1));
        const decoy = rectangle(side, Math.ceil((frame.cells.length + 1) / side));
        if (!decoyNeeded || roomBeside(frame, decoy, 0, 0, height, width)) return { frame, decoy };
    }
    return reject('no-room', 'no room for the decoy');
}

/** Frame sizes drawn for a block that must fit beside the frame. */
const FRAME_TRIES = 10;

/** Whether a frame at (row, col) leaves room for the block beside it (a free line between) on one of its sides. */
function roomBeside(frame: Shape, decoy: Shape, row: number, col: number, height: number, width: number): boolean {
    const across = decoy.height <= height && (col >= decoy.width + 1 || col + frame.width + 1 + decoy.width <= width);
    const down = decoy.width <= width && (row >= decoy.height + 1 || row + frame.height + 1 + decoy.height <= height);
    return across || down;
}

/** The object a marker dot (of a fixed colour) sits next to is cut out. */
const cropMarked: SubRule = {
    name: 'crop-marked-object',
    minSide: 6,
    make(ctx, sides) {
        const { rng } = ctx;
        const bg = pickBackground(rng);
        const marker = rng.pick(paletteExcept(bg));
        const palette = paletteExcept(bg, marker);
        const pairs: Pair[] = [];
        const watch = new RivalWatch((color) => rivalSelectors(byColor(marker), color), ctx.pairCount - 1);
        const marked = markedSelector(marker);
        let firstColor = -1;
        for (let k = 0; k < ctx.pairCount; k++) {
            const { scene, target } = retried(SCENE_TRIES, () =>
                markedScene(rng, sides, bg, marker, palette, watch.against(k), (built) => watch.settle(k, built, marked)),
            );
            if (k === 0) firstColor = target.color;
            pairs.push({ input: scene.grid, output: cropTo(scene.grid, target) });
        }
        const program = (select: string) => programText`let objs = objects(input)\noutput = crop(input, ${select})`;
        const text = `let objs = objects(input)\nlet marker = nth(with_color(objs, ${colorName(marker)}), 0)\noutput = crop(input, ${marked.text})`;
        const competitors = rivalTexts(byColor(marker), firstColor).map(program);
        return { program: text, pairs, competitors, competitorFailsOn: watch.failsOn() };
    },
};

/** The first object of more than one cell touching the marker (the first object of the marker's colour). */
function markedSelector(marker: number): Selector {
    const touching = (objs: readonly GridObject[]): number[] => {
        const at = objs.findIndex((o) => objectColor(o) === marker);
        if (at < 0) return [];
        const found: number[] = [];
        for (let i = 0; i < objs.length; i++) if (objs[i].size > 1 && touches(objs[i], objs[at])) found.push(i);
        return found;
    };
    return {
        name: 'marked',
        text: 'nth(filter(objs, o => touches(o, marker) and size(o) > 1), 0)',
        minCount: 2,
        design: () => reject('no-room', 'marked scenes are built by markedScene'),
        pick: (objs) => {
            const found = touching(objs);
            return found.length === 1 ? found[0] : -1;
        },
        reading: (objs) => touching(objs)[0] ?? -1,
    };
}

/**
 * A scene of objects with a marker cell next to one of them (the target), checked by `admit` (undefined:
 * drawn again). A scene that must rule out rival readings (`against`) marks an object the fewest of them pick.
 */
function markedScene(
    rng: Random,
    sides: SizeRange,
    bg: number,
    marker: number,
    palette: readonly number[],
    against: readonly Selector[] | undefined,
    admit: (built: SelectionScene) => SelectionScene | undefined,
): SelectionScene | undefined {
    const [height, width] = pickSize(rng, sides);
    const box = shapeBox(height, width, 5);
    const scene = new Scene(height, width, bg);
    const count = objectCount(rng, height, width, 2, 5, box);
    const items: Item[] = [];
    for (let i = 0; i < count; i++) {
        const shape = randomShape(rng, { maxHeight: box.maxHeight, maxWidth: box.maxWidth, minCells: 2 });
        const paint = { color: rng.pick(palette) };
        // An object the scene needs (it has two at least) gets every free position tried, not only random draws.
        const needed = items.length + count - i <= 2;
        const item =
            scene.place(rng, shape, paint, { gap: 2 }) ?? (needed ? scene.placeSomewhere(rng, shape, paint, { gap: 2 }) : undefined);
        if (item) items.push(item);
    }
    // Misses, not throws: `retried` draws the scene again.
    if (items.length < 2) return miss('no-room', 'others');
    // Prefer an object that is neither the largest nor the smallest, so size does not explain the pick.
    const bySize = items.slice().sort((a, b) => a.shape.cells.length - b.shape.cells.length);
    const middle = bySize.length > 2 ? bySize.slice(1, -1) : bySize;
    const target = rng.pick(against?.length ? leastRead(against, scene, middle, items) : middle);
    // A free cell edge-next to the target and clear of every other object.
    // Cells within one step of another object, marked once.
    const nearOthers = new Uint8Array(height * width);
    for (const item of items) {
        if (item === target) continue;
        for (const [dr, dc] of item.shape.cells) {
            const r = item.row + dr;
            const c = item.col + dc;
            for (let rr = Math.max(0, r - 1); rr <= Math.min(height - 1, r + 1); rr++) {
                for (let cc = Math.max(0, c - 1); cc <= Math.min(width - 1, c + 1); cc++) nearOthers[rr * width + cc] = 1;
            }
        }
    }
    // Spots as cell indices (a cell next to two of the target's cells is listed twice, as before).
    const spots: number[] = [];
    const { cells } = scene.grid;
    for (const [dr, dc] of target.shape.cells) {
        const r = target.row + dr;
        const c = target.col + dc;
        for (const [sr, sc] of NEIGHBOURS_4) {
            const rr = r + sr;
            const cc = c + sc;
            if (rr >= 0 && cc >= 0 && rr < height && cc < width && cells[rr * width + cc] === bg && !nearOthers[rr * width + cc])
                spots.push(rr * width + cc);
        }
    }
    if (spots.length === 0) return miss('no-room', 'no room for the marker');
    const spot = rng.pick(spots);
    const mr = Math.floor(spot / width);
    const mc = spot - mr * width;
    cells[spot] = marker;
    // Decoys keep their distance from the marker too.
    scene.reserve([[mr, mc]]);
    requireBackground(scene.grid, bg);
    const env: DesignEnv = { rng, palette, count, maxHeight: box.maxHeight, maxWidth: box.maxWidth };
    const built: SelectionScene = { scene, target, others: items.filter((item) => item !== target), env, gap: 2 };
    return admit(built);
}

/**
 * The items the fewest rivals read on the scene as it is (the marker not placed yet), the preferred
 * among them if any: decoys then have the fewest readings to take off the target.
 */
function leastRead(rivals: readonly Selector[], scene: Scene, preferred: readonly Item[], items: readonly Item[]): readonly Item[] {
    const objs = scene.objects(4, true);
    const readers = items.map(() => 0);
    for (const rival of rivals) {
        const o = objs[rival.reading(objs, scene.grid)];
        const at = o ? items.findIndex((item) => o.top === item.row && o.left === item.col && o.size === item.shape.cells.length) : -1;
        if (at >= 0) readers[at]++;
    }
    const fewest = Math.min(...readers);
    const least = items.filter((_, i) => readers[i] === fewest);
    const leastPreferred = least.filter((item) => preferred.includes(item));
    return leastPreferred.length > 0 ? leastPreferred : least;
}

export const extractPattern: Family = {
    name: 'ExtractPattern',
    subRules: [cropSelected, cropMulticolor, cropFrameInterior, cropMarked],
};
