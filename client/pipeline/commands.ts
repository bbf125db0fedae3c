import * as vscode from 'vscode';
import { findFolders, isDataset, isExportedModel, isTaskFolder } from './pipeline-folders.js';
import { runStage } from './run-stage.js';
import { type PipelineSettings, pipelineSettings } from './settings.js';
import {
    checkCount,
    checkEpochs,
    checkFamilies,
    checkK,
    checkSamples,
    checkSeed,
    checkSizes,
    checkSplit,
    type DatasetOptions,
    datasetArgs,
    datasetOptionsFrom,
    type EvaluateOptions,
    evaluateArgs,
    evaluateOptionsFrom,
    FAMILY_NAMES,
    type FinetuneOptions,
    finetuneArgs,
    finetuneOptionsFrom,
    type GenerateOptions,
    generateArgs,
    generateOptionsFrom,
    nextFreeFolder,
    resolveFrom,
    SPLIT_NAMES,
    StageOptionError,
} from './stage-options.js';
import { askFolder, askOutputFolder, askText, shown } from './stage-prompts.js';
import { announce, type ResultKind } from './stage-results.js';

/** What each stage command resolves to (undefined when a prompt was dismissed). */
export interface StageCommandResult {
    exitCode: number;
    /** The output folder (absolute). */
    out: string;
    cancelled?: boolean;
}

type Stage = (context: vscode.ExtensionContext, settings: PipelineSettings, options: unknown) => Promise<StageCommandResult | undefined>;

/**
 * The palette commands for the pipeline stages. Called with an options object (from another
 * feature: `executeCommand('arcdsl.evaluateModel', { model, dataset, split, n, k, out })`) a command
 * skips its prompts; called from the palette it asks, with defaults from the settings.
 */
export function registerPipeline(context: vscode.ExtensionContext): void {
    const stages: Record<string, Stage> = {
        'arcdsl.generateDataset': generateDataset,
        'arcdsl.buildDataset': buildDataset,
        'arcdsl.finetuneModel': finetuneModel,
        'arcdsl.evaluateModel': evaluateModel,
    };
    for (const [id, stage] of Object.entries(stages)) {
        context.subscriptions.push(vscode.commands.registerCommand(id, (options?: unknown) => runGuarded(context, stage, options)));
    }
}

async function runGuarded(context: vscode.ExtensionContext, stage: Stage, options: unknown): Promise<StageCommandResult | undefined> {
    if (!vscode.workspace.isTrusted) {
        const manage = 'Manage Workspace Trust';
        void vscode.window
            .showWarningMessage('ARC DSL: pipeline stages run programs (the arcdsl CLI, Python); trust this workspace to run them.', manage)
            .then((choice) => choice && vscode.commands.executeCommand('workbench.trust.manage'));
        return { exitCode: 1, out: '', cancelled: true };
    }
    const settings = pipelineSettings(context);
    if (!settings) return { exitCode: 1, out: '', cancelled: true };
    try {
        // Menus pass a Uri, the palette nothing: only a plain object is an options object.
        return await stage(context, settings, options instanceof vscode.Uri ? undefined : options);
    } catch (error) {
        if (!(error instanceof StageOptionError)) throw error;
        void vscode.window.showErrorMessage(`ARC DSL: ${error.message}`);
        return { exitCode: 2, out: '' };
    }
}

async function run(
    context: vscode.ExtensionContext,
    settings: PipelineSettings,
    title: string,
    kind: ResultKind,
    args: string[],
    out: string,
    env?: Record<string, string>,
): Promise<StageCommandResult> {
    const result = await runStage(context, { name: title, args, cwd: settings.base, env });
    announce(title, kind, result, out, shown(settings.base, out));
    return { exitCode: result.exitCode, out, cancelled: result.cancelled };
}

function required<T>(value: T | undefined, field: string, command: string): T {
    if (value === undefined) throw new StageOptionError(`${command}: '${field}' is required`);
    return value;
}

