import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parseSplitSpec, SPLIT_NAMES } from '../../generators/dataset/split.js';
import { FAMILIES } from '../../language/colors.js';

// The four stages' options: validation (an input box shows the message; a caller gets it thrown)
// and the `arcdsl` arguments they become. No `vscode` here, so node:test covers it. The CLI checks
// every flag again; these checks only catch mistakes before a terminal opens.

export const FAMILY_NAMES: readonly string[] = FAMILIES;
export { SPLIT_NAMES };

/** A bad option passed by a caller of a stage command; the message names the field. */
export class StageOptionError extends Error {}

export interface GenerateOptions {
    /** Family names, or 'all'. */
    families: readonly string[] | 'all';
    count: number;
    /** Grid sides 'A-B' (1 ≤ A ≤ B ≤ 30). */
    sizes: string;
    seed: string;
    out: string;
}

export interface DatasetOptions {
    /** The folder of generated .jsonl files. */
    input: string;
    out: string;
    split: string;
    seed: string;
}

export interface FinetuneOptions {
    dataset: string;
    out: string;
    /** A pretrained model folder or hub name in the local cache; without it a model is trained from scratch. */
    model?: string;
    fromScratch: 'tiny' | 'small';
    /** 'R,ALPHA' LoRA adapters (with `model`). */
    lora?: string;
    epochs?: number;
    maxSteps?: number;
}

export interface EvaluateOptions {
    model: string;
    dataset: string;
    split: string;
    n: number;
    k: readonly number[];
    out: string;
}

// ---- one field at a time: a message, or undefined when the text is fine (InputBox.validateInput)

export function checkCount(text: string): string | undefined {
    return /^\d+$/.test(text.trim()) && Number(text) >= 1 ? undefined : 'a positive whole number of records per family, e.g. 100';
}

export function checkSizes(text: string): string | undefined {
    const match = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
    const min = match ? Number(match[1]) : Number.NaN;
    const max = match?.[2] !== undefined ? Number(match[2]) : min;
    return match && min >= 1 && max <= 30 && min <= max ? undefined : 'grid sides A-B with 1 ≤ A ≤ B ≤ 30, e.g. 3-30';
}

export function checkSeed(text: string): string | undefined {
    return text.trim() === '' || /\s/.test(text.trim()) ? 'a seed without spaces, e.g. 0' : undefined;
}

export function checkSplit(text: string): string | undefined {
    try {
        parseSplitSpec(text.trim());
        return undefined;
    } catch (error) {
        return (error as Error).message.replace(/^--split /, 'the split ');
    }
}

export function checkSamples(text: string): string | undefined {
    return /^\d+$/.test(text.trim()) && Number(text) >= 1 ? undefined : 'samples per task: a whole number ≥ 1, e.g. 20';
}

/** pass@k list `1,5,10`: whole numbers ≥ 1, none above n. */
export function checkK(text: string, n: number): string | undefined {
    const parts = text.split(',').map((p) => p.trim());
    if (parts.some((p) => !/^\d+$/.test(p) || Number(p) < 1)) return 'k values: whole numbers ≥ 1 like 1,5,10';
    const over = parts.find((p) => Number(p) > n);
    return over ? `pass@${over} needs at least ${over} samples per task (n is ${n})` : undefined;
}

export function checkEpochs(text: string): string | undefined {
    return /^\d+$/.test(text.trim()) && Number(text) >= 1 ? undefined : 'epochs: a whole number ≥ 1, e.g. 3';
}

export function checkFamilies(names: readonly string[]): string | undefined {
    if (names.length === 0) return 'pick at least one family';
    const unknown = names.find((n) => !FAMILY_NAMES.includes(n));
    return unknown ? `unknown family '${unknown}'; the families are ${FAMILY_NAMES.join(', ')}` : undefined;
}

// ---- options objects from callers (executeCommand('arcdsl.…', {...})): fields checked, defaults filled by the caller

type Raw = Record<string, unknown>;

function record(raw: unknown, command: string): Raw {
    if (raw === undefined || raw === null) return {};
    if (typeof raw !== 'object' || Array.isArray(raw)) throw new StageOptionError(`${command}: the argument must be an options object`);
    return raw as Raw;
}

function text(raw: Raw, field: string, command: string, check?: (t: string) => string | undefined): string | undefined {
    const value = raw[field];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' && typeof value !== 'number') throw new StageOptionError(`${command}: '${field}' must be a string`);
    const t = String(value).trim();
    const problem = t === '' ? 'must not be empty' : check?.(t);
    if (problem) throw new StageOptionError(`${command}: '${field}': ${problem}`);
    return t;
}

function whole(raw: Raw, field: string, command: string, check: (t: string) => string | undefined): number | undefined {
    const t = text(raw, field, command, check);
    return t === undefined ? undefined : Number(t);
}

