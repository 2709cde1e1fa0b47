import type { Entity, Finding, Need, Peer, Posture, SecurityGroup, SecurityGroupRule, ServicePosture } from '../model/index.ts';
import type {
  DiffSide,
  Exposure,
  NeedChange,
  NetworkPath,
  PermissionChange,
  PostureDiff,
  SecurityGroupRuleChange,
  ServiceDiff,
  Verdict,
} from './types.ts';

/**
 * Compares the posture of base and head. Services are matched by their stable key (ServiceName,
 * else CDK construct path, else logical ID), so a CDK logical-ID hash change is not a removal plus
 * an addition. Everything is compared through what each service can do and reach, so a change
 * made elsewhere (a shared role, a policy resource, a rule on another group, a route table) shows
 * up on every service it affects.
 */
export function diffPostures(base: DiffSide, head: DiffSide): PostureDiff {
  const baseViews = servicesByKey(base);
  const headViews = servicesByKey(head);
  const findings = diffFindings(base.findings, head.findings);

  const keys = [...new Set([...baseViews.keys(), ...headViews.keys()])].sort();
  const services = keys.map((key) => diffService(key, baseViews.get(key), headViews.get(key), findings));
  const { verdict, reasons } = decideVerdict(services);
  return { services, findings, verdict, reasons };
}

interface ServiceView {
  service: ServicePosture;
  entity: Entity;
  permissions: Map<string, PermissionChange>;
  rules: Map<string, SecurityGroupRuleChange>;
  exposure: Exposure;
  network: NetworkPath;
  needs: Map<string, Need>;
}

function servicesByKey(side: DiffSide): Map<string, ServiceView> {
  const { posture } = side;
  const entities = new Map<string, Entity>();
  for (const s of posture.infra.services) entities.set(s.id, s);
  const views = new Map<string, ServiceView>();
  for (const service of posture.services) {
    const entity = entities.get(service.serviceId);
    if (entity === undefined || views.has(service.key)) continue;
    views.set(service.key, {
      service,
      entity,
      permissions: permissionsOf(posture, service),
      rules: securityGroupRulesOf(posture, service),
      exposure: exposureOf(service),
      network: networkOf(posture, service),
      needs: new Map(service.needs.map((n) => [`${n.service}|${n.reason}`, n])),
    });
  }
  return views;
}

export function entityLabel(entity: Entity): string {
  return entity.cdkPath ?? entity.logicalId;
}

function permissionsOf(posture: Posture, service: ServicePosture): Map<string, PermissionChange> {
  const out = new Map<string, PermissionChange>();
  const roles: [string | undefined, 'task' | 'execution'][] = [
    [service.taskRoleId, 'task'],
    [service.executionRoleId, 'execution'],
  ];
  for (const [roleId, roleKind] of roles) {
    if (roleId === undefined) continue;
    const perms = posture.permissions.get(roleId);
    const role = posture.infra.roles.find((r) => r.id === roleId);
    if (perms === undefined || role === undefined) continue;
    for (const grant of perms.grants) {
      const key = `${roleKind}|${grant.action.toLowerCase()}|${grant.resource}|${grant.condition ?? ''}`;
      if (out.has(key)) continue;
      const change: PermissionChange = {
        role: entityLabel(role),
        roleKind,
        action: grant.action,
        resource: grant.resource,
        accessLevel: grant.accessLevel,
        file: grant.source.file,
        line: grant.source.line,
      };
      if (grant.condition !== undefined) change.condition = grant.condition;
      out.set(key, change);
    }
  }
  return out;
}

function securityGroupRulesOf(posture: Posture, service: ServicePosture): Map<string, SecurityGroupRuleChange> {
  const out = new Map<string, SecurityGroupRuleChange>();
  const groups = posture.infra.securityGroups;
  const own = new Set(service.securityGroupIds);
  const labels = new Map(groups.map((g) => [g.id, entityLabel(g)]));
  for (const group of groups) {
    const mine = own.has(group.id);
    for (const rule of group.rules) {
      // Rules of other groups matter when they name this service's group: who it may reach
      // (a database admitting it) and who may reach it.
      if (!mine && !(rule.peer.kind === 'sg' && rule.peer.group.kind === 'resource' && own.has(rule.peer.group.id))) continue;
      const change = describeRule(group, rule, labels);
      out.set(`${change.group}|${change.direction}|${change.protocol}|${change.ports}|${change.peer}`, change);
    }
  }
  return out;
}

