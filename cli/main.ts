import '../language/polyfill.js';
import { UsageError } from './command.js';
import { COMMANDS } from './commands/index.js';

async function main(argv: string[]): Promise<number> {
    const [name, ...args] = argv;
    if (!name || name === '--help' || name === '-h' || name === 'help') {
        await printHelp();
        return name ? 0 : 2;
    }
    const load = COMMANDS[name];
    if (!load) {
        process.stderr.write(`arcdsl: unknown command '${name}'. Run 'arcdsl --help' for the list.\n`);
        return 2;
    }
    const command = await load();
    if (args.includes('--help') || args.includes('-h')) {
        process.stdout.write(`${command.usage}\n`);
        return 0;
    }
    return command.run(args);
}

async function printHelp(): Promise<void> {
    const lines = ['arcdsl — ARC DSL Studio command line', '', 'Commands:'];
    for (const [name, load] of Object.entries(COMMANDS)) {
        const command = await load();
        lines.push(`  ${name.padEnd(12)} ${command.summary}`);
    }
    lines.push('', "Run 'arcdsl COMMAND --help' for a command's options.");
    process.stdout.write(`${lines.join('\n')}\n`);
}

// Output piped into a reader that stops early (`arcdsl run … | head`): stop at once and without a
// stack, as a Unix tool killed by SIGPIPE does (exit status 128 + 13).
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(141);
});

main(process.argv.slice(2)).then(
    (code) => {
        process.exitCode = code;
    },
    (error: unknown) => {
        if (error instanceof UsageError) {
            process.stderr.write(`arcdsl: ${error.message}\n`);
            process.exitCode = error.exitCode;
        } else {
            process.stderr.write(`arcdsl: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
            process.exitCode = 70;
        }
    },
);
