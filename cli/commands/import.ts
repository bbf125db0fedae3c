import { basename, dirname, extname, join } from 'node:path';
import { FAMILIES } from '../../language/colors.js';
import { checkText } from '../../language/load.js';
import { taskDocumentText } from '../../language/task-document.js';
import { arcTaskFrom } from '../arc-task-json.js';
import { type Command, UsageError } from '../command.js';
import { expectPositionals, parseFlags } from '../parse-flags.js';
import { readJsonFile } from '../read-json.js';
import { checkOverwrite, writeFileAtomically } from '../write-file.js';

export const importCommand: Command = {
    summary: 'Convert an ARC task (JSON) into an .arcdsl document',
    usage: `arcdsl import TASK.json [--out FILE.arcdsl] [--family FAMILY] [--name NAME] [--force]

Reads a task in the standard ARC format ({"train": [{"input", "output"}], "test": [...]}) and
writes an .arcdsl document: the task block and a placeholder program to replace with the rule.

--out      where to write (default: TASK.arcdsl beside the JSON file; '-' for stdout)
--family   the task family (${FAMILIES.join(', ')}); default: the JSON file's folder name if it
           is one of them
--name     the task name (default: the file name without .json)
--force    overwrite an existing file

Exit code: 0 when written, 2 for a usage mistake or a malformed task (nothing is written).`,
    async run(args) {
        const flags = parseFlags('import', args, { out: 'string', family: 'string', name: 'string', force: 'boolean' });
        const [file] = expectPositionals('import', flags, 'one ARC task .json file', 1);
        const family = flags.strings.get('family') ?? folderFamily(file);
        if (family !== undefined && !(FAMILIES as readonly string[]).includes(family)) {
            throw new UsageError(`import: unknown family '${family}'; the families are ${FAMILIES.join(', ')}`);
        }
        const name = flags.strings.get('name') ?? basename(file, extname(file));
        const out = flags.strings.get('out') ?? join(dirname(file), `${basename(file, extname(file))}.arcdsl`);
        if (out !== '-') checkOverwrite('import', out, flags.booleans.has('force'));

        const task = arcTaskFrom(readJsonFile(file), file);
        const text = taskDocumentText(task, {
            name,
            family,
            note: `Imported from ${basename(file)}: replace this placeholder with the rule.`,
        });
        const checked = await checkText(text);
        if (checked.hasErrors) throw new Error(`import produced a document with errors:\n${text}`); // a bug of ours, not the user's
        if (out === '-') {
            process.stdout.write(text);
        } else {
            writeFileAtomically(out, text);
            process.stderr.write(`wrote ${out} (${task.train.length} train, ${task.test.length} test)\n`);
        }
        return 0;
    },
};

function folderFamily(file: string): string | undefined {
    const folder = basename(dirname(file));
    return (FAMILIES as readonly string[]).includes(folder) ? folder : undefined;
}
