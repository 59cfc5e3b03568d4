/**
 * berth's entry point: runs the program, prints an error once, and exits with the code of its class.
 */
import { CommanderError } from 'commander';
import { buildProgram } from './program.js';
import { readGlobalOptions } from './global-options.js';
import { printError } from './output.js';

async function main(argv: string[]): Promise<number> {
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

process.exitCode = await main(process.argv);
