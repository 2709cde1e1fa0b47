import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { serviceFlowchart } from '../../../src/shared/render/comment/mermaid.ts';
import type { SecurityGroupRuleChange, ServiceDiff } from '../../../src/shared/diff/types.ts';

function rule(peer: string, relation: SecurityGroupRuleChange['relation'] = 'own'): SecurityGroupRuleChange {
  return { group: 'TaskSg', direction: 'ingress', protocol: 'tcp', ports: '8080', peer, relation, serviceDirection: 'ingress', world: peer === '0.0.0.0/0', explicit: true, file: 't.yaml', line: 3 };
}

/**
 * A changed service whose group rules go from `before` sources to `after` ones (CIDRs; 0.0.0.0/0 is
 * the internet source). Reachable from the internet, its tasks have a public IP in a subnet routed
 * to an internet gateway on both sides, so a world-open rule is a direct path.
 */
function service(before: string[], after: string[], internetIngress: boolean | 'unknown'): ServiceDiff {
  const source = (peer: string) => (peer === '0.0.0.0/0' ? { kind: 'internet' as const, label: 'internet' } : { kind: 'cidr' as const, label: peer });
  const [publicIp, egress] = internetIngress === true ? [true, 'igw' as const] : internetIngress === 'unknown' ? ['unknown' as const, 'unknown' as const] : [false, 'nat' as const];
  const path = (peers: string[]) => ({ ingress: peers.map(source), publicIp, egress, needs: [] });
  return {
    key: 'web', status: 'changed', verdict: 'broadening', resource: 'Service', file: 't.yaml', line: 1,
    permissions: { added: [], removed: [] },
    securityGroupRules: { added: after.filter((p) => !before.includes(p)).map((p) => rule(p)), removed: before.filter((p) => !after.includes(p)).map((p) => rule(p)) },
    endpointPolicies: { added: [], removed: [] },
    exposure: { before: { publicIp: false, internetIngress: false, defaultRoute: 'nat' }, after: { publicIp: false, internetIngress, defaultRoute: 'nat' } },
    network: { before: path(before), after: path(after) },
    needs: { lost: [], gained: [], uncertain: [] },
    findings: { new: [], resolved: [], undecided: [], suppressed: [] },
    reasons: [],
  };
}

