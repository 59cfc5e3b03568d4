/**
 * Part of phase 12, consistency: the addresses a project declares. Every ipam subnet, gateway and
 * ip_range must parse and fit together, the project's subnets must not overlap, and a static
 * ipv4_address/ipv6_address must lie in a subnet of its network and be used once. Checked here so `up`
 * refuses bad addresses before it creates anything, and `config` reports them at their line.
 */
import { BerthError } from '../errors/index.js';
import { contains, overlaps, parseAddress, parseSubnet, type Subnet } from './ip-address.js';
import type { Locator, ModelPath } from './locator.js';
import type { Project } from './model.js';

interface Declared { network: string; subnet: Subnet; text: string; path: ModelPath }

/** Throws the first address problem in the project's networks and services. */
export function checkAddresses(project: Project, locate: Locator): void {
  const declared = Object.entries(project.networks).flatMap(([key, network]) =>
    (network.ipam?.config ?? []).flatMap((config, i) => checkIpamEntry(key, config, ['networks', key, 'ipam', 'config', i], locate)));
  checkOverlaps(declared, locate);
  checkStaticAddresses(project, declared, locate);
}

function invalid(code: string, message: string, path: ModelPath, locate: Locator, hint: string): BerthError {
  return new BerthError('invalid', `spec.${code}`, message, { location: locate(path), hint });
}

function checkIpamEntry(network: string, config: { subnet?: string; ip_range?: string; gateway?: string }, path: ModelPath, locate: Locator): Declared[] {
  if (config.subnet === undefined) return [];
  const subnet = parseSubnet(config.subnet);
  if (subnet === undefined) {
    throw invalid('invalid-subnet', `network ${network}: subnet "${config.subnet}" is not a valid subnet`, [...path, 'subnet'], locate,
      'write it in CIDR notation with the host bits zero, e.g. 10.5.0.0/24 or fd00:5::/64');
  }
  if (config.ip_range !== undefined) {
    const range = parseSubnet(config.ip_range);
    if (range === undefined || !contains(subnet, { value: range.base, bits: range.bits }) || range.prefix < subnet.prefix) {
      throw invalid('invalid-ip-range', `network ${network}: ip_range "${config.ip_range}" is not a subnet inside ${config.subnet}`,
        [...path, 'ip_range'], locate, `choose a range inside ${config.subnet}, e.g. the upper half`);
    }
  }
  if (config.gateway !== undefined) {
    const gateway = parseAddress(config.gateway);
    if (gateway === undefined || !contains(subnet, gateway)) {
      throw invalid('invalid-gateway', `network ${network}: gateway "${config.gateway}" is not an address inside ${config.subnet}`,
        [...path, 'gateway'], locate, `use an address of ${config.subnet}, usually its first one`);
    }
  }
  return [{ network, subnet, text: config.subnet, path: [...path, 'subnet'] }];
}

function checkOverlaps(declared: Declared[], locate: Locator): void {
  declared.forEach((a, i) => {
    const b = declared.slice(i + 1).find((other) => overlaps(a.subnet, other.subnet));
    if (b === undefined) return;
    throw invalid('overlapping-subnets', `networks ${a.network} and ${b.network}: subnets ${a.text} and ${b.text} overlap`, b.path, locate,
      'give each network a subnet of its own');
  });
}

function checkStaticAddresses(project: Project, declared: Declared[], locate: Locator): void {
  const used = new Map<string, string>();
  for (const service of Object.values(project.services)) {
    for (const [key, settings] of Object.entries(service.networks ?? {})) {
      for (const field of ['ipv4_address', 'ipv6_address'] as const) {
        const text = settings?.[field];
        if (text === undefined) continue;
        const path = ['services', service.name, 'networks', key, field];
        checkStatic(text, key, declared, path, locate);
        const owner = used.get(`${key}/${text}`);
        if (owner !== undefined) {
          throw invalid('duplicate-address', `services ${owner} and ${service.name} both ask for ${text} on network ${key}`, path, locate,
            'give each service its own address, or leave it out to get one assigned');
        }
        used.set(`${key}/${text}`, service.name);
      }
    }
  }
}

function checkStatic(text: string, network: string, declared: Declared[], path: ModelPath, locate: Locator): void {
  const address = parseAddress(text);
  if (address === undefined) {
    throw invalid('invalid-address', `${path.slice(0, 2).join('.')}: "${text}" is not a valid IP address`, path, locate, 'write it like 10.5.0.10 or fd00:5::10');
  }
  const subnets = declared.filter((d) => d.network === network && d.subnet.bits === address.bits);
  if (subnets.length === 0) {
    throw invalid('address-without-subnet', `service ${path[1]}: a static address on network ${network} needs a subnet declared for it`, path, locate,
      `declare networks.${network}.ipam.config with a subnet that holds ${text}`);
  }
  if (!subnets.some((d) => contains(d.subnet, address))) {
    throw invalid('address-outside-subnet', `service ${path[1]}: address ${text} is outside network ${network}'s subnet ${subnets.map((d) => d.text).join(', ')}`,
      path, locate, `choose an address inside ${subnets[0]!.text}`);
  }
}
