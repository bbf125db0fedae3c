// Editor latency: how soon after a keystroke the language server has re-verified a 30×30 task and the
// Grid Preview has its new data. Drives the bundled server (`node dist/server.cjs --stdio`) exactly as
// the VS Code client does: didChange → (validation + verification) → publishDiagnostics and the
// `arcdsl/status` notification → `arcdsl/preview` request → response. Also completion and hover.
//
//   npm run build && node --require ./scripts/polyfill.cjs --import tsx bench/preview.bench.ts [--json]
import { EmptyFileSystem, URI } from 'langium';
import { CompletionRequest, HoverRequest } from 'vscode-languageserver-protocol/node';
import { Grid } from '../language/grid.js';
import { compileText } from '../language/load.js';
import { createArcDslLspServices } from '../server/arc-dsl-lsp-module.js';
import { PREVIEW_REQUEST, type PreviewResult } from '../server/preview-protocol.js';
import { StdioClient } from '../test/server/stdio-client.js';

const KEYSTROKES = 60;
const QUERIES = 60;
const SIDE = 30;

/** A reproducible 30×30 grid: background 0 and a dozen blobs grown from seed cells. */
function sampleGrid(seed: number): Grid {
    let state = seed >>> 0;
    const random = () => {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        return state / 4294967296;
    };
    const int = (n: number) => Math.floor(random() * n);
    const rows = Array.from({ length: SIDE }, () => new Array<number>(SIDE).fill(0));
    for (let b = 0; b < 12; b++) {
        const color = 1 + int(9);
        let [r, c] = [int(SIDE), int(SIDE)];
        for (let n = 5 + int(25); n > 0; n--) {
            rows[r][c] = color;
            [r, c] = [Math.min(SIDE - 1, Math.max(0, r + int(3) - 1)), Math.min(SIDE - 1, Math.max(0, c + int(3) - 1))];
        }
    }
    return Grid.fromRows(rows);
}

/** Rows on their own lines, as a person lays out a big grid. */
function literal(grid: Grid): string {
    return `[${grid
        .toRows()
        .map((row) => row.join(' '))
        .join(' |\n     ')}]`;
}

const PROGRAM = (color: string) => `let objs = objects(input, connectivity: 8)
let big = argmax(objs, o => size(o) * 10 + width(o))
let painted = paint(input, big, color: ${color})
output = painted
`;

/** A 30×30 task (3 train pairs, 1 test pair) whose outputs the program with `red` produces. */
async function task(): Promise<string> {
    const { program } = await compileText(PROGRAM('red'));
    const pairs = [1, 2, 3, 4].map((seed, i) => {
        const input = sampleGrid(seed);
        const output = program.run(input);
        return `  ${i < 3 ? 'train' : 'test'} ${literal(input)}\n  -> ${literal(output)}`;
    });
    return `task "recolour-biggest" family CreateShape {\n${pairs.join('\n')}\n}\n\n`;
}

function stats(samples: number[]): { p50: number; p95: number; max: number } {
    const sorted = [...samples].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    return { p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
}

const ms = (n: number) => `${n.toFixed(1)} ms`;

/**
 * The server's own work per keystroke, in process: parse + link + check + verify the document, as CPU
 * milliseconds of this thread (wall-clock latency depends on what else the machine runs).
 */
async function cpuPerRebuild(text: string, variants: string[], head: string): Promise<{ p50: number; p95: number; max: number }> {
    const { shared } = createArcDslLspServices(EmptyFileSystem);
    const { DocumentBuilder, LangiumDocuments, LangiumDocumentFactory } = shared.workspace;
    const samples: number[] = [];
    for (let i = 0; i < KEYSTROKES; i++) {
        const source = i === 0 ? text : head + PROGRAM(variants[i % variants.length]);
        const uri = URI.parse(`file:///bench/cpu-${i}.arcdsl`);
        const before = process.cpuUsage();
        const document = LangiumDocumentFactory.fromString(source, uri);
        LangiumDocuments.addDocument(document);
        await DocumentBuilder.build([document], { validation: true });
        const used = process.cpuUsage(before);
        samples.push((used.user + used.system) / 1000);
        await DocumentBuilder.update([], [uri]);
    }
    return stats(samples.slice(5));
}

async function main(): Promise<void> {
    const head = await task();
    const uri = 'file:///bench/recolour-biggest.arcdsl';
    const client = new StdioClient();
    await client.initialize();
    // Alternating keystroke edits: `red` (all pairs pass) and `rex`…`reb` (unknown names) and
    // `blue` (every pair fails with diffs), so each one changes diagnostics and preview.
    const variants = ['red', 'blue', 're', 'red', 'green', 'blue'];
    await client.open(uri, head + PROGRAM('red'));
    await client.until(() => client.diagnosticsOf(uri, 1) !== undefined, 60_000);
    const lines = (head + PROGRAM('red')).split('\n').length;

    const diagnostics: number[] = [];
    const preview: number[] = [];
    for (let i = 0; i < KEYSTROKES; i++) {
        const text = head + PROGRAM(variants[i % variants.length]);
        const start = performance.now();
        const version = await client.change(uri, text);
        await client.until(() => client.diagnosticsOf(uri, version) !== undefined);
        diagnostics.push(performance.now() - start);
        const result = await client.connection.sendRequest<PreviewResult | null>(PREVIEW_REQUEST, { uri });
        preview.push(performance.now() - start);
        if (result?.pairs.length !== 4) throw new Error(`bad preview: ${JSON.stringify(result).slice(0, 200)}`);
    }

    const text = head + PROGRAM('red');
    const version = await client.change(uri, text);
    await client.until(() => client.diagnosticsOf(uri, version) !== undefined);
    const programLine = text.split('\n').findIndex((l) => l.startsWith('let painted'));
    const completion: number[] = [];
    const hover: number[] = [];
    for (let i = 0; i < QUERIES; i++) {
        let start = performance.now();
        await client.connection.sendRequest(CompletionRequest.type, {
            textDocument: { uri },
            position: { line: programLine, character: 14 },
        });
        completion.push(performance.now() - start);
        start = performance.now();
        // `big` in `paint(input, big, …)`: a let whose value is an object, drawn as an image.
        await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: programLine, character: 28 } });
        hover.push(performance.now() - start);
    }
    await client.shutdown();
    const cpu = await cpuPerRebuild(text, variants, head);

    const figures = {
        document: { lines, grids: '8 × 30×30', pairs: 4 },
        keystroke_to_diagnostics: stats(diagnostics),
        keystroke_to_preview: stats(preview),
        completion: stats(completion),
        hover: stats(hover),
        cpu_per_rebuild: cpu,
    };
    if (process.argv.includes('--json')) {
        process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
        return;
    }
    const row = (name: string, s: { p50: number; p95: number; max: number }) => `| ${name} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.max)} |`;
    process.stdout.write(
        [
            `30×30 task: ${lines} lines, 4 pairs (8 grids of 30×30), ${KEYSTROKES} edits, ${QUERIES} queries`,
            '',
            '| from a keystroke (didChange) to … | p50 | p95 | max |',
            '|---|---|---|---|',
            row('diagnostics incl. verification published', figures.keystroke_to_diagnostics),
            row('Grid Preview data received', figures.keystroke_to_preview),
            row('completion (request → response)', figures.completion),
            row('hover with a grid image (request → response)', figures.hover),
            row('server CPU per edit: parse + check + verify (in process)', figures.cpu_per_rebuild),
            '',
        ].join('\n'),
    );
}

await main();
