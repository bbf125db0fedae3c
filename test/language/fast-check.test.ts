import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { type LangiumDocument, URI } from 'langium';
import type { Diagnostic } from 'vscode-languageserver';
import { DslError } from '../../language/errors.js';
import type { Document } from '../../language/generated/ast.js';
import { arcDslServices, checkText } from '../../language/load.js';
import { printProgram } from '../../language/printer.js';
import { makeDocument, randomSource, SEEDS } from './fuzz-documents.js';

// checkText checks each text as a detached document (language/fast-check.ts). The language server
// builds documents in its workspace (index, linker, validation). Both must report the same
// diagnostics — message, range, severity, code — for every example and for fuzzed documents.

const EXAMPLES = join(import.meta.dirname, '../../examples');
const FUZZ_DOCUMENTS = 400;

let counter = 0;

/** The language server's path: a workspace document, built with validation, then removed. */
async function checkInWorkspace(text: string): Promise<{ document: Document; diagnostics: Diagnostic[] }> {
    const { shared } = arcDslServices();
    const uri = URI.parse(`memory:///workspace/${++counter}.arcdsl`);
    const document: LangiumDocument<Document> = shared.workspace.LangiumDocumentFactory.fromString<Document>(text, uri);
    shared.workspace.LangiumDocuments.addDocument(document);
    try {
        await shared.workspace.DocumentBuilder.build([document], { validation: true });
        return { document: document.parseResult.value, diagnostics: document.diagnostics ?? [] };
    } finally {
        shared.workspace.LangiumDocuments.deleteDocument(uri);
        shared.workspace.IndexManager.remove(uri);
    }
}

function summary(diagnostics: Diagnostic[]) {
    return diagnostics.map((d) => ({ message: d.message, range: d.range, severity: d.severity, code: d.code, data: d.data }));
}

async function assertSameDiagnostics(text: string, where: string): Promise<'checked' | 'errors' | 'too deep'> {
    let fast: Awaited<ReturnType<typeof checkText>>;
    try {
        fast = await checkText(text);
    } catch (error) {
        // Too deep to parse: the workspace build overflows the same way.
        assert.ok(error instanceof DslError, `${where}: checkText threw ${String(error)}`);
        await assert.rejects(checkInWorkspace(text), `${where}: only the fast path overflowed`);
        // The overflow left the shared parser's rule stack dirty; checkText empties it again.
        await assert.rejects(checkText(text), DslError);
        return 'too deep';
    }
    const full = await checkInWorkspace(text);
    assert.deepEqual(summary(fast.diagnostics), summary(full.diagnostics), `${where}:\n${text}`);
    if (fast.hasErrors) return 'errors';
    assert.equal(printProgram(fast.document), printProgram(full.document), `${where}: printed programs differ`);
    return 'checked';
}

function examples(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return examples(path);
        return entry.name.endsWith('.arcdsl') ? [path] : [];
    });
}

describe('checkText (detached) reports what the workspace build reports', () => {
    it('for every example', async () => {
        const files = examples(EXAMPLES);
        assert.ok(files.length > 50, `only ${files.length} examples found under ${EXAMPLES}`);
        for (const file of files) await assertSameDiagnostics(readFileSync(file, 'utf8'), file);
    });

    it(`for ${FUZZ_DOCUMENTS} fuzzed documents and the fuzz seeds`, async () => {
        const outcomes = { checked: 0, errors: 0, 'too deep': 0 };
        for (const seed of SEEDS) outcomes[await assertSameDiagnostics(seed, 'seed')]++;
        const random = randomSource(7);
        const consoleError = console.error;
        console.error = () => {}; // Langium logs checker crashes on partial ASTs; both paths must report them alike
        try {
            for (let i = 0; i < FUZZ_DOCUMENTS; i++) outcomes[await assertSameDiagnostics(makeDocument(random), `fuzz document ${i}`)]++;
        } finally {
            console.error = consoleError;
        }
        // Both kinds must be well represented, or the comparison says little.
        assert.ok(outcomes.checked > 80 && outcomes.errors > 150, JSON.stringify(outcomes));
    });

    it('for links: unknown names with suggestions, shadowing lambda parameters, use before let', async () => {
        const texts = [
            'let objs = objects(input)\noutput = crop(input, largest(obj))',
            'let o = 3\noutput = recolor(input, from: o, to: nth(map(objects(input), o => size(o)), 0))',
            'output = recolor(input, from: a, to: 2)\nlet a = 1',
            'let a = 1\nlet a = 2\noutput = recolor(input, from: a, to: 2)',
            'output = fold(objects(input), input, (g, g) => g)',
            'output = rotate',
            'output = map(objects(input), o => p)',
        ];
        for (const text of texts) await assertSameDiagnostics(text, 'link case');
    });

    it('a document nested too deeply is a parse error, and later documents still check', async () => {
        const deep = `output = ${'('.repeat(2000)}input${')'.repeat(2000)}`;
        await assert.rejects(checkText(deep), (error: unknown) => error instanceof DslError && /nests too deeply/.test(error.message));
        assert.deepEqual((await checkText('output = input')).diagnostics, []);
    });
});
