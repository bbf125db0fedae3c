import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { resolveFrom } from './stage-options.js';

/** The `arcdsl.*` settings the pipeline reads, with folders resolved against the workspace folder. */
export interface PipelineSettings {
    /** Where relative paths start and stages run: the first workspace folder (else the home folder). */
    base: string;
    datasetsFolder: string;
    modelsFolder: string;
    /** Where Evaluate Model writes reports: arcdsl.evaluationsFolder (the Evaluate view's setting), else `evaluations` in the models folder. */
    evaluationsFolder: string;
    /** PYTHON and ARCDSL_VENV for the trainer (trainer/install.sh). */
    trainerEnv: Record<string, string>;
}

/** Undefined (after telling the user why) when relative folders have no workspace folder to start from. */
export function pipelineSettings(context: vscode.ExtensionContext): PipelineSettings | undefined {
    const config = vscode.workspace.getConfiguration('arcdsl');
    const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri.fsPath;
    const datasets = config.get<string>('datasetsFolder') || 'arcdsl-data/datasets';
    const models = config.get<string>('modelsFolder') || 'arcdsl-data/models';
    if (!folder && !(isAbsolutePath(datasets) && isAbsolutePath(models))) {
        void vscode.window.showErrorMessage(
            'ARC DSL: the pipeline needs a folder for its data. Open one (File › Open Folder…), or set arcdsl.datasetsFolder and arcdsl.modelsFolder to absolute paths.',
        );
        return undefined;
    }
    const base = folder ?? homedir();
    const trainerEnv: Record<string, string> = {};
    const interpreter = config.get<string>('python.interpreter')?.trim();
    if (interpreter) trainerEnv.PYTHON = interpreter;
    const venv = config.get<string>('python.venv')?.trim();
    if (venv) trainerEnv.ARCDSL_VENV = resolveFrom(base, venv);
    // Installed from a .vsix, the extension folder is replaced on every update: keep the venv (GBs) outside it.
    else if (!existsSync(join(context.extensionPath, '.venv')))
        trainerEnv.ARCDSL_VENV = join(context.globalStorageUri.fsPath, 'trainer-venv');
    return {
        base,
        datasetsFolder: resolveFrom(base, datasets),
        modelsFolder: resolveFrom(base, models),
        evaluationsFolder: resolveFrom(base, config.get<string>('evaluationsFolder')?.trim() || join(models, 'evaluations')),
        trainerEnv,
    };
}

function isAbsolutePath(path: string): boolean {
    return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path);
}
