import { dslReference } from '../../language/builtin-docs.js';
import { type Command, UsageError } from '../command.js';

export const docsCommand: Command = {
    summary: 'print the DSL reference (docs/dsl.md), generated from the builtin table',
    usage: [
        'usage: arcdsl docs',
        '',
        'Prints the language reference as markdown: types, colours, directions, the tie rules, the run',
        'limits, and every builtin with its signature, parameters, defaults and an example.',
        'docs/dsl.md is this output: npm run docs',
    ].join('\n'),
    async run(args) {
        if (args.length > 0) throw new UsageError(`docs takes no arguments, got '${args[0]}'`);
        process.stdout.write(dslReference());
        return 0;
    },
};
