import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFormatting, parseDocument } from 'langium/test';
import { services } from './lsp.js';

const format = expectFormatting(services);

describe('formatting', () => {
    it('prints the document canonically, keeping comments', async () => {
        await format({
            before: 'task   "flip" family MirrorShape {\ntrain [1 0 0 | 2 0 0] -> [0 0 1 | 0 0 2]\n      test [4 4 0 | 0 0 0]\n}\n// keep\nlet   f=flip( input ,axis:vertical)\noutput=f|>rotate(turns:2)\n',
            after: 'task "flip" family MirrorShape {\n  train [1 0 0 | 2 0 0] -> [0 0 1 | 0 0 2]\n  test  [4 4 0 | 0 0 0]\n}\n\n// keep\nlet f = flip(input, axis: vertical)\noutput = f |> rotate(turns: 2)\n',
            disposeAfterCheck: true,
        });
    });

    it('replaces the whole document with one edit, and none when it is already canonical', async () => {
        const document = await parseDocument(services, 'output   =  input\n');
        const edits = await services.lsp.Formatter?.formatDocument(document, {
            textDocument: { uri: document.uri.toString() },
            options: { tabSize: 4, insertSpaces: true },
        });
        assert.deepEqual(edits, [
            { range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, newText: 'output = input\n' },
        ]);
        const canonical = await parseDocument(services, 'output = input\n');
        assert.deepEqual(
            await services.lsp.Formatter?.formatDocument(canonical, {
                textDocument: { uri: canonical.uri.toString() },
                options: { tabSize: 4, insertSpaces: true },
            }),
            [],
        );
    });

    it('leaves a document that does not parse alone', async () => {
        await format({
            before: 'let a = rotate(input,\noutput = a\n',
            after: 'let a = rotate(input,\noutput = a\n',
            disposeAfterCheck: true,
        });
    });
});
