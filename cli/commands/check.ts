import type { Diagnostic } from 'vscode-languageserver';
import { verificationDiagnostics, verifyTask } from '../../language/verify-task.js';
import { arcdslFiles } from '../arcdsl-files.js';
import { checkFile } from '../check-file.js';
import type { Command } from '../command.js';
import { byPosition, formatDiagnostic } from '../diagnostics-format.js';
import { parseFlags } from '../parse-flags.js';

export const checkCommand: Command = {
    summary: 'Check .arcdsl files, and run each task program on its pairs',
    usage: `arcdsl check FILE|DIR...

Prints every problem as FILE:LINE:COL: SEVERITY: MESSAGE (1-based). A directory stands for every
*.arcdsl file inside it, recursively. For a document with a task block, the program also runs on
every pair: outputs that differ from the expected ones and runtime errors are reported too.

Exit code: 1 if there is any error, 0 otherwise, 2 for a usage mistake.`,
    async run(args) {
        const files = arcdslFiles('check', parseFlags('check', args, {}).positionals);
        const totals = { errors: 0, warnings: 0, passed: 0, pairs: 0 };
        for (const file of files) {
            const checked = await checkFile(file);
            const diagnostics: Diagnostic[] = [...checked.diagnostics];
            if (!checked.hasErrors && checked.document.task) {
                const verification = await verifyTask(checked.document, 0);
                diagnostics.push(...verificationDiagnostics(checked.document, verification));
                totals.passed += verification.passed;
                totals.pairs += verification.total;
            }
            for (const diagnostic of byPosition(diagnostics)) {
                if (diagnostic.severity === 1) totals.errors++;
                else if (diagnostic.severity === 2) totals.warnings++;
                process.stdout.write(`${formatDiagnostic(file, diagnostic)}\n`);
            }
        }
        const pairs = totals.pairs > 0 ? `; ${totals.passed}/${totals.pairs} task pairs match` : '';
        process.stdout.write(
            `${plural(files.length, 'file')} checked: ${plural(totals.errors, 'error')}, ${plural(totals.warnings, 'warning')}${pairs}\n`,
        );
        return totals.errors > 0 ? 1 : 0;
    },
};

function plural(n: number, word: string): string {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}