async function generateDataset(context: vscode.ExtensionContext, settings: PipelineSettings, raw: unknown) {
    const given = raw === undefined ? undefined : generateOptionsFrom(raw);
    const defaultOut = nextFreeFolder(settings.datasetsFolder, 'tasks');
    let options: GenerateOptions;
    if (given) {
        options = { families: 'all', count: 100, sizes: '3-30', seed: '0', ...given, out: given.out ?? defaultOut };
    } else {
        const title = (step: number) => `ARC DSL: Generate Dataset (${step}/5)`;
        const picked = await vscode.window.showQuickPick(
            FAMILY_NAMES.map((name) => ({ label: name, picked: true })),
            { title: title(1), placeHolder: 'Task families to generate (Enter keeps all)', canPickMany: true, ignoreFocusOut: true },
        );
        if (!picked) return undefined;
        const familyProblem = checkFamilies(picked.map((p) => p.label));
        if (familyProblem) {
            void vscode.window.showWarningMessage(`ARC DSL: ${familyProblem}.`);
            return undefined;
        }
        const count = await askText(title(2), 'Records per family', '100', checkCount);
        if (count === undefined) return undefined;
        const sizes = await askText(title(3), 'Input grid sides A-B (1–30)', '3-30', checkSizes);
        if (sizes === undefined) return undefined;
        const seed = await askText(title(4), 'Seed: the same seed gives the same files', '0', checkSeed);
        if (seed === undefined) return undefined;
        const out = await askOutputFolder(title(5), 'Output', shown(settings.base, defaultOut));
        if (out === undefined) return undefined;
        options = { families: picked.map((p) => p.label), count: Number(count), sizes, seed, out };
    }
    options.out = resolveFrom(settings.base, options.out);
    return run(context, settings, 'Generate Dataset', 'generate', generateArgs(options), options.out);
}

async function buildDataset(context: vscode.ExtensionContext, settings: PipelineSettings, raw: unknown) {
    const c = 'arcdsl.buildDataset';
    const given = raw === undefined ? undefined : datasetOptionsFrom(raw);
    const defaultOut = nextFreeFolder(settings.datasetsFolder, 'dataset');
    let options: DatasetOptions;
    if (given) {
        options = { split: '90/5/5', seed: '0', ...given, input: required(given.input, 'input', c), out: given.out ?? defaultOut };
    } else {
        const title = (step: number) => `ARC DSL: Build Dataset (${step}/3)`;
        const input = await askFolder(title(1), findFolders(settings.datasetsFolder, isTaskFolder), settings.base, {
            message: `ARC DSL: no generated tasks (*.jsonl) under ${shown(settings.base, settings.datasetsFolder)}. Generate some first.`,
            fixLabel: 'Generate Dataset',
            fixCommand: 'arcdsl.generateDataset',
        });
        if (input === undefined) return undefined;
        const split = await askText(title(2), 'train/validation/test percentages', '90/5/5', checkSplit);
        if (split === undefined) return undefined;
        const out = await askOutputFolder(title(3), 'Dataset', shown(settings.base, defaultOut));
        if (out === undefined) return undefined;
        options = { input, split, seed: '0', out };
    }
    options.input = resolveFrom(settings.base, options.input);
    options.out = resolveFrom(settings.base, options.out);
    return run(context, settings, 'Build Dataset', 'dataset', datasetArgs(options), options.out);
}

const MODEL_CHOICES = [
    { label: 'Tiny model from scratch', detail: '2 layers, d=128: minutes on a CPU', choice: 'tiny' as const },
    { label: 'Small model from scratch', detail: '6 layers, d=384', choice: 'small' as const },
    { label: 'Pretrained model…', detail: 'a model folder on disk (full fine-tuning or LoRA)', choice: 'pretrained' as const },
];

async function finetuneModel(context: vscode.ExtensionContext, settings: PipelineSettings, raw: unknown) {
    const c = 'arcdsl.finetuneModel';
    const given = raw === undefined ? undefined : finetuneOptionsFrom(raw);
    const defaultOut = nextFreeFolder(settings.modelsFolder, 'run');
    let options: FinetuneOptions;
    if (given) {
        options = { fromScratch: 'tiny', ...given, dataset: required(given.dataset, 'dataset', c), out: given.out ?? defaultOut };
    } else {
        const title = (step: number) => `ARC DSL: Fine-tune Model (${step}/4)`;
        const dataset = await askDataset(settings, title(1));
        if (dataset === undefined) return undefined;
        const choice = await vscode.window.showQuickPick(MODEL_CHOICES, {
            title: title(2),
            placeHolder: 'Which model',
            ignoreFocusOut: true,
        });
        if (!choice) return undefined;
        options = { dataset, out: defaultOut, fromScratch: choice.choice === 'small' ? 'small' : 'tiny' };
        if (choice.choice === 'pretrained') {
            const model = await vscode.window.showOpenDialog({ title: title(2), canSelectFolders: true, canSelectFiles: false });
            if (!model?.[0]) return undefined;
            options.model = model[0].fsPath;
            const lora = await vscode.window.showQuickPick(['LoRA adapters (16,32)', 'Full fine-tuning'], { title: title(2) });
            if (!lora) return undefined;
            if (lora.startsWith('LoRA')) options.lora = '16,32';
        }
        const epochs = await askText(title(3), 'Epochs', '3', checkEpochs);
        if (epochs === undefined) return undefined;
        options.epochs = Number(epochs);
        const out = await askOutputFolder(title(4), 'Run', shown(settings.base, defaultOut));
        if (out === undefined) return undefined;
        options.out = out;
    }
    options.dataset = resolveFrom(settings.base, options.dataset);
    options.out = resolveFrom(settings.base, options.out);
    if (!isDataset(options.dataset))
        return missing(`no dataset at ${options.dataset} (dataset_dict.json)`, 'Build Dataset', 'arcdsl.buildDataset');
    const env = settings.trainerEnv;
    const trained = await runStage(context, { name: 'Fine-tune Model', args: finetuneArgs(options), cwd: settings.base, env });
    if (trained.exitCode !== 0) {
        announce('Fine-tune Model', 'finetune', trained, options.out, shown(settings.base, options.out));
        return { exitCode: trained.exitCode, out: options.out, cancelled: trained.cancelled };
    }
    // The evaluator and the editor sample from the ONNX export, so a finished run is exported right away.
    const exported = await run(context, settings, 'Export ONNX', 'finetune', ['export-onnx', options.out], options.out, env);
    return exported;
}

