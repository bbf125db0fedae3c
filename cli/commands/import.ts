import { basename, dirname, extname, join } from 'node:path';
import { FAMILIES } from '../../language/colors.js';
import { checkText, diagnosticText } from '../../language/load.js';
import { taskDocumentText } from '../../language/task-document.js';
import { arcTaskFrom } from '../arc-task-json.js';
import { type Command, UsageError } from '../command.js';
import { readGeneratedRecord } from '../generated-record.js';
import { expectPositionals, type ParsedFlags, parseFlags } from '../parse-flags.js';
import { readJsonFile } from '../read-json.js';
import { checkOverwrite, writeFileAtomically } from '../write-file.js';

export const importCommand: Command = {
    summary: 'Convert an ARC task (JSON) into an .arcdsl document',
    usage: `arcdsl import TASK.json [--out FILE.arcdsl] [--family FAMILY] [--name NAME] [--force]
arcdsl import RECORDS.jsonl (--line N | --id ID) [--out FILE.arcdsl] [--force]

Reads a task in the standard ARC format ({"train": [{"input", "output"}], "test": [...]}) and
writes an .arcdsl document: the task block and a placeholder program to replace with the rule.

From a .jsonl file that 'arcdsl generate' wrote, it takes the record at line N (from 1) or with the
given id, and writes its pairs as the task block and its solution as the program, named by the
record's id in its family: 'arcdsl run' then shows its grids as pictures, and the editor previews it.

--out      where to write (default: TASK.arcdsl, or ID.arcdsl for a record, beside the input; '-' for stdout)
--family   the task family (${FAMILIES.join(', ')}); default: the JSON file's folder name if it
           is one of them (a record's is its task_type)
--name     the task name (default: the file name without .json; a record's id)
--line     the record's line in a .jsonl file
--id       the record's id in a .jsonl file
--force    overwrite an existing file

Exit code: 0 when written, 2 for a usage mistake or a malformed task or record (nothing is written).`,
    async run(args) {
        const flags = parseFlags('import', args, {
            out: 'string',
            family: 'string',
            name: 'string',
            line: 'string',
            id: 'string',
            force: 'boolean',
        });
        const [file] = expectPositionals('import', flags, 'one ARC task .json file or generated .jsonl file', 1);
        const { text, stem, summary } = extname(file) === '.jsonl' ? await recordDocument(file, flags) : await taskDocument(file, flags);
        const out = flags.strings.get('out') ?? join(dirname(file), `${stem}.arcdsl`);
        if (out !== '-') checkOverwrite('import', out, flags.booleans.has('force'));
        if (out === '-') {
            process.stdout.write(text);
        } else {
            writeFileAtomically(out, text);
            process.stderr.write(`wrote ${out} (${summary})\n`);
        }
        return 0;
    },
};

interface ImportedDocument {
    /** The document, checked. */
    text: string;
    /** The default output file's name, without `.arcdsl`. */
    stem: string;
    /** What was written, for the closing line. */
    summary: string;
}

async function taskDocument(file: string, flags: ParsedFlags): Promise<ImportedDocument> {
    for (const flag of ['line', 'id']) {
        if (flags.strings.has(flag)) throw new UsageError(`import: --${flag} picks a record of a .jsonl file, not of ${basename(file)}`);
    }
    const family = flags.strings.get('family') ?? folderFamily(file);
    if (family !== undefined && !(FAMILIES as readonly string[]).includes(family)) {
        throw new UsageError(`import: unknown family '${family}'; the families are ${FAMILIES.join(', ')}`);
    }
    const name = flags.strings.get('name') ?? basename(file, extname(file));
    const task = arcTaskFrom(readJsonFile(file), file);
    const note = `Imported from ${basename(file)}: replace this placeholder with the rule.`;
    const text = taskDocumentText(task, { name, family, note });
    const checked = await checkText(text);
    if (checked.hasErrors) throw new Error(`import produced a document with errors:\n${text}`); // a bug of ours, not the user's
    return { text, stem: basename(file, extname(file)), summary: `${task.train.length} train, ${task.test.length} test` };
}

async function recordDocument(file: string, flags: ParsedFlags): Promise<ImportedDocument> {
    for (const flag of ['family', 'name']) {
        if (flags.strings.has(flag)) throw new UsageError(`import: a record brings its own ${flag}; --${flag} is for ARC task .json files`);
    }
    const line = flags.strings.get('line');
    const id = flags.strings.get('id');
    if ((line === undefined) === (id === undefined)) throw new UsageError(`import: name one record of ${file}: --line N or --id ID`);
    if (line !== undefined && !/^[1-9]\d*$/.test(line)) throw new UsageError(`import: --line must be a line number from 1, not '${line}'`);
    const found = await readGeneratedRecord(file, line !== undefined ? { line: Number(line) } : { id: id as string });
    const { record } = found;
    const task = { train: record.train, test: [record.test] };
    const subRule = record.sub_rule ? ` (${record.sub_rule})` : '';
    const text = taskDocumentText(task, {
        name: record.id,
        family: record.task_type,
        program: record.solution,
        note: `Line ${found.line} of ${basename(file)}${subRule}.`,
    });
    const checked = await checkText(text);
    const error = checked.diagnostics.find((d) => d.severity === 1);
    if (error) throw new UsageError(`${file}:${found.line}: solution: ${diagnosticText(error)}`);
    // An id from another tool may hold characters a file name should not.
    const stem = record.id.replace(/[^\w.-]/g, '_');
    return { text, stem, summary: `${record.train.length} train, 1 test, the record's solution` };
}

function folderFamily(file: string): string | undefined {
    const folder = basename(dirname(file));
    return (FAMILIES as readonly string[]).includes(folder) ? folder : undefined;
}
