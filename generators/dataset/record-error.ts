/** Why a record was turned away; `--skip-invalid` counts rejected records by these. */
export type RejectReason =
    | 'malformed JSON'
    | 'missing or mistyped field'
    | 'invalid grid'
    | 'unknown family'
    | 'solution does not compile'
    | 'solution is not canonical'
    | 'solution fails'
    | 'solution gives a different output'
    | 'duplicate id';

/** A bad input record, named by file, line and (when one field is at fault) the field. */
export class RecordError extends Error {
    constructor(
        readonly file: string,
        readonly line: number,
        readonly field: string | undefined,
        readonly reason: RejectReason,
        readonly detail: string,
    ) {
        super(`${file}:${line}: ${field && !detail.startsWith(field) ? `${field}: ` : ''}${detail}`);
    }
}
