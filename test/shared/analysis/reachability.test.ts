import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InfraIndex } from '../../../src/shared/analysis/infra-index.ts';
import { defaultSecurityGroupId } from '../../../src/shared/analysis/security-group-match.ts';
import { analyzeServices } from '../../../src/shared/analysis/services.ts';
import type { Infra, LoadBalancer, RefList, SecurityGroup, ServicePosture } from '../../../src/shared/model/index.ts';
import { known, unknown, unknownRefs } from '../../support/model.ts';
import {
  compose, egress, endpoint, id, ingress, listener, loadBalancer, refList, refTo, route, securityGroup, service, serviceScenario, targetGroup, taskDefinition,
  container, vpcScenario, without,
} from '../../support/network.ts';

function postures(infra: Infra): ServicePosture[] {
  return analyzeServices(infra, new InfraIndex(infra), new Map());
}

function api(infra: Infra): ServicePosture {
  const found = postures(infra).find((p) => p.key === 'ApiService');
  assert.ok(found);
  return found;
}

function ingressOf(p: ServicePosture): string[] {
  return p.ingress.map((i) => `${i.kind} ${i.ref.replace('template.yaml#', '')} ${i.protocol}/${i.ports}`);
}

const lb = (scheme: 'internet-facing' | 'internal' = 'internet-facing') => ({
  loadBalancers: [loadBalancer('Alb', { scheme, securityGroups: ['LbSg'] })],
  targetGroups: [targetGroup('Tg', ['Alb'])],
  securityGroups: [securityGroup('LbSg', [ingress('0.0.0.0/0', 443)])],
});

describe('ingress classification', () => {
  const withRules = (...rules: ReturnType<typeof ingress>[]): Infra => compose(vpcScenario('nat'), {
    ...serviceScenario(),
    securityGroups: [securityGroup('TaskSg', [...rules, egress('0.0.0.0/0', 'all')])],
  }, lb('internal'), {
    services: [service('Worker', { securityGroups: ['WorkerSg'] })],
    securityGroups: [securityGroup('WorkerSg', [])],
  });
  const cases: [string, ReturnType<typeof ingress>[], string[]][] = [
    ['SG of a load balancer', [ingress('LbSg', 8080)], ['load-balancer Alb tcp/8080']],
    ['world IPv4 CIDR', [ingress('0.0.0.0/0', 8080)], ['internet 0.0.0.0/0 tcp/8080']],
    ['world IPv6 CIDR', [ingress('::/0', 'all')], ['internet ::/0 all/all']],
    ['SG of another service', [ingress('WorkerSg', [8000, 8100])], ['service Worker tcp/8000-8100']],
    ['own SG: the service itself', [ingress('TaskSg', 8080)], ['service ApiService tcp/8080']],
    ['some other SG', [ingress('BastionSg', 22)], ['security-group BastionSg tcp/22']],
    ['external SG id', [ingress('sg-0abc', 22)], ['security-group sg-0abc tcp/22']],
    ['private CIDR', [ingress('10.0.0.0/16', 8080)], ['cidr 10.0.0.0/16 tcp/8080']],
    ['prefix list', [ingress('pl-0abc', 443)], ['prefix-list pl-0abc tcp/443']],
    ['unresolved peer', [ingress('?', 443)], ['unknown Fn::ImportValue Peer tcp/443']],
  ];
  for (const [name, rules, expected] of cases) {
    it(name, () => {
      const p = api(withRules(...rules));
      assert.deepEqual(ingressOf(p), expected);
    });
  }

  it('a load balancer that forwards to the service is listed even when the SG admits it by CIDR', () => {
    const infra = compose(vpcScenario('nat'), {
      ...serviceScenario({ service: { targetGroups: [{ name: 'Tg' }] } }),
      securityGroups: [securityGroup('TaskSg', [ingress('10.0.0.0/24', 8080), egress('0.0.0.0/0', 'all')])],
    }, lb('internet-facing'));
    assert.deepEqual(ingressOf(api(infra)), ['cidr 10.0.0.0/24 tcp/8080', 'load-balancer Alb tcp/8080']);
  });

  it('the internet does not reach the service through a load balancer its SG admits but that forwards to none of its target groups', () => {
    const admitted = (targetGroups: { name: string }[]) => compose(vpcScenario('nat'), {
      ...serviceScenario({ service: { targetGroups } }),
      securityGroups: [securityGroup('TaskSg', [ingress('LbSg', 8080), egress('0.0.0.0/0', 'all')])],
    }, lb('internet-facing'));
    const detached = api(admitted([]));
    assert.deepEqual(detached.ingress.map((i) => [i.kind, i.internet]), [['load-balancer', false]]);
    assert.equal(detached.internetIngress, false);
    const forwarding = api(admitted([{ name: 'Tg' }]));
    assert.deepEqual(forwarding.ingress.map((i) => [i.kind, i.internet]), [['load-balancer', true]]);
  });

  it('a task SG outside the files is an unknown source', () => {
    const infra = compose(vpcScenario('nat'), serviceScenario({ service: { securityGroups: ['sg-0shared'] } }));
    assert.deepEqual(ingressOf(api(infra)), ['unknown sg-0shared unknown/unknown']);
  });

  it('the default SG admits its own members: the services that share it', () => {
    const infra = compose(vpcScenario('nat'), serviceScenario({ service: { securityGroups: [] } }));
    const p = api(infra);
    assert.deepEqual(p.securityGroupIds, [defaultSecurityGroupId(id('Vpc'))]);
    assert.deepEqual(ingressOf(p), ['service ApiService all/all']);
  });
});