function describeRule(group: SecurityGroup, rule: SecurityGroupRule, labels: Map<string, string>): SecurityGroupRuleChange {
  return {
    group: entityLabel(group),
    direction: rule.direction,
    protocol: rule.protocol,
    ports: portsLabel(rule),
    peer: peerLabel(rule.peer, labels),
    world: rule.peer.kind === 'cidr4' ? rule.peer.cidr === '0.0.0.0/0' : rule.peer.kind === 'cidr6' ? rule.peer.cidr === '::/0' : false,
    explicit: rule.source.explicit,
    file: rule.source.file,
    line: rule.source.line,
  };
}

export function portsLabel(rule: Pick<SecurityGroupRule, 'protocol' | 'fromPort' | 'toPort' | 'portsKnown'>): string {
  if (!rule.portsKnown) return 'unknown';
  if (rule.protocol === 'all' || (rule.fromPort <= 0 && rule.toPort >= 65535)) return 'all';
  return rule.fromPort === rule.toPort ? String(rule.fromPort) : `${rule.fromPort}-${rule.toPort}`;
}

export function peerLabel(peer: Peer, labels: Map<string, string>): string {
  switch (peer.kind) {
    case 'cidr4':
    case 'cidr6':
      return peer.cidr;
    case 'sg':
      return peer.group.kind === 'resource' ? `sg:${labels.get(peer.group.id) ?? peer.group.id}` : peer.group.kind === 'external' ? `sg:${peer.group.value}` : 'sg:unknown';
    case 'prefixList':
      return peer.prefixList.kind === 'resource' ? `pl:${labels.get(peer.prefixList.id) ?? peer.prefixList.id}` : peer.prefixList.kind === 'external' ? `pl:${peer.prefixList.value}` : 'pl:unknown';
    case 'unknown':
      return 'unknown';
  }
}

function networkOf(posture: Posture, service: ServicePosture): NetworkPath {
  const labels = new Map<string, string>();
  for (const list of [posture.infra.loadBalancers, posture.infra.securityGroups, posture.infra.services]) {
    for (const e of list) labels.set(e.id, entityLabel(e));
  }
  const seen = new Set<string>();
  const ingress: NetworkPath['ingress'] = [];
  for (const source of service.ingress) {
    const label = source.kind === 'internet' ? 'internet' : labels.get(source.ref) ?? source.ref;
    const key = `${source.kind}|${label}`;
    if (seen.has(key)) continue;
    seen.add(key);
    ingress.push({ kind: source.kind, label });
  }
  const needs: NetworkPath['needs'] = [];
  const seenNeeds = new Set<string>();
  for (const n of service.needs) {
    if (seenNeeds.has(n.service)) continue;
    seenNeeds.add(n.service);
    const need: NetworkPath['needs'][number] = { service: n.service, kind: n.kind, covered: n.covered };
    if (n.via !== undefined) need.via = n.via;
    needs.push(need);
  }
  return { ingress, publicIp: service.publicIp.known ? service.publicIp.value : 'unknown', egress: service.egress, needs };
}

function exposureOf(service: ServicePosture): Exposure {
  return {
    publicIp: service.publicIp.known ? service.publicIp.value : 'unknown',
    internetIngress: service.internetIngress,
    defaultRoute: service.egress,
  };
}

/** A finding's identity across base and head: where it is (by stable names, not lines) and what it says. */
export function findingFingerprint(f: Finding): string {
  return [f.ruleId, f.cdkPath ?? f.resource, f.service ?? '', f.message].join('|');
}

function diffFindings(base: Finding[], head: Finding[]): PostureDiff['findings'] {
  const active = (fs: Finding[]): Finding[] => fs.filter((f) => f.suppressed === undefined);
  const baseSet = new Set(active(base).map(findingFingerprint));
  const headSet = new Set(active(head).map(findingFingerprint));
  return {
    new: active(head).filter((f) => !baseSet.has(findingFingerprint(f))),
    resolved: active(base).filter((f) => !headSet.has(findingFingerprint(f))),
    unchanged: active(head).filter((f) => baseSet.has(findingFingerprint(f))),
  };
}

function minus<T>(a: Map<string, T> | undefined, b: Map<string, T> | undefined): T[] {
  if (a === undefined) return [];
  return [...a.entries()].filter(([k]) => b === undefined || !b.has(k)).map(([, v]) => v);
}

function diffNeeds(base: ServiceView | undefined, head: ServiceView | undefined): ServiceDiff['needs'] {
  const lost: NeedChange[] = [];
  const gained: NeedChange[] = [];
  if (head === undefined) return { lost, gained };
  for (const [key, need] of head.needs) {
    const before = base?.needs.get(key);
    const change: NeedChange = { service: need.service, reason: need.reason, kind: need.kind };
    if (before?.via !== undefined) change.before = before.via;
    if (need.via !== undefined) change.after = need.via;
    // A need that nothing covers is "lost" whether it was covered before or is new with this
    // change: either way the tasks did not need to reach it before and cannot reach it now.
    if (need.covered === false && (before === undefined || before.covered !== false)) lost.push(change);
    else if (need.covered === true && before !== undefined && before.covered === false) gained.push(change);
  }
  return { lost, gained };
}

