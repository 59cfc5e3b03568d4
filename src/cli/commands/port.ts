/** `berth port service private_port`: prints the public address of a published port. */
import type { VerbContext } from '../program.js';
import { intOption } from '../int-option.js';

export function registerPort({ program, globals }: VerbContext): void {
  program.command('port').description('print the public port for a port binding').argument('<service>').argument('<private_port>')
    .option('--protocol <protocol>', 'tcp or udp', 'tcp')
    .option('--index <n>', 'index of the container if the service has multiple replicas')
    .action(async (service: string, privatePort: string, flags: { protocol: string; index?: string }) => {
      const { port } = await import('../../app/port.js');
      const address = port(globals(), { service, privatePort: intOption(privatePort, 'private_port', 1)!, protocol: flags.protocol, index: intOption(flags.index, '--index', 1) });
      process.stdout.write(`${address}\n`);
    });
}
