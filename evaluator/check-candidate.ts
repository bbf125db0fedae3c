import type { Diagnostic } from 'vscode-languageserver';
import { DslError } from '../language/errors.js';
import { type CompiledProgram, compileProgram } from '../language/interpreter.js';
import { checkText, diagnosticText } from '../language/load.js';
import { printProgram } from '../language/printer.js';
import type { ProgramForms } from '../language/program-forms.js';

/** A candidate program after parsing and type checking. */
export interface CheckedCandidate {
    status: 'ok' | 'parse' | 'type';
    /** The first error, `line:col message` (1-based). */
    message?: string;
    /** Canonical text (comments dropped); undefined when the text does not parse. */
    canonical?: string;
    /** Set when status is ok. */
    program?: CompiledProgram;
    /** Built from a checked text of the same form, without a parse: its runtime errors' ranges are that text's. */
    fromForm?: boolean;
}

/**
 * Parses, type-checks, prints canonically and compiles a program text, with the language's own services.
 * With `forms`, a text of a form that checked before is built from that check instead (same outcome,
 * no parse), and a text that checks with no errors is remembered there.
 */
export async function checkCandidate(text: string, forms?: ProgramForms): Promise<CheckedCandidate> {
    const built = forms?.lookup(text);
    if (built) return { status: 'ok', canonical: built.canonical, program: built.program, fromForm: true };
    let checked: Awaited<ReturnType<typeof checkText>>;
    try {
        checked = await checkText(text);
    } catch (error) {
        // A program nested too deeply for the parser: a parse error, not a fault of the sandbox.
        if (error instanceof DslError && error.kind === 'parse') return { status: 'parse', message: `1:1 ${error.message}` };
        throw error;
    }
    const error = checked.diagnostics.find((d) => d.severity === 1);
    const parsed = !checked.diagnostics.some(isSyntaxError);
    const canonical = parsed ? printProgram(checked.document, { comments: false }) : undefined;
    if (error) return { status: parsed ? 'type' : 'parse', message: located(error), canonical };
    forms?.remember(text, checked.document);
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
