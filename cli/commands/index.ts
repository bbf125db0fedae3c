import type { Command } from '../command.js';

/** Every `arcdsl` subcommand, by name. Each lives in its own file under cli/commands/. */
export const COMMANDS: Record<string, () => Promise<Command>> = {};
