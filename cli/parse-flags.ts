import { UsageError } from './command.js';

/** A command's options: `--name value` (string) or `--name` (boolean). */
export type FlagSpec = Record<string, 'string' | 'boolean'>;

export interface ParsedFlags {
    strings: Map<string, string>;
    booleans: Set<string>;
    positionals: string[];
}

/**
 * Splits arguments into options and positionals (`--name value`, `--name=value`, `--` ends the
 * options, `-` is a positional). Unknown options and missing values are UsageErrors naming the command.
 */
export function parseFlags(command: string, args: readonly string[], spec: FlagSpec): ParsedFlags {
    const parsed: ParsedFlags = { strings: new Map(), booleans: new Set(), positionals: [] };
    const help = `run 'arcdsl ${command} --help'`;
    for (let i = 0; i < args.length; i++) {
        const arg = args[i];
        if (arg === '--') {
            parsed.positionals.push(...args.slice(i + 1));
            break;
        }
        if (!arg.startsWith('-') || arg === '-') {
            parsed.positionals.push(arg);
            continue;
        }
        const equals = arg.indexOf('=');
        const name = (equals < 0 ? arg : arg.slice(0, equals)).replace(/^--?/, '');
        const kind = spec[name];
        if (!kind) throw new UsageError(`${command}: unknown option '${arg}'; ${help}`);
        if (kind === 'boolean') {
            if (equals >= 0) throw new UsageError(`${command}: --${name} takes no value`);
            parsed.booleans.add(name);
            continue;
        }
        const value = equals >= 0 ? arg.slice(equals + 1) : args[++i];
        if (value === undefined || value === '') throw new UsageError(`${command}: --${name} needs a value; ${help}`);
        if (parsed.strings.has(name)) throw new UsageError(`${command}: --${name} is given twice`);
        parsed.strings.set(name, value);
    }
    return parsed;
}

/** Exactly `count` positionals, or a UsageError saying what is expected. */
export function expectPositionals(command: string, parsed: ParsedFlags, what: string, count: number): string[] {
    if (parsed.positionals.length !== count) {
        const got = parsed.positionals.length === 0 ? 'none' : parsed.positionals.join(' ');
        throw new UsageError(`${command}: expected ${what}, got ${got}; run 'arcdsl ${command} --help'`);
    }
    return parsed.positionals;
}

/** A whole-number option of at least `min`; `fallback` when it is not given. */
export function integerFlag(command: string, strings: Map<string, string>, name: string, fallback: number, min: number): number {
    const value = strings.get(name);
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value) || Number(value) < min)
        throw new UsageError(`${command}: --${name} must be a whole number ≥ ${min}, not '${value}'`);
    return Number(value);
}

/** A number option from `min` to `max`; `fallback` when it is not given. */
export function numberFlag(
    command: string,
    strings: Map<string, string>,
    name: string,
    fallback: number,
    min: number,
    max: number,
): number {
    const value = strings.get(name);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (value.trim() === '' || !Number.isFinite(parsed) || parsed < min || parsed > max) {
        throw new UsageError(`${command}: --${name} must be a number from ${min} to ${max}, not '${value}'`);
    }
    return parsed;
}
