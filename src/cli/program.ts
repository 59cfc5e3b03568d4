/**
 * The commander program: global options and one registration per verb. Verb files only declare options
 * and call the app layer, which they import lazily so `berth version` stays fast.
 */
import { Command } from 'commander';
import { declareGlobalOptions, readGlobalOptions, type GlobalOptions } from './global-options.js';
import { registerVersion } from './commands/version.js';
import { registerRuntime } from './commands/runtime.js';
import { registerConfig } from './commands/config.js';
import { registerImages } from './commands/images.js';
import { registerImage } from './commands/image.js';
import { registerRmi } from './commands/rmi.js';
import { registerLoad } from './commands/load.js';
import { registerImport } from './commands/import.js';
import { registerLogin } from './commands/login.js';
import { registerLogout } from './commands/logout.js';
import { registerBuild } from './commands/build.js';
import { registerBuilder } from './commands/builder.js';
import { registerUp } from './commands/up.js';
import { registerCreate } from './commands/create.js';
import { registerDown } from './commands/down.js';
import { registerPs } from './commands/ps.js';
import { registerLs } from './commands/ls.js';
import { registerLogs } from './commands/logs.js';
import { registerExec } from './commands/exec.js';
import { registerStart } from './commands/start.js';
import { registerStop } from './commands/stop.js';
import { registerRestart } from './commands/restart.js';
import { registerKill } from './commands/kill.js';
import { registerRm } from './commands/rm.js';
import { registerPause } from './commands/pause.js';
import { registerTop } from './commands/top.js';
import { registerStats } from './commands/stats.js';
import { registerPort } from './commands/port.js';
import { registerWait } from './commands/wait.js';
import { registerCp } from './commands/cp.js';
import { registerGraph } from './commands/graph.js';
import { registerRun } from './commands/run.js';
import { registerPull } from './commands/pull.js';
import { registerWatch } from './commands/watch.js';
import { registerVolume } from './commands/volume.js';

/** What a verb file gets: the program to add itself to, and the parsed global options. */
export interface VerbContext {
  program: Command;
  globals: () => GlobalOptions;
}

/** Builds the whole program. */
export function buildProgram(): Command {
  const program = new Command('berth')
    .description('daemonless, Compose-compatible multi-container orchestrator')
    .showHelpAfterError('(run with --help for usage)')
    // Global options only before the verb, as Docker Compose parses them, so verbs keep their own
    // short flags (`logs -f`, `rm -f`, `run -p`).
    .enablePositionalOptions()
    .exitOverride();
  declareGlobalOptions(program);
  const context: VerbContext = { program, globals: () => readGlobalOptions(program) };
  const verbs = [
    registerVersion,
    registerRuntime,
    registerConfig,
    registerImages,
    registerImage,
    registerRmi,
    registerLoad,
    registerImport,
    registerLogin,
    registerLogout,
    registerBuild,
    registerBuilder,
    registerUp,
    registerCreate,
    registerDown,
    registerPs,
    registerLs,
    registerLogs,
    registerExec,
    registerStart,
    registerStop,
    registerRestart,
    registerKill,
    registerRm,
    registerPause,
    registerTop,
    registerStats,
    registerPort,
    registerWait,
    registerCp,
    registerGraph,
    registerRun,
    registerPull,
    registerWatch,
    registerVolume,
  ];
  for (const register of verbs) register(context);
  return program;
}
