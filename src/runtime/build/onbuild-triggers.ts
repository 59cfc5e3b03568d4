/**
 * ONBUILD: the triggers a base records in its config run first in a stage built FROM it, as Docker does.
 * Each trigger text is parsed and substituted as its own one-stage Dockerfile (no ARGs are in scope, as
 * the triggers were written for another build); errors name the base they came from.
 */
import { parseDockerfile, planBuild, type Instruction } from '../../dockerfile/index.js';

/** The instructions of `triggers`, to run before a stage's own. */
export function onbuildInstructions(triggers: readonly string[], base: string): Instruction[] {
  if (triggers.length === 0) return [];
  const dockerfile = parseDockerfile(`FROM scratch\n${triggers.join('\n')}\n`, `ONBUILD of ${base}`);
  return planBuild(dockerfile).stages[0]?.instructions ?? [];
}
