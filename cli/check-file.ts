import { DslError } from '../language/errors.js';
import { type CheckedDocument, checkText } from '../language/load.js';
import { UsageError } from './command.js';
import { readTextFile } from './read-json.js';

/**
 * Reads and checks an .arcdsl file. A document nested too deeply for the parser (it overflows the
 * stack) is reported as one line naming the file, exit code 1, instead of a crash.
 */
export async function checkFile(file: string): Promise<CheckedDocument & { text: string }> {
    const text = readTextFile(file);
    try {
        return { ...(await checkText(text, file)), text };
    } catch (error) {
        if (!(error instanceof DslError)) throw error;
        throw new UsageError(`${file}: ${error.message}`, 1);
    }
}
