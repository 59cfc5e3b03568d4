/**
 * Names and ids, as Docker Compose makes them: containers `<project>-<service>-<n>` (or `container_name`),
 * one-off containers `<project>-<service>-run-<slug>`, built images `<project>-<service>`. Container ids
 * are derived, not random, so a plan is a pure function of its inputs (see containerId).
 */
import { createHash } from 'node:crypto';
import type { Project, Service } from '../spec/model.js';

/** The name of replica `number` of a service. */
export function containerName(project: Project, service: Service, number: number): string {
  return service.container_name ?? `${project.name}-${service.name}-${number}`;
}

/** The name of a one-off (`run`) container; `slug` is the caller's random 12-hex string. */
export function oneOffName(projectName: string, serviceName: string, slug: string): string {
  return `${projectName}-${serviceName}-run-${slug}`;
}

/** The image a service runs: its `image`, or `<project>-<service>` when it is only built. */
export function serviceImage(project: Project, service: Service): string {
  return service.image ?? `${project.name}-${service.name}`;
}

/**
 * A container's id: sha256 of the project, the container name and the id of the container it replaces.
 * Derived rather than random so dry runs and golden files are stable; the replaced id is part of the input
 * so a recreated container never takes the id of the one it replaces while both exist. `install` (the
 * state root) keeps two installs' same-named projects apart where ids meet machine-wide: in cgroups.
 */
export function containerId(projectName: string, name: string, replaces: string | undefined, install = ''): string {
  const salt = install === '' ? '' : `\0${install}`;
  return createHash('sha256').update(`${projectName}\0${name}\0${replaces ?? ''}${salt}`).digest('hex');
}

/** The resource id of a container: `service:web:1`. */
export function containerResource(serviceName: string, number: number): string {
  return `service:${serviceName}:${number}`;
}
