import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ExecutionOutcome } from '../../evaluator/outcome.js';
import { SandboxError, SandboxPool } from '../../evaluator/sandbox-pool.js';
import { identityTask, scatteredGrid, seeded } from './fixtures.js';

// A 10×10 grid of scattered cells: objects(input) has dozens of objects, so nesting over them explodes.
const GRID = scatteredGrid(seeded(7));
const TASK = identityTask('scattered', GRID);
const OK = 'output = input';
/** Legal and total, but objects⁸ steps: far over the default budget, days without one (objects⁵ ran in ~1 s on an idle machine). */
const ENDLESS =
    'let o = objects(input)\noutput = fold(o, input, (g, a) => fold(o, g, (h, b) => fold(o, h, (k, c) => fold(o, k, (m, d) => fold(o, m, (n, e) => fold(o, n, (p, f) => fold(o, p, (q, x) => fold(o, q, (r, y) => r))))))))';
/** Builds objects⁵ lists before using one: gigabytes of JS heap. */
const MEMORY_HOG =
    'let o = objects(input)\n' +
    'let all = map(o, a => map(o, b => map(o, c => map(o, d => map(o, e => [a, b, c, d, e])))))\n' +
    'output = crop(input, nth(nth(nth(nth(nth(nth(all, 0), 0), 0), 0), 0), 0))';

function assertOk(outcome: ExecutionOutcome): void {
    assert.deepEqual(outcome, { status: 'ok', valid: true, exact: true, trainPassed: 1, trainTotal: 1, functional: true });
}

describe('sandbox pool, default limits', () => {
    let pool: SandboxPool;
    before(() => {
        pool = new SandboxPool({ workers: 2, timeoutMs: 20_000 });
    });
    after(() => pool.close());

    it('scores valid, wrong, invalid and failing programs, each with its kind', async () => {
        const [ok, wrong, parse, type, runtime] = await Promise.all(
            [
                OK,
                'output = rotate(input, 2)',
                'output = = input',
                'output = count(input)',
                'output = crop(input, nth(objects(input), 500))',
            ].map((p) => pool.execute(TASK, p)),
        );
        assertOk(ok);
        assert.equal(wrong.status, 'ok');
        assert.equal(wrong.functional, false);
        assert.deepEqual(
            wrong.got,
            [...GRID].reverse().map((row) => [...row].reverse()),
        );
        assert.equal(parse.status, 'parse');
        assert.equal(parse.valid, false);
        assert.equal(type.status, 'type');
        assert.match(type.message!, /^1:\d+ .*count/);
        assert.equal(runtime.status, 'runtime');
        assert.match(runtime.message!, /nth: index 500 is outside a list of \d+ items/);
    });

    it('stops a program that exhausts the step budget, and a size bomb, and goes on', async () => {
        const executed = pool.stats.executed;
        const [endless, bomb, scaled, ok] = await Promise.all(
            [ENDLESS, 'output = tile(input, 10, 10)', 'output = scale(input, 4)', OK].map((p) => pool.execute(TASK, p)),
        );
        assert.equal(endless.status, 'budget');
        assert.match(endless.message!, /more than 200000 steps/);
        assert.equal(endless.valid, true);
        assert.equal(bomb.status, 'runtime');
        assert.match(bomb.message!, /100×100 grid; the most is 30×30/);
        assert.equal(scaled.status, 'runtime');
        assertOk(ok);
        assert.deepEqual(pool.stats, { executed: executed + 4, timeouts: 0, crashes: 0, replacements: 0 });
    });
});

const NO_BUDGET = { maxSteps: 1e15, maxCells: 1e15 };

describe('sandbox pool, no budget: wall-clock timeout', () => {
    let pool: SandboxPool;
    before(() => {
        pool = new SandboxPool({ workers: 2, timeoutMs: 1500, limits: NO_BUDGET });
    });
    after(() => pool.close());

    it('kills a worker whose candidate runs past the timeout, records it, and runs the rest', async () => {
        const outcomes = await Promise.all([OK, ENDLESS, OK, OK, OK].map((p) => pool.execute(TASK, p)));
        assert.equal(outcomes[1].status, 'timeout');
        assert.match(outcomes[1].message!, /no result within 1500 ms/);
        // Learnt from a check-only rerun on a fresh worker: the program itself is valid.
        assert.equal(outcomes[1].valid, true);
        assert.equal(outcomes[1].exact, false);
        for (const i of [0, 2, 3, 4]) assertOk(outcomes[i]);
        assert.equal(pool.stats.timeouts, 1);
        assert.ok(pool.stats.replacements >= 1);
    });
});

describe('sandbox pool, no budget: lost workers', () => {
    let pool: SandboxPool;
    before(() => {
        pool = new SandboxPool({ workers: 1, timeoutMs: 60_000, memoryMb: 64, limits: NO_BUDGET });
    });
    after(() => pool.close());

    it('records a worker killed by a signal mid-candidate as a crash, and runs the rest', async () => {
        const before = { ...pool.stats };
        const hung = pool.execute(TASK, ENDLESS);
        while (pool.busyWorkerPids().length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
        process.kill(pool.busyWorkerPids()[0], 'SIGKILL');
        const [crash, ...rest] = await Promise.all([hung, pool.execute(TASK, OK), pool.execute(TASK, OK)]);
        assert.equal(crash.status, 'crash');
        assert.match(crash.message!, /the sandbox worker died \(signal SIGKILL\)/);
        assert.equal(crash.valid, true);
        rest.forEach(assertOk);
        assert.equal(pool.stats.crashes, before.crashes + 1);
        assert.equal(pool.stats.timeouts, before.timeouts);
    });

    it('records a candidate that exceeds the heap cap as a crash, and runs the rest', async () => {
        const [hog, ok] = await Promise.all([pool.execute(TASK, MEMORY_HOG), pool.execute(TASK, OK)]);
        assert.equal(hog.status, 'crash', JSON.stringify(hog));
        assert.match(hog.message!, /heap|memory/i);
        assertOk(ok);
    });
});

describe('sandbox pool whose workers cannot start', () => {
    it('gives up after a few attempts with the reason, instead of respawning forever', async () => {
        const pool = new SandboxPool({ workers: 2, worker: { path: '/nonexistent/sandbox-worker.cjs', execArgv: [] } });
        try {
            await assert.rejects(pool.execute(TASK, OK), (error: Error) => {
                assert.ok(error instanceof SandboxError);
                assert.match(
                    error.message,
                    /^sandbox workers fail to start \(\/nonexistent\/sandbox-worker\.cjs\): Error: Cannot find module/,
                );
                return true;
            });
            await assert.rejects(pool.execute(TASK, OK), /sandbox workers fail to start/);
        } finally {
            await pool.close();
        }
    });
});
