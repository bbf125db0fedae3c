import type { Budget } from '../budget.js';
import type { Value } from '../values.js';

/** A default computed from the arguments before it, e.g. the background `most_color(g)`. */
export interface DerivedDefault {
    /** DSL text shown in docs, hovers and signature help. */
    text: string;
    compute: (args: readonly Value[]) => Value;
    /**
     * Set when the default is the most frequent colour of the grid argument at this index: a run may
     * then take it from values it shares with other runs on the same input (see SharedValues).
     */
    mostColorOf?: number;
}

export interface ParamSpec {
    name: string;
    /** A type in signature notation: `Grid`, `Objects`, `List<T>`, `(T) -> Int` (see types.ts). */
    type: string;
    default?: number | boolean | string | DerivedDefault;
    doc?: string;
}

export type BuiltinCategory =
    | 'grid'
    | 'colour'
    | 'objects'
    | 'selection'
    | 'lists'
    | 'geometry'
    | 'transform'
    | 'drawing'
    | 'filling'
    | 'logic';

/**
 * One primitive of the language, declared once. Completion, hover, signature help, the checker, the
 * interpreter and docs/dsl.md all read this record.
 */
export interface BuiltinSpec {
    name: string;
    category: BuiltinCategory;
    params: ParamSpec[];
    returns: string;
    doc: string;
    /** A one-line program fragment showing a typical call. */
    example: string;
    /** Arguments arrive complete (defaults filled) in parameter order. */
    impl: (args: Value[], budget: Budget) => Value;
    /**
     * A conditional: the first argument (a Bool) decides which of the next two is evaluated, and the
     * other never runs (so a fault there does not stop the program). `impl` still states the result.
     */
    conditional?: true;
}

export function defaultText(param: ParamSpec): string | undefined {
    const value = param.default;
    if (value === undefined) return undefined;
    if (typeof value === 'object') return value.text;
    return String(value);
}
