/**
 * berth's entry point. `berth version` (alone or with --short) and `berth -v` take a fast path that
 * loads only what they print: commander and the ~40 verb modules cost more than Node's own start-up.
 * Everything else runs the program, which prints an error once and exits with the code of its class.
 * A closed stdout (the reader of a pipe went away) ends berth quietly.
 */
async function main(args: string[]): Promise<void> {
  // `berth logs | head`: a reader that went away ends berth quietly, as it ends `docker compose logs`.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0);
  });
  if (args.length === 1 && (args[0] === '-v' || args[0] === '--version')) {
    const { printVersion } = await import('./commands/version.js');
    await printVersion({ format: 'pretty', short: false });
  } else if (args[0] === 'version' && args.slice(1).every((a) => a === '--short')) {
    const { printVersion } = await import('./commands/version.js');
    await printVersion({ format: 'pretty', short: args.length > 1 });
  } else {
    // `up -d` waits for a detached supervisor, a Node process of its own: its start-up runs meanwhile,
    // from here rather than from the verb, ~20 ms later (the verb takes this one). A false match (the
    // words in another verb's arguments) costs a process that exits with this one.
    if (args.includes('up') && args.some((a) => a === '-d' || a === '--detach' || a === '--wait') && !args.includes('--dry-run')) {
      (await import('../app/supervisor-standby.js')).standbySupervisor();
    }
    const { runProgram } = await import('./run-program.js');
    process.exitCode = await runProgram(process.argv);
  }
}

// No top-level await: the bundle is CommonJS, to go through the code cache (sys/code-cache.ts).
void main(process.argv.slice(2));
