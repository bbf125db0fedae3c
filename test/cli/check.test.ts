import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { arcdsl, assertUsageError, tempDir } from './run-cli.js';

const TASK = 'task "turn" {\n  train [1 2 | 3 4] -> [3 1 | 4 2]\n  train [5 0 | 0 0] -> [0 5 | 0 0]\n}\n\n';

describe('arcdsl check', () => {
    const dir = tempDir();
    const otherDir = tempDir();
    const write = (name: string, text: string) => {
        const path = join(dir, name);
        mkdirSync(join(path, '..'), { recursive: true });
        writeFileSync(path, text);
        return path;
    };
    const good = write('a-good.arcdsl', `${TASK}output = rotate(input)\n`);
    const wrong = write('b-wrong.arcdsl', `${TASK}let unused = 1\noutput = rotate(input, turns: 2)\n`);
    const typo = write('nested/c-typo.arcdsl', 'output = rotate(inptu)\n');
    const fault = write(
        'nested/deeper/d-fault.arcdsl',
        'task "f" {\n  train [0 0] -> [1]\n}\n\noutput = crop(input, largest(objects(input)))\n',
    );
    write('nested/ignored.txt', 'output = nonsense(\n');

    it('prints every problem as file:line:col: severity: message, with task mismatches and runtime errors', () => {
        const result = arcdsl(['check', dir]);
        assert.equal(result.code, 1);
        assert.equal(
            result.stdout,
            [
                `${wrong}:6:5: warning: 'unused' is never used`,
                `${wrong}:7:1: error: train 1: 4 cells differ, first at row 0, col 0`,
                `${wrong}:7:1: error: train 2: 2 cells differ, first at row 0, col 1`,
                `${typo}:1:17: error: unknown name 'inptu'.`,
                `${fault}:5:30: error: train 1: largest: the object list is empty`,
                '4 files checked: 4 errors, 1 warning; 2/5 task pairs match',
                '',
            ].join('\n'),
        );
    });

    it('exits 0 when nothing is wrong', () => {
        const result = arcdsl(['check', good]);
        assert.equal(result.code, 0, result.stdout);
        assert.equal(result.stdout, '1 file checked: 0 errors, 0 warnings; 2/2 task pairs match\n');
    });

    it('reports a document nested too deeply to parse in one line, not a crash', () => {
        const deep = join(otherDir, 'deep.arcdsl');
        writeFileSync(deep, `output = ${'('.repeat(200)}input${')'.repeat(200)}\n`);
        const result = arcdsl(['check', deep]);
        assert.equal(result.code, 1);
        assert.equal(result.stderr, `arcdsl: ${deep}: the document nests too deeply to parse (Maximum call stack size exceeded)\n`);
    });

    it('treats a missing path as a usage mistake', () => {
        assertUsageError(arcdsl(['check', join(dir, 'nope.arcdsl')]), /check: .*nope\.arcdsl: no such file or directory/);
        assertUsageError(arcdsl(['check']), /check: name at least one \.arcdsl file or directory/);
    });
});