function sameExposure(a: Exposure | null, b: Exposure | null): boolean {
  return a !== null && b !== null && a.publicIp === b.publicIp && a.internetIngress === b.internetIngress && a.defaultRoute === b.defaultRoute;
}

function diffService(key: string, base: ServiceView | undefined, head: ServiceView | undefined, findings: PostureDiff['findings']): ServiceDiff {
  const side = (head ?? base) as ServiceView;
  const status = head === undefined ? 'removed' : base === undefined ? 'added' : 'changed';
  const diff: ServiceDiff = {
    key,
    status,
    resource: side.entity.logicalId,
    file: side.entity.file,
    line: side.entity.source.line,
    permissions: { added: minus(head?.permissions, base?.permissions), removed: minus(base?.permissions, head?.permissions) },
    securityGroupRules: { added: minus(head?.rules, base?.rules), removed: minus(base?.rules, head?.rules) },
    exposure: { before: base?.exposure ?? null, after: head?.exposure ?? null },
    network: { before: base?.network ?? null, after: head?.network ?? null },
    needs: diffNeeds(base, head),
    findings: {
      new: findings.new.filter((f) => f.service === key),
      resolved: findings.resolved.filter((f) => f.service === key),
    },
  };
  if (side.entity.cdkPath !== undefined) diff.cdkPath = side.entity.cdkPath;
  if (status === 'changed') {
    const quiet =
      diff.permissions.added.length + diff.permissions.removed.length + diff.securityGroupRules.added.length +
        diff.securityGroupRules.removed.length + diff.needs.lost.length + diff.needs.gained.length +
        diff.findings.new.length + diff.findings.resolved.length === 0 && sameExposure(diff.exposure.before, diff.exposure.after);
    if (quiet) diff.status = 'unchanged';
  }
  return diff;
}

const becameTrue = (before: boolean | 'unknown' | undefined, after: boolean | 'unknown' | undefined): boolean => after === true && before !== true;

function decideVerdict(services: ServiceDiff[]): { verdict: Verdict; reasons: string[] } {
  const broader: string[] = [];
  const narrower: string[] = [];
  for (const s of services) {
    const name = s.key;
    if (s.status === 'added') broader.push(`${name} is new`);
    if (s.status === 'removed') narrower.push(`${name} is removed`);
    if (s.status === 'added' || s.status === 'removed') continue;
    const { before, after } = s.exposure;
    if (s.permissions.added.length > 0) broader.push(`${name} gains ${count(s.permissions.added.length, 'permission')}`);
    if (s.permissions.removed.length > 0) narrower.push(`${name} loses ${count(s.permissions.removed.length, 'permission')}`);
    const addedIngress = s.securityGroupRules.added.filter((r) => r.direction === 'ingress').length;
    const addedEgress = s.securityGroupRules.added.filter((r) => r.direction === 'egress').length;
    const removedRules = s.securityGroupRules.removed.length;
    if (addedIngress > 0) broader.push(`${name} admits ${count(addedIngress, 'new ingress rule')}`);
    if (addedEgress > 0) broader.push(`${name} gains ${count(addedEgress, 'egress rule')}`);
    if (removedRules > 0) narrower.push(`${name} loses ${count(removedRules, 'security-group rule')}`);
    if (becameTrue(before?.publicIp, after?.publicIp)) broader.push(`${name} now gets a public IP`);
    if (becameTrue(after?.publicIp, before?.publicIp)) narrower.push(`${name} no longer gets a public IP`);
    if (becameTrue(before?.internetIngress, after?.internetIngress)) broader.push(`${name} is now reachable from the internet`);
    if (becameTrue(after?.internetIngress, before?.internetIngress)) narrower.push(`${name} is no longer reachable from the internet`);
    if (s.needs.lost.length > 0) broader.push(`${name} can no longer reach ${s.needs.lost.map((n) => n.service).join(', ')}`);
    if (s.needs.gained.length > 0) narrower.push(`${name} can now reach ${s.needs.gained.map((n) => n.service).join(', ')}`);
  }
  const verdict: Verdict = broader.length > 0 ? (narrower.length > 0 ? 'mixed' : 'broadening') : narrower.length > 0 ? 'narrowing' : 'none';
  return { verdict, reasons: [...broader, ...narrower] };
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