describe('internetIngress', () => {
  const taskSg = (...rules: ReturnType<typeof ingress>[]) => ({ securityGroups: [securityGroup('TaskSg', [...rules, egress('0.0.0.0/0', 'all')])] });
  const build = (route: 'igw' | 'nat', publicIp: boolean | 'unknown', sg: Partial<Infra>, extra: Partial<Infra> = {}, targetGroups?: { name: string }[]): Infra =>
    compose(vpcScenario(route), { ...serviceScenario({ service: { publicIp: publicIp === 'unknown' ? unknown() : publicIp, targetGroups } }), ...sg }, extra);
  const cases: [string, Infra, boolean | 'unknown'][] = [
    ['world CIDR, public IP, IGW subnet', build('igw', true, taskSg(ingress('0.0.0.0/0', 8080))), true],
    ['world CIDR, private subnet behind NAT', build('nat', false, taskSg(ingress('0.0.0.0/0', 8080))), false],
    ['world CIDR, IGW subnet without public IP', build('igw', false, taskSg(ingress('0.0.0.0/0', 8080))), false],
    ['public IP but only the LB SG admitted', build('igw', true, taskSg(ingress('LbSg', 8080))), false],
    ['world CIDR, public IP unknown', build('igw', 'unknown', taskSg(ingress('0.0.0.0/0', 8080))), 'unknown'],
    ['internet-facing LB forwarding to the service, SG admits the LB', build('nat', false, taskSg(ingress('LbSg', 8080)), lb('internet-facing'), [{ name: 'Tg' }]), true],
    ['internal LB forwarding to the service', build('nat', false, taskSg(ingress('LbSg', 8080)), lb('internal'), [{ name: 'Tg' }]), false],
    ['internet-facing LB the task SG does not admit', build('nat', false, taskSg(ingress('OtherSg', 8080)), lb('internet-facing'), [{ name: 'Tg' }]), false],
    ['internet-facing LB admitted on another port only', build('nat', false, taskSg(ingress('LbSg', 9090)), lb('internet-facing'), [{ name: 'Tg' }]), false],
    ['internet-facing LB admitted by its subnet CIDR', build('nat', false, taskSg(ingress('10.0.0.0/24', 8080)), lb('internet-facing'), [{ name: 'Tg' }]), true],
    ['internet-facing LB not forwarding to the service', build('nat', false, taskSg(ingress('LbSg', 8080)), lb('internet-facing')), false],
    ['task SG outside the files, public', compose(vpcScenario('igw'), serviceScenario({ service: { publicIp: true, securityGroups: ['sg-0abc'] } })), 'unknown'],
    ['world in halves (0.0.0.0/1 + 128.0.0.0/1), public IP, IGW subnet', build('igw', true, taskSg(ingress('0.0.0.0/1', 8080), ingress('128.0.0.0/1', 8080))), true],
    ['one half only, public IP, IGW subnet', build('igw', true, taskSg(ingress('0.0.0.0/1', 8080))), false],
  ];
  for (const [name, infra, expected] of cases) {
    it(`${name} → ${expected}`, () => assert.equal(api(infra).internetIngress, expected));
  }

  it('each half of a world in halves is listed as an internet source', () => {
    const infra = build('igw', true, taskSg(ingress('0.0.0.0/1', 8080), ingress('128.0.0.0/1', 8080), ingress('10.0.0.0/16', 8080)));
    assert.deepEqual(api(infra).ingress.map((i) => `${i.kind} ${i.ref}`), ['internet 0.0.0.0/1', 'internet 128.0.0.0/1', 'cidr 10.0.0.0/16']);
  });
});

