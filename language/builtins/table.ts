import { type DslType, parseType } from '../types.js';
import { completionBuiltins } from './completion.js';
import { compositionBuiltins } from './composition.js';
import { connectingBuiltins } from './connecting.js';
import { drawingBuiltins } from './drawing.js';
import { fillingBuiltins } from './filling.js';
import { gridInfoBuiltins } from './grid-info.js';
import { listBuiltins } from './lists.js';
import { logicBuiltins } from './logic.js';
import { numberBuiltins } from './numbers.js';
import { objectBuiltins } from './objects.js';
import { paintingBuiltins } from './painting.js';
import { regionBuiltins } from './regions.js';
import { selectionBuiltins } from './selection.js';
import type { BuiltinSpec, ParamSpec } from './spec.js';
import { transformBuiltins } from './transform.js';

/** A builtin with its signature types parsed once. */
export interface Builtin extends BuiltinSpec {
    paramTypes: DslType[];
    returnType: DslType;
}

const ALL_SPECS: BuiltinSpec[] = [
    ...objectBuiltins,
    ...selectionBuiltins,
    ...gridInfoBuiltins,
    ...listBuiltins,
    ...logicBuiltins,
    ...transformBuiltins,
    ...paintingBuiltins,
    ...drawingBuiltins,
    ...fillingBuiltins,
    ...compositionBuiltins,
    // Grown from the real ARC tasks in examples/arc/.
    ...regionBuiltins,
    ...numberBuiltins,
    ...connectingBuiltins,
    ...completionBuiltins,
];

function load(specs: BuiltinSpec[]): Map<string, Builtin> {
    const table = new Map<string, Builtin>();
    for (const spec of specs) {
        if (table.has(spec.name)) throw new Error(`builtin '${spec.name}' is declared twice`);
        table.set(spec.name, {
            ...spec,
            paramTypes: spec.params.map((p: ParamSpec) => parseType(p.type)),
            returnType: parseType(spec.returns),
        });
    }
    return table;
}

/** The one table of primitives, by name. */
export const BUILTINS: ReadonlyMap<string, Builtin> = load(ALL_SPECS);

export function builtinSignature(builtin: Builtin): string {
    const params = builtin.params.map((p) => {
        const dflt = p.default === undefined ? '' : ` = ${typeof p.default === 'object' ? p.default.text : String(p.default)}`;
        return `${p.name}: ${p.type}${dflt}`;
    });
    return `${builtin.name}(${params.join(', ')}) -> ${builtin.returns}`;
}