describe('serviceFlowchart', () => {
  it('draws the internet only when the service is reachable from it; a world-open rule alone is any routable address', () => {
    const hidden = serviceFlowchart(service(['10.0.0.0/16'], ['0.0.0.0/0'], false)).join('\n');
    assert.doesNotMatch(hidden, /Internet/);
    assert.match(hidden, /in0\["any address \(0\.0\.0\.0\/0\) that can route to it"\]/);
    const reachable = serviceFlowchart(service(['10.0.0.0/16'], ['0.0.0.0/0'], true)).join('\n');
    assert.match(reachable, /net\(\("Internet"\)\)/);
    assert.match(serviceFlowchart(service([], ['0.0.0.0/0'], 'unknown')).join('\n'), /the internet if it has a public path/);
  });

  it('a world-open rule of a service reachable only through a load balancer is no direct path from the internet', () => {
    const s = service([], ['0.0.0.0/0'], true);
    s.network.after = { ...s.network.after!, publicIp: false, egress: 'nat' };
    s.network.after.ingress.push({ kind: 'load-balancer', label: 'PublicAlb', internetFacing: true, internet: true });
    const lines = serviceFlowchart(s);
    assert.ok(lines.includes('  in0["any address (0.0.0.0/0) that can route to it"]'));
    assert.deepEqual(lines.filter((l) => l.startsWith('  net ')), ['  net --> in1']);
  });

  it('puts the internet in front of an internet-facing load balancer, not of an internal one', () => {
    const s = service([], [], true);
    s.network.after!.ingress = [{ kind: 'load-balancer', label: 'PublicAlb', internetFacing: true }, { kind: 'load-balancer', label: 'InternalAlb', internetFacing: false }];
    const lines = serviceFlowchart(s);
    assert.ok(lines.includes('  net(("Internet"))'));
    assert.deepEqual(lines.filter((l) => l.startsWith('  net -->')), ['  net --> in0']);
  });

  it('puts the internet only in front of a load balancer it reaches the service through, whatever the scheme', () => {
    const s = service([], [], true);
    s.network.after!.ingress = [
      { kind: 'load-balancer', label: 'CorporateAlb', internetFacing: true, internet: false },
      { kind: 'load-balancer', label: 'PublicAlb', internetFacing: true, internet: true },
      { kind: 'load-balancer', label: 'ExternalGroupsAlb', internetFacing: true, internet: 'unknown' },
    ];
    const lines = serviceFlowchart(s);
    assert.deepEqual(lines.filter((l) => l.startsWith('  net -->')), ['  net --> in1', '  net --> in2']);
  });

  it('draws each source once: a rule change from a drawn source is its edge, added or removed', () => {
    const lines = serviceFlowchart(service(['10.0.0.0/16'], ['10.1.0.0/16'], false));
    const nodes = lines.filter((l) => /^ {2}\w+\[/.test(l));
    assert.deepEqual(nodes, ['  svc["web<br/>public IP: no"]', '  in0["10.1.0.0/16"]', '  gone0["10.0.0.0/16"]']);
    assert.ok(lines.includes('  in0 -->|"tcp 8080"| svc'));
    assert.ok(lines.includes('  gone0 -.->|"removed tcp 8080"| svc'));
    assert.ok(!lines.includes('  in0 --> svc'), 'no second, plain edge for the same source');
  });

  it('highlights a new way out, draws the one no longer used, and marks reachability that can no longer be decided', () => {
    const s = service([], [], false);
    s.network.before!.needs = [{ service: 'logs', kind: 'startup', covered: true, via: 'igw' }, { service: 's3', kind: 'runtime', covered: true, via: 'igw' }];
    s.network.after!.needs = [{ service: 'logs', kind: 'startup', covered: true, via: 'endpoint:LogsEndpoint' }, { service: 's3', kind: 'runtime', covered: 'unknown' }];
    s.needs.uncertain = [{ service: 's3', reason: 'task role', kind: 'runtime', newlyNeeded: false, before: 'igw' }];
    const lines = serviceFlowchart(s);
    assert.ok(lines.includes('  hop0{{"endpoint LogsEndpoint"}}'));
    assert.ok(lines.includes('  gonehop0{{"internet gateway"}}'));
    assert.ok(lines.includes('  svc -.->|"no longer used"| gonehop0'));
    assert.ok(lines.includes('  class gonehop0 lost'));
    assert.ok(lines.includes('  class hop0 changed'));
    assert.ok(lines.includes('  class aws1 uncertain'));
  });

  it('a removed rule from a source another rule still admits is an edge from that source', () => {
    const s = service(['0.0.0.0/0'], ['0.0.0.0/0'], true);
    s.securityGroupRules.removed = [{ ...rule('0.0.0.0/0'), ports: '80' }];
    const lines = serviceFlowchart(s);
    assert.deepEqual(lines.filter((l) => l.includes('0.0.0.0/0') || l.includes('Internet')), ['  net(("Internet"))']);
    assert.ok(lines.includes('  net -.->|"removed tcp 80"| svc'));
  });

  it('draws the internet once: reached directly, through an internet-facing load balancer, and before the change', () => {
    const s = service([], [], true);
    s.network.after!.ingress = [
      { kind: 'internet', label: '0.0.0.0/0' },
      { kind: 'internet', label: '::/0' },
      { kind: 'load-balancer', label: 'PublicAlb', internetFacing: true },
    ];
    const lines = serviceFlowchart(s);
    assert.deepEqual(lines.filter((l) => l.includes('Internet')), ['  net(("Internet"))']);
    assert.deepEqual(lines.filter((l) => l.startsWith('  net ')), ['  net --> svc', '  net --> in2']);

    // Direct reach removed, the load balancer still in front: one node, not marked lost, its direct edge removed.
    const gone = service([], [], true);
    gone.exposure.before = { ...gone.exposure.before!, internetIngress: true };
    gone.network.before!.ingress = [{ kind: 'internet', label: '0.0.0.0/0' }, { kind: 'load-balancer', label: 'PublicAlb', internetFacing: true }];
    gone.network.after!.ingress = [{ kind: 'load-balancer', label: 'PublicAlb', internetFacing: true }];
    const after = serviceFlowchart(gone);
    assert.deepEqual(after.filter((l) => l.includes('Internet')), ['  net(("Internet"))']);
    assert.ok(after.includes('  net --> in0'));
    assert.ok(after.includes('  net -.->|"removed"| svc'));
    assert.ok(!after.some((l) => /^ {2}class .*\bnet\b.* lost$/.test(l)), 'the internet is still there');
  });

  it('says how many sources and rule changes it left out', () => {
    const many = Array.from({ length: 12 }, (_, i) => `10.${i + 1}.0.0/16`);
    const text = serviceFlowchart(service([], many, false)).join('\n');
    assert.match(text, /inmore\["4 more sources \(see the tables\)"\]/);
    assert.match(text, /rulemore\["4 more rule changes \(see the tables\)"\]/);
    assert.equal((text.match(/\["10\.1\.0\.0\/16"\]/g) ?? []).length, 1, 'no source drawn twice');
  });

  it('a rule change naming a load balancer\'s group is an edge from the load balancer, not a second node for its group', () => {
    const s = service([], [], true);
    s.network.after!.ingress = [{ kind: 'load-balancer', label: 'PrivateLb', internetFacing: false, internet: false, groups: ['PrivateLbSg'] }];
    s.securityGroupRules.added = [{ ...rule('sg:TaskSg', 'references-service'), group: 'PrivateLbSg', direction: 'egress', protocol: '-1', ports: 'all' }];
    const lines = serviceFlowchart(s);
    assert.ok(lines.includes('  in0 -->|"all traffic"| svc'), lines.join('\n'));
    assert.ok(!lines.some((l) => l.includes('sg:PrivateLbSg')));
  });

  it('a prefix list is one node whether a source or a rule names it; the service\'s own group is itself, not another service', () => {
    const s = service([], [], false);
    s.network.after!.ingress = [{ kind: 'prefix-list', label: 'pl-0123' }, { kind: 'service', label: 'Service', self: true }];
    s.securityGroupRules.added = [rule('pl:pl-0123')];
    const lines = serviceFlowchart(s);
    assert.deepEqual(lines.filter((l) => l.includes('pl-0123')), ['  in0["pl-0123"]']);
    assert.ok(lines.includes('  in1["its own tasks (its group admits itself)"]'));
  });

  it('ways out left out of the picture point to where they are named, not to tables that do not list them', () => {
    const s = service([], [], false);
    s.network.before!.needs = Array.from({ length: 5 }, (_, i) => ({ service: `svc${i}`, kind: 'runtime' as const, covered: true as const, via: `endpoint:E${i}` }));
    const text = serviceFlowchart(s).join('\n');
    assert.match(text, /gonehopmore\["1 more way out no longer used \(see the reasons and the reachability list\)"\]/);
  });
});