describe("internetIngress through an internet-facing load balancer's own security groups", () => {
  // The service forwards from Alb through Tg; the task SG admits LbSg and PublicSubnetA's CIDR on
  // 8080, so only the load balancer's own groups decide.
  const taskSg = securityGroup('TaskSg', [ingress('LbSg', 8080), ingress('10.0.0.0/24', 8080), egress('0.0.0.0/0', 'all')]);
  const behind = (lbGroups: string[] | RefList, groups: SecurityGroup[], opts: { type?: LoadBalancer['type']; extra?: Partial<Infra> } = {}): Infra => {
    const lb = loadBalancer('Alb', { type: opts.type });
    lb.securityGroups = Array.isArray(lbGroups) ? refList(...lbGroups) : lbGroups;
    return compose(
      vpcScenario('nat'),
      { ...serviceScenario({ service: { targetGroups: [{ name: 'Tg' }] } }), securityGroups: [taskSg, ...groups] },
      { loadBalancers: [lb], targetGroups: [targetGroup('Tg', ['Alb'])] },
      opts.extra ?? {},
    );
  };
  const lbSg = (...rules: ReturnType<typeof ingress>[]) => securityGroup('LbSg', rules);
  // A stand-in for a group given by ID whose other rules are outside the files (standalone rules attach to it).
  const standIn = (...rules: ReturnType<typeof ingress>[]): SecurityGroup => ({ ...securityGroup('sg-0lb', rules), id: 'sg-0lb', external: true });
  const https = (port: number | ReturnType<typeof unknown<number>> = 443) => ({ listeners: [listener('Https', 'Alb', port, ['Tg'])] });
  const cases: [string, Infra, boolean | 'unknown'][] = [
    ['LB SG admits only a private CIDR', behind(['LbSg'], [lbSg(ingress('10.0.0.0/8', 443))]), false],
    ['LB SG admits 0.0.0.0/0', behind(['LbSg'], [lbSg(ingress('0.0.0.0/0', 443))]), true],
    ['LB SG admits ::/0', behind(['LbSg'], [lbSg(ingress('::/0', 443))]), true],
    ['one of two LB SGs admits 0.0.0.0/0', behind(['LbSg', 'WorldSg'], [lbSg(ingress('10.0.0.0/8', 443)), securityGroup('WorldSg', [ingress('0.0.0.0/0', 443)])]), true],
    ['LB SG admits 0.0.0.0/0 on the forwarding listener port', behind(['LbSg'], [lbSg(ingress('0.0.0.0/0', 443))], { extra: https() }), true],
    ['LB SG admits 0.0.0.0/0 only off the forwarding listener port', behind(['LbSg'], [lbSg(ingress('0.0.0.0/0', 22), ingress('10.0.0.0/8', 443))], { extra: https() }), false],
    [
      'a listener forwarding elsewhere does not count',
      behind(['LbSg'], [lbSg(ingress('0.0.0.0/0', 22), ingress('10.0.0.0/8', 443))], { extra: { listeners: [listener('Https', 'Alb', 443, ['Tg']), listener('Ssh', 'Alb', 22, ['OtherTg'], 'TCP')] } }),
      false,
    ],
    ['listener port unknown: 0.0.0.0/0 on any port counts', behind(['LbSg'], [lbSg(ingress('0.0.0.0/0', 22))], { extra: https(unknown<number>()) }), true],
    ['no listener in the files: 0.0.0.0/0 on any port counts', behind(['LbSg'], [lbSg(ingress('0.0.0.0/0', 22))]), true],
    ['LB SG admits a prefix list', behind(['LbSg'], [lbSg(ingress('pl-0cdn', 443))]), 'unknown'],
    ['LB SG given by ID, not in the files', behind(['sg-0lb'], []), 'unknown'],
    ['LB SG list unknown', behind(unknownRefs(), []), 'unknown'],
    ['LB SG a stand-in for a group outside the files, no world rule shown', behind(['sg-0lb'], [standIn(ingress('10.0.0.0/8', 443))]), 'unknown'],
    ['LB SG a stand-in whose standalone rule admits 0.0.0.0/0', behind(['sg-0lb'], [standIn(ingress('0.0.0.0/0', 443))]), true],
    ['one LB SG closed, the other outside the files', behind(['LbSg', 'sg-0lb'], [lbSg(ingress('10.0.0.0/8', 443))]), 'unknown'],
    ['ALB without SGs: the VPC default SG admits only its members', behind([], []), false],
    ['NLB without SGs passes traffic through (unchanged)', behind([], [], { type: 'network' }), true],
    ['NLB with an SG admitting only a private CIDR', behind(['LbSg'], [lbSg(ingress('10.0.0.0/8', 443))], { type: 'network' }), false],
  ];
  for (const [name, infra, expected] of cases) {
    it(`${name} → ${expected}`, () => assert.equal(api(infra).internetIngress, expected));
  }

  it('NLB without SGs: still decided by whether the task SG admits its subnets (unchanged)', () => {
    const infra = behind([], [], { type: 'network' });
    infra.securityGroups = infra.securityGroups.map((g) => (g.logicalId === 'TaskSg' ? securityGroup('TaskSg', [ingress('LbSg', 8080), egress('0.0.0.0/0', 'all')]) : g));
    assert.equal(api(infra).internetIngress, false);
  });
});

