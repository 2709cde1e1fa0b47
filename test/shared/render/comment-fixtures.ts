// Hand-built diffs for the comment tests: large ones for the size budget, hostile ones for escaping.
import type { EndpointPolicyChange, PermissionChange, PostureDiff, SecurityGroupRuleChange, ServiceDiff } from '../../../src/shared/diff/types.ts';
import type { AccessLevel, Finding } from '../../../src/shared/model/index.ts';

function perm(i: number, sign: string, pattern = `svc${i % 7}:Action*`, access: AccessLevel = i % 3 === 0 ? 'Write' : 'Read'): PermissionChange {
  return { role: 'TaskRole', roleKind: 'task', action: `svc${i % 7}:Action${sign}${i}`, resource: pattern === '*' ? '*' : `arn:aws:s3:::bucket-${i}/*`, accessLevel: access, pattern, file: 'infra/app.yaml', line: 100 + i };
}

function rule(i: number, direction: 'ingress' | 'egress'): SecurityGroupRuleChange {
  return { group: 'TaskSg', direction, protocol: 'tcp', ports: String(1000 + i), peer: `10.0.${i % 250}.0/24`, relation: 'own', serviceDirection: direction, world: false, explicit: true, file: 'infra/app.yaml', line: 40 + i };
}

function finding(i: number, service: string): Finding {
  return { ruleId: 'FW103', severity: i % 2 === 0 ? 'high' : 'medium', resource: 'TaskRole', resourceId: 'infra/app.yaml#TaskRole', service, file: 'infra/app.yaml', line: 12, message: `Task role TaskRole allows ${i} action(s) on Resource "*".` };
}

/** `services` changed services with `perms` permission changes each (half added, half removed). */
export function bigDiff(services: number, perms: number, pattern?: string): PostureDiff {
  const list: ServiceDiff[] = [];
  for (let n = 0; n < services; n++) {
    const key = `service-${String(n).padStart(4, '0')}`;
    // Every third service only narrows (loses permissions); the others gain and lose.
    const narrowing = n % 3 === 2;
    const added = narrowing ? [] : Array.from({ length: perms / 2 }, (_, i) => perm(i, 'A', pattern));
    const removed = Array.from({ length: perms / 2 }, (_, i) => perm(i, 'R', pattern));
    list.push({
      key,
      status: 'changed',
      verdict: narrowing ? 'narrowing' : 'broadening',
      resource: `Service${n}`,
      file: 'infra/app.yaml',
      line: 300 + n,
      permissions: { added, removed },
      securityGroupRules: { added: [rule(n, 'ingress'), rule(n + 1, 'egress')], removed: [rule(n + 2, 'ingress')] },
      endpointPolicies: {
        added: [{ endpoint: 'EcrApiEndpoint', effect: 'Allow', principal: 'AWS:*', action: `ecr:Action${n}`, resource: '*', explicit: true, file: 'infra/app.yaml', line: 90 }],
        removed: [],
      },
      exposure: { before: { publicIp: true, internetIngress: true, defaultRoute: 'igw' }, after: { publicIp: false, internetIngress: true, defaultRoute: 'nat' } },
      network: {
        before: { ingress: [{ kind: 'internet', label: 'internet' }], publicIp: true, egress: 'igw', needs: [{ service: 'logs', kind: 'startup', covered: true, via: 'igw' }] },
        after: { ingress: [{ kind: 'load-balancer', label: 'Alb' }], publicIp: false, egress: 'nat', needs: [{ service: 'logs', kind: 'startup', covered: false }] },
      },
      needs: { lost: narrowing ? [] : [{ service: 'logs', reason: 'awslogs log driver', kind: 'startup', newlyNeeded: false, before: 'igw' }], gained: [], uncertain: [] },
      findings: { new: [finding(n, key), finding(n + 1, key)], resolved: [finding(n + 2, key)], undecided: [], suppressed: [] },
      reasons: narrowing
        ? [{ service: key, effect: 'narrower', text: `loses ${perms / 2} permissions` }]
        : [{ service: key, effect: 'broader', text: `gains ${perms / 2} permissions` }, { service: key, effect: 'broader', text: 'can no longer reach logs' }],
    });
  }
  return {
    services: list,
    findings: { new: list.flatMap((s) => s.findings.new), resolved: list.flatMap((s) => s.findings.resolved), unchanged: [], undecided: [], suppressed: [] },
    headFindingStates: list.flatMap((s) => s.findings.new.map(() => 'new' as const)),
    unresolved: {
      added: list.map((s, i) => ({ file: 'infra/app.yaml', line: 500 + i, path: `Resources.${s.resource}.Properties.Cluster`, reason: `parameter ClusterName${i} has no default` })),
      removed: [],
    },
    verdict: 'broadening',
    reasons: list.flatMap((s) => s.reasons.map((r) => `${r.service} ${r.text}`)),
    errors: [],
  };
}

