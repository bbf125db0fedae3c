import assert from 'node:assert/strict';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { type CandidateRecord, CandidatesLog } from '../../evaluator/candidates-log.js';
import { tempDir } from './fixtures.js';

function candidate(task: string, sample: number): CandidateRecord {
    return {
        task,
        sample,
        family: 'Connect',
        program: 'output = input // ünïcode',
        valid: true,
        exact: false,
        functional: sample % 2 === 0,
        trainConsistent: true,
        trainPassed: 2,
        failure: sample % 2 === 0 ? null : 'wrong_output',
    };
}

describe('candidates log', () => {
    it('creates the file (and its folder) only on the first append', () => {
        const path = join(tempDir(), 'out', 'candidates.jsonl');
        const log = CandidatesLog.open(path);
        assert.equal(existsSync(path), false);
        log.append(candidate('a', 0));
        log.close();
        assert.equal(readFileSync(path, 'utf8'), `${JSON.stringify(candidate('a', 0))}\n`);
    });

    it('reads an earlier run back and never writes a (task, sample) twice', () => {
        const path = join(tempDir(), 'candidates.jsonl');
        const first = CandidatesLog.open(path);
        first.append(candidate('a', 0));
        first.append(candidate('a', 1));
        first.append(candidate('a', 1));
        first.close();
        const second = CandidatesLog.open(path);
        assert.equal(second.size, 2);
        assert.ok(second.has('a', 1) && !second.has('a', 2));
        second.append(candidate('a', 0));
        second.append(candidate('a', 2));
        second.close();
        assert.deepEqual(
            readFileSync(path, 'utf8')
                .trim()
                .split('\n')
                .map((line) => JSON.parse(line).sample),
            [0, 1, 2],
        );
    });

    it('cuts off a last line torn by a kill, even mid-character, and appends after it', () => {
        const path = join(tempDir(), 'candidates.jsonl');
        const whole = `${JSON.stringify(candidate('a', 0))}\n`;
        const torn = Buffer.from(JSON.stringify(candidate('a', 1)), 'utf8');
        writeFileSync(path, whole);
        // Ends inside the two-byte 'ü' of the program text.
        appendFileSync(path, torn.subarray(0, torn.indexOf(Buffer.from('ü')) + 1));
        const log = CandidatesLog.open(path);
        assert.equal(log.size, 1);
        assert.equal(readFileSync(path, 'utf8'), whole);
        log.append(candidate('a', 1));
        log.close();
        assert.equal(CandidatesLog.open(path).size, 2);
    });

    it('refuses a damaged line that is not the last, naming the line', () => {
        const path = join(tempDir(), 'candidates.jsonl');
        writeFileSync(path, `${JSON.stringify(candidate('a', 0))}\n{"task": oops\n${JSON.stringify(candidate('a', 1))}\n`);
        assert.throws(() => CandidatesLog.open(path), new RegExp(`${path}:2: not a JSON line`));
        writeFileSync(path, `{"task": "a"}\n`);
        assert.throws(() => CandidatesLog.open(path), /:1: not a candidate record/);
    });
});