async function evaluateModel(context: vscode.ExtensionContext, settings: PipelineSettings, raw: unknown) {
    const c = 'arcdsl.evaluateModel';
    const given = raw === undefined ? undefined : evaluateOptionsFrom(raw);
    const defaultOut = nextFreeFolder(settings.evaluationsFolder, 'eval');
    let options: EvaluateOptions;
    if (given) {
        const n = given.n ?? 20;
        options = {
            split: 'test',
            k: [1, 5, 10].filter((k) => k <= n),
            ...given,
            n,
            model: required(given.model, 'model', c),
            dataset: required(given.dataset, 'dataset', c),
            out: given.out ?? defaultOut,
        };
    } else {
        const title = (step: number) => `ARC DSL: Evaluate Model (${step}/6)`;
        const model = await askFolder(title(1), findFolders(settings.modelsFolder, isExportedModel, 3), settings.base, {
            message: `ARC DSL: no exported model (onnx/model.onnx) under ${shown(settings.base, settings.modelsFolder)}. Fine-tune one (it is exported to RUN/onnx-export), or run: arcdsl export-onnx RUN_DIR`,
            fixLabel: 'Fine-tune Model',
            fixCommand: 'arcdsl.finetuneModel',
        });
        if (model === undefined) return undefined;
        const dataset = await askDataset(settings, title(2));
        if (dataset === undefined) return undefined;
        const split = await vscode.window.showQuickPick(['test', 'validation', 'train'], {
            title: title(3),
            placeHolder: 'Split to evaluate on',
        });
        if (!split) return undefined;
        const n = await askText(title(4), 'Samples per task (n)', '20', checkSamples);
        if (n === undefined) return undefined;
        const k = await askText(title(5), 'pass@k to report', [1, 5, 10].filter((v) => v <= Number(n)).join(',') || '1', (t) =>
            checkK(t, Number(n)),
        );
        if (k === undefined) return undefined;
        const out = await askOutputFolder(title(6), 'Report', shown(settings.base, defaultOut));
        if (out === undefined) return undefined;
        options = { model, dataset, split, n: Number(n), k: k.split(',').map(Number), out };
    }
    for (const key of ['model', 'dataset', 'out'] as const) options[key] = resolveFrom(settings.base, options[key]);
    if (!SPLIT_NAMES.includes(options.split as never)) throw new StageOptionError(`${c}: 'split' must be one of ${SPLIT_NAMES.join(', ')}`);
    if (!isExportedModel(options.model)) {
        return missing(
            `no exported model at ${options.model} (it needs onnx/model.onnx and tokenizer.json). Export a fine-tuning run with: arcdsl export-onnx RUN_DIR`,
            'Fine-tune Model',
            'arcdsl.finetuneModel',
            options.out,
        );
    }
    if (!isDataset(options.dataset))
        return missing(`no dataset at ${options.dataset} (dataset_dict.json)`, 'Build Dataset', 'arcdsl.buildDataset', options.out);
    return run(context, settings, 'Evaluate Model', 'evaluate', evaluateArgs(options), options.out);
}

async function askDataset(settings: PipelineSettings, title: string): Promise<string | undefined> {
    return askFolder(title, findFolders(settings.datasetsFolder, isDataset), settings.base, {
        message: `ARC DSL: no dataset (dataset_dict.json) under ${shown(settings.base, settings.datasetsFolder)}. Build one first.`,
        fixLabel: 'Build Dataset',
        fixCommand: 'arcdsl.buildDataset',
    });
}

/** Says what is missing and offers the stage that makes it; nothing runs. */
function missing(what: string, fixLabel: string, fixCommand: string, out = ''): StageCommandResult {
    void vscode.window.showErrorMessage(`ARC DSL: ${what}`, fixLabel).then((choice) => {
        if (choice) void vscode.commands.executeCommand(fixCommand);
    });
    return { exitCode: 2, out };
}
