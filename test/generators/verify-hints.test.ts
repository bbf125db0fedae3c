import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Rejection, type Task } from '../../generators/family.js';
import { ProgramPool, programText } from '../../generators/programs.js';
import { byColor, RivalWatch, topmost } from '../../generators/selectors.js';
import { paintItem, rectangle } from '../../generators/shapes.js';
import { verifyTask } from '../../generators/verify.js';
import { Grid } from '../../language/grid.js';
import { CompiledProgram } from '../../language/interpreter.js';
import { quarterTurnPairs } from '../helpers.js';

const SIZES = { min: 1, max: 30 };

const pairs = quarterTurnPairs();
/** Explains the first train pair only (the only one with green). */
const explainsFirstOnly = 'output = recolor(rotate(input, 1), green, orange)';
/** Explains both train pairs: on these grids a quarter turn clockwise is also a transpose then a mirror. */
const explainsBoth = 'output = flip(flip(input, diagonal), vertical)';

/** The inputs the interpreter runs, in order, while `during` runs. */
async function runsDuring(during: () => Promise<unknown>): Promise<Grid[]> {
    const runs: Grid[] = [];
    const tryRun = CompiledProgram.prototype.tryRun;
    CompiledProgram.prototype.tryRun = function (this: CompiledProgram, input, ...rest) {
        runs.push(input);
        return tryRun.call(this, input, ...rest);
    };
    try {
        await during();
    } finally {
        CompiledProgram.prototype.tryRun = tryRun;
    }
    return runs;
}

async function verdict(task: Task, pool = new ProgramPool()): Promise<string> {
    try {
        return await verifyTask(task, pool, SIZES);
    } catch (error) {
        if (error instanceof Rejection) return `${error.reason}: ${error.detail}`;
        throw error;
    }
}

describe('verifyTask with competitorFailsOn', () => {
    const task = (competitors: string[], competitorFailsOn?: number[]): Task => ({
        program: 'output = rotate(input, 1)',
        pairs,
        competitors,
        competitorFailsOn,
    });

    it('runs a competitor on its hinted train pair first, and only there when it fails there', async () => {
        const pool = new ProgramPool();
        await verdict(task([explainsFirstOnly]), pool); // parses outside the runs counted
        const unhinted = await runsDuring(() => verdict(task([explainsFirstOnly]), pool));
        const hinted = await runsDuring(() => verdict(task([explainsFirstOnly], [1]), pool));
        const program = pairs.map((p) => p.input);
        assert.deepEqual(unhinted, [...program, pairs[0].input, pairs[1].input]);
        assert.deepEqual(hinted, [...program, pairs[1].input]);
    });

    it('gives the same verdict whatever the hints say', async () => {
        const competitors = [explainsFirstOnly, 'output = flip(input, vertical)', explainsBoth];
        const expected = await verdict(task(competitors));
        assert.match(expected, /^ambiguous: output = flip\(flip/);
        for (const hints of [[0, 0, 0], [1, 1, 1], [1, 0, 1], [5, -1, 7], [1]]) {
            assert.equal(await verdict(task(competitors, hints)), expected, `hints ${hints}`);
        }
        const accepted = await verdict(task(competitors.slice(0, 2)));
        assert.equal(accepted, 'output = rotate(input, 1)\n');
        assert.equal(await verdict(task(competitors.slice(0, 2), [1, 1])), accepted);
    });
});

describe('RivalWatch.failsOn', () => {
    const bar = rectangle(1, 3);
    const dot = rectangle(1, 1);
    function scene(barAt: [number, number], dotAt: [number, number], dotColor: number) {
        const grid = Grid.filled(6, 6, 0);
        const target = { shape: bar, row: barAt[0], col: barAt[1], color: 1 };
        paintItem(grid, target);
        paintItem(grid, { shape: dot, row: dotAt[0], col: dotAt[1], color: dotColor });
        return { grid, target };
    }

    it('names, per rival, the train scene that took its reading off the target', () => {
        const watch = new RivalWatch(() => [topmost, byColor(2)], 2);
        const first = scene([0, 0], [4, 4], 3); // topmost picks the bar; no red object, so by-colour reads nothing
        watch.admit(0, first.grid, first.target);
        const second = scene([3, 0], [0, 4], 2); // the dot is topmost
        watch.admit(1, second.grid, second.target);
        assert.deepEqual(watch.failsOn(), [1, 0]);
    });
});

describe('programText', () => {
    it('builds the text the template literal builds, for parts that would run together', () => {
        const texts = [
            ['a', 'bc'],
            ['ab', 'c'],
            ['ab', 'c'],
            ['', 'abc'],
            ['a', 'bc'],
        ].map(([x, y]) => programText`let t = ${x}${y}\noutput = ${y}`);
        assert.deepEqual(texts, [
            'let t = abc\noutput = bc',
            'let t = abc\noutput = c',
            'let t = abc\noutput = c',
            'let t = abc\noutput = abc',
            'let t = abc\noutput = bc',
        ]);
        assert.equal(programText`output = input`, 'output = input');
    });
});
