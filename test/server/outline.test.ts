import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectFoldings, expectSymbols } from 'langium/test';
import { type DocumentSymbol, SymbolKind } from 'vscode-languageserver';
import { FLIP_TASK, markers, services } from './lsp.js';

const symbols = expectSymbols(services);
const foldings = expectFoldings(services);

describe('document symbols and folding', () => {
    it('outlines the task with its pairs, each let and the output', async () => {
        await symbols({
            text: `${FLIP_TASK}\nlet f = flip(input)\noutput = f\n`,
            assert: (found: DocumentSymbol[]) => {
                assert.deepEqual(
                    found.map((s) => [s.name, s.kind, s.detail]),
                    [
                        ['flip', SymbolKind.Module, 'MirrorShape'],
                        ['f', SymbolKind.Variable, undefined],
                        ['output', SymbolKind.Field, undefined],
                    ],
                );
                assert.deepEqual(
                    found[0].children?.map((s) => [s.name, s.detail]),
                    [
                        ['train 1', '2×3 → 2×3'],
                        ['train 2', '2×3 → 2×3'],
                        ['test 1', '2×3 → 2×3'],
                    ],
                );
                assert.deepEqual(found[1].selectionRange, { start: { line: 6, character: 4 }, end: { line: 6, character: 5 } });
            },
            disposeAfterCheck: true,
        });
    });

    it('folds the task block and grids of three or more lines, keeping the closing line visible', async () => {
        await foldings({
            ...markers,
            text: '<<task "t" {\n  train <<[1 0 |\n         0 1 |>>\n         1 1] -> [1]>>\n}\noutput = crop(input, largest(objects(input)))\n',
            disposeAfterCheck: true,
        });
    });
});
