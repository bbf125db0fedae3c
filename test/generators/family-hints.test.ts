// The train pair each rival reading is expected to fail on (`Task.competitorFailsOn`), as the Connect,
// CreateShape, FloodFill and SymmetryComplete sub-rules give it: on the hinted train pair, the rival's
// program does not reproduce the output (so verification rules it out in one run there).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FAMILY_GENERATORS } from '../../generators/families/index.js';
import { type FamilyName, Rejection, type SubRule, type Task } from '../../generators/family.js';
import { ProgramPool } from '../../generators/programs.js';
import { Random } from '../../generators/random.js';

/** The sub-rules with a rival that may stand past the first train pair (the others' rivals fail on it). */
const HINTED: Partial<Record<FamilyName, string[]>> = {
    Connect: ['connect-same-color-pairs', 'line-between-two-points'],
    CreateShape: ['outline-every-object', 'outline-selected-object', 'cross-through-points'],
    FloodFill: ['fill-enclosed', 'fill-selected-box'],
    SymmetryComplete: ['complete-grid-symmetry', 'complete-object-symmetry'],
};
const SIDES = { min: 10, max: 10 };
/** Three train pairs, so a hint can name a pair after the first. */
const PAIR_COUNT = 4;
const TASKS_PER_RULE = 30;

const pool = new ProgramPool();

/** Up to `count` tasks the rule finishes (rejected candidates are skipped). */
function tasksOf(rule: SubRule, count: number): Task[] {
    const tasks: Task[] = [];
    for (let seed = 0; tasks.length < count && seed < 4 * count; seed++) {
        const ctx = { rng: new Random(`hints-${rule.name}-${seed}`), sizes: SIDES, pairCount: PAIR_COUNT };
        try {
            tasks.push(rule.make(ctx, SIDES));
        } catch (error) {
            if (!(error instanceof Rejection)) throw error;
        }
    }
    return tasks;
}

/** Whether the program reproduces the pair's output. */
async function explains(text: string, pair: Task['pairs'][number]): Promise<boolean> {
    const { program } = await pool.load(text);
    return program.tryRun(pair.input)?.equals(pair.output) ?? false;
}

describe('competitorFailsOn of the painting families', () => {
    for (const [family, names] of Object.entries(HINTED) as [FamilyName, string[]][]) {
        for (const rule of FAMILY_GENERATORS[family].subRules.filter((r) => names.includes(r.name))) {
            it(`${family} / ${rule.name}: each rival is hinted to a train pair it fails on`, async () => {
                const tasks = tasksOf(rule, TASKS_PER_RULE);
                assert.ok(tasks.length > 0, 'the rule finishes some tasks');
                let later = 0;
                for (const task of tasks) {
                    const hints = task.competitorFailsOn;
                    assert.ok(hints, 'the task gives hints');
                    assert.ok(hints.length <= task.competitors.length, 'no hint without a rival');
                    const train = task.pairs.slice(0, PAIR_COUNT - 1);
                    for (const [c, text] of task.competitors.entries()) {
                        // A rival without a hint is run from the first pair.
                        const pair = hints[c] ?? 0;
                        assert.ok(pair >= 0 && pair < train.length, `hint ${pair} names a train pair`);
                        if (pair > 0) later++;
                        if (!(await explains(text, train[pair]))) continue;
                        // Only a rival that explains every train pair (the task is ambiguous) has no pair to name.
                        for (const other of train) assert.ok(await explains(text, other), `${text}\nexplains its hinted pair ${pair} only`);
                    }
                }
                assert.ok(later > 0, 'some rival is sent past the first train pair');
            });
        }
    }
});
