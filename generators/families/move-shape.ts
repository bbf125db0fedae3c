import type { Grid } from '../../language/grid.js';
import { DIR_STEP, DIRS4, type Dir4, objectCount, paletteExcept, pickBackground, pickSize, pointText, shapeBox } from '../choices.js';
import { type Family, type GenContext, type Pair, reject, type SizeRange, type SubRule } from '../family.js';
import { programText } from '../programs.js';
import {
    allSelectors,
    colorName,
    miss,
    RivalWatch,
    randomSelectionScene,
    retried,
    rivalSelectors,
    rivalTexts,
    SCENE_TRIES,
    type SelectionScene,
    type Selector,
} from '../selectors.js';
import { eraseItem, type Item, moved, paintItem, randomShape, rectangle, Scene, type Shape } from '../shapes.js';

function pickVector(ctx: GenContext, sides: SizeRange): [number, number] {
    const reach = Math.max(1, Math.min(4, Math.floor(sides.min / 3)));
    for (;;) {
        const diagonal = ctx.rng.chance(0.25);
        const along = ctx.rng.int(1, reach) * (ctx.rng.chance(0.5) ? 1 : -1);
        if (diagonal) return [along, ctx.rng.int(1, reach) * (ctx.rng.chance(0.5) ? 1 : -1)];
        return ctx.rng.chance(0.5) ? [along, 0] : [0, along];
    }
}

/** The step direction of an axis-aligned vector, if it is one. */
function dirOf([dr, dc]: [number, number]): Dir4 | undefined {
    if (dr === 0) return dc > 0 ? 'right' : 'left';
    if (dc === 0) return dr > 0 ? 'down' : 'up';
    return undefined;
}

function selectionProgram(selector: string, action: string): string {
    return programText`let objs = objects(input)\nlet target = ${selector}\noutput = ${action}`;
}

/**
 * Places the target where its shifted copy also has room, and reserves that room; with `steps` > 1,
 * room for every shift by 1…steps times (dr, dc), the path of a slide that long.
 */
function placeWithRoom(
    ctx: GenContext,
    scene: Scene,
    shape: Shape,
    color: number,
    dr: number,
    dc: number,
    at?: (row: number, col: number) => boolean,
    steps = 1,
): Item | undefined {
    const accept = (r: number, c: number) => {
        if (at && !at(r, c)) return false;
        for (let k = steps; k > 0; k--) if (!scene.fits(shape, r + dr * k, c + dc * k)) return false;
        return true;
    };
    const item = scene.place(ctx.rng, shape, { color }, { accept }) ?? scene.placeSomewhere(ctx.rng, shape, { color }, { accept });
    if (item) for (let k = 1; k <= steps; k++) scene.reserveShifted(shape.cells, item.row + dr * k, item.col + dc * k);
    return item;
}

/**
 * Pair k's selection scene, its target placed with room to move `steps` times by `step`; redrawn
 * until it fits and no rival reading stands.
 */
function movableSelectionScene(
    ctx: GenContext,
    selector: Selector,
    sides: SizeRange,
    palette: number[],
    bg: number,
    [dr, dc]: [number, number],
    watch: RivalWatch,
    k: number,
    steps = 1,
): SelectionScene {
    return retried(SCENE_TRIES, () => {
        const built = randomSelectionScene(ctx.rng, selector, sides, {
            palette,
            bg,
            largestShape: 4,
            against: watch.against(k),
            placeTarget: (s, spec, at) => placeWithRoom(ctx, s, spec.shape, spec.color, dr, dc, at, steps),
        });
        return built && watch.settle(k, built, selector);
    });
}

function shiftedCopy(input: Grid, item: Item, bg: number, dr: number, dc: number): Grid {
    const output = input.clone();
    eraseItem(output, item, bg);
    paintItem(output, moved(item, dr, dc));
    return output;
}

/** How far `move_until` slides the item: steps until the next would leave the grid or land on another cell. */
function slideDistance(grid: Grid, item: Item, bg: number, dir: Dir4): number {
    const [dr, dc] = DIR_STEP[dir];
    const { height, width, cells } = grid;
    const own = OWN.fill(0, 0, cells.length);
    for (const [r, c] of item.shape.cells) own[(item.row + r) * width + item.col + c] = 1;
    for (let k = 1; ; k++) {
        for (const [r, c] of item.shape.cells) {
            const row = item.row + r + dr * k;
            const col = item.col + c + dc * k;
            if (row < 0 || col < 0 || row >= height || col >= width) return k - 1;
            const index = row * width + col;
            if (!own[index] && cells[index] !== bg) return k - 1;
        }
    }
}

