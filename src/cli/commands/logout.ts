/** `berth logout [SERVER]`: removes a registry's stored credentials. */
import type { VerbContext } from '../program.js';

export function registerLogout({ program }: VerbContext): void {
  program.command('logout')
    .description('remove the stored credentials of a registry')
    .argument('[server]', 'registry host[:port] (default: Docker Hub)')
    .action(async (server: string | undefined) => {
      const { logout } = await import('../../app/image-login.js');
      const result = await logout(server);
      process.stdout.write(result.removed ? `Removing login credentials for ${result.registry}\n` : `Not logged in to ${result.registry}\n`);
    });
}
