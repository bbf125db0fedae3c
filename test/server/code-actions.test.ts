import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'langium';
import { validationHelper } from 'langium/test';
import { type CodeAction, CodeActionKind, type Diagnostic } from 'vscode-languageserver';
import { services } from './lsp.js';

const validate = validationHelper(services);

/** Validates `text`, asks for the fixes of the diagnostics matching `which`, and applies the first one. */
async function fix(
    text: string,
    which: (d: Diagnostic) => boolean,
): Promise<{ action: CodeAction; after: string; diagnosticsAfter: string[] }> {
    const before = await validate(text);
    try {
        const diagnostics = before.diagnostics.filter(which);
        assert.equal(diagnostics.length, 1, JSON.stringify(before.diagnostics));
        const actions = (await services.lsp.CodeActionProvider?.getCodeActions(before.document, {
            textDocument: { uri: before.document.textDocument.uri },
            range: diagnostics[0].range,
            context: { diagnostics, triggerKind: 1 },
        })) as CodeAction[];
        assert.equal(actions.length, 1);
        const [action] = actions;
        const after = TextDocument.applyEdits(before.document.textDocument, action.edit?.changes?.[before.document.textDocument.uri] ?? []);
        const validatedAfter = await validate(after);
        const diagnosticsAfter = validatedAfter.diagnostics.map((d) => String(d.message));
        await validatedAfter.dispose();
        return { action, after, diagnosticsAfter };
    } finally {
        await before.dispose();
    }
}

describe('quick fixes', () => {
    it('replaces an unknown builtin with the closest one', async () => {
        const { action, after, diagnosticsAfter } = await fix('output = rotat(input)\n', (d) => d.code === 'unknown-builtin');
        assert.equal(action.title, "Change to 'rotate'");
        assert.equal(action.kind, CodeActionKind.QuickFix);
        assert.equal(after, 'output = rotate(input)\n');
        assert.deepEqual(diagnosticsAfter, []);
    });

    it('replaces an unknown name with the closest one in scope', async () => {
        const { action, after } = await fix('let shapes = objects(input)\noutput = crop(input, largest(shape))\n', (d) =>
            String(d.message).startsWith('unknown name'),
        );
        assert.equal(action.title, "Change to 'shapes'");
        assert.equal(after, 'let shapes = objects(input)\noutput = crop(input, largest(shapes))\n');
    });

    it('adds a missing output from the last let', async () => {
        const { action, after, diagnosticsAfter } = await fix(
            'let big = crop(input, largest(objects(input)))',
            (d) => d.code === 'missing-output',
        );
        assert.equal(action.title, 'Add `output = …`');
        assert.equal(after, 'let big = crop(input, largest(objects(input)))\noutput = big\n');
        assert.deepEqual(diagnosticsAfter, []);
    });
});