/** Scratch marks for slideDistance (grids are at most 30 × 30). */
const OWN = new Uint8Array(900);

function selectorFor(ctx: GenContext, palette: number[], exclude: readonly string[] = []): Selector {
    return ctx.rng.pick(allSelectors(ctx.rng, palette).filter((s) => !exclude.includes(s.name)));
}

const moveSelected: SubRule = {
    name: 'move-selected-by-vector',
    minSide: 5,
    make(ctx, sides) {
        const { rng } = ctx;
        const bg = pickBackground(rng);
        const palette = paletteExcept(bg);
        const selector = selectorFor(ctx, palette);
        const [dr, dc] = pickVector(ctx, sides);
        const pairs: Pair[] = [];
        const watch = new RivalWatch((color) => rivalSelectors(selector, color), ctx.pairCount - 1);
        let firstColor = -1;
        for (let k = 0; k < ctx.pairCount; k++) {
            const { scene, target } = movableSelectionScene(ctx, selector, sides, palette, bg, [dr, dc], watch, k);
            if (firstColor < 0) firstColor = target.color;
            pairs.push({ input: scene.grid, output: shiftedCopy(scene.grid, target, bg, dr, dc) });
        }
        const action = `move(input, target, ${pointText(dr, dc)})`;
        const dir = dirOf([dr, dc]);
        const competitors = rivalTexts(selector, firstColor).map((s) => selectionProgram(s, action));
        if (dir) competitors.push(selectionProgram(selector.text, `move_until(input, target, ${dir})`));
        return { program: selectionProgram(selector.text, action), pairs, competitors, competitorFailsOn: watch.failsOn() };
    },
};

const moveSelectedUntil: SubRule = {
    name: 'move-selected-until-contact',
    minSide: 5,
    make(ctx, sides) {
        const { rng } = ctx;
        const bg = pickBackground(rng);
        const palette = paletteExcept(bg);
        const selector = selectorFor(ctx, palette);
        const dir = rng.pick(DIRS4);
        const [sr, sc] = DIR_STEP[dir];
        const pairs: Pair[] = [];
        let firstColor = -1;
        let firstDistance = 0;
        const watch = new RivalWatch((color) => rivalSelectors(selector, color), ctx.pairCount - 1);
        for (let k = 0; k < ctx.pairCount; k++) {
            // The last train pair slides further than the first, so moving by the first pair's vector
            // does not explain the train pairs: its target gets room for one step more (if a slide that
            // long fits in any grid of the run, else the scene is left to chance and verification).
            const further = k > 0 && k === ctx.pairCount - 2 && firstDistance < sides.min / 2;
            const steps = further ? firstDistance + 1 : 1;
            const { scene, target } = movableSelectionScene(ctx, selector, sides, palette, bg, [sr, sc], watch, k, steps);
            const distance = slideDistance(scene.grid, target, bg, dir);
            if (distance === 0) reject('identity', 'target cannot slide');
            if (k === 0) {
                firstColor = target.color;
                firstDistance = distance;
            }
            pairs.push({ input: scene.grid, output: shiftedCopy(scene.grid, target, bg, sr * distance, sc * distance) });
        }
        const action = `move_until(input, target, ${dir})`;
        const competitors = rivalTexts(selector, firstColor).map((s) => selectionProgram(s, action));
        competitors.push(selectionProgram(selector.text, `move(input, target, ${pointText(sr * firstDistance, sc * firstDistance)})`));
        return { program: selectionProgram(selector.text, action), pairs, competitors, competitorFailsOn: watch.failsOn() };
    },
};

