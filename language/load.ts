import './polyfill.js';
import { EmptyFileSystem } from 'langium';
import type { Diagnostic } from 'vscode-languageserver';
import { createArcDslServices } from './arc-dsl-module.js';
import { DslError, type SourceRange } from './errors.js';
import { checkDetached, ParserFailure } from './fast-check.js';
import type { Document } from './generated/ast.js';
import { type CompiledProgram, compileProgram } from './interpreter.js';

let services: ReturnType<typeof createArcDslServices> | undefined;

/** One shared set of core services for headless use (CLI, generators, evaluator). */
export function arcDslServices(): ReturnType<typeof createArcDslServices> {
    services ??= createArcDslServices(EmptyFileSystem, { production: true });
    return services;
}

export interface CheckedDocument {
    document: Document;
    diagnostics: Diagnostic[];
    /** Whether any diagnostic is an error (parse, link or type). */
    hasErrors: boolean;
}

/**
 * Parses, links and checks a document's text with the language server's services and diagnostics,
 * as a detached document (see fast-check.ts): nothing is added to the shared workspace. `_file` is
 * accepted for callers that know where the text came from; diagnostics carry ranges only.
 */
export async function checkText(text: string, _file?: string): Promise<CheckedDocument> {
    let checked: Awaited<ReturnType<typeof checkDetached>>;
    try {
        checked = await checkDetached(arcDslServices().ArcDsl, text);
    } catch (error) {
        throw tooDeep(error);
    }
    const { document, diagnostics } = checked;
    return { document, diagnostics, hasErrors: diagnostics.some((d) => d.severity === 1) };
}

/** Checks and compiles a program; the first error becomes a DslError with its range. */
export async function compileText(text: string): Promise<{ program: CompiledProgram; document: Document }> {
    const checked = await checkText(text);
    const error = checked.diagnostics.find((d) => d.severity === 1);
    if (error) {
        const kind = error.data?.code === 'lexing-error' || error.data?.code === 'parsing-error' ? 'parse' : 'type';
        throw new DslError(diagnosticText(error), kind, error.range as SourceRange);
    }
    return { program: compileProgram(checked.document), document: checked.document };
}

/** A diagnostic's message as plain text (LSP 3.18 allows markup). */
export function diagnosticText(diagnostic: Diagnostic): string {
    return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

/** A stack overflow while parsing (or a parser failure it caused) becomes a parse error; anything else is rethrown as is. */
function tooDeep(error: unknown): unknown {
    if (!(error instanceof ParserFailure || error instanceof RangeError)) return error;
    resetParser();
    const reason = error instanceof ParserFailure ? error.reason : error;
    const detail = reason instanceof RangeError ? reason.message : `the parser failed: ${error.message}`;
    return new DslError(`the document nests too deeply to parse (${detail})`, 'parse', {
        start: { line: 0, character: 0 },
        end: { line: 0, character: 0 },
    });
}

/**
 * A stack overflow inside the parser (a program nested ~70 parentheses deep) leaves Langium's rule
 * stack non-empty, and every later parse then fails; emptying it restores the shared parser.
 */
function resetParser(): void {
    const parser = arcDslServices().ArcDsl.parser.LangiumParser as unknown as { stack?: unknown[] };
    if (Array.isArray(parser.stack)) parser.stack.length = 0;
}
