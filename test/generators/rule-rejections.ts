// Rejections of one sub-rule over many indices: what the scene tests count to show a rival reading
// loses by construction.
import assert from 'node:assert/strict';
import { FAMILY_GENERATORS } from '../../generators/families/index.js';
import type { Family, FamilyName, RejectReason, SizeRange } from '../../generators/family.js';
import { DEFAULT_CONFIG, generateIndex } from '../../generators/generate.js';
import { ProgramPool } from '../../generators/programs.js';

const pool = new ProgramPool();

/** A family holding only the named sub-rule, so every index draws it. */
export function onlyRule(family: FamilyName, rule: string): Family {
    const generator = FAMILY_GENERATORS[family];
    const subRule = generator.subRules.find((r) => r.name === rule);
    assert.ok(subRule, `${family} has no sub-rule ${rule}`);
    return { name: generator.name, subRules: [subRule] };
}

/** Generates `count` indices (seed 'rivals') and adds up the rejections by reason; every index must give a record. */
export async function rejections(family: Family, count: number, sizes: SizeRange): Promise<Partial<Record<RejectReason, number>>> {
    const config = { ...DEFAULT_CONFIG, seed: 'rivals', sizes };
    const total: Partial<Record<RejectReason, number>> = {};
    for (let index = 0; index < count; index++) {
        const result = await generateIndex(family, index, config, pool);
        assert.ok(result.record, `index ${index} gave no record`);
        for (const [reason, n] of Object.entries(result.rejected))
            total[reason as RejectReason] = (total[reason as RejectReason] ?? 0) + (n ?? 0);
    }
    return total;
}
