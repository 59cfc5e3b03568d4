/** The per-container lines of the lifecycle verbs (stop, start, kill, rm, …), in Docker Compose's words. */

/** ` Container app-web-1  Stopped`, marked ` DRY-RUN MODE -  Container …` in a dry run, as Compose marks it. */
export function containerLine(name: string, word: string, dryRun: boolean): string {
  return ` ${dryRun ? 'DRY-RUN MODE -  ' : ''}Container ${name}  ${word}\n`;
}
