import { createInterface } from 'node:readline';
import { DEFAULT_LIMITS, type Limits } from '../../language/budget.js';
import { DslError } from '../../language/errors.js';
import { Grid, gridProblem } from '../../language/grid.js';
import { CompiledProgram } from '../../language/interpreter.js';
import { compileText } from '../../language/load.js';
import { type Command, UsageError } from '../command.js';
import { errorJson } from '../diagnostics-format.js';
import { parseFlags } from '../parse-flags.js';
import { jsonSyntaxError } from '../read-json.js';

export const execCommand: Command = {
    summary: 'Serve program runs over JSON lines on stdin/stdout (for the trainer and evaluator)',
    usage: `arcdsl exec --jsonl

Reads one request per line on stdin and writes one answer per line on stdout, in order:

  {"id": 1, "program": "output = rotate(input)", "input": [[0, 1], [2, 3]], "limits": {"maxSteps": 1000}}
  -> {"id": 1, "output": [[2, 0], [3, 1]]}
  -> {"id": 1, "error": {"kind": "parse"|"type"|"runtime"|"budget"|"request"|"internal", "message": "...", "range": ...}}

"limits" is optional (maxSteps, maxCells; defaults ${DEFAULT_LIMITS.maxSteps} and ${DEFAULT_LIMITS.maxCells}). "range" is
0-based ({"start": {"line", "character"}, "end": ...}) or null. A line that is not a valid request
gets kind "request", its line number in "line", and "id" if it could be read; the process goes on.
Blank lines are skipped. Compiled programs are cached by their text. Exit code 0 at end of input.`,
    async run(args) {
        const flags = parseFlags('exec', args, { jsonl: 'boolean' });
        if (!flags.booleans.has('jsonl')) throw new UsageError("exec: the only mode is --jsonl; run 'arcdsl exec --help'");
        if (flags.positionals.length > 0) throw new UsageError(`exec: unexpected argument '${flags.positionals[0]}'`);
        // A reader that goes away is the end of the session, not a crash.
        process.stdout.on('error', (error: NodeJS.ErrnoException) => {
            if (error.code === 'EPIPE') process.exit(0);
            throw error;
        });
        const cache = new ProgramCache(256);
        const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
        let lineNumber = 0;
        for await (const line of lines) {
            lineNumber++;
            if (line.trim() === '') continue;
            process.stdout.write(`${JSON.stringify(await answer(line, lineNumber, cache))}\n`);
        }
        return 0;
    },
};

type Answer = { id: unknown; output: number[][] } | { id: unknown; error: object };

interface Request {
    id: unknown;
    program: string;
    input: Grid;
    limits: Limits;
}

async function answer(line: string, lineNumber: number, cache: ProgramCache): Promise<Answer> {
    const request = readRequest(line);
    if (typeof request === 'string' || 'problem' in request) {
        const [id, problem] = typeof request === 'string' ? [null, request] : [request.id, request.problem];
        return { id, error: { kind: 'request', message: `line ${lineNumber}: ${problem}`, range: null, line: lineNumber } };
    }
    const compiled = await cache.get(request.program);
    if (!(compiled instanceof CompiledProgram)) return { id: request.id, error: compiled };
    try {
        return { id: request.id, output: compiled.run(request.input, request.limits).toRows() };
    } catch (error) {
        return { id: request.id, error: failure(error) };
    }
}

/** A DslError as its JSON; anything else is a bug of ours, reported as kind "internal". */
function failure(error: unknown): object {
    if (error instanceof DslError) return errorJson(error);
    return { kind: 'internal', message: `internal error: ${error instanceof Error ? error.message : String(error)}`, range: null };
}

/** The request on a line, or what is wrong with it (with the id when it could be read). */
function readRequest(line: string): Request | string | { id: unknown; problem: string } {
    let json: unknown;
    try {
        json = JSON.parse(line);
    } catch (error) {
        const { column, reason } = jsonSyntaxError(line, error);
        return `not JSON (column ${column}): ${reason}`;
    }
    if (json === null || typeof json !== 'object' || Array.isArray(json)) return 'a request is a JSON object {"id", "program", "input"}';
    const { id, program, input, limits } = json as Record<string, unknown>;
    const bad = (problem: string) => ({ id: id ?? null, problem });
    if (id === undefined) return bad('missing "id"');
    if (program === undefined) return bad('missing "program"');
    if (typeof program !== 'string') return bad('"program" must be a string');
    if (input === undefined) return bad('missing "input"');
    const problem = gridProblem(input, '"input"');
    if (problem) return bad(problem);
    const chosen = readLimits(limits);
    if (typeof chosen === 'string') return bad(chosen);
    return { id, program, input: Grid.fromRows(input as number[][]), limits: chosen };
}

function readLimits(value: unknown): Limits | string {
    if (value === undefined || value === null) return DEFAULT_LIMITS;
    if (typeof value !== 'object' || Array.isArray(value)) return '"limits" must be an object {"maxSteps", "maxCells"}';
    const limits = { ...DEFAULT_LIMITS };
    for (const [key, n] of Object.entries(value)) {
        if (key !== 'maxSteps' && key !== 'maxCells') return `unknown limit "${key}"; the limits are maxSteps, maxCells`;
        if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) return `"limits.${key}" must be a positive integer`;
        limits[key as keyof Limits] = n;
    }
    return limits;
}

/** Compiled programs (or their error) by program text, least recently used dropped first. */
class ProgramCache {
    private readonly entries = new Map<string, CompiledProgram | object>();
    constructor(private readonly capacity: number) {}

    async get(text: string): Promise<CompiledProgram | object> {
        let entry = this.entries.get(text);
        if (entry !== undefined) {
            this.entries.delete(text); // re-inserted below: Map order is recency order
        } else {
            entry = await this.compile(text);
            if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as string);
        }
        this.entries.set(text, entry);
        return entry;
    }

    private async compile(text: string): Promise<CompiledProgram | object> {
        try {
            return (await compileText(text)).program;
        } catch (error) {
            return failure(error);
        }
    }
}