describe("internetIngress through an internet-facing load balancer whose subnets are not in the files", () => {
  // Alb's subnets come from a parameter (or are given by ID): its addresses are unknown, so only the
  // task group's rules decide whether it is admitted. LbSg admits the internet on every port.
  const behind = (taskRules: ReturnType<typeof ingress>[], opts: { lbSubnets?: RefList; lbGroups?: RefList } = {}): Infra => {
    const alb = loadBalancer('Alb');
    alb.subnets = opts.lbSubnets ?? unknownRefs();
    alb.securityGroups = opts.lbGroups ?? refList('LbSg');
    return compose(
      vpcScenario('nat'),
      { ...serviceScenario({ service: { targetGroups: [{ name: 'Tg' }] } }), securityGroups: [securityGroup('TaskSg', [...taskRules, egress('0.0.0.0/0', 'all')]), securityGroup('LbSg', [ingress('0.0.0.0/0', 'all')])] },
      { loadBalancers: [alb], targetGroups: [targetGroup('Tg', ['Alb'])] },
    );
  };
  // LbSg and a group whose reference is not resolved.
  const partlyUnknownGroups: RefList = { known: true, items: [refTo('LbSg'), { kind: 'unknown', reason: 'parameter without default', source: refList().source }], source: refList().source };
  const cases: [string, Infra, boolean | 'unknown'][] = [
    ['task SG admits the LB SG', behind([ingress('LbSg', 8080)]), true],
    ['task SG has no ingress rule: nothing could admit the LB', behind([]), false],
    ['task SG has no ingress rule, LB subnets given by ID', behind([], { lbSubnets: refList('subnet-0pub') }), false],
    ['task SG admits only another SG', behind([ingress('OtherSg', 8080)]), false],
    ['task SG admits the LB SG on another port only', behind([ingress('LbSg', 9090)]), false],
    ['task SG admits a CIDR that may hold the LB subnets', behind([ingress('10.0.0.0/24', 8080)]), 'unknown'],
    ['task SG admits a CIDR on another port only', behind([ingress('10.0.0.0/24', 22)]), false],
    ['task SG admits an IPv6 CIDR', behind([ingress('2001:db8::/56', 8080)]), 'unknown'],
    ['task SG admits 0.0.0.0/0, which holds any LB address', behind([ingress('0.0.0.0/0', 8080)]), true],
    ['task SG admits a prefix list', behind([ingress('pl-0abc', 8080)]), 'unknown'],
    ['task SG admits an unresolved peer', behind([ingress('?', 8080)]), 'unknown'],
    ['LB subnets known: a CIDR rule that does not hold them', behind([ingress('10.0.10.0/24', 8080)], { lbSubnets: refList('PublicSubnetA') }), false],
    ['one LB SG unresolved: a rule naming another SG may name it', behind([ingress('OtherSg', 8080)], { lbGroups: partlyUnknownGroups }), 'unknown'],
    [
      'one LB SG unresolved, LB subnets known: a rule naming another SG may name it',
      behind([ingress('OtherSg', 8080)], { lbGroups: partlyUnknownGroups, lbSubnets: refList('PublicSubnetA') }),
      'unknown',
    ],
    ['one LB SG unresolved, task SG has no ingress rule', behind([], { lbGroups: partlyUnknownGroups }), false],
  ];
  for (const [name, infra, expected] of cases) {
    it(`${name} → ${expected}`, () => assert.equal(api(infra).internetIngress, expected));
  }

  it('a task SG outside the files may admit the LB', () => {
    const infra = behind([]);
    infra.services = [service('ApiService', { targetGroups: [{ name: 'Tg' }], securityGroups: ['TaskSg', 'sg-0shared'] })];
    assert.equal(api(infra).internetIngress, 'unknown');
  });
});

