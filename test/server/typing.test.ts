import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { TextDocument, URI } from 'langium';
import { setTextDocument } from 'langium/test';
import type { Diagnostic } from 'vscode-languageserver';
import { FLIP_TASK, services, shared } from './lsp.js';

const EXAMPLES = new URL('../../examples/', import.meta.url);

/** Every example, plus a document that uses most of the syntax. */
function documents(): [string, string][] {
    let files: string[] = [];
    try {
        files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.arcdsl'));
    } catch {
        // no examples folder yet
    }
    const own = `${FLIP_TASK}
// pick the largest object, then mirror it
let objs = objects(input, connectivity: 8)
let big = argmax(objs, o => size(o) * 2 - 1)
let n = count(filter(objs, o => color_of(o) != red and not (size(o) < 1)))
let g = input |> flip(axis: vertical)
output = choose(n >= 0, g, grid [1 0 | 0 1])
`;
    return [['syntax tour', own], ...files.map((f): [string, string] => [f, readFileSync(new URL(f, EXAMPLES), 'utf8')])];
}

const summary = (diagnostics: Diagnostic[] | undefined) =>
    (diagnostics ?? []).map((d) => `${d.range.start.line}:${d.range.start.character} ${d.message}`);

/**
 * Types each document character by character into one open document, as an editor would, and
 * validates every intermediate text: nothing may throw (the validator logs instead of failing, so
 * the log is watched), and the final diagnostics must equal those of the text opened fresh.
 */
describe('typing a document character by character', () => {
    const logged: string[] = [];
    const original = console.error;
    before(() => {
        console.error = (...args: unknown[]) => {
            logged.push(args.map((a) => (a instanceof Error ? a.stack : String(a))).join(' '));
        };
    });
    after(() => {
        console.error = original;
    });

    for (const [name, text] of documents()) {
        it(`never fails and never leaves stale diagnostics: ${name}`, async () => {
            const uri = URI.parse(`file:///typing/${encodeURIComponent(name)}.arcdsl`);
            const { DocumentBuilder, LangiumDocuments } = shared.workspace;
            let textDocument = TextDocument.create(uri.toString(), 'arcdsl', 0, '');
            const registration = setTextDocument(services, textDocument);
            try {
                await DocumentBuilder.update([uri], []);
                const document = await LangiumDocuments.getOrCreateDocument(uri);
                // Type the task block line by line when it is long (each line is a valid prefix state too),
                // the program character by character.
                const programStart = text.indexOf('\n}') < 0 ? 0 : text.indexOf('\n}') + 2;
                const cuts: number[] = [];
                for (let i = 1; i <= text.length; i++) {
                    if (i >= programStart || text[i - 1] === '\n' || text.length < 2000) cuts.push(i);
                }
                for (const cut of cuts) {
                    textDocument = TextDocument.update(textDocument, [{ text: text.slice(0, cut) }], textDocument.version + 1);
                    shared.workspace.TextDocuments.set(textDocument);
                    await DocumentBuilder.update([uri], []);
                    assert.ok(document.diagnostics, `no diagnostics after ${JSON.stringify(text.slice(Math.max(0, cut - 30), cut))}`);
                    assert.deepEqual(logged, [], `validation failed after typing ${JSON.stringify(text.slice(0, cut))}`);
                }
                const typed = summary(document.diagnostics);
                const fresh = await services.shared.workspace.LangiumDocumentFactory.fromString(
                    text,
                    URI.parse(`file:///typing/fresh-${encodeURIComponent(name)}.arcdsl`),
                );
                LangiumDocuments.addDocument(fresh);
                await DocumentBuilder.build([fresh], { validation: true });
                assert.deepEqual(typed, summary(fresh.diagnostics));
                await DocumentBuilder.update([], [fresh.uri]);
            } finally {
                registration.dispose();
                await DocumentBuilder.update([], [uri]);
            }
        });
    }
});
