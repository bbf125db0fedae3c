import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MarkupContent } from 'vscode-languageserver';
import { FLIP_TASK, services, validated } from './lsp.js';

async function hints(text: string): Promise<{ at: string; label: string; tooltip?: string }[]> {
    const document = await validated(text);
    const found = await services.lsp.InlayHintProvider?.getInlayHints(document, {
        textDocument: { uri: document.textDocument.uri },
        range: { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(text.length) },
    });
    return (found ?? []).map((hint) => ({
        at: `${hint.position.line + 1}:${hint.position.character + 1}`,
        label: String(hint.label),
        ...(MarkupContent.is(hint.tooltip) ? { tooltip: hint.tooltip.value.slice(0, 41) } : {}),
    }));
}

describe('inlay hints', () => {
    it('shows grid sizes, let and parameter types, and let values on the first train input', async () => {
        const text = `${FLIP_TASK}let f = flip(input)\nlet n = count(map(objects(f), o => size(o)))\noutput = f\n`;
        assert.deepEqual(await hints(text), [
            { at: '2:24', label: '2×3' },
            { at: '2:43', label: '2×3' },
            { at: '3:24', label: '2×3' },
            { at: '3:43', label: '2×3' },
            { at: '4:23', label: '2×3' },
            { at: '4:42', label: '2×3' },
            { at: '6:6', label: ': Grid' },
            { at: '6:20', label: '= grid 2×3', tooltip: '![f on train 1](data:image/svg+xml;base64' },
            { at: '7:6', label: ': Int' },
            { at: '7:45', label: '= 2' },
            { at: '7:32', label: ': Object' },
        ]);
    });

    it('shows types but no values when the program does not run', async () => {
        const text = 'let f = flip(input)\noutput = f\n';
        assert.deepEqual(await hints(text), [{ at: '1:6', label: ': Grid' }]);
    });
});
