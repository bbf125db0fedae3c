import { basename, dirname, extname, join } from 'node:path';
import { arcTaskOf } from '../../language/task-document.js';
import { arcTaskJson } from '../arc-task-json.js';
import { checkFile } from '../check-file.js';
import { type Command, UsageError } from '../command.js';
import { formatDiagnostic, isParseError } from '../diagnostics-format.js';
import { expectPositionals, parseFlags } from '../parse-flags.js';
import { checkOverwrite, writeFileAtomically } from '../write-file.js';

export const exportCommand: Command = {
    summary: "Write an .arcdsl document's task block as an ARC task (JSON)",
    usage: `arcdsl export FILE.arcdsl [--out TASK.json] [--force]

Writes the grids of the document's task block in the standard ARC format
({"train": [{"input", "output"}], "test": [...]}); the program is not part of it.

--out      where to write (default: FILE.json beside the document; '-' for stdout)
--force    overwrite an existing file

Exit code: 0 when written, 1 if the task block has errors (printed; nothing is written), 2 for a
usage mistake (no task block, missing file...).`,
    async run(args) {
        const flags = parseFlags('export', args, { out: 'string', force: 'boolean' });
        const [file] = expectPositionals('export', flags, 'one .arcdsl file', 1);
        const out = flags.strings.get('out') ?? join(dirname(file), `${basename(file, extname(file))}.json`);
        if (out !== '-') checkOverwrite('export', out, flags.booleans.has('force'));

        const checked = await checkFile(file);
        const task = checked.document.task;
        const taskEnd = task?.$cstNode?.range.end;
        // Parse errors anywhere, and any error inside the task block (ragged grids, colours over 9...).
        const blocking = checked.diagnostics.filter(
            (d) =>
                isParseError(d) ||
                (d.severity === 1 &&
                    taskEnd !== undefined &&
                    (d.range.start.line < taskEnd.line ||
                        (d.range.start.line === taskEnd.line && d.range.start.character < taskEnd.character))),
        );
        if (blocking.length > 0) {
            for (const d of blocking) process.stderr.write(`${formatDiagnostic(file, d)}\n`);
            process.stderr.write(`${file}: not exported: the task block has errors\n`);
            return 1;
        }
        if (!task) throw new UsageError(`export: ${file} has no task block to export`);
        const arcTask = arcTaskOf(task);
        if (arcTask.train.length === 0) throw new UsageError(`export: the task in ${file} has no train pairs`);
        const json = arcTaskJson(arcTask);
        if (out === '-') {
            process.stdout.write(json);
        } else {
            writeFileAtomically(out, json);
            process.stderr.write(`wrote ${out} (${arcTask.train.length} train, ${arcTask.test.length} test)\n`);
        }
        return 0;
    },
};
