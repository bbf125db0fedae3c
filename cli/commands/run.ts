import { DslError } from '../../language/errors.js';
import type { Grid } from '../../language/grid.js';
import { compileProgram } from '../../language/interpreter.js';
import { gridOf, type PairRun, verifyTask } from '../../language/verify-task.js';
import { checkFile } from '../check-file.js';
import { type Command, UsageError } from '../command.js';
import { errorJson, formatDiagnostic, formatProblem } from '../diagnostics-format.js';
import { expectPositionals, parseFlags } from '../parse-flags.js';
import { readGridFile } from '../read-grid.js';
import { colorEnabled, gridLines, gridsSideBySide } from '../terminal-grid.js';

export const runCommand: Command = {
    summary: 'Run a program on its task pairs or on an input grid and show the output',
    usage: `arcdsl run FILE [--input GRID.json] [--pair train1|test1|...] [--json]

Runs the program in FILE. With --input, on that grid (a JSON list of rows); otherwise on the input
of every pair of the document's task (or only the pair named by --pair), saying whether each
output matches the expected one.

Grids print as coloured cells on a terminal, as digits otherwise (or when NO_COLOR is set;
FORCE_COLOR=1 forces colour). --json prints {"output": rows} for --input, else
{"pairs": [{"pair", "status", "message", "output", "expected", "error"}]}.

Exit code: 0 if the program ran (and every checked pair matches), 1 otherwise, 2 for a usage mistake.`,
    async run(args) {
        const flags = parseFlags('run', args, { input: 'string', pair: 'string', json: 'boolean' });
        const [file] = expectPositionals('run', flags, 'one .arcdsl file', 1);
        const inputFile = flags.strings.get('input');
        const pairName = flags.strings.get('pair');
        const json = flags.booleans.has('json');
        if (inputFile && pairName) throw new UsageError('run: give --input or --pair, not both');
        const input = inputFile === undefined ? undefined : readGridFile(inputFile);

        const checked = await checkFile(file);
        if (checked.hasErrors) {
            for (const d of checked.diagnostics.filter((d) => d.severity === 1)) process.stderr.write(`${formatDiagnostic(file, d)}\n`);
            return 1;
        }
        if (input) return runOnGrid(file, checked.document, input, json);

        const pairs = checked.document.task?.pairs ?? [];
        if (pairs.length === 0) throw new UsageError(`run: ${file} has no task pairs to run on; give --input GRID.json`);
        const verification = await verifyTask(checked.document, 0);
        const runs = pairName === undefined ? verification.pairs : [selectPair(file, verification.pairs, pairName)];
        if (json) {
            process.stdout.write(`${JSON.stringify({ pairs: runs.map(pairJson) })}\n`);
        } else {
            const color = colorEnabled();
            for (const pairRun of runs) process.stdout.write(pairText(file, pairRun, color));
            const checkedRuns = runs.filter((r) => r.pair.output !== undefined);
            const passed = checkedRuns.filter((r) => r.status === 'pass').length;
            process.stdout.write(`${passed}/${checkedRuns.length} pairs match\n`);
        }
        return runs.some((r) => r.status === 'fail' || r.status === 'error') ? 1 : 0;
    },
};

function runOnGrid(file: string, document: Parameters<typeof compileProgram>[0], input: Grid, json: boolean): number {
    let output: Grid;
    try {
        output = compileProgram(document).run(input);
    } catch (error) {
        if (!(error instanceof DslError)) throw error;
        if (json) process.stdout.write(`${JSON.stringify({ error: errorJson(error) })}\n`);
        else process.stderr.write(`${formatProblem(file, error.range, 'error', error.message)}\n`);
        return 1;
    }
    if (json) process.stdout.write(`${JSON.stringify({ output: output.toRows() })}\n`);
    else process.stdout.write(`${gridLines(output, colorEnabled()).join('\n')}\n`);
    return 0;
}

/** `train1`, `train 1`, `test-2` → the pair labelled `train 1` / `test 2`. */
function selectPair(file: string, runs: PairRun[], name: string): PairRun {
    const match = /^(train|test)[\s_-]?(\d+)$/i.exec(name.trim());
    const label = match ? `${match[1].toLowerCase()} ${Number(match[2])}` : undefined;
    const found = runs.find((r) => r.label === label);
    if (!found) {
        const labels = runs.map((r) => r.label.replace(' ', '')).join(', ');
        throw new UsageError(`run: ${file} has no pair '${name}'; its pairs are ${labels}`);
    }
    return found;
}

function pairText(file: string, run: PairRun, color: boolean): string {
    const input = gridOf(run.pair.input);
    const expected = run.pair.output ? gridOf(run.pair.output) : undefined;
    const status =
        run.status === 'pass'
            ? 'matches'
            : run.status === 'fail'
              ? `does not match: ${run.message}`
              : run.status === 'unchecked'
                ? 'ran (no expected output)'
                : run.status === 'error'
                  ? `error: ${run.message}`
                  : 'not run';
    let text = `${run.label}: ${status}\n`;
    if (run.status === 'error' && run.error) text += `  ${formatProblem(file, run.error.range, 'error', run.error.message)}\n`;
    const grids = [{ title: `input ${input.size}`, grid: input }];
    if (run.actual) grids.push({ title: `output ${run.actual.size}`, grid: run.actual });
    if (expected && run.status !== 'pass') grids.push({ title: `expected ${expected.size}`, grid: expected });
    return `${text}${gridsSideBySide(grids, color)}\n`;
}

function pairJson(run: PairRun): object {
    return {
        pair: run.label.replace(' ', ''),
        status: run.status,
        ...(run.message ? { message: run.message } : {}),
        output: run.actual?.toRows() ?? null,
        expected: run.pair.output ? gridOf(run.pair.output).toRows() : null,
        ...(run.error ? { error: errorJson(run.error) } : {}),
    };
}
