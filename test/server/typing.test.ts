import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type LangiumDocument, TextDocument, URI } from 'langium';
import { setTextDocument } from 'langium/test';
import type { Diagnostic } from 'vscode-languageserver';
import { DslError } from '../../language/errors.js';
import type * as ast from '../../language/generated/ast.js';
import type { Grid } from '../../language/grid.js';
import { compileProgram } from '../../language/interpreter.js';
import { gridOf } from '../../language/verify-task.js';
import { FLIP_TASK, services, shared } from './lsp.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

function arcdslFiles(dir: string): string[] {
    let entries: string[];
    try {
        entries = readdirSync(dir);
    } catch {
        return [];
    }
    return entries.sort().flatMap((name) => {
        const path = join(dir, name);
        if (name.endsWith('.arcdsl')) return [path];
        return name.includes('.') ? [] : arcdslFiles(path);
    });
}

/** Every example, plus a document that uses most of the syntax. */
function documents(): [string, string][] {
    const tour = `${FLIP_TASK}
// pick the largest object, then mirror it
let objs = objects(input, connectivity: 8)
let big = argmax(objs, o => size(o) * 2 - 1)
let n = count(filter(objs, o => color_of(o) != red and not (size(o) < 1)))
let g = input |> flip(axis: vertical)
output = choose(n >= 0, g, grid [1 0 | 0 1])
`;
    const examples = arcdslFiles(EXAMPLES).map((path): [string, string] => [relative(EXAMPLES, path), readFileSync(path, 'utf8')]);
    return [['syntax tour', tour], ...examples];
}

const summary = (diagnostics: Diagnostic[] | undefined) =>
    (diagnostics ?? []).map((d) => `${d.range.start.line}:${d.range.start.character} ${d.message}`);

/** One document open in the workspace whose text is replaced at every keystroke, as an editor does. */
class OpenDocument {
    private textDocument: TextDocument;
    private readonly registration: { dispose(): void };
    private constructor(
        readonly uri: URI,
        readonly document: LangiumDocument,
    ) {
        this.textDocument = TextDocument.create(uri.toString(), 'arcdsl', 0, '');
        this.registration = setTextDocument(services, this.textDocument);
    }

    static async open(name: string): Promise<OpenDocument> {
        const uri = URI.parse(`file:///typing/${encodeURIComponent(name)}`);
        shared.workspace.TextDocuments.set(TextDocument.create(uri.toString(), 'arcdsl', 0, ''));
        await shared.workspace.DocumentBuilder.update([uri], []);
        const open = new OpenDocument(uri, await shared.workspace.LangiumDocuments.getOrCreateDocument(uri));
        await open.type('');
        return open;
    }

    async type(text: string): Promise<void> {
        this.textDocument = TextDocument.update(this.textDocument, [{ text }], this.textDocument.version + 1);
        shared.workspace.TextDocuments.set(this.textDocument);
        await shared.workspace.DocumentBuilder.update([this.uri], []);
    }

    async close(): Promise<void> {
        this.registration.dispose();
        await shared.workspace.DocumentBuilder.update([], [this.uri]);
    }
}

async function freshDiagnostics(text: string, name: string): Promise<string[]> {
    const { DocumentBuilder, LangiumDocuments, LangiumDocumentFactory } = shared.workspace;
    const fresh = LangiumDocumentFactory.fromString(text, URI.parse(`file:///typing/fresh/${encodeURIComponent(name)}.arcdsl`));
    LangiumDocuments.addDocument(fresh);
    await DocumentBuilder.build([fresh], { validation: true });
    const result = summary(fresh.diagnostics);
    await DocumentBuilder.update([], [fresh.uri]);
    return result;
}

/**
 * Types each document's program character by character, validating every intermediate text the way
 * the server does; then the whole document. Nothing may throw (the validator logs exceptions instead
 * of failing, so the log is watched), every intermediate program that checks must run on the task's
 * inputs without anything but a DslError, and the final diagnostics must equal those of the document
 * opened fresh (nothing stale). The task block is typed whole: each keystroke re-parses the whole
 * text, and typing the big grids cell by cell would take minutes; intermediate programs run on its
 * inputs instead.
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
            const open = await OpenDocument.open(`${name}.typed.arcdsl`);
            try {
                await open.type(text);
                const root = open.document.parseResult.value as ast.Document;
                const taskEnd = root.task?.$cstNode?.end ?? 0;
                const inputs: Grid[] = root.task?.pairs.map((pair) => gridOf(pair.input)) ?? [];
                const program = text.slice(taskEnd);
                for (let cut = 0; cut <= program.length; cut++) {
                    const typed = program.slice(0, cut);
                    await open.type(typed);
                    const where = `after typing ${JSON.stringify(typed.slice(-40))} (character ${cut})`;
                    assert.deepEqual(logged, [], `validation failed ${where}`);
                    assert.ok(open.document.diagnostics, `no diagnostics ${where}`);
                    if (open.document.diagnostics.some((d) => d.severity === 1)) continue;
                    const compiled = compileProgram(open.document.parseResult.value as ast.Document);
                    for (const input of inputs) {
                        try {
                            compiled.run(input);
                        } catch (error) {
                            if (!(error instanceof DslError)) assert.fail(`${where}: ${error instanceof Error ? error.stack : error}`);
                        }
                    }
                }
                await open.type(text);
                assert.deepEqual(summary(open.document.diagnostics), await freshDiagnostics(text, name));
                assert.deepEqual(logged, []);
            } finally {
                await open.close();
            }
        });
    }
});
