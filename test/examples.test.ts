import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { checkText } from '../language/load.js';
import { verifyTask } from '../language/verify-task.js';
import { arcdsl } from './cli/run-cli.js';

const EXAMPLES = resolve(import.meta.dirname, '../examples');
const ARC = join(EXAMPLES, 'arc');

function arcdslFilesUnder(dir: string): string[] {
    return readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.arcdsl'))
        .sort()
        .map((f) => join(dir, f));
}

describe('the examples', () => {
    it('all pass arcdsl check: no errors, every task pair matches', () => {
        const result = arcdsl(['check', 'examples']);
        assert.equal(result.code, 0, result.stdout);
        assert.match(result.stdout, /^\d+ files checked: 0 errors, 0 warnings; (\d+)\/\1 task pairs match\n$/m);
    });

    it('solve at least 60 real ARC tasks, each with a program of at most 8 lines', async () => {
        const solved: string[] = [];
        for (const file of arcdslFilesUnder(ARC)) {
            const checked = await checkText(readFileSync(file, 'utf8'), file);
            assert.ok(!checked.hasErrors, `${file} has errors`);
            const task = checked.document.task;
            assert.ok(task, `${file} has no task block`);
            assert.equal(task.name, basename(file, '.arcdsl'), `${file}: the task name is the file name`);
            assert.equal(task.family, basename(dirname(file)), `${file}: the family is the folder name`);
            assert.ok(checked.document.statements.length <= 8, `${file}: ${checked.document.statements.length} lines`);
            const verification = await verifyTask(checked.document, 0);
            if (verification.total > 0 && verification.passed === verification.total) solved.push(task.name);
        }
        assert.ok(solved.length >= 60, `only ${solved.length} ARC tasks solved`);
    });

    it('record a reason for every unsolved task only', () => {
        const reasons: Record<string, string> = JSON.parse(readFileSync(join(ARC, 'unsolved.json'), 'utf8'));
        const solved = new Set(arcdslFilesUnder(ARC).map((f) => basename(f, '.arcdsl')));
        for (const [id, reason] of Object.entries(reasons)) {
            assert.ok(!solved.has(id), `${id} is solved but unsolved.json gives a reason`);
            assert.ok(reason.length > 20, `${id}: say what the language lacks`);
        }
    });
});
