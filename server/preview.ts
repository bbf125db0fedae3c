import type { LangiumDocument } from 'langium';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { COLOR_HEX } from '../language/colors.js';
import type * as ast from '../language/generated/ast.js';
import { Grid } from '../language/grid.js';
import { type Verification, VerificationCodes } from '../language/verify-task.js';
import type { PreviewGrid, PreviewPair, PreviewResult, StatusParams } from './preview-protocol.js';

const MAX_PROBLEMS = 5;
const VERIFICATION_CODES = new Set<string>(Object.values(VerificationCodes));

/** The Grid Preview of a validated document: every pair with input / expected / actual, diffs and `let` grids. */
export function buildPreview(document: LangiumDocument, verification: Verification | undefined): PreviewResult {
    const root = document.parseResult.value as ast.Document;
    const lines = letLines(root);
    const pairs: PreviewPair[] = (verification?.pairs ?? []).map((run) => ({
        label: run.label,
        kind: run.pair.kind as 'train' | 'test',
        status: run.status,
        message: run.message,
        input: rowsOf(run.pair.input),
        expected: run.pair.output ? rowsOf(run.pair.output) : undefined,
        actual: run.actual?.toRows(),
        diff: run.diff,
        lets: run.trace.lets.flatMap(({ name, value }): PreviewGrid[] =>
            value instanceof Grid ? [{ name, rows: value.toRows(), line: lines.get(name) ?? 0 }] : [],
        ),
        line: run.pair.$cstNode?.range.start.line ?? 0,
    }));
    const problems = (document.diagnostics ?? [])
        .filter((d) => d.severity === DiagnosticSeverity.Error && !VERIFICATION_CODES.has(String(d.code)))
        .slice(0, MAX_PROBLEMS)
        .map((d) => ({ message: typeof d.message === 'string' ? d.message : d.message.value, line: d.range.start.line }));
    return {
        uri: document.uri.toString(),
        version: document.textDocument.version,
        title: root.task?.name ?? document.uri.path.split('/').at(-1) ?? '',
        family: root.task?.family,
        status: verification?.status ?? 'no-task',
        summary: verification?.summary ?? 'no task',
        palette: [...COLOR_HEX],
        problems,
        pairs,
    };
}

export function statusOf(document: LangiumDocument, verification: Verification | undefined): StatusParams {
    return {
        uri: document.uri.toString(),
        version: document.textDocument.version,
        status: verification?.status ?? 'no-task',
        summary: verification?.summary ?? 'no task',
        passed: verification?.passed ?? 0,
        total: verification?.total ?? 0,
    };
}

function rowsOf(literal: ast.GridLiteral): number[][] {
    return literal.rows.map((row) => [...row.cells]);
}

function letLines(root: ast.Document): Map<string, number> {
    const lines = new Map<string, number>();
    for (const statement of root.statements) {
        if (statement.$type === 'LetStatement' && !lines.has(statement.name)) {
            lines.set(statement.name, statement.$cstNode?.range.start.line ?? 0);
        }
    }
    return lines;
}
