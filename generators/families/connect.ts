import type { Grid } from '../../language/grid.js';
import { DIR_STEP, DIRS4, paletteExcept, pickBackground, pickSize } from '../choices.js';
import { type Family, type Pair, reject, type SubRule } from '../family.js';
import type { Random } from '../random.js';
import { colorName } from '../selectors.js';
import { type Cell, rectangle, requireBackground, Scene } from '../shapes.js';

const DOT = rectangle(1, 1);

/** Paints the cells strictly between two points on a row, column or 45° diagonal (and the ends too with `withEnds`). */
function paintBetween(grid: Grid, [r1, c1]: Cell, [r2, c2]: Cell, color: number, withEnds: boolean): void {
    const steps = Math.max(Math.abs(r2 - r1), Math.abs(c2 - c1));
    const dr = Math.sign(r2 - r1);
    const dc = Math.sign(c2 - c1);
    const { cells, width } = grid;
    for (let k = withEnds ? 0 : 1; k <= (withEnds ? steps : steps - 1); k++) cells[(r1 + dr * k) * width + c1 + dc * k] = color;
}

interface Link {
    from: Cell;
    to: Cell;
    color: number;
}

const LINK_KINDS: readonly (readonly [number, number])[] = [DIR_STEP.right, DIR_STEP.down];
const DIAGONAL_KINDS: readonly (readonly [number, number])[] = [DIR_STEP.down_right, DIR_STEP.down_left];

/** Whether a dot of this colour at (r, c) would line up with an end of a link of the same colour. */
function linedUp(others: readonly Link[], color: number, r: number, c: number): boolean {
    for (const o of others) if (o.color === color && (inLine(o.from, r, c) || inLine(o.to, r, c))) return true;
    return false;
}

function inLine([er, ec]: Cell, r: number, c: number): boolean {
    return er === r || ec === c || Math.abs(er - r) === Math.abs(ec - c);
}

/** One cell for Scene.reserve, rewritten at each use: a path is reserved without a new pair per cell. */
const ONE_CELL: [[number, number]] = [[0, 0]];

function reserveCell(scene: Scene, r: number, c: number): void {
    ONE_CELL[0][0] = r;
    ONE_CELL[0][1] = c;
    scene.reserve(ONE_CELL);
}

/**
 * Places two same-coloured dots on one row or column (or diagonal) with free cells between them and
 * reserves the path, so no other dot lands on it or next to it.
 */
function placeLink(rng: Random, scene: Scene, color: number, diagonal: boolean, others: readonly Link[] = NO_LINKS): Link | undefined {
    const { height, width } = scene;
    for (let attempt = 0; attempt < 30; attempt++) {
        const [dr, dc] = rng.pick(diagonal ? DIAGONAL_KINDS : LINK_KINDS);
        const room = Math.min(dr === 0 ? Infinity : height - 1, dc === 0 ? Infinity : width - 1);
        if (room < 2) continue;
        const length = rng.int(2, Math.min(room, 14));
        const r1 = rng.int(0, height - 1 - dr * length);
        const c1 = dc >= 0 ? rng.int(0, width - 1 - dc * length) : rng.int(length, width - 1);
        const r2 = r1 + dr * length;
        const c2 = c1 + dc * length;
        // Dots of the same colour must not line up with this link's ends, or they would be connected too.
        if (others.length > 0 && (linedUp(others, color, r1, c1) || linedUp(others, color, r2, c2))) continue;
        let free = true;
        for (let k = 0; k <= length && free; k++) free = scene.fits(DOT, r1 + dr * k, c1 + dc * k);
        if (!free) continue;
        scene.add({ shape: DOT, row: r1, col: c1, color });
        scene.add({ shape: DOT, row: r2, col: c2, color });
        for (let k = 1; k < length; k++) reserveCell(scene, r1 + dr * k, c1 + dc * k);
        return { from: [r1, c1], to: [r2, c2], color };
    }
    return undefined;
}

const NO_LINKS: readonly Link[] = [];

function isDiagonal({ from, to }: Link): boolean {
    return from[0] !== to[0] && from[1] !== to[1];
}

function drawLinks(scene: Scene, links: readonly Link[], color?: number, withEnds = false): Pair {
    const output = scene.grid.clone();
    for (const link of links) paintBetween(output, link.from, link.to, color ?? link.color, withEnds);
    return { input: scene.grid, output };
}

/** Lone dots, each in its own colour, so none has a partner to connect to. */
function scatterLoners(rng: Random, scene: Scene, colors: readonly number[], count: number): void {
    for (const color of rng.sample(colors, Math.min(count, colors.length))) scene.place(rng, DOT, { color }, { tries: 10 });
}