export function generateOptionsFrom(raw: unknown): Partial<GenerateOptions> {
    const c = 'arcdsl.generateDataset';
    const r = record(raw, c);
    const options: Partial<GenerateOptions> = {};
    if (r.families !== undefined) {
        const list = Array.isArray(r.families)
            ? r.families.map(String)
            : typeof r.families === 'string'
              ? r.families.split(',')
              : undefined;
        if (!list) throw new StageOptionError(`${c}: 'families' must be a list of names or 'all'`);
        const names = list.map((n) => n.trim()).filter(Boolean);
        if (names.length === 1 && names[0] === 'all') options.families = 'all';
        else {
            const problem = checkFamilies(names);
            if (problem) throw new StageOptionError(`${c}: 'families': ${problem}`);
            options.families = names;
        }
    }
    options.count = whole(r, 'count', c, checkCount);
    const sizes = r.sizes as { min?: unknown; max?: unknown } | undefined;
    options.sizes =
        sizes && typeof sizes === 'object'
            ? text({ sizes: `${sizes.min}-${sizes.max}` }, 'sizes', c, checkSizes)
            : text(r, 'sizes', c, checkSizes);
    options.seed = text(r, 'seed', c, checkSeed);
    options.out = text(r, 'out', c);
    return withoutUndefined(options);
}

export function datasetOptionsFrom(raw: unknown): Partial<DatasetOptions> {
    const c = 'arcdsl.buildDataset';
    const r = record(raw, c);
    return withoutUndefined({
        input: text(r, 'input', c) ?? text(r, 'in', c),
        out: text(r, 'out', c),
        split: text(r, 'split', c, checkSplit),
        seed: text(r, 'seed', c, checkSeed),
    });
}

export function finetuneOptionsFrom(raw: unknown): Partial<FinetuneOptions> {
    const c = 'arcdsl.finetuneModel';
    const r = record(raw, c);
    const fromScratch = text(r, 'fromScratch', c, (t) => (t === 'tiny' || t === 'small' ? undefined : "'tiny' or 'small'"));
    return withoutUndefined({
        dataset: text(r, 'dataset', c),
        out: text(r, 'out', c),
        model: text(r, 'model', c),
        fromScratch: fromScratch as FinetuneOptions['fromScratch'] | undefined,
        lora: text(r, 'lora', c, (t) => (/^\d+,\d+$/.test(t) ? undefined : 'R,ALPHA like 16,32')),
        epochs: whole(r, 'epochs', c, checkEpochs),
        maxSteps: whole(r, 'maxSteps', c, checkEpochs),
    });
}

export function evaluateOptionsFrom(raw: unknown): Partial<EvaluateOptions> {
    const c = 'arcdsl.evaluateModel';
    const r = record(raw, c);
    const n = whole(r, 'n', c, checkSamples);
    const kText = Array.isArray(r.k) ? r.k.join(',') : r.k;
    const k = text({ k: kText }, 'k', c, (t) => checkK(t, n ?? Number.POSITIVE_INFINITY));
    return withoutUndefined({
        model: text(r, 'model', c),
        dataset: text(r, 'dataset', c),
        split: text(r, 'split', c, (t) => (SPLIT_NAMES.includes(t as never) ? undefined : `one of ${SPLIT_NAMES.join(', ')}`)),
        n,
        k: k?.split(',').map(Number),
        out: text(r, 'out', c),
    });
}

function withoutUndefined<T extends object>(options: T): T {
    return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as T;
}

// ---- arguments

export function generateArgs(o: GenerateOptions): string[] {
    const families = o.families === 'all' || o.families.length === FAMILY_NAMES.length ? 'all' : o.families.join(',');
    return ['generate', '--out', o.out, '--families', families, '--count', String(o.count), '--sizes', o.sizes, '--seed', o.seed];
}

export function datasetArgs(o: DatasetOptions): string[] {
    return ['dataset', '--in', o.input, '--out', o.out, '--split', o.split, '--seed', o.seed];
}

export function finetuneArgs(o: FinetuneOptions): string[] {
    const args = ['finetune', '--dataset', o.dataset, '--out', o.out];
    if (o.model) args.push('--model', o.model);
    else args.push('--from-scratch', o.fromScratch);
    if (o.model && o.lora) args.push('--lora', o.lora);
    if (o.maxSteps !== undefined) args.push('--max-steps', String(o.maxSteps));
    else if (o.epochs !== undefined) args.push('--epochs', String(o.epochs));
    return args;
}

export function evaluateArgs(o: EvaluateOptions): string[] {
    const args = ['evaluate', '--model', o.model, '--dataset', o.dataset, '--split', o.split, '--n', String(o.n), '--out', o.out];
    if (o.k.length > 0) args.push('--k', o.k.join(','));
    return args;
}

// ---- folders

/** `path` itself when absolute, else resolved against `base` (the workspace folder). */
export function resolveFrom(base: string, path: string): string {
    return isAbsolute(path) ? path : resolve(base, path);
}

/** `<parent>/<stem>-N` for the smallest N ≥ 1 that does not exist yet: a fresh output folder per run. */
export function nextFreeFolder(parent: string, stem: string): string {
    for (let n = 1; ; n++) {
        const candidate = join(parent, `${stem}-${n}`);
        if (!existsSync(candidate)) return candidate;
    }
}
