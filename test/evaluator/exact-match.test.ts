import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkCandidate, sameProgram } from '../../evaluator/check-candidate.js';
import { CandidateExecutor } from '../../evaluator/execute-candidate.js';
import { identityTask } from './fixtures.js';

async function exact(candidate: string, solution: string): Promise<boolean> {
    const [a, b] = [await checkCandidate(candidate), await checkCandidate(solution)];
    return sameProgram(candidate, a.canonical, solution, b.canonical);
}

describe('exact match on canonical text', () => {
    it('ignores layout and comments, not meaning', async () => {
        const solution = 'let objs = objects(input, connectivity: 8)\noutput = crop(input, largest(objs))\n';
        assert.equal(
            await exact('let objs=objects(input,connectivity:8)   // the shapes\n\n\noutput=crop(input,largest(objs))', solution),
            true,
        );
        assert.equal(await exact('let objs = objects(input, connectivity: 4)\noutput = crop(input, largest(objs))', solution), false);
        assert.equal(await exact('let shapes = objects(input, connectivity: 8)\noutput = crop(input, largest(shapes))', solution), false);
    });

    it('compares the stripped raw text when a candidate does not parse', async () => {
        assert.equal(await exact('  output = = input \n', 'output = = input'), true);
        assert.equal(await exact('output = = input', 'output = input'), false);
    });

    it('tells parse errors from type errors, with a 1-based position', async () => {
        const parse = await checkCandidate('output = rotate(input 1)');
        assert.equal(parse.status, 'parse');
        assert.equal(parse.canonical, undefined);
        const type = await checkCandidate('\noutput = rotate(input, red, 3)');
        assert.equal(type.status, 'type');
        assert.match(type.message!, /^2:\d+ /);
        assert.equal(type.canonical, 'output = rotate(input, red, 3)\n');
    });

    it('scores a program nested too deeply for the parser as a parse error', async () => {
        const deep = await checkCandidate(`output = ${'('.repeat(2000)}input${')'.repeat(2000)}`);
        assert.equal(deep.status, 'parse');
        assert.match(deep.message!, /nests too deeply/);
        assert.equal((await checkCandidate('output = input')).status, 'ok');
    });

    it('checks a program text once however often it is sampled', async () => {
        const executor = new CandidateExecutor({ maxSteps: 1000, maxCells: 10_000 });
        await executor.addTask(identityTask('t', [[1, 2]]));
        const first = await executor.execute('t', 'output = flip(input, vertical)');
        const again = await executor.execute('t', 'output = flip(input, vertical)');
        assert.deepEqual(again, first);
        assert.deepEqual(first.got, [[2, 1]]);
        assert.deepEqual(await executor.checkOnly('t', 'output = input'), {
            status: 'ok',
            message: undefined,
            valid: true,
            exact: true,
            trainPassed: 0,
            trainTotal: 1,
            functional: false,
        });
    });
});
