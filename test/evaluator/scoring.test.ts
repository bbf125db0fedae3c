import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CandidateRecord } from '../../evaluator/candidates-log.js';
import type { ExecutionOutcome } from '../../evaluator/outcome.js';
import { passAtK } from '../../evaluator/pass-at-k.js';
import { score, scoreCandidate } from '../../evaluator/scoring.js';

function binomial(n: number, k: number): bigint {
    if (k < 0 || k > n) return 0n;
    let result = 1n;
    for (let i = 1; i <= k; i++) result = (result * BigInt(n - k + i)) / BigInt(i);
    return result;
}

/** 1 − C(n−c, k)/C(n, k) from exact integers, to 1e-18. */
function exactPassAtK(n: number, c: number, k: number): number {
    const scale = 10n ** 18n;
    const allWrong = (binomial(n - c, k) * scale) / binomial(n, k);
    return 1 - Number(allWrong) / 1e18;
}

describe('pass@k', () => {
    it('matches exact binomial combinatorics for every n ≤ 30, c ≤ n, k ≤ n', () => {
        let checked = 0;
        for (let n = 1; n <= 30; n++) {
            for (let c = 0; c <= n; c++) {
                for (let k = 1; k <= n; k++) {
                    const got = passAtK(n, c, k);
                    const want = exactPassAtK(n, c, k);
                    assert.ok(Math.abs(got - want) < 1e-12, `pass@${k} with n=${n}, c=${c}: ${got} vs exact ${want}`);
                    checked++;
                }
            }
        }
        assert.equal(checked, 9920);
    });

    it('stays exact where the binomials overflow floating point (n = 2000)', () => {
        for (const [c, k] of [
            [1, 1],
            [1, 100],
            [3, 1000],
            [1000, 10],
            [1999, 1999],
        ]) {
            assert.ok(Math.abs(passAtK(2000, c, k) - exactPassAtK(2000, c, k)) < 1e-12, `c=${c}, k=${k}`);
        }
    });

    it('is c/n at k = 1, 0 with no correct sample and 1 when fewer than k are wrong', () => {
        assert.ok(Math.abs(passAtK(20, 7, 1) - 7 / 20) < 1e-15);
        assert.equal(passAtK(20, 0, 10), 0);
        assert.equal(passAtK(20, 11, 10), 1);
    });

    it('refuses k > n and impossible counts', () => {
        assert.throws(() => passAtK(5, 1, 6), /needs at least 6 samples/);
        assert.throws(() => passAtK(5, 6, 1), RangeError);
        assert.throws(() => passAtK(5, 1, 0), RangeError);
    });
});

const outcome = (o: Partial<ExecutionOutcome>): ExecutionOutcome => ({
    status: 'ok',
    valid: true,
    exact: false,
    trainPassed: 2,
    trainTotal: 2,
    functional: false,
    ...o,
});

describe('scoring', () => {
    const task = { id: 't', family: 'MoveShape' };

    it('names the failure kind of a candidate', () => {
        const kind = (o: Partial<ExecutionOutcome>) => scoreCandidate(task, 0, 'p', outcome(o)).failure;
        assert.equal(kind({ functional: true }), null);
        assert.equal(kind({ got: [[1]] }), 'wrong_output');
        assert.equal(kind({ status: 'parse', valid: false, trainPassed: 0 }), 'parse');
        assert.equal(kind({ status: 'type', valid: false, trainPassed: 0 }), 'type');
        assert.equal(kind({ status: 'runtime', message: 'x' }), 'runtime');
        assert.equal(kind({ status: 'budget' }), 'budget');
        assert.equal(kind({ status: 'timeout', trainPassed: 0 }), 'timeout');
        assert.equal(kind({ status: 'crash', trainPassed: 0 }), 'crash');
    });

    it('counts train-consistency only for valid programs reproducing every train pair', () => {
        assert.equal(scoreCandidate(task, 0, 'p', outcome({ trainPassed: 2 })).trainConsistent, true);
        assert.equal(scoreCandidate(task, 0, 'p', outcome({ trainPassed: 1 })).trainConsistent, false);
        assert.equal(
            scoreCandidate(task, 0, 'p', outcome({ status: 'parse', valid: false, trainPassed: 0, trainTotal: 0 })).trainConsistent,
            false,
        );
    });

    /** Candidates of a task from a string: F functional, T train-consistent but wrong, x neither. */
    function candidates(id: string, family: string, pattern: string): CandidateRecord[] {
        return [...pattern].map((c, sample) => ({
            task: id,
            sample,
            family,
            program: c,
            valid: c !== 'x',
            exact: c === 'F',
            functional: c === 'F',
            trainConsistent: c !== 'x',
            trainPassed: c === 'x' ? 0 : 2,
            failure: c === 'F' ? null : c === 'T' ? 'wrong_output' : 'parse',
        }));
    }

    it('scores pass@k per task, verified@1 on the first train-consistent candidate, and families apart', () => {
        const tasks = [
            { id: 'a', family: 'Connect' },
            { id: 'b', family: 'Connect' },
            { id: 'c', family: 'FloodFill' },
        ];
        const records = [
            ...candidates('a', 'Connect', 'xFTx'), // first consistent is functional → verified
            ...candidates('b', 'Connect', 'xTFx'), // first consistent is wrong → not verified
            ...candidates('c', 'FloodFill', 'xxxx'),
            ...candidates('c', 'FloodFill', 'FFFFFF').slice(4), // samples 4 and 5: beyond n, ignored
        ];
        const scores = score(tasks, records, 4, [1, 2, 4]);
        const { overall } = scores;
        assert.equal(overall.candidates, 12);
        assert.equal(overall.functional, 2 / 12);
        assert.equal(overall.exact, 2 / 12);
        assert.equal(overall.valid, 4 / 12);
        const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} vs ${b}`);
        close(overall.passAtK[1], (1 / 4 + 1 / 4 + 0) / 3);
        close(overall.passAtK[2], (0.5 + 0.5 + 0) / 3); // C(3,2)/C(4,2) = 1/2 of pairs miss the one correct sample
        close(overall.passAtK[4], 2 / 3);
        assert.equal(overall.verifiedAt1, 1 / 3);
        assert.deepEqual(overall.failures, { parse: 8, type: 0, runtime: 0, budget: 0, timeout: 0, crash: 0, wrong_output: 2 });
        assert.equal(scores.byFamily.Connect.verifiedAt1, 1 / 2);
        assert.equal(scores.byFamily.FloodFill.passAtK[4], 0);
        assert.deepEqual(scores.passAtKOmitted, []);
    });

    it('leaves out pass@k for a k that some task has fewer samples for', () => {
        const tasks = [
            { id: 'a', family: 'Connect' },
            { id: 'b', family: 'Connect' },
        ];
        const scores = score(tasks, [...candidates('a', 'Connect', 'FFF'), ...candidates('b', 'Connect', 'F')], 3, [1, 3]);
        assert.deepEqual(Object.keys(scores.overall.passAtK), ['1']);
        assert.deepEqual(scores.passAtKOmitted, [{ k: 3, reason: 'task b has 1 samples, fewer than 3' }]);
    });
});
