// The rival readings RotateShape and MirrorShape verify against: the arrangement rules keep one rival per
// output a slot can give (dropping one is only sound if a kept one fails exactly when it does), and
// the pick-an-object rules hint where each rival transform fails.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MIRRORED_COPIES, mirrorShape } from '../../generators/families/mirror-shape.js';
import { ROTATED_COPIES, rotateShape } from '../../generators/families/rotate-shape.js';
import {
    ALL_TRANSFORMS,
    type Arrangement,
    arrangementRivals,
    IDENTITY,
    randomPicture,
    type Transform,
} from '../../generators/families/transforms.js';
import { type Family, Rejection, type Task } from '../../generators/family.js';
import { ProgramPool } from '../../generators/programs.js';
import { Random } from '../../generators/random.js';
import type { Grid } from '../../language/grid.js';

const pool = new ProgramPool();

/** Inputs of every shape the arrangements' transforms distinguish: square, wide, tall, half as wide. */
const INPUTS: Grid[] = (() => {
    const rng = new Random('transform-rivals');
    const sides = [
        [2, 2],
        [3, 3],
        [2, 3],
        [3, 2],
        [2, 4],
        [4, 2],
        [3, 6],
    ];
    return sides.flatMap(([h, w]) => [0, 1, 2].map(() => randomPicture(rng, h, w, 0)));
})();

/** What a program gives on every input (a fault as `fault`): two programs with the same behaviour fail on the same pairs. */
async function behaviour(text: string): Promise<string> {
    const { program } = await pool.load(text);
    return INPUTS.map((input) => {
        const out = program.tryRun(input);
        return out ? `${out.height}x${out.width}:${out.cells.join('')}` : 'fault';
    }).join(' ');
}

/** Every way to fill the arrangement's slots. */
function allParts(arrangement: Arrangement): Transform[][] {
    return arrangement.slots.reduce<Transform[][]>((partial, choices) => partial.flatMap((p) => choices.map((t) => [...p, t])), [[]]);
}

/** The arrangement's programs with one slot swapped for the identity or any transform (what may be dropped). */
function allSwaps(arrangement: Arrangement, parts: readonly Transform[]): string[] {
    return parts.flatMap((_, slot) =>
        [IDENTITY, ...ALL_TRANSFORMS].map((t) => arrangement.program(parts.map((p, i) => (i === slot ? t : p)))),
    );
}

describe('arrangementRivals', () => {
    for (const [name, arrangements] of [
        ['mirrored-copies', MIRRORED_COPIES],
        ['rotated-copies', ROTATED_COPIES],
    ] as const) {
        it(`${name}: keeps one rival per behaviour, and every swapped slot behaves as the rule or as a kept rival`, async () => {
            for (const arrangement of arrangements) {
                for (const parts of allParts(arrangement)) {
                    const rule = await behaviour(arrangement.program(parts));
                    const kept = arrangementRivals(arrangement, parts, ALL_TRANSFORMS);
                    const keptBehaviours = await Promise.all(kept.map(behaviour));
                    assert.equal(new Set([rule, ...keptBehaviours]).size, kept.length + 1, `duplicate rivals:\n${kept.join('\n---\n')}`);
                    for (const swap of allSwaps(arrangement, parts)) {
                        const b = await behaviour(swap);
                        assert.ok(b === rule || keptBehaviours.includes(b), `no kept rival fails where this one does:\n${swap}`);
                    }
                }
            }
        });
    }

    it('runs 10 rivals, not 13, for the blocks mirrored both ways', () => {
        const blocks = MIRRORED_COPIES.filter((a) => a.slots.length === 2);
        assert.equal(blocks.length, 2);
        for (const block of blocks) assert.equal(arrangementRivals(block, allParts(block)[0], ALL_TRANSFORMS).length, 10);
    });
});

/** Tasks of a sub-rule, from seeded candidates (rejected candidates are skipped). */
function tasks(family: Family, rule: string, count: number, pairCount: number): Task[] {
    const subRule = family.subRules.find((r) => r.name === rule);
    assert.ok(subRule, `${family.name} has no sub-rule ${rule}`);
    const sizes = { min: 10, max: 10 };
    const out: Task[] = [];
    for (let i = 0; i < count; i++) {
        try {
            out.push(subRule.make({ rng: new Random(`${rule}-${i}`), sizes, pairCount }, sizes));
        } catch (error) {
            if (!(error instanceof Rejection)) throw error;
        }
    }
    return out;
}

describe('competitorFailsOn in the pick-an-object rules', () => {
    const rules: [Family, string, number][] = [
        [rotateShape, 'rotate-selected-object', 0],
        [rotateShape, 'crop-and-rotate', 1],
        [mirrorShape, 'flip-selected-object', 0],
        [mirrorShape, 'crop-and-flip', 1],
    ];
    for (const [family, rule, unhinted] of rules) {
        it(`${rule}: every rival but the plain crop has a hint, and fails on its hinted pair`, async () => {
            let later = 0;
            for (const task of tasks(family, rule, 60, 4)) {
                const hints = task.competitorFailsOn ?? [];
                assert.equal(hints.length, task.competitors.length - unhinted);
                for (let c = 0; c < hints.length; c++) {
                    const { input, output } = task.pairs[hints[c]];
                    const { program } = await pool.load(task.competitors[c]);
                    assert.ok(
                        !program.tryRun(input)?.equals(output),
                        `rival fails elsewhere than pair ${hints[c]}:\n${task.competitors[c]}`,
                    );
                    if (hints[c] > 0) later++;
                }
            }
            assert.ok(later > 0, 'no rival was hinted past the first pair');
        });
    }
});
