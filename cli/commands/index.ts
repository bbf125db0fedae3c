import type { Command } from '../command.js';

/** Every `arcdsl` subcommand, by name. Each lives in its own file under cli/commands/. */
export const COMMANDS: Record<string, () => Promise<Command>> = {
    run: async () => (await import('./run.js')).runCommand,
    check: async () => (await import('./check.js')).checkCommand,
    coverage: async () => (await import('./coverage.js')).coverageCommand,
    fmt: async () => (await import('./fmt.js')).fmtCommand,
    exec: async () => (await import('./exec.js')).execCommand,
    import: async () => (await import('./import.js')).importCommand,
    export: async () => (await import('./export.js')).exportCommand,
    docs: async () => (await import('./docs.js')).docsCommand,
    generate: async () => (await import('./generate.js')).generateCommand,
    dataset: async () => (await import('./dataset.js')).datasetCommand,
    evaluate: async () => (await import('./evaluate.js')).evaluateCommand,
    finetune: async () => (await import('./finetune.js')).finetuneCommand,
    'export-onnx': async () => (await import('./export-onnx.js')).exportOnnxCommand,
    solve: async () => (await import('./solve.js')).solveCommand,
};
