import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { FAMILIES } from '../../language/colors.js';
import { checkText } from '../../language/load.js';
import { verifyTask } from '../../language/verify-task.js';
import { arcdslFiles } from '../arcdsl-files.js';
import { type Command, UsageError } from '../command.js';
import { expectPositionals, parseFlags } from '../parse-flags.js';
import { readJsonFile, readTextFile } from '../read-json.js';
import { writeFileAtomically } from '../write-file.js';

/** One .arcdsl task file and how its program did on its pairs. */
interface SolvedFile {
    family: string;
    name: string;
    passed: number;
    total: number;
    /** `let` and `output` statements. */
    lines: number;
}

interface FamilyRow {
    family: string;
    tasks: string[];
    solved: SolvedFile[];
    failingPairs: number;
    unsolved: string[];
}

export const coverageCommand: Command = {
    summary: 'Report which ARC tasks a folder of .arcdsl programs solves, per family (docs/coverage.md)',
    usage: `arcdsl coverage DIR [--tasks TASKS_DIR] [--out FILE.md]

Runs the program of every .arcdsl task file under DIR on its pairs (as 'arcdsl check' does) and
writes a markdown report: per family, the tasks, how many are solved (every train and test pair
matches), unsolved, and the pairs that fail; then each unsolved task with one line on what the
language lacks, read from DIR/unsolved.json ({"task id": "reason"}).

--tasks   a folder of ARC task files, TASKS_DIR/<Family>/<id>.json: the tasks to cover. A task
          without a solved .arcdsl file (matched by family and task name) is unsolved. Without
          --tasks, the tasks are the .arcdsl files themselves.
--out     where to write the report (default: stdout)

Exit code: 0 when every .arcdsl file under DIR solves its task, 1 if a file has failing pairs or
errors, 2 for a usage mistake (a missing folder, a malformed unsolved.json).`,
    async run(args) {
        const flags = parseFlags('coverage', args, { tasks: 'string', out: 'string' });
        const [dir] = expectPositionals('coverage', flags, 'one folder of .arcdsl files', 1);
        const files = arcdslFiles('coverage', [dir]);
        const tasksDir = flags.strings.get('tasks');
        const reasons = readReasons(join(dir, 'unsolved.json'));

        const index = tasksDir === undefined ? undefined : taskIndex(tasksDir);
        const runs: SolvedFile[] = [];
        for (const file of files) runs.push(await runFile(file));
        const rows = familyRows(runs, index);
        for (const row of rows) {
            for (const name of row.unsolved) {
                if (reasons.get(name) === undefined)
                    process.stderr.write(`coverage: ${row.family}/${name} is unsolved and has no reason in unsolved.json\n`);
            }
        }
        const solvedNames = new Set(rows.flatMap((row) => row.solved.map((s) => s.name)));
        for (const name of reasons.keys()) {
            if (solvedNames.has(name)) process.stderr.write(`coverage: ${name} is solved; its reason in unsolved.json is stale\n`);
        }

        const report = coverageMarkdown(rows, reasons);
        const out = flags.strings.get('out');
        if (out === undefined) process.stdout.write(report);
        else writeFileAtomically(out, report);
        const failing = rows.reduce((n, row) => n + row.failingPairs, 0);
        const solved = rows.reduce((n, row) => n + row.solved.length, 0);
        const tasks = rows.reduce((n, row) => n + row.tasks.length, 0);
        process.stderr.write(
            `${solved} of ${tasks} tasks solved; ${failing} failing pair${failing === 1 ? '' : 's'}${out ? `; wrote ${out}` : ''}\n`,
        );
        return failing > 0 ? 1 : 0;
    },
};

async function runFile(file: string): Promise<SolvedFile> {
    const checked = await checkText(readTextFile(file), file);
    const task = checked.document.task;
    const family = task?.family ?? basename(dirname(file));
    const name = task?.name || basename(file, extname(file));
    const verification = await verifyTask(checked.document, checked.hasErrors ? 1 : 0);
    const total = task?.pairs.filter((p) => p.output !== undefined).length ?? 0;
    return { family, name, passed: checked.hasErrors ? 0 : verification.passed, total, lines: checked.document.statements.length };
}

