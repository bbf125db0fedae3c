import * as vscode from 'vscode';

/**
 * Codes of the diagnostics that say the program does not solve its task: the server's verification
 * (server/verification.ts VerificationCodes) and the checker's missing `output =` (language/checker.ts).
 */
const UNSOLVED_CODES = new Set(['verification-mismatch', 'runtime-error', 'missing-output']);

/**
 * Offers "Solve with model…" in a document with a task block: a quick fix on the diagnostics that say
 * the program does not solve the task, a rewrite anywhere else.
 */
export class SolveCodeActions implements vscode.CodeActionProvider {
    static readonly kinds = [vscode.CodeActionKind.QuickFix, vscode.CodeActionKind.RefactorRewrite];

    provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
        if (!/^\s*task\s+"/m.test(document.getText())) return [];
        const unsolved = context.diagnostics.filter((d) => UNSOLVED_CODES.has(String(typeof d.code === 'object' ? d.code.value : d.code)));
        const kind = unsolved.length > 0 ? vscode.CodeActionKind.QuickFix : vscode.CodeActionKind.RefactorRewrite;
        if (context.only && !context.only.contains(kind)) return [];
        const action = new vscode.CodeAction('Solve with model…', kind);
        action.command = { command: 'arcdsl.solveWithModel', title: 'Solve with model…', arguments: [document.uri] };
        if (unsolved.length > 0) action.diagnostics = unsolved;
        return [action];
    }
}
