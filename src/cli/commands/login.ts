/** `berth login [SERVER]`: checks credentials with the registry and stores them as Docker does (credential helper or config.json). */
import type { VerbContext } from '../program.js';

interface LoginFlags { username?: string; password?: string; passwordStdin?: boolean }

export function registerLogin({ program }: VerbContext): void {
  program.command('login')
    .description('log in to a registry (credentials go to Docker\'s credential helper or config.json, shared with docker login)')
    .argument('[server]', 'registry host[:port] (default: Docker Hub)')
    .requiredOption('-u, --username <user>', 'user name')
    .option('-p, --password <password>', 'password (prefer --password-stdin)')
    .option('--password-stdin', 'read the password from stdin')
    .action(async (server: string | undefined, flags: LoginFlags) => {
      const { login, readPassword } = await import('../../app/image-login.js');
      const password = flags.passwordStdin === true ? await readPassword(process.stdin) : flags.password;
      const result = await login(server, flags.username ?? '', password);
      process.stdout.write(`Login Succeeded (${result.registry}, saved in ${result.savedIn})\n`);
    });
}