const moveColorGroup: SubRule = {
    name: 'move-color-group-by-vector',
    minSide: 6,
    make(ctx, sides) {
        const { rng } = ctx;
        const bg = pickBackground(rng);
        const color = rng.pick(paletteExcept(bg));
        const others = paletteExcept(bg, color);
        const [dr, dc] = pickVector(ctx, sides);
        const pairs: Pair[] = [];
        for (let k = 0; k < ctx.pairCount; k++) {
            // The first pair moves two or more objects, so moving only the first of the colour does not explain it.
            const least = k === 0 ? 2 : 1;
            const { scene, group } = retried(SCENE_TRIES, () => {
                const [height, width] = pickSize(rng, sides);
                const box = shapeBox(height, width, 3);
                const scene = new Scene(height, width, bg);
                const movers = rng.int(least, Math.max(least, objectCount(rng, height, width, 1, 4)));
                const group: Item[] = [];
                // Misses, not throws: `retried` draws the scene again.
                for (let i = 0; i < movers; i++) {
                    const item = placeWithRoom(ctx, scene, randomShape(rng, box), color, dr, dc);
                    if (!item) return miss('no-room', 'movers');
                    group.push(item);
                }
                const still = objectCount(rng, height, width, 1, 4);
                for (let i = 0; i < still; i++) {
                    if (!scene.place(rng, randomShape(rng, box), { color: rng.pick(others) })) return miss('no-room', 'others');
                }
                return { scene, group };
            });
            const output = scene.grid.clone();
            for (const item of group) eraseItem(output, item, bg);
            for (const item of group) paintItem(output, moved(item, dr, dc));
            pairs.push({ input: scene.grid, output });
        }
        const step = `(g, o) => move(g, o, ${pointText(dr, dc)})`;
        const program = `let objs = objects(input)\noutput = fold(with_color(objs, ${colorName(color)}), input, ${step})`;
        const competitors = [
            `let objs = objects(input)\noutput = fold(objs, input, ${step})`,
            selectionProgram(`nth(with_color(objs, ${colorName(color)}), 0)`, `move(input, target, ${pointText(dr, dc)})`),
        ];
        return { program, pairs, competitors };
    },
};

const gravity: SubRule = {
    name: 'move-all-until-wall',
    minSide: 6,
    make(ctx, sides) {
        const { rng } = ctx;
        const bg = pickBackground(rng);
        const [wallColor, ...rest] = rng.shuffle(paletteExcept(bg));
        const dir = rng.pick(DIRS4);
        const [sr, sc] = DIR_STEP[dir];
        const vertical = sr !== 0;
        const pairs: Pair[] = [];
        for (let k = 0; k < ctx.pairCount; k++) {
            const [height, width] = pickSize(rng, sides);
            const scene = new Scene(height, width, bg);
            const along = vertical ? height : width;
            const across = vertical ? width : height;
            // The wall: a full line across the grid, at least one cell in from the edge it faces.
            const offset = rng.int(1, Math.max(1, Math.floor(along / 3)));
            const wallAt = sr + sc > 0 ? along - 1 - offset : offset;
            const wall = vertical ? rectangle(1, across) : rectangle(across, 1);
            scene.add({ shape: wall, row: vertical ? wallAt : 0, col: vertical ? 0 : wallAt, color: wallColor });
            // Movers in separate lanes on the side the wall faces.
            const box = shapeBox(height, width, 3);
            const movers: Item[] = [];
            const lanesUsed = new Uint8Array(across);
            const tries = objectCount(rng, height, width, 2, 5);
            for (let i = 0; i < tries; i++) {
                const shape = randomShape(rng, { maxHeight: box.maxHeight, maxWidth: box.maxWidth, maxCells: across - 1 });
                const item = scene.place(
                    rng,
                    shape,
                    { color: rng.pick(rest) },
                    {
                        accept: (r, c) => {
                            const [from, size] = vertical ? [c, shape.width] : [r, shape.height];
                            for (let x = Math.max(0, from - 1); x < Math.min(across, from + size + 1); x++) if (lanesUsed[x]) return false;
                            const start = vertical ? r : c;
                            const end = start + (vertical ? shape.height : shape.width) - 1;
                            return sr + sc > 0 ? end < wallAt - 1 : start > wallAt + 1;
                        },
                    },
                );
                if (!item) continue;
                const [from, size] = vertical ? [item.col, shape.width] : [item.row, shape.height];
                for (let x = from; x < from + size; x++) lanesUsed[x] = 1;
                movers.push(item);
            }
            if (movers.length === 0) reject('no-room');
            const output = scene.grid.clone();
            for (const item of movers) {
                const distance = slideDistance(output, item, bg, dir);
                eraseItem(output, item, bg);
                paintItem(output, moved(item, sr * distance, sc * distance));
            }
            pairs.push({ input: scene.grid, output });
        }
        const step = `(g, o) => move_until(g, o, ${dir})`;
        const program = [
            'let objs = objects(input)',
            'let wall = largest(objs)',
            'let movers = filter(objs, o => color_of(o) != color_of(wall))',
            `output = fold(movers, input, ${step})`,
        ].join('\n');
        const competitors = [`let objs = objects(input)\noutput = fold(objs, input, ${step})`];
        return { program, pairs, competitors };
    },
};

export const moveShape: Family = {
    name: 'MoveShape',
    subRules: [moveSelected, moveSelectedUntil, moveColorGroup, gravity],
};
