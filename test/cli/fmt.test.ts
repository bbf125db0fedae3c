import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { arcdsl, assertUsageError, tempDir } from './run-cli.js';

const MESSY = `// A turn.
task   "turn"  {train [1 2|3 4]->[3 1|4 2]   // the only pair
}
let a=rotate( input , /* quarter */ turns:1)
output=a // done
`;
const CANONICAL = `// A turn.
task "turn" {
  train [1 2 | 3 4] -> [3 1 | 4 2] // the only pair
}

/* quarter */
let a = rotate(input, turns: 1)
output = a // done
`;

describe('arcdsl fmt', () => {
    const dir = tempDir();
    const write = (name: string, text: string) => {
        const path = join(dir, name);
        mkdirSync(join(path, '..'), { recursive: true });
        writeFileSync(path, text);
        return path;
    };

    it('rewrites files canonically, keeping comments, and leaves canonical files alone', () => {
        const messy = write('sub/messy.arcdsl', MESSY);
        const clean = write('clean.arcdsl', CANONICAL);
        const result = arcdsl(['fmt', dir]);
        assert.equal(result.code, 0, result.stderr);
        assert.equal(result.stdout, `formatted ${messy}\n`);
        assert.equal(readFileSync(messy, 'utf8'), CANONICAL);
        assert.equal(readFileSync(clean, 'utf8'), CANONICAL);
    });

    it('--check lists files that would change, changes nothing and exits 1', () => {
        const messy = write('check/messy.arcdsl', MESSY);
        const clean = write('check/clean.arcdsl', CANONICAL);
        const result = arcdsl(['fmt', '--check', messy, clean]);
        assert.equal(result.code, 1);
        assert.equal(result.stdout, `${messy}\n`);
        assert.match(result.stderr, /1 of 2 files not canonical/);
        assert.equal(readFileSync(messy, 'utf8'), MESSY);
        assert.equal(arcdsl(['fmt', '--check', clean]).code, 0);
    });

    it('refuses to format a file that does not parse, printing why', () => {
        const broken = write('broken/broken.arcdsl', 'let a = rotate(input\noutput = a\n');
        const result = arcdsl(['fmt', broken]);
        assert.equal(result.code, 1);
        assert.match(result.stderr, new RegExp(`^${broken}:\\d+:\\d+: error: .+\\n${broken}: not formatted: it does not parse\\n$`));
        assert.equal(readFileSync(broken, 'utf8'), 'let a = rotate(input\noutput = a\n');
    });

    it('treats a missing file as a usage mistake', () => {
        assertUsageError(arcdsl(['fmt', join(dir, 'none.arcdsl')]), /fmt: .*none\.arcdsl: no such file or directory/);
    });
});
