/**
 * Phase 9, profiles: which services are enabled. A service without profiles always is; one with profiles
 * is when one of them is active (`--profile`, COMPOSE_PROFILES, `*` for all) or when it is named on the
 * command line (which also activates its profiles and pulls in its dependencies). An enabled service that
 * needs a disabled one is an error that says which profile to enable.
 */
import { BerthError } from '../errors/index.js';
import type { Locator } from './locator.js';
import type { Service } from './model.js';
import type { WarningSink } from './warnings.js';

/** The result of profile selection. */
export interface ProfileSelection {
  enabled: Record<string, Service>;
  disabled: string[];
}

/** Splits the services into enabled and disabled ones. */
export function selectProfiles(services: Record<string, Service>, profiles: readonly string[], selected: readonly string[], locate: Locator, warnings: WarningSink): ProfileSelection {
  for (const name of selected) {
    if (services[name] === undefined) {
      throw new BerthError('not-found', 'spec.no-such-service', `no such service: ${name}`, { hint: `the services are: ${Object.keys(services).join(', ') || 'none'}` });
    }
  }
  const active = new Set(profiles);
  for (const name of selected) for (const p of services[name]!.profiles ?? []) active.add(p);
  const on = (s: Service): boolean => s.profiles === undefined || s.profiles.length === 0 || active.has('*') || s.profiles.some((p) => active.has(p));
  const enabled = new Set(Object.values(services).filter(on).map((s) => s.name));
  const pull = (name: string): void => {
    if (enabled.has(name) && !selected.includes(name)) return;
    enabled.add(name);
    for (const dep of Object.keys(services[name]?.depends_on ?? {})) if (services[dep] !== undefined && !enabled.has(dep)) pull(dep);
  };
  selected.forEach(pull);
  const out: Record<string, Service> = {};
  for (const name of Object.keys(services).filter((n) => enabled.has(n))) out[name] = dropOptionalDisabled(services[name]!, services, enabled, locate, warnings);
  return { enabled: out, disabled: Object.keys(services).filter((n) => !enabled.has(n)) };
}

function dropOptionalDisabled(service: Service, all: Record<string, Service>, enabled: Set<string>, locate: Locator, warnings: WarningSink): Service {
  if (service.depends_on === undefined) return service;
  const kept: NonNullable<Service['depends_on']> = {};
  for (const [dep, entry] of Object.entries(service.depends_on)) {
    const target = all[dep];
    if (target === undefined || enabled.has(dep)) {
      kept[dep] = entry;
      continue;
    }
    const profiles = (target.profiles ?? []).join(', ');
    if (!entry.required) {
      warnings.add('spec.optional-dependency-disabled', `service ${service.name} depends on ${dep}, which is disabled by its profiles (${profiles}); the optional dependency is ignored`);
      continue;
    }
    throw new BerthError('invalid', 'spec.disabled-dependency', `service ${service.name} depends on ${dep}, which is not enabled: its profiles are ${profiles}`, {
      location: locate(['services', service.name, 'depends_on', dep]),
      hint: `enable one of them (e.g. --profile ${target.profiles?.[0] ?? ''}), name ${dep} on the command line, or mark the dependency required: false`,
    });
  }
  return { ...service, depends_on: kept };
}
