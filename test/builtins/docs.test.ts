import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { builtinMarkdown, dslReference } from '../../language/builtin-docs.js';
import { BUILTINS, builtinSignature } from '../../language/builtins/table.js';

describe('the generated reference', () => {
    const reference = dslReference();

    it('has a section per builtin with its signature and example', () => {
        for (const builtin of BUILTINS.values()) {
            assert.ok(reference.includes(`\n### ${builtin.name}\n\n${builtinMarkdown(builtin)}\n`), builtin.name);
            assert.ok(builtinMarkdown(builtin).includes(builtinSignature(builtin)), builtin.name);
            assert.ok(builtinMarkdown(builtin).includes(builtin.example), builtin.name);
        }
    });

    it('tables every parameter that has a default, with the default', () => {
        const markdown = builtinMarkdown(BUILTINS.get('paste')!);
        assert.ok(markdown.includes('| `transparent` | `Color` | `none` |'), markdown);
        assert.ok(builtinMarkdown(BUILTINS.get('width')!).includes('| `x` | `Grid\\|Object` |'), 'a | inside a table cell is escaped');
        assert.ok(builtinMarkdown(BUILTINS.get('objects')!).includes('| `bg` | `Color` | `most_color(g)` |'));
    });

    it('introduces the colours, directions, tie rules and limits', () => {
        for (const text of ['| 9 | `maroon` |', '`down_right` (1, 1)', '`antidiagonal`', '**Ties**', '200,000 steps', '30×30']) {
            assert.ok(reference.includes(text), text);
        }
    });
});

describe('arcdsl docs', () => {
    const cli = (...args: string[]) => spawnSync(process.execPath, ['dist/cli.cjs', 'docs', ...args], { encoding: 'utf8' });

    it('prints the reference', () => {
        const result = cli();
        assert.equal(result.status, 0, result.stderr);
        assert.ok(result.stdout === dslReference(), 'dist/cli.cjs prints another reference than the sources make: run npm run build');
    });

    it('refuses arguments with one line and exit code 2', () => {
        const result = cli('--out', 'x.md');
        assert.equal(result.status, 2);
        assert.equal(result.stdout, '');
        assert.equal(result.stderr, "arcdsl: docs takes no arguments, got '--out'\n");
    });
});
