import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'langium';
import { clearDocuments, expectFindReferences, expectGoToDefinition, parseDocument, replaceIndices } from 'langium/test';
import { markers, services } from './lsp.js';

const goToDefinition = expectGoToDefinition(services);
const findReferences = expectFindReferences(services);

async function rename(text: string, newName: string): Promise<string> {
    const { output, indices } = replaceIndices({ ...markers, text });
    const document = await parseDocument(services, output);
    try {
        const edit = await services.lsp.RenameProvider?.rename(document, {
            textDocument: { uri: document.textDocument.uri },
            position: document.textDocument.positionAt(indices[0]),
            newName,
        });
        const edits = edit?.changes?.[document.textDocument.uri] ?? [];
        return TextDocument.applyEdits(document.textDocument, edits);
    } finally {
        await clearDocuments(services, [document]);
    }
}

describe('go to definition, references, rename', () => {
    it('goes from a use of a let to its name', async () => {
        await goToDefinition({
            ...markers,
            text: 'let <<objs>> = objects(input)\noutput = crop(input, largest(<|>objs))\n',
            index: 0,
            rangeIndex: 0,
            disposeAfterCheck: true,
        });
    });

    it('goes from a use of a lambda parameter to the parameter', async () => {
        await goToDefinition({
            ...markers,
            text: 'output = crop(input, argmax(objects(input), <<o>> => size(<|>o)))\n',
            index: 0,
            rangeIndex: 0,
            disposeAfterCheck: true,
        });
    });

    it('finds every use of a let', async () => {
        await findReferences({
            ...markers,
            text: 'let <<ob<|>js>> = objects(input)\nlet big = largest(<<objs>>)\noutput = crop(input, argmin(<<objs>>, o => size(o)))\n',
            includeDeclaration: true,
            disposeAfterCheck: true,
        });
    });

    it('renames a let and its uses, and nothing else', async () => {
        const after = await rename('let objs = objects(input)\noutput = crop(input, largest(<|>objs))\n// objs\n', 'shapes');
        assert.equal(after, 'let shapes = objects(input)\noutput = crop(input, largest(shapes))\n// objs\n');
    });

    it('renames a lambda parameter inside its lambda only', async () => {
        const after = await rename('let o = input\noutput = crop(o, argmax(objects(o), <|>o => size(o)))\n', 'obj');
        assert.equal(after, 'let o = input\noutput = crop(o, argmax(objects(o), obj => size(obj)))\n');
    });
});