/** A diff whose every template-derived string is `evil` (and `count` copies of the service). */
export function hostileDiff(evil: string, count = 1): PostureDiff {
  const p: PermissionChange = { role: evil, roleKind: 'task', action: evil, resource: evil, condition: evil, accessLevel: 'Write', pattern: evil, file: evil, line: 3 };
  const r: SecurityGroupRuleChange = { group: evil, direction: 'ingress', protocol: evil, ports: evil, peer: evil, relation: 'references-service', serviceDirection: 'egress', world: true, explicit: true, file: evil, line: 4 };
  const e: EndpointPolicyChange = { endpoint: evil, effect: 'Allow', principal: evil, action: evil, resource: evil, condition: evil, explicit: true, file: evil, line: 6 };
  const f: Finding = { ruleId: 'FW202', severity: 'high', resource: evil, resourceId: evil, service: evil, file: evil, line: 5, message: evil, cdkPath: evil };
  const silenced: Finding = { ...f, suppressed: { reason: evil, by: 'inline' } };
  const services: ServiceDiff[] = Array.from({ length: count }, (_, i) => ({
    key: `${evil}${i}`,
    status: 'changed',
    verdict: 'broadening',
    resource: evil,
    file: evil,
    line: 1,
    cdkPath: evil,
    permissions: { added: [p], removed: [p] },
    securityGroupRules: { added: [r, { ...r, relation: 'endpoint', endpoint: evil }], removed: [r] },
    endpointPolicies: { added: [e], removed: [e] },
    exposure: { before: { publicIp: false, internetIngress: false, defaultRoute: 'nat' }, after: { publicIp: true, publicIpCondition: [{ condition: evil, value: evil }, { condition: evil, value: `${evil}2` }], internetIngress: true, defaultRoute: 'igw' } },
    network: {
      before: { ingress: [{ kind: 'security-group', label: `${evil}-old` }], publicIp: false, egress: 'nat', needs: [] },
      after: {
        ingress: [{ kind: 'load-balancer', label: evil }, { kind: 'internet', label: 'internet' }],
        publicIp: true,
        egress: 'igw',
        needs: [{ service: evil, kind: 'runtime', covered: true, via: `endpoint:${evil}` }, { service: `${evil}2`, kind: 'startup', covered: false }],
      },
    },
    needs: {
      lost: [{ service: `${evil}2`, reason: evil, kind: 'startup', newlyNeeded: false, before: `endpoint:${evil}` }],
      gained: [{ service: evil, reason: evil, kind: 'runtime', newlyNeeded: false, after: `endpoint:${evil}` }],
      uncertain: [],
    },
    findings: { new: [f], resolved: [f], undecided: [f], suppressed: [silenced] },
    reasons: [{ service: `${evil}${i}`, effect: 'broader', text: evil }],
  }));
  return { services, findings: { new: [f, { ...f, service: undefined }], resolved: [f], unchanged: [], undecided: [f, { ...f, service: undefined }], suppressed: [silenced, { ...silenced, service: undefined }] }, headFindingStates: [], unresolved: { added: [{ file: evil, line: 7, path: evil, reason: evil }], removed: [{ file: evil, line: 8, path: evil, reason: evil }] }, verdict: 'broadening', reasons: [evil], errors: [{ side: 'head', file: evil, line: 2, message: evil }] };
}

