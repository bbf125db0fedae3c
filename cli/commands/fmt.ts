import { type CheckedDocument, checkText } from '../../language/load.js';
import { documentComments, printDocument } from '../../language/printer.js';
import { arcdslFiles } from '../arcdsl-files.js';
import { checkFile } from '../check-file.js';
import type { Command } from '../command.js';
import { formatDiagnostic, isParseError } from '../diagnostics-format.js';
import { parseFlags } from '../parse-flags.js';
import { writeFileAtomically } from '../write-file.js';

export const fmtCommand: Command = {
    summary: 'Rewrite .arcdsl files in the canonical layout',
    usage: `arcdsl fmt [--check] FILE|DIR...

Rewrites each file in the canonical layout (the one the editor's Format Document uses), keeping
comments. A directory stands for every *.arcdsl file inside it, recursively. A file that does not
parse is left unchanged and its errors are printed.

--check   change nothing; list the files that are not canonical

Exit code: 1 if a file does not parse (or, with --check, is not canonical), 0 otherwise, 2 for a
usage mistake.`,
    async run(args) {
        const flags = parseFlags('fmt', args, { check: 'boolean' });
        const checkOnly = flags.booleans.has('check');
        const files = arcdslFiles('fmt', flags.positionals);
        let failed = false;
        let changed = 0;
        for (const file of files) {
            const before = await checkFile(file);
            const text = before.text;
            const result = await format(before, file);
            if ('errors' in result) {
                failed = true;
                for (const line of result.errors) process.stderr.write(`${line}\n`);
                process.stderr.write(`${file}: not formatted: it does not parse\n`);
                continue;
            }
            if (result.text === text) continue;
            changed++;
            if (checkOnly) {
                process.stdout.write(`${file}\n`);
            } else {
                writeFileAtomically(file, result.text);
                process.stdout.write(`formatted ${file}\n`);
            }
        }
        if (checkOnly && changed > 0) {
            process.stderr.write(
                `${changed} of ${files.length} file${files.length === 1 ? '' : 's'} not canonical; run 'arcdsl fmt' on them\n`,
            );
            failed = true;
        }
        return failed ? 1 : 0;
    },
};

/**
 * The canonical text, verified before anything is written: it must parse to the same program with
 * the same comments (so a printer bug can never lose code or comments in a user's file).
 */
async function format(before: CheckedDocument, file: string): Promise<{ text: string } | { errors: string[] }> {
    const parseErrors = before.diagnostics.filter(isParseError);
    if (parseErrors.length > 0) return { errors: parseErrors.map((d) => formatDiagnostic(file, d)) };
    const formatted = printDocument(before.document);
    const after = await checkText(formatted, file);
    const same =
        !after.diagnostics.some(isParseError) &&
        printDocument(after.document) === formatted &&
        printDocument(after.document, { comments: false }) === printDocument(before.document, { comments: false }) &&
        sameItems(documentComments(after.document), documentComments(before.document));
    if (!same) return { errors: [`${file}: internal error: the canonical text would not read back the same; file left unchanged`] };
    return { text: formatted };
}

function sameItems(a: string[], b: string[]): boolean {
    return a.length === b.length && [...a].sort().join('\0') === [...b].sort().join('\0');
}
