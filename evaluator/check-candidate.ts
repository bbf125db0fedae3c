import type { Diagnostic } from 'vscode-languageserver';
import { type CompiledProgram, compileProgram } from '../language/interpreter.js';
import { arcDslServices, checkText, diagnosticText } from '../language/load.js';
import { printProgram } from '../language/printer.js';

/** A candidate program after parsing and type checking. */
export interface CheckedCandidate {
    status: 'ok' | 'parse' | 'type';
    /** The first error, `line:col message` (1-based). */
    message?: string;
    /** Canonical text (comments dropped); undefined when the text does not parse. */
    canonical?: string;
    /** Set when status is ok. */
    program?: CompiledProgram;
}

/** Parses, type-checks, prints canonically and compiles a program text, with the language's own services. */
export async function checkCandidate(text: string): Promise<CheckedCandidate> {
    const checked = await checkText(text);
    // checkText leaves every checked document in Langium's index, and each later check walks that index:
    // without this, a long-lived worker slows down with every program it has seen.
    const uri = checked.document.$document?.uri;
    if (uri) arcDslServices().shared.workspace.IndexManager.remove(uri);
    const error = checked.diagnostics.find((d) => d.severity === 1);
    const parsed = !checked.diagnostics.some(isSyntaxError);
    const canonical = parsed ? printProgram(checked.document, { comments: false }) : undefined;
    if (error) return { status: parsed ? 'type' : 'parse', message: located(error), canonical };
    return { status: 'ok', canonical, program: compileProgram(checked.document) };
}

/** Exact match: canonical texts when both parse, otherwise the raw texts with outer blank space stripped. */
export function sameProgram(
    candidateText: string,
    candidateCanonical: string | undefined,
    solutionText: string,
    solutionCanonical: string | undefined,
): boolean {
    if (candidateCanonical !== undefined && solutionCanonical !== undefined) return candidateCanonical === solutionCanonical;
    return candidateText.trim() === solutionText.trim();
}

function isSyntaxError(diagnostic: Diagnostic): boolean {
    const code = (diagnostic.data as { code?: unknown } | undefined)?.code;
    return diagnostic.severity === 1 && (code === 'lexing-error' || code === 'parsing-error');
}

function located(diagnostic: Diagnostic): string {
    const { line, character } = diagnostic.range.start;
    return `${line + 1}:${character + 1} ${diagnosticText(diagnostic)}`;
}
