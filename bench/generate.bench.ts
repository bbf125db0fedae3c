// Generator throughput: accepted (verified) records per second, per family, on one core. Each family
// runs twice with one program pool: a cold pass (every new program is parsed, checked and compiled —
// what a short run pays) and a warm pass over other indices (programs already compiled — what a long
// run approaches). Rates are given per CPU-second (this process's user+system time) and per wall
// second; on a busy machine the CPU figure is the one to compare.
//
//   node --require ./scripts/polyfill.cjs --import tsx bench/generate.bench.ts [--count 300] [--sizes 10-10] [--family Connect]… [--verify-time] [--json] [--sources]
//
// The bench measures the generators as the CLI runs them: it bundles itself with the CLI's esbuild
// settings and runs the bundle (see bench/bundled.ts). --sources measures the TypeScript sources
// under tsx instead (its keepNames transform makes the generators ~1.7× slower).
//
// --verify-time adds the CPU time inside verifyTask and toRecord per accepted record (two getrusage
// calls per candidate, which the rates then include).
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { FAMILY_GENERATORS } from '../generators/families/index.js';
import { FAMILY_NAMES } from '../generators/family.js';
import { DEFAULT_CONFIG, generateIndex, type VerifyTiming } from '../generators/generate.js';
import { ProgramPool } from '../generators/programs.js';
import { runBundled } from './bundled.js';

const { values } = parseArgs({
    options: {
        count: { type: 'string', default: '300' },
        sizes: { type: 'string', default: '10-10' },
        family: { type: 'string', multiple: true },
        json: { type: 'boolean' },
        'verify-time': { type: 'boolean' },
        sources: { type: 'boolean' },
    },
});
const count = Number(values.count);
const [min, max] = (values.sizes as string).split('-').map(Number);
const config = { ...DEFAULT_CONFIG, seed: 'bench', sizes: { min, max: max ?? min } };

interface Pass {
    accepted: number;
    rejected: number;
    cpuSeconds: number;
    wallSeconds: number;
    compiled: number;
    instantiated: number;
    programs: Set<string>;
    verifyMicros: number;
}

async function pass(family: (typeof FAMILY_NAMES)[number], pool: ProgramPool, from: number): Promise<Pass> {
    const compiledBefore = pool.compiled;
    const instantiatedBefore = pool.instantiated;
    const programs = new Set<string>();
    let accepted = 0;
    let rejected = 0;
    const timing: VerifyTiming | undefined = values['verify-time'] ? { micros: 0 } : undefined;
    const cpu = process.cpuUsage();
    const wall = performance.now();
    for (let index = from; index < from + count; index++) {
        const answer = generateIndex(FAMILY_GENERATORS[family], index, config, pool, timing);
        const result = answer instanceof Promise ? await answer : answer;
        rejected += Object.values(result.rejected).reduce((a, b) => a + (b ?? 0), 0);
        if (result.record) {
            accepted++;
            programs.add(result.record.solution);
        }
    }
    const used = process.cpuUsage(cpu);
    return {
        accepted,
        rejected,
        cpuSeconds: (used.user + used.system) / 1e6,
        wallSeconds: (performance.now() - wall) / 1000,
        compiled: pool.compiled - compiledBefore,
        instantiated: pool.instantiated - instantiatedBefore,
        programs,
        verifyMicros: timing?.micros ?? 0,
    };
}

async function main(): Promise<void> {
    const rows: Record<string, number | string>[] = [];
    for (const family of FAMILY_NAMES.filter((f) => !values.family || values.family.includes(f))) {
        const pool = new ProgramPool(20_000);
        const cold = await pass(family, pool, 0);
        const warm = await pass(family, pool, count);
        rows.push({
            family,
            'cold rec/cpu-s': Math.round(cold.accepted / cold.cpuSeconds),
            'warm rec/cpu-s': Math.round(warm.accepted / warm.cpuSeconds),
            'warm rec/wall-s': Math.round(warm.accepted / warm.wallSeconds),
            acceptance: `${((100 * (cold.accepted + warm.accepted)) / (cold.accepted + warm.accepted + cold.rejected + warm.rejected)).toFixed(0)}%`,
            'texts parsed (cold/warm)': `${cold.compiled}/${warm.compiled}`,
            'texts built from a parsed form (cold/warm)': `${cold.instantiated}/${warm.instantiated}`,
            [`distinct programs per ${2 * count}`]: new Set([...cold.programs, ...warm.programs]).size,
            ...(values['verify-time'] ? { 'warm verify+record µs/rec (cpu)': Math.round(warm.verifyMicros / warm.accepted) } : {}),
        });
    }

    if (values.json) {
        process.stdout.write(
            `${JSON.stringify({ count, sizes: values.sizes, bundled: !import.meta.url.endsWith('.ts'), cpu: cpus()[0]?.model, rows }, null, 2)}\n`,
        );
    } else {
        const columns = Object.keys(rows[0]);
        const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
        const code = import.meta.url.endsWith('.ts') ? 'TypeScript sources under tsx' : 'esbuild bundle';
        process.stdout.write(
            `${count} + ${count} records per family, sides ${values.sizes}, ${code}, ${cpus()[0]?.model ?? 'unknown CPU'}\n\n`,
        );
        process.stdout.write(
            `${[line(columns), line(columns.map(() => '---')), ...rows.map((r) => line(columns.map((c) => r[c])))].join('\n')}\n`,
        );
    }
}

runBundled(import.meta.url, main);
