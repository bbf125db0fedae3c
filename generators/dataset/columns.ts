import { Field, Int64, List, Schema, Utf8 } from 'apache-arrow';
import { MIN_TRAIN_PAIRS } from './validate-record.js';

export type ColumnKind = 'string' | 'int' | 'grid';

export interface Column {
    name: string;
    kind: ColumnKind;
}

/**
 * The dataset's columns, in order: the seed schema (`train_input1` … `test_output`, `solution`,
 * `task_type`) plus `id`, `sub_rule`, `num_train`, `prompt`, `completion`, and `train_input3` …
 * `train_output5` (null where a record has fewer pairs) when some record has that many pairs.
 */
export function datasetColumns(maxTrainPairs: number): Column[] {
    const columns: Column[] = [
        { name: 'id', kind: 'string' },
        { name: 'task_type', kind: 'string' },
        { name: 'sub_rule', kind: 'string' },
        { name: 'num_train', kind: 'int' },
    ];
    for (let i = 1; i <= Math.max(maxTrainPairs, MIN_TRAIN_PAIRS); i++) {
        columns.push({ name: `train_input${i}`, kind: 'grid' }, { name: `train_output${i}`, kind: 'grid' });
    }
    columns.push(
        { name: 'test_input', kind: 'grid' },
        { name: 'test_output', kind: 'grid' },
        { name: 'solution', kind: 'string' },
        { name: 'prompt', kind: 'string' },
        { name: 'completion', kind: 'string' },
    );
    return columns;
}

const VALUE_STRING = { dtype: 'string', _type: 'Value' };
const VALUE_INT64 = { dtype: 'int64', _type: 'Value' };
// `Sequence`, not `List`: datasets 3.x only knows Sequence; 4.x and 5.x read both.
const GRID_FEATURE = { feature: { feature: VALUE_INT64, _type: 'Sequence' }, _type: 'Sequence' };

/** The `features` dict of Hugging Face `datasets` for these columns. */
export function hfFeatures(columns: readonly Column[]): Record<string, unknown> {
    const features: Record<string, unknown> = {};
    for (const column of columns) {
        features[column.name] = column.kind === 'string' ? VALUE_STRING : column.kind === 'int' ? VALUE_INT64 : GRID_FEATURE;
    }
    return features;
}

export const GRID_ROW_TYPE = new List(new Field('item', new Int64(), true));
export const GRID_TYPE = new List(new Field('item', GRID_ROW_TYPE, true));

/** The Arrow schema, carrying the features as `huggingface` metadata the way `datasets` writes it. */
export function arrowSchema(columns: readonly Column[]): Schema {
    const fields = columns.map(
        (column) => new Field(column.name, column.kind === 'string' ? new Utf8() : column.kind === 'int' ? new Int64() : GRID_TYPE, true),
    );
    const metadata = new Map([['huggingface', JSON.stringify({ info: { features: hfFeatures(columns) } })]]);
    return new Schema(fields, metadata);
}
