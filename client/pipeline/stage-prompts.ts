import { relative } from 'node:path';
import * as vscode from 'vscode';

/** One step of a multi-step prompt; undefined means the user pressed Escape. */
export async function askText(
    title: string,
    prompt: string,
    value: string,
    validate: (text: string) => string | undefined,
): Promise<string | undefined> {
    const answer = await vscode.window.showInputBox({ title, prompt, value, validateInput: validate, ignoreFocusOut: true });
    return answer?.trim();
}

/** The step asking where a stage writes: `kind` names the folder ("Dataset", "Run"…), `value` is the suggestion. */
export function askOutputFolder(title: string, kind: string, value: string): Promise<string | undefined> {
    return askText(title, `${kind} folder (relative to the workspace folder)`, value, (text) =>
        text.trim() ? undefined : `${/^[aeiou]/i.test(kind) ? 'an' : 'a'} ${kind.toLowerCase()} folder`,
    );
}

const BROWSE = '$(folder-opened) Browse…';

/**
 * A folder from `found` (shown relative to `base`) or from a folder dialog. When nothing was found,
 * says so with the stage that makes one (`fix`) as a button, or lets the user browse.
 */
export async function askFolder(
    title: string,
    found: readonly string[],
    base: string,
    missing: { message: string; fixLabel: string; fixCommand: string },
): Promise<string | undefined> {
    if (found.length === 0) {
        const choice = await vscode.window.showErrorMessage(missing.message, missing.fixLabel, 'Browse…');
        if (choice === missing.fixLabel) void vscode.commands.executeCommand(missing.fixCommand);
        return choice === 'Browse…' ? browse(title, base) : undefined;
    }
    const items = [...found.map((dir) => ({ label: relative(base, dir) || dir, dir })), { label: BROWSE, dir: '' }];
    const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Pick a folder', ignoreFocusOut: true });
    if (!picked) return undefined;
    return picked.dir || browse(title, base);
}

async function browse(title: string, base: string): Promise<string | undefined> {
    const uris = await vscode.window.showOpenDialog({
        title,
        canSelectFiles: false,
        canSelectFolders: true,
        canSelectMany: false,
        defaultUri: vscode.Uri.file(base),
    });
    return uris?.[0]?.fsPath;
}

/** A path for display: relative to the workspace folder when inside it. */
export function shown(base: string, path: string): string {
    const rel = relative(base, path);
    return rel && !rel.startsWith('..') ? rel : path;
}
