/** Runs the commander program on argv and turns any failure into one printed error and an exit code. */
import { CommanderError } from 'commander';
import { buildProgram } from './program.js';
import { readGlobalOptions } from './global-options.js';
import { printError } from './output.js';

/** The process exit code after running `argv`. */
export async function runProgram(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const globals = readGlobalOptions(program);
    return printError(error, globals.ansi, globals.debug);
  }
}
