import type { Value } from './values.js';

/** A 0-based source range, the same shape as an LSP Range. */
export interface SourceRange {
    start: { line: number; character: number };
    end: { line: number; character: number };
}

export type DslErrorKind = 'parse' | 'type' | 'runtime' | 'budget';

/** A fault in a DSL program, with the source range it concerns. Never a crash of the tool itself. */
export class DslError extends Error {
    constructor(
        message: string,
        readonly kind: DslErrorKind,
        readonly range?: SourceRange,
    ) {
        super(message);
    }
}

/**
 * Thrown by builtin implementations. `argument` names the parameter at fault so the interpreter can
 * point at that argument; otherwise the error points at the whole call.
 */
export class BuiltinFault extends Error {
    constructor(
        message: string,
        readonly argument?: string,
        readonly kind: 'runtime' | 'budget' = 'runtime',
    ) {
        super(message);
    }
}

/**
 * What a builtin returns in a quiet run where it would throw a BuiltinFault (see `Budget.fault`): the
 * run has failed. It is no value of the language; the interpreter stops the run where it sees one.
 */
export const QUIET_FAULT = Symbol('quiet fault') as unknown as Value;
