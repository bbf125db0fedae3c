/** One `arcdsl` subcommand. `run` returns the process exit code. */
export interface Command {
    summary: string;
    usage: string;
    run(args: string[]): Promise<number>;
}

/** A user mistake: printed as one line (no stack trace), exit code 2 unless given. */
export class UsageError extends Error {
    constructor(
        message: string,
        readonly exitCode = 2,
    ) {
        super(message);
    }
}
