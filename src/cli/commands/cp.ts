/** `berth cp`: copies files between a service container and the host (`service:path` names the container side). */
import type { VerbContext } from '../program.js';
import { intOption } from '../int-option.js';

export function registerCp({ program, globals }: VerbContext): void {
  program.command('cp').description('copy files/folders between a service container and the local filesystem')
    .argument('<source>', 'SERVICE:SRC_PATH or a host path').argument('<dest>', 'SERVICE:DEST_PATH or a host path')
    .option('--index <n>', 'index of the container if the service has multiple replicas')
    .option('-a, --archive', 'archive mode (copy all uid/gid information)')
    .option('-L, --follow-link', 'always follow a symbol link in SRC_PATH')
    .action(async (source: string, dest: string, flags: { index?: string; archive?: boolean; followLink?: boolean }) => {
      const { cp } = await import('../../app/cp.js');
      const choices = { index: intOption(flags.index, '--index', 1), archive: flags.archive === true, followLink: flags.followLink === true };
      const result = await cp(globals(), source, dest, choices);
      const what = result.direction === 'in' ? `${result.report.written.length} entries to` : `${result.report.files} files from`;
      process.stderr.write(`Copied ${what} ${result.container}\n`);
    });
}
