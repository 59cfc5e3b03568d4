/**
 * berth's entry point. `berth version` (alone or with --short) takes a fast path that loads only what it
 * prints: commander and the ~40 verb modules cost more than Node's own start-up. Everything else runs
 * the program, which prints an error once and exits with the code of its class.
 */
async function main(args: string[]): Promise<void> {
  if (args[0] === 'version' && args.slice(1).every((a) => a === '--short')) {
    const { printVersion } = await import('./commands/version.js');
    await printVersion({ format: 'pretty', short: args.length > 1 });
  } else {
    const { runProgram } = await import('./run-program.js');
    process.exitCode = await runProgram(process.argv);
  }
}

// No top-level await: the bundle is CommonJS, to go through the code cache (sys/code-cache.ts).
void main(process.argv.slice(2));