describe('internetIngress through a load balancer outside the files', () => {
  // Tasks without a public IP in private subnets, admitting the LB group: only a load balancer can
  // reach them, and the files do not show the one they are attached to.
  const attached = (extra: Partial<Infra>, service: ReturnType<typeof serviceScenario>['services'] = undefined, taskRules?: ReturnType<typeof ingress>[]): Infra => {
    const infra = compose(vpcScenario('nat'), serviceScenario({ service: { targetGroups: [{ name: 'Tg' }] } }), extra);
    if (service !== undefined) infra.services = service;
    if (taskRules !== undefined) infra.securityGroups = infra.securityGroups.map((g) => (g.logicalId === 'TaskSg' ? securityGroup('TaskSg', [...taskRules, egress('0.0.0.0/0', 'all')]) : g));
    return infra;
  };
  const cases: [string, Infra, boolean | 'unknown'][] = [
    ['a target group no listener in the files forwards to (a listener rule in another stack)', attached({ targetGroups: [targetGroup('Tg', [])] }), 'unknown'],
    ['a target group given by ARN', attached({}, [service('ApiService', { targetGroups: [{ name: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/0abc' }] })]), 'unknown'],
    ['a target group of a load balancer given by ARN', attached({ targetGroups: [targetGroup('Tg', ['arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/0abc'])] }), 'unknown'],
    ['a target group no load balancer in the files forwards to, task SG without ingress rules', attached({ targetGroups: [targetGroup('Tg', [])] }, undefined, []), false],
    [
      'a target group no load balancer in the files forwards to, task SG admits only another port',
      attached({ targetGroups: [targetGroup('Tg', [])] }, undefined, [ingress('10.0.0.0/8', 22)]),
      false,
    ],
    ['a target group no load balancer in the files forwards to, task SG admits a CIDR', attached({ targetGroups: [targetGroup('Tg', [])] }, undefined, [ingress('10.0.0.0/8', 8080)]), 'unknown'],
    ['a target group of an internal load balancer in the files', attached({ ...lb('internal') }), false],
    ['no load balancer attached', attached({}, [service('ApiService')]), false],
  ];
  for (const [name, infra, expected] of cases) {
    it(`${name} → ${expected}`, () => assert.equal(api(infra).internetIngress, expected));
  }

  it('a classic load balancer named by the service', () => {
    const infra = attached({}, [service('ApiService')]);
    infra.services[0]!.loadBalancers = [{ loadBalancerName: 'web-elb', containerName: 'app', containerPort: 8080, source: infra.services[0]!.source }];
    assert.equal(api(infra).internetIngress, 'unknown');
  });
});

describe('internetIngress directly, service subnets not in the files', () => {
  // The subnets come from a parameter: whether they route to an internet gateway is unknown.
  const direct = (publicIp: boolean | 'unknown', subnets: RefList | string[] = unknownRefs(), rules = [ingress('0.0.0.0/0', 22)]): Infra =>
    compose(vpcScenario('igw'), {
      ...serviceScenario({ service: { subnets, publicIp: publicIp === 'unknown' ? unknown() : publicIp } }),
      securityGroups: [securityGroup('TaskSg', [...rules, egress('0.0.0.0/0', 'all')])],
    });
  const cases: [string, Infra, boolean | 'unknown'][] = [
    ['world CIDR, no public IP (DISABLED)', direct(false), false],
    ['world CIDR, AssignPublicIp absent (DISABLED by default)', compose(vpcScenario('igw'), {
      ...serviceScenario({ service: { subnets: unknownRefs() } }),
      securityGroups: [securityGroup('TaskSg', [ingress('0.0.0.0/0', 22), egress('0.0.0.0/0', 'all')])],
    }), false],
    ['world CIDR, no public IP, subnets given by ID', direct(false, ['subnet-0aaa', 'subnet-0bbb']), false],
    ['world CIDR, public IP unknown', direct('unknown'), 'unknown'],
    ['world CIDR, public IP', direct(true), 'unknown'],
    ['world CIDR, public IP unknown, subnets given by ID', direct('unknown', ['subnet-0aaa']), 'unknown'],
    ['world CIDR, public IP, in the files an IGW subnet', direct(true, ['AppSubnetA']), true],
    ['no world CIDR, public IP unknown', direct('unknown', unknownRefs(), [ingress('10.0.0.0/8', 22)]), false],
  ];
  for (const [name, infra, expected] of cases) {
    it(`${name} → ${expected}`, () => assert.equal(api(infra).internetIngress, expected));
  }

  it('egress still cannot be decided without the subnets, public IP or not', () => {
    assert.equal(api(direct(false)).egress, 'unknown');
  });
});

describe('internetIngress over IPv6 (tasks without a public IPv4 address)', () => {
  // App subnets with IPv6 addresses, `::/0` routed to `v6Target`, the task group admitting `peer` on 22.
  const dualStack = (v6Target: 'igw' | 'egress-only-igw' | undefined, peer = '::/0', ipv6 = true): Infra => {
    const base = compose(vpcScenario('nat'), {
      ...serviceScenario({ service: { publicIp: false } }),
      securityGroups: [securityGroup('TaskSg', [ingress(peer, 22), egress('0.0.0.0/0', 'all')])],
    });
    base.subnets = base.subnets.map((s) => (s.logicalId.startsWith('App') && ipv6 ? { ...s, ipv6: known(true) } : s));
    if (v6Target !== undefined) base.routeTables = base.routeTables.map((t) => (t.logicalId === 'AppRt' ? { ...t, routes: [...t.routes, route(v6Target, 'Gw', '::/0')] } : t));
    return base;
  };
  const cases: [string, Infra, boolean | 'unknown'][] = [
    ['IPv6 subnets, ::/0 to an internet gateway, ::/0 admitted: whether tasks get IPv6 is the account setting’s', dualStack('igw'), 'unknown'],
    ['::/0 to an egress-only gateway: nothing comes in', dualStack('egress-only-igw'), false],
    ['no ::/0 route', dualStack(undefined), false],
    ['only 0.0.0.0/0 admitted: no IPv6 traffic', dualStack('igw', '0.0.0.0/0'), false],
    ['subnets without IPv6 addresses', dualStack('igw', '::/0', false), false],
  ];
  for (const [name, infra, expected] of cases) {
    it(`${name} → ${expected}`, () => assert.equal(api(infra).internetIngress, expected));
  }
});

describe('egress path and network facts', () => {
  it('igw needs a public IP; without one and without endpoints it is none', () => {
    assert.equal(api(compose(vpcScenario('igw'), serviceScenario({ service: { publicIp: true } }))).egress, 'igw');
    assert.equal(api(compose(vpcScenario('igw'), serviceScenario())).egress, 'none');
  });

  it('endpoints-only when there is no internet path but the VPC has endpoints', () => {
    const infra = compose(vpcScenario('none'), serviceScenario(), { vpcEndpoints: [endpoint('S3Gateway', 's3', { routeTables: ['AppRt'] })] });
    assert.equal(api(infra).egress, 'endpoints-only');
  });

  it('a NAT route whose NAT gateway is gone from the files is unknown', () => {
    assert.equal(api(without(compose(vpcScenario('nat'), serviceScenario()), 'NatA')).egress, 'unknown');
  });

  it('records subnets, SGs, AZs, VPC and roles', () => {
    const infra = compose(vpcScenario('nat'), serviceScenario({ taskRole: 'TaskRole' }));
    const p = api(infra);
    assert.deepEqual(p.subnets, [id('AppSubnetA'), id('AppSubnetB')]);
    assert.deepEqual(p.securityGroupIds, [id('TaskSg')]);
    assert.deepEqual(p.availabilityZones, ['us-east-1a', 'us-east-1b']);
    assert.equal(p.vpcId, id('Vpc'));
    assert.equal(p.taskRoleId, id('TaskRole'));
    assert.equal(p.executionRoleId, id('ExecRole'));
    assert.equal(p.publicIp.known && p.publicIp.value, false);
  });

  it('AZs and VPC are omitted when subnets are outside the files', () => {
    const p = api(compose(serviceScenario({ service: { subnets: ['subnet-0aaa'] } })));
    assert.equal(p.availabilityZones, undefined);
    assert.equal(p.vpcId, undefined);
    assert.deepEqual(p.subnets, ['subnet-0aaa']);
  });

  it('analyzes every ECS service, Fargate or not', () => {
    const infra = compose(vpcScenario('nat'), serviceScenario(), {
      services: [service('Legacy', { fargate: false, taskDefinition: 'LegacyTd' })],
      taskDefinitions: [taskDefinition('LegacyTd', [container()], { networkMode: 'bridge' })],
    });
    assert.deepEqual(postures(infra).map((p) => p.key), ['ApiService', 'Legacy']);
  });
});

describe('egress through other default-route targets', () => {
  const withTarget = (target: 'instance' | 'eni' | 'tgw' | 'peering' | 'vpce', name: string): Infra => {
    const infra = compose(vpcScenario('none'), serviceScenario());
    infra.routeTables = infra.routeTables.map((rt) => (rt.logicalId === 'AppRt' ? { ...rt, routes: [{ destination: { known: true, value: '0.0.0.0/0', source: rt.source }, destinationKind: 'cidr4', target, targetRef: { kind: 'external', value: name, source: rt.source }, source: rt.source }] } : rt));
    return infra;
  };
  const cases: [string, Infra, string, string | boolean][] = [
    ['NAT instance', withTarget('instance', 'i-0abc'), 'nat', 'nat:i-0abc'],
    ['NAT instance ENI', withTarget('eni', 'eni-0abc'), 'nat', 'nat:eni-0abc'],
    ['transit gateway', withTarget('tgw', 'tgw-0abc'), 'unknown', 'unknown'],
    ['peering connection', withTarget('peering', 'pcx-0abc'), 'unknown', 'unknown'],
    ['Gateway Load Balancer endpoint', withTarget('vpce', 'vpce-0abc'), 'unknown', 'unknown'],
  ];
  for (const [name, infra, egressPath, logs] of cases) {
    it(`${name} → egress ${egressPath}, logs ${String(logs)}`, () => {
      const p = api(infra);
      assert.equal(p.egress, egressPath);
      const need = p.needs.find((n) => n.service === 'logs');
      assert.equal(need?.covered === true ? need.via : String(need?.covered), logs);
    });
  }
});
