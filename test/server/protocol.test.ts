import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
    CompletionRequest,
    DocumentFormattingRequest,
    DocumentSymbolRequest,
    HoverRequest,
    MarkupContent,
    SignatureHelpRequest,
} from 'vscode-languageserver-protocol/node';
import { PREVIEW_REQUEST, type PreviewResult } from '../../server/preview-protocol.js';
import { StdioClient } from './stdio-client.js';

const URI = 'file:///protocol/flip.arcdsl';
const TASK = `task "flip" family MirrorShape {
  train [1 0 0 | 2 0 0] -> [0 0 1 | 0 0 2]
  test [4 4 0 | 0 0 0] -> [0 4 4 | 0 0 0]
}
`;
const WRONG = `${TASK}let f = rotate(input, turns: 2)\noutput = f\n`;
const RIGHT = `${TASK}let f = flip(input)\noutput   =  f\n`;

/** The bundled server over stdio, driven as an editor drives it. */
describe('language server protocol (node dist/server.cjs --stdio)', () => {
    let client: StdioClient;

    before(async () => {
        client = new StdioClient();
        await client.initialize();
    });

    after(() => client.kill());

    it('publishes checker and verification diagnostics on open, and clears them when fixed', async () => {
        await client.open(URI, WRONG);
        await client.until(() => client.diagnosticsOf(URI, 1) !== undefined);
        const opened = client
            .diagnosticsOf(URI, 1)
            ?.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.message}`);
        assert.deepEqual(opened, [
            '5:0 train 1: 2 cells differ, first at row 0, col 2',
            '5:0 test 1: 4 cells differ, first at row 0, col 1',
        ]);
        assert.deepEqual(client.statuses.get(URI), {
            uri: URI,
            version: 1,
            status: 'fail',
            summary: '0/2 pairs pass',
            passed: 0,
            total: 2,
        });

        const version = await client.change(URI, RIGHT);
        await client.until(() => client.diagnosticsOf(URI, version) !== undefined);
        assert.deepEqual(client.diagnosticsOf(URI, version)?.diagnostics, []);
        assert.equal(client.statuses.get(URI)?.summary, '2/2 pairs pass');
    });

    it('completes builtins with their signatures', async () => {
        const list = await client.connection.sendRequest(CompletionRequest.type, {
            textDocument: { uri: URI },
            position: { line: 4, character: 8 },
        });
        const items = Array.isArray(list) ? list : (list?.items ?? []);
        const flood = items.find((i) => i.label === 'flood_fill');
        assert.ok(flood, items.map((i) => i.label).join(' '));
        assert.match(flood.detail ?? '', /^\(g: Grid, at: Point, color: Color/);
    });

    it('gives signature help for the call under the cursor', async () => {
        const help = await client.connection.sendRequest(SignatureHelpRequest.type, {
            textDocument: { uri: URI },
            position: { line: 4, character: 13 },
        });
        assert.match(help?.signatures[0].label ?? '', /^flip\(g: Grid/);
    });

    it('hovers a let with its value on the first train input as an image', async () => {
        const hover = await client.connection.sendRequest(HoverRequest.type, {
            textDocument: { uri: URI },
            position: { line: 5, character: 14 },
        });
        assert.ok(hover && MarkupContent.is(hover.contents));
        assert.match(hover.contents.value, /let f: Grid/);
        assert.match(hover.contents.value, /!\[2×3 grid\]\(data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+\)/);
    });

    it('formats with the canonical printer', async () => {
        const edits = await client.connection.sendRequest(DocumentFormattingRequest.type, {
            textDocument: { uri: URI },
            options: { tabSize: 4, insertSpaces: true },
        });
        assert.equal(edits?.length, 1);
        assert.match(edits?.[0].newText ?? '', /\noutput = f\n$/);
    });

    it('outlines the document', async () => {
        const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: URI } });
        assert.deepEqual(
            symbols?.map((s) => s.name),
            ['flip', 'f', 'output'],
        );
    });

    it('answers the Grid Preview request with every pair', async () => {
        const preview = await client.connection.sendRequest<PreviewResult | null>(PREVIEW_REQUEST, { uri: URI });
        assert.ok(preview);
        assert.equal(preview.status, 'pass');
        assert.deepEqual(
            preview.pairs.map((p) => [p.label, p.status, p.actual, p.lets.map((l) => l.name)]),
            [
                [
                    'train 1',
                    'pass',
                    [
                        [0, 0, 1],
                        [0, 0, 2],
                    ],
                    ['f'],
                ],
                [
                    'test 1',
                    'pass',
                    [
                        [0, 4, 4],
                        [0, 0, 0],
                    ],
                    ['f'],
                ],
            ],
        );
        assert.equal(await client.connection.sendRequest(PREVIEW_REQUEST, { uri: 'file:///protocol/unknown.arcdsl' }), null);
    });

    it('survives a runaway program: the step budget cuts it and the server keeps answering', async () => {
        const runaway = `${TASK}let b = blank(30, 30)\nlet n = count(map(points(b, 0), p => count(map(points(b, 0), q => 1))))\noutput = choose(n > 0, b, b)\n`;
        const version = await client.change(URI, runaway);
        await client.until(() => client.diagnosticsOf(URI, version) !== undefined);
        const messages = client.diagnosticsOf(URI, version)?.diagnostics.map((d) => d.message);
        assert.deepEqual(messages, ['train 1: map: the program ran more than 200000 steps']);
        const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: URI } });
        assert.equal(symbols?.length, 4);
    });

    it('shuts down and exits cleanly', async () => {
        assert.equal(await client.shutdown(), 0);
    });
});