const connectPairs: SubRule = {
    name: 'connect-same-color-pairs',
    minSide: 3,
    make(ctx, sides) {
        const { rng } = ctx;
        const bg = pickBackground(rng);
        const lineColor = rng.chance(0.4) ? rng.pick(paletteExcept(bg)) : undefined;
        // With `diagonal: true`, pairs on 45° diagonals are joined too; every pair then shows one.
        const diagonal = rng.chance(0.3);
        const pairs: Pair[] = [];
        let firstColor = -1;
        // The first train pairs with a link in another colour than the first pair's first link, and with a diagonal link.
        let otherColorOn = -1;
        let diagonalOn = -1;
        const colors = paletteExcept(bg, lineColor ?? bg);
        for (let k = 0; k < ctx.pairCount; k++) {
            const [height, width] = pickSize(rng, sides);
            const scene = new Scene(height, width, bg);
            const links: Link[] = [];
            const want = rng.int(1, Math.max(1, Math.min(5, Math.floor((height * width) / 40))));
            const used = rng.sample(colors, Math.min(colors.length, want));
            for (const [i, color] of used.entries()) {
                const link = placeLink(rng, scene, color, diagonal && (i === 0 || rng.chance(0.5)));
                if (link) links.push(link);
            }
            if (links.length === 0) reject('no-room');
            if (k === 0) firstColor = links[0].color;
            if (k < ctx.pairCount - 1) {
                if (otherColorOn < 0 && links.some((link) => link.color !== firstColor)) otherColorOn = k;
                if (diagonalOn < 0 && links.some(isDiagonal)) diagonalOn = k;
            }
            const spare = colors.filter((c) => !used.includes(c));
            if (spare.length > 0) scatterLoners(rng, scene, spare, rng.int(0, Math.floor((height * width) / 30)));
            requireBackground(scene.grid, bg);
            pairs.push(drawLinks(scene, links, lineColor));
        }
        const program = (color: string | undefined, diagonals: boolean) => {
            const args = ['input', ...(color ? [`color: ${color}`] : []), ...(diagonals ? ['diagonal: true'] : [])];
            return `output = connect_pairs(${args.join(', ')})`;
        };
        const color = lineColor === undefined ? undefined : colorName(lineColor);
        const competitors = [program(lineColor === undefined ? colorName(firstColor) : undefined, diagonal)];
        const failsOn = [Math.max(0, otherColorOn)];
        if (diagonal) {
            competitors.push(program(color, false));
            failsOn.push(Math.max(0, diagonalOn));
        }
        return { program: program(color, diagonal), pairs, competitors, competitorFailsOn: failsOn };
    },
};

const connectOneColor: SubRule = {
    name: 'connect-pairs-of-one-color',
    minSide: 5,
    make(ctx, sides) {
        const { rng } = ctx;
        const bg = pickBackground(rng);
        const chosen = rng.pick(paletteExcept(bg));
        const others = paletteExcept(bg, chosen);
        const pairs: Pair[] = [];
        for (let k = 0; k < ctx.pairCount; k++) {
            const [height, width] = pickSize(rng, sides);
            const scene = new Scene(height, width, bg);
            const links: Link[] = [];
            const count = rng.int(1, Math.max(1, Math.min(3, Math.floor((height * width) / 50))));
            for (let i = 0; i < count; i++) {
                const link = placeLink(rng, scene, chosen, false, links);
                if (link) links.push(link);
            }
            // Pairs of other colours stay unconnected.
            let decoys = 0;
            for (const color of rng.sample(others, rng.int(1, 3))) if (placeLink(rng, scene, color, false)) decoys++;
            if (links.length === 0 || decoys === 0) reject('no-room');
            requireBackground(scene.grid, bg);
            pairs.push(drawLinks(scene, links));
        }
        const program = [
            `let marked = keep(input, with_color(objects(input), ${colorName(chosen)}))`,
            'output = overlay(input, connect_pairs(marked))',
        ].join('\n');
        return { program, pairs, competitors: ['output = connect_pairs(input)'] };
    },
};

const lineBetweenTwo: SubRule = {
    name: 'line-between-two-points',
    minSide: 4,
    make(ctx, sides) {
        const { rng } = ctx;
        const bg = pickBackground(rng);
        const endColor = rng.pick(paletteExcept(bg));
        const lineColor = rng.chance(0.5) ? endColor : rng.pick(paletteExcept(bg, endColor));
        const pairs: Pair[] = [];
        // A diagonal line in some train pair tells the rule from connect_pairs (rows and columns only).
        const diagonalPair = rng.int(0, ctx.pairCount - 2);
        // The first pair with a diagonal line, which connect_pairs leaves out.
        let diagonalOn = -1;
        for (let k = 0; k < ctx.pairCount; k++) {
            const [height, width] = pickSize(rng, sides);
            const scene = new Scene(height, width, bg);
            const link = placeLink(rng, scene, endColor, k === diagonalPair || rng.chance(0.5)) ?? reject('no-room');
            if (diagonalOn < 0 && isDiagonal(link)) diagonalOn = k;
            scatterLoners(rng, scene, paletteExcept(bg, endColor, lineColor), rng.int(0, Math.floor((height * width) / 25)));
            requireBackground(scene.grid, bg);
            pairs.push(drawLinks(scene, [link], lineColor, true));
        }
        const program = [
            `let ends = points(input, ${colorName(endColor)})`,
            `output = line(input, nth(ends, 0), nth(ends, 1), ${colorName(lineColor)})`,
        ].join('\n');
        // With the ends' own colour, the second reading paints what the first does (the ends are the only
        // two cells of one colour): it is the same rival, run once.
        const competitors = ['output = connect_pairs(input)'];
        if (lineColor !== endColor) competitors.push(`output = connect_pairs(input, color: ${colorName(lineColor)})`);
        return { program, pairs, competitors, competitorFailsOn: [Math.max(0, diagonalOn)] };
    },
};