/** The task files under a folder of ARC tasks, as family → task names (the files' names without .json). */
function taskIndex(dir: string): Map<string, string[]> {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`coverage: --tasks ${dir}: no such folder`);
    const index = new Map<string, string[]>();
    for (const family of readdirSync(dir).sort()) {
        const folder = join(dir, family);
        if (!statSync(folder).isDirectory()) continue;
        const names = readdirSync(folder)
            .filter((f) => f.endsWith('.json'))
            .map((f) => basename(f, '.json'))
            .sort();
        if (names.length > 0) index.set(family, names);
    }
    if (index.size === 0) throw new UsageError(`coverage: --tasks ${dir} holds no <Family>/<id>.json task files`);
    return index;
}

function familyRows(runs: SolvedFile[], tasks: Map<string, string[]> | undefined): FamilyRow[] {
    const families = new Set([...(tasks?.keys() ?? []), ...runs.map((r) => r.family)]);
    // Known families in their usual order, then any other folder names alphabetically.
    const rank = (family: string) => {
        const i = (FAMILIES as readonly string[]).indexOf(family);
        return i < 0 ? FAMILIES.length : i;
    };
    return [...families]
        .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1))
        .map((family) => {
            const files = runs.filter((r) => r.family === family);
            const solved = files.filter((r) => r.total > 0 && r.passed === r.total).sort((a, b) => (a.name < b.name ? -1 : 1));
            const names = tasks?.get(family) ?? files.map((r) => r.name).sort();
            const solvedNames = new Set(solved.map((s) => s.name));
            return {
                family,
                tasks: names,
                solved,
                failingPairs: files.reduce((n, r) => n + (r.total - r.passed), 0),
                unsolved: names.filter((name) => !solvedNames.has(name)),
            };
        });
}

/** DIR/unsolved.json: task id → one line on what the language lacks. A missing file means no reasons. */
function readReasons(path: string): Map<string, string> {
    if (!existsSync(path)) return new Map();
    const data = readJsonFile(path);
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
        throw new UsageError(`${path}: expected an object {"task id": "reason"}`);
    }
    const reasons = new Map<string, string>();
    for (const [id, reason] of Object.entries(data)) {
        if (typeof reason !== 'string' || reason.trim() === '')
            throw new UsageError(`${path}: "${id}": the reason must be a non-empty string`);
        reasons.set(id, reason.trim());
    }
    return reasons;
}

function coverageMarkdown(rows: FamilyRow[], reasons: Map<string, string>): string {
    const sum = (f: (row: FamilyRow) => number) => rows.reduce((n, row) => n + f(row), 0);
    const tasks = sum((r) => r.tasks.length);
    const solved = sum((r) => r.solved.length);
    const lines = [
        '# ARC coverage',
        '',
        '<!-- Generated by `arcdsl coverage examples/arc --tasks ../shared/arc-dev --out docs/coverage.md`. Do not edit by hand. -->',
        '',
        `The DSL states the rule of **${solved} of ${tasks}** real ARC tasks. A task is solved when its`,
        '`.arcdsl` file (the task imported with `arcdsl import`, and a program) reproduces every train and',
        'test output (`arcdsl check`); the programs are in `examples/arc/<family>/`.',
        '',
        '| family | tasks | solved | unsolved | failing pairs | longest program |',
        '|---|---:|---:|---:|---:|---:|',
    ];
    for (const row of rows) {
        const longest = Math.max(0, ...row.solved.map((s) => s.lines));
        lines.push(
            `| ${row.family} | ${row.tasks.length} | ${row.solved.length} | ${row.unsolved.length} | ${row.failingPairs} | ${longest === 0 ? '–' : linesText(longest)} |`,
        );
    }
    const longestAll = Math.max(0, ...rows.flatMap((r) => r.solved.map((s) => s.lines)));
    lines.push(
        `| **total** | ${tasks} | ${solved} | ${sum((r) => r.unsolved.length)} | ${sum((r) => r.failingPairs)} | ${linesText(longestAll)} |`,
        '',
    );
    lines.push('## Solved', '');
    for (const row of rows.filter((r) => r.solved.length > 0)) {
        lines.push(`- **${row.family}**: ${row.solved.map((s) => `\`${s.name}\``).join(', ')}`);
    }
    lines.push('', '## Unsolved, and what the language lacks', '');
    const unsolved = rows.filter((r) => r.unsolved.length > 0);
    if (unsolved.length === 0) lines.push('None.');
    for (const row of unsolved) {
        for (const name of row.unsolved) lines.push(`- ${row.family} \`${name}\`: ${reasons.get(name) ?? '(no reason recorded)'}`);
    }
    lines.push('');
    return lines.join('\n');
}

function linesText(n: number): string {
    return `${n} line${n === 1 ? '' : 's'}`;
}
