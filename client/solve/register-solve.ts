import * as vscode from 'vscode';
import { SolveCodeActions } from './solve-code-actions.js';
import { solveWithModel } from './solve-with-model.js';

/** "ARC DSL: Solve with Model" and its code action. */
export function registerSolveWithModel(context: vscode.ExtensionContext): void {
    context.subscriptions.push(
        vscode.commands.registerCommand('arcdsl.solveWithModel', (uri?: string | vscode.Uri) =>
            solveWithModel(context, typeof uri === 'string' ? vscode.Uri.parse(uri) : uri),
        ),
        vscode.languages.registerCodeActionsProvider({ language: 'arcdsl' }, new SolveCodeActions(), {
            providedCodeActionKinds: SolveCodeActions.kinds,
        }),
    );
}