/** 0, 2, 4, … below `across`: the lanes a dot may use (one free lane between two). Made once per width. */
function evenLanes(across: number): readonly number[] {
    let lanes = EVEN_LANES[across];
    if (!lanes) {
        lanes = [];
        for (let i = 0; i < across; i += 2) lanes.push(i);
        EVEN_LANES[across] = lanes;
    }
    return lanes;
}

const EVEN_LANES: number[][] = [];

const connectToWall: SubRule = {
    name: 'extend-to-wall',
    minSide: 6,
    make(ctx, sides) {
        const { rng } = ctx;
        const bg = pickBackground(rng);
        const [dotColor, wallColor, ...rest] = rng.shuffle(paletteExcept(bg));
        const dir = rng.pick(DIRS4);
        const [sr, sc] = DIR_STEP[dir];
        const vertical = sr !== 0;
        const pairs: Pair[] = [];
        for (let k = 0; k < ctx.pairCount; k++) {
            const [height, width] = pickSize(rng, sides);
            const scene = new Scene(height, width, bg);
            const along = vertical ? height : width;
            const across = vertical ? width : height;
            // The wall: a full line across the grid, with room behind it.
            const offset = rng.int(1, Math.max(1, Math.floor(along / 3)));
            const wallAt = sr + sc > 0 ? along - 1 - offset : offset;
            scene.add({
                shape: vertical ? rectangle(1, across) : rectangle(across, 1),
                row: vertical ? wallAt : 0,
                col: vertical ? 0 : wallAt,
                color: wallColor,
            });
            // Dots in distinct lanes on the far side of the wall; each lane is kept clear.
            const output = scene.grid.clone();
            const lanes = rng.sample(evenLanes(across), rng.int(1, Math.max(1, Math.min(4, Math.floor(across / 3)))));
            let dots = 0;
            for (const lane of lanes) {
                const lo = sr + sc > 0 ? 0 : wallAt + 2;
                const hi = sr + sc > 0 ? wallAt - 2 : along - 1;
                if (lo > hi) continue;
                const at = rng.int(lo, hi);
                const [r, c] = vertical ? [at, lane] : [lane, at];
                scene.add({ shape: DOT, row: r, col: c, color: dotColor });
                dots++;
                for (let p = at + (sr + sc); p !== wallAt; p += sr + sc) {
                    const [rr, cc] = vertical ? [p, lane] : [lane, p];
                    output.cells[rr * width + cc] = dotColor;
                    reserveCell(scene, rr, cc);
                }
                output.cells[r * width + c] = dotColor;
            }
            if (dots === 0) reject('no-room');
            // Noise on the wall's other side cannot be reached.
            const beyond = rest.filter((c) => c !== dotColor);
            for (let i = rng.int(0, 3); i > 0; i--) {
                const dot = scene.place(
                    rng,
                    DOT,
                    { color: rng.pick(beyond) },
                    { tries: 10, accept: (r, c) => (vertical ? (sr > 0 ? r > wallAt : r < wallAt) : sc > 0 ? c > wallAt : c < wallAt) },
                );
                if (dot) output.cells[dot.row * width + dot.col] = dot.color;
            }
            requireBackground(scene.grid, bg);
            // `ray(…, stop: true)` paints over most_color(g) of the grid painted so far. The rays only
            // turn bg cells into the dots' colour, so bg stays the most frequent colour of every grid
            // along the fold exactly when it is the output's; a scene whose rays outnumber it would make
            // the program stop short of the wall (the lanes and the wall's offset keep that from
            // happening today: the background leads by 14 cells or more at 6 × 6).
            requireBackground(output, bg);
            pairs.push({ input: scene.grid, output });
        }
        const step = (stop: boolean, d: string) => `(g, p) => ray(g, p, ${d}, ${colorName(dotColor)}${stop ? ', stop: true' : ''})`;
        const program = (stop: boolean, d: string) => `output = fold(points(input, ${colorName(dotColor)}), input, ${step(stop, d)})`;
        return { program: program(true, dir), pairs, competitors: [program(false, dir), 'output = connect_pairs(input)'] };
    },
};

export const connect: Family = {
    name: 'Connect',
    subRules: [connectPairs, connectOneColor, lineBetweenTwo, connectToWall],
};
