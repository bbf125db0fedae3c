import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkCandidate } from '../../evaluator/check-candidate.js';
import { CandidateExecutor } from '../../evaluator/execute-candidate.js';
import type { SandboxTask } from '../../evaluator/outcome.js';
import { DEFAULT_LIMITS } from '../../language/budget.js';
import { Grid } from '../../language/grid.js';
import { compileText } from '../../language/load.js';
import { ProgramForms } from '../../language/program-forms.js';
import { scatteredGrid, seeded } from './fixtures.js';

const random = seeded(11);
const INPUTS = [scatteredGrid(random), scatteredGrid(random), scatteredGrid(random)];

async function taskOf(id: string, solution: string): Promise<SandboxTask> {
    const { program } = await compileText(solution);
    const [a, b, test] = INPUTS.map((input) => ({ input, output: program.run(Grid.fromRows(input)).toRows() }));
    return { id, solution, train: [a, b], test };
}

describe('candidates built from a checked form', () => {
    it('give the outcome a fresh check gives, and skip the parse only for a known form checked OK', async () => {
        const tasks = [await taskOf('a', 'output = recolor(rotate(input, 2), 3, red)'), await taskOf('b', 'output = rotate(input, 3)')];
        const executor = new CandidateExecutor(DEFAULT_LIMITS);
        // No cache and no forms: every text parsed and checked by Langium.
        const fresh = new CandidateExecutor(DEFAULT_LIMITS, 0);
        for (const task of tasks) {
            await executor.addTask(task);
            await fresh.addTask(task);
        }
        const forms = new ProgramForms();
        await checkCandidate(tasks[0].solution, forms);
        await checkCandidate(tasks[1].solution, forms);
        const cases: [task: string, text: string, built: boolean][] = [
            ['a', 'output = recolor(rotate(input, 1), 4, blue)', true],
            ['a', 'output = recolor(rotate(input, 2), 3, red)', true],
            ['a', 'output = recolor(rotate(input, 2), 0, red)', true],
            // 12 as a colour leaves the 0–9 class: a type error found by the real check.
            ['a', 'output = recolor(rotate(input, 2), 12, red)', false],
            ['a', 'output = recolor(rotate(input, 13), 3, red)', false],
            ['a', 'output = recolor(rotate(input, 27), 5, maroon)', true],
            // A comment, or a word that is no literal of the form, is parsed.
            ['a', 'output = recolor(rotate(input, 1), 4, blue) // up', false],
            ['a', 'output = recolor(rotate(input, 1), 4, bleu)', false],
            ['a', 'output = recolor(rotate(input, 1), 4, flip(input, vertical))', false],
            ['b', 'output = rotate(input, 3)', true],
            ['b', 'output = rotate(input, 1)', true],
            ['b', 'output = rotate(input, 0)', true],
            ['a', 'output = rotate(input, 3)', true],
            ['a', 'output = rotate(input, 33)', false],
        ];
        for (const [task, text, built] of cases) {
            const candidate = await checkCandidate(text, forms);
            const parsed = await checkCandidate(text);
            assert.equal(candidate.fromForm ?? false, built, text);
            assert.deepEqual([candidate.status, candidate.canonical], [parsed.status, parsed.canonical], text);
            assert.deepEqual(await executor.execute(task, text), await fresh.execute(task, text), text);
            assert.deepEqual(await executor.checkOnly(task, text), await fresh.checkOnly(task, text), text);
        }
        assert.equal((await checkCandidate('output = recolor(rotate(input, 2), 12, red)', forms)).status, 'type');
        assert.equal((await executor.execute('b', 'output = rotate(input, 7)')).exact, false);
        assert.equal((await executor.execute('a', 'output = recolor(rotate(input, 6), 3, red)')).functional, true);
    });

    it('report a runtime fault at the candidate text’s own position', async () => {
        const task = await taskOf('c', 'output = input');
        const executor = new CandidateExecutor(DEFAULT_LIMITS);
        const fresh = new CandidateExecutor(DEFAULT_LIMITS, 0);
        await executor.addTask(task);
        await fresh.addTask(task);
        for (const text of [
            'output = crop(rotate(input, 10), nth(objects(input), 500))',
            'output = crop(rotate(input, 1000), nth(objects(input), 600))',
        ]) {
            const outcome = await executor.execute('c', text);
            assert.equal(outcome.status, 'runtime');
            assert.deepEqual(outcome, await fresh.execute('c', text), text);
        }
    });

    it('leave a program built earlier unchanged when the form is used again', async () => {
        const forms = new ProgramForms();
        const first = 'output = recolor(rotate(input, 1), 4, blue)';
        const checked = await compileText(first);
        forms.remember(first, checked.document);
        const one = forms.lookup('output = recolor(rotate(input, 2), 5, green)')!;
        const other = forms.lookup('output = recolor(rotate(input, 3), 6, yellow)')!;
        const input = Grid.fromRows(INPUTS[0]);
        const expected = (await compileText('output = recolor(rotate(input, 2), 5, green)')).program.run(input);
        assert.ok(one.program.run(input).equals(expected));
        assert.ok(!other.program.run(input).equals(expected));
        assert.equal(one.canonical, 'output = recolor(rotate(input, 2), 5, green)\n');
    });

    it('keep at most their capacity of forms', async () => {
        const forms = new ProgramForms(2);
        for (const text of ['output = rotate(input, 1)', 'output = flip(input, vertical)', 'output = scale(input, 2)']) {
            forms.remember(text, (await compileText(text)).document);
        }
        assert.equal(forms.size, 2);
        assert.equal(forms.lookup('output = rotate(input, 2)'), undefined);
        assert.ok(forms.lookup('output = scale(input, 3)'));
    });
});
