import type { Diagnostic } from 'vscode-languageserver';
import type { DslError, SourceRange } from '../language/errors.js';
import { diagnosticText } from '../language/load.js';

const SEVERITIES = ['error', 'error', 'warning', 'info', 'hint'];

/** `file:line:col: severity: message`, 1-based like compilers print them. */
export function formatDiagnostic(file: string, diagnostic: Pick<Diagnostic, 'range' | 'severity' | 'message'>): string {
    return formatProblem(file, diagnostic.range, SEVERITIES[diagnostic.severity ?? 1], diagnosticText(diagnostic as Diagnostic));
}

export function formatProblem(file: string, range: SourceRange | undefined, severity: string, message: string): string {
    const where = range ? `${file}:${range.start.line + 1}:${range.start.character + 1}` : file;
    return `${where}: ${severity}: ${message}`;
}

/** Whether a diagnostic is a lexing or parsing error (the AST is incomplete). */
export function isParseError(diagnostic: Diagnostic): boolean {
    const code = (diagnostic.data as { code?: string } | undefined)?.code;
    return diagnostic.severity === 1 && (code === 'lexing-error' || code === 'parsing-error');
}

/** Diagnostics in reading order (the checker reports some after a second pass). */
export function byPosition<T extends { range: SourceRange }>(items: T[]): T[] {
    return [...items].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** A DslError as JSON (`exec --jsonl` answers, `run --json`); the range is 0-based, LSP-style. */
export function errorJson(error: DslError): { kind: string; message: string; range: SourceRange | null } {
    return { kind: error.kind, message: error.message, range: error.range ?? null };
}
