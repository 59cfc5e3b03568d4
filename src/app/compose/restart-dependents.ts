/**
 * Which services `restart` takes with the named ones, as Docker Compose does: every service that
 * depends on one of them with `restart: true`, transitively. Pure.
 */
import type { Project } from '../../spec/model.js';

/** `services` and, transitively, the services that depend on them with `depends_on.<x>.restart: true`. */
export function withRestartDependents(project: Project, services: readonly string[]): string[] {
  const chosen = new Set(services);
  for (let grew = true; grew;) {
    grew = false;
    for (const [name, service] of Object.entries(project.services)) {
      if (chosen.has(name)) continue;
      if (Object.entries(service.depends_on ?? {}).some(([dep, d]) => d.restart && chosen.has(dep))) {
        chosen.add(name);
        grew = true;
      }
    }
  }
  return [...chosen];
}
