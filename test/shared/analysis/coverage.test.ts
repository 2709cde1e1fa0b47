import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultConfig } from '../../../src/shared/config/index.ts';
import { scan } from '../../../src/shared/engine.ts';
import { loadIamCatalog } from '../../../src/shared/io/iam-catalog.ts';
import { loadManagedPolicies } from '../../../src/shared/io/managed-policies.ts';
import { InfraIndex } from '../../../src/shared/analysis/infra-index.ts';
import { defaultSecurityGroupId } from '../../../src/shared/analysis/security-group-match.ts';
import { analyzeServices } from '../../../src/shared/analysis/services.ts';
import type { CoverageProblemKind, EffectivePermissions, Infra, Need, SecurityGroupRule } from '../../../src/shared/model/index.ts';
import { known, unknown, unknownRefs } from '../../support/model.ts';
import {
  compose, container, egress, endpoint, endpointScenario, id, ingress, permissions, policy, secretRef, securityGroup, serviceScenario, statement,
  subnet, vpcScenario, without,
} from '../../support/network.ts';
import type { ServiceOptions } from '../../support/network.ts';

function needsOf(infra: Infra, perms: Map<string, EffectivePermissions> = new Map()): Map<string, Need> {
  const [posture] = analyzeServices(infra, new InfraIndex(infra), perms);
  assert.ok(posture);
  return new Map(posture.needs.map((n) => [n.service, n]));
}

/** `service=covered via [problem kinds]`, compact enough for a table. */
function summary(need: Need | undefined): string {
  if (need === undefined) return 'absent';
  const problems = need.problems.map((p) => p.kind).join(',');
  return `${String(need.covered)}${need.via === undefined ? '' : ` ${need.via}`}${problems === '' ? '' : ` [${problems}]`}`;
}

function problem(need: Need | undefined, kind: CoverageProblemKind) {
  const found = need?.problems.find((p) => p.kind === kind);
  assert.ok(found, `expected a ${kind} problem on ${need?.service}: ${JSON.stringify(need?.problems)}`);
  return found;
}

/** Replaces endpoints / security groups of a composed infra by logical id. */
function replacing(infra: Infra, parts: Partial<Infra>): Infra {
  const ids = Object.values(parts).flatMap((list) => (Array.isArray(list) ? (list as { logicalId: string }[]).map((e) => e.logicalId) : []));
  return compose(without(infra, ...ids), parts);
}

const isolated = (): Infra => compose(vpcScenario('none'), serviceScenario(), endpointScenario());

describe('coverage: the three egress designs of reference 000', () => {
  const cases: [string, Infra, Record<string, string>][] = [
    ['public subnet + public IP → via igw', compose(vpcScenario('igw'), serviceScenario({ service: { publicIp: true } })), {
      'ecr.api': 'true igw', 'ecr.dkr': 'true igw', s3: 'true igw', logs: 'true igw',
    }],
    ['private subnet with NAT → via nat', compose(vpcScenario('nat'), serviceScenario()), {
      'ecr.api': 'true nat:NatA', 'ecr.dkr': 'true nat:NatA', s3: 'true nat:NatA', logs: 'true nat:NatA',
    }],
    ['isolated subnets with the full endpoint set → via endpoints', isolated(), {
      'ecr.api': 'true endpoint:EcrApi [ecr-endpoint-unrestricted]',
      'ecr.dkr': 'true endpoint:EcrDkr [ecr-endpoint-unrestricted]',
      s3: 'true endpoint:S3Gateway',
      logs: 'true endpoint:Logs',
    }],
    ['public subnet without public IP → nothing reachable', compose(vpcScenario('igw'), serviceScenario()), {
      'ecr.api': 'false [no-path]', 'ecr.dkr': 'false [no-path]', s3: 'false [no-path]', logs: 'false [no-path]',
    }],
    ['private NAT gateway → no internet', compose({ ...vpcScenario('nat'), natGateways: [{ ...vpcScenario('nat').natGateways![0]!, connectivity: 'private' }] }, serviceScenario()), {
      logs: 'false [no-path]',
    }],
    ['transit gateway default route → unknown', compose(vpcScenario('tgw'), serviceScenario()), {
      'ecr.api': 'unknown', s3: 'unknown', logs: 'unknown',
    }],
  ];
  for (const [name, infra, expected] of cases) {
    it(name, () => {
      const needs = needsOf(infra);
      for (const [service, want] of Object.entries(expected)) assert.equal(summary(needs.get(service)), want, service);
    });
  }
});

describe('coverage: reference 003 pitfalls', () => {
  it('no S3 gateway endpoint: image layers cannot be pulled (CannotPullContainerError)', () => {
    const needs = needsOf(without(isolated(), 'S3Gateway'));
    assert.equal(summary(needs.get('s3')), 'false [no-path]');
    assert.equal(needs.get('s3')?.kind, 'startup');
    assert.equal(summary(needs.get('ecr.dkr')), 'true endpoint:EcrDkr [ecr-endpoint-unrestricted]');
  });

  it("endpoint SG does not admit 443 from the task's SG", () => {
    const infra = replacing(isolated(), { securityGroups: [securityGroup('EndpointSg', [ingress('TaskSg', 80), ingress('OtherSg', 443)])] });
    const needs = needsOf(infra);
    assert.equal(summary(needs.get('logs')), 'false [endpoint-sg-ingress]');
    const p = problem(needs.get('logs'), 'endpoint-sg-ingress');
    assert.equal(p.endpointId, id('Logs'));
    assert.deepEqual(p.missing, [id('TaskSg')]);
    // The S3 gateway has no security group: unaffected.
    assert.equal(summary(needs.get('s3')), 'true endpoint:S3Gateway');
  });

  it('endpoint SG admitting the VPC CIDR covers the tasks', () => {
    const infra = replacing(isolated(), { securityGroups: [securityGroup('EndpointSg', [ingress('10.0.0.0/16', 443)])] });
    assert.equal(summary(needsOf(infra).get('logs')), 'true endpoint:Logs');
  });

  it('endpoint SG admitting only one task subnet CIDR', () => {
    const infra = replacing(isolated(), { securityGroups: [securityGroup('EndpointSg', [ingress('10.0.10.0/24', 443)])] });
    assert.equal(summary(needsOf(infra).get('logs')), 'false [endpoint-sg-ingress]');
  });

  it('task SG egress without the S3 prefix list', () => {
    const infra = replacing(isolated(), { securityGroups: [securityGroup('TaskSg', [ingress('LbSg', 8080), egress('EndpointSg', 443)])] });
    const needs = needsOf(infra);
    assert.equal(summary(needs.get('s3')), 'false [task-sg-egress]');
    assert.equal(problem(needs.get('s3'), 'task-sg-egress').endpointId, id('S3Gateway'));
    // Egress to the endpoint SG is enough for the interface endpoints.
    assert.equal(summary(needs.get('logs')), 'true endpoint:Logs');
  });

  it('task SG egress to the S3 prefix list covers the gateway', () => {
    const infra = replacing(isolated(), { securityGroups: [securityGroup('TaskSg', [egress('EndpointSg', 443), egress('pl-63a5400a', 443)])] });
    // An unresolved pl- id is unknown, a reference named after S3 is the S3 list.
    assert.equal(summary(needsOf(infra).get('s3')), 'unknown');
    const named = replacing(isolated(), { securityGroups: [securityGroup('TaskSg', [egress('EndpointSg', 443), egress('S3PrefixList', 443)])] });
    assert.equal(summary(needsOf(named).get('s3')), 'true endpoint:S3Gateway');
  });

  it('task SG egress to neither the endpoint SG nor its subnets', () => {
    const infra = replacing(isolated(), { securityGroups: [securityGroup('TaskSg', [egress('0.0.0.0/0', 5432), egress('10.0.200.0/24', 443)])] });
    const needs = needsOf(infra);
    assert.equal(summary(needs.get('logs')), 'false [task-sg-egress]');
    assert.deepEqual(problem(needs.get('logs'), 'task-sg-egress').missing, [id('EndpointSg')]);
  });

  it('task SG egress to the VPC CIDR reaches interface endpoints', () => {
    const infra = replacing(isolated(), { securityGroups: [securityGroup('TaskSg', [egress('10.0.0.0/16', 443), egress('0.0.0.0/0', 443)])] });
    assert.equal(summary(needsOf(infra).get('logs')), 'true endpoint:Logs');
  });

  it('endpoint not in the AZ of one task subnet', () => {
    const infra = replacing(isolated(), { vpcEndpoints: [endpoint('Logs', 'logs', { subnets: ['AppSubnetA'], securityGroups: ['EndpointSg'], privateDns: true })] });
    const needs = needsOf(infra);
    assert.equal(summary(needs.get('logs')), 'false [endpoint-missing-az]');
    const p = problem(needs.get('logs'), 'endpoint-missing-az');
    assert.deepEqual(p.missing, ['us-east-1b']);
    assert.match(p.detail, /us-east-1b/);
  });

  it('an endpoint in another subnet of the same AZ counts', () => {
    const base = isolated();
    base.subnets.push(subnet('EndpointSubnetB', { cidr: '10.0.21.0/24', az: 'us-east-1b', routeTable: 'AppRt' }));
    const infra = replacing(base, { vpcEndpoints: [endpoint('Logs', 'logs', { subnets: ['AppSubnetA', 'EndpointSubnetB'], securityGroups: ['EndpointSg'], privateDns: true })] });
    assert.equal(summary(needsOf(infra).get('logs')), 'true endpoint:Logs');
  });

  it('private DNS off and no internet path', () => {
    const infra = replacing(isolated(), { vpcEndpoints: [endpoint('Logs', 'logs', { subnets: ['AppSubnetA', 'AppSubnetB'], securityGroups: ['EndpointSg'], privateDns: false })] });
    const needs = needsOf(infra);
    assert.equal(summary(needs.get('logs')), 'false [endpoint-private-dns]');
    assert.equal(problem(needs.get('logs'), 'endpoint-private-dns').endpointId, id('Logs'));
  });

  it("private DNS absent: CloudFormation's default (false) applies", () => {
    const e = endpoint('Logs', 'logs', { subnets: ['AppSubnetA', 'AppSubnetB'], securityGroups: ['EndpointSg'] });
    const infra = replacing(isolated(), { vpcEndpoints: [{ ...e, privateDns: { known: true, value: false, source: { ...e.source, explicit: false } } }] });
    assert.equal(summary(needsOf(infra).get('logs')), 'false [endpoint-private-dns]');
  });

  it('ECR endpoints with a repository-scoped policy are not flagged', () => {
    const scoped = policy(statement('Allow', ['ecr:GetAuthorizationToken'], ['*']), statement('Allow', ['*'], ['arn:aws:ecr:us-east-1:123456789012:repository/*']));
    const infra = replacing(isolated(), { vpcEndpoints: [endpoint('EcrApi', 'ecr.api', { subnets: ['AppSubnetA', 'AppSubnetB'], securityGroups: ['EndpointSg'], privateDns: true, policy: scoped })] });
    assert.equal(summary(needsOf(infra).get('ecr.api')), 'true endpoint:EcrApi');
  });

  it('an ecr.api policy without GetAuthorizationToken on * refuses the registry token: tasks cannot start', () => {
    const pullOnly = policy(
      statement('Allow', ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], ['arn:aws:ecr:us-east-1:123456789012:repository/*']),
      // Scoped to repositories, the token action matches nothing: it only works on `*`.
      statement('Allow', ['ecr:GetAuthorizationToken'], ['arn:aws:ecr:us-east-1:123456789012:repository/*']),
    );
    const iface = (name: string, service: string) => endpoint(name, service, { subnets: ['AppSubnetA', 'AppSubnetB'], securityGroups: ['EndpointSg'], privateDns: true, policy: pullOnly });
    const needs = needsOf(replacing(isolated(), { vpcEndpoints: [iface('EcrApi', 'ecr.api'), iface('EcrDkr', 'ecr.dkr')] }));
    const api = needs.get('ecr.api');
    assert.equal(summary(api), 'false [endpoint-policy]');
    assert.equal(problem(api, 'endpoint-policy').detail, 'the policy of endpoint EcrApi does not allow ecr:GetAuthorizationToken on * (private ECR image)', 'names only what is refused');
    assert.equal(summary(needs.get('ecr.dkr')), 'true endpoint:EcrDkr', 'the token is fetched through ecr.api, not ecr.dkr');
  });

  it("ECR endpoints with examples/head's policy and an image built from pseudo parameters", () => {
    const examplePolicy = policy(
      statement('Allow', ['ecr:GetAuthorizationToken'], ['*']),
      statement('Allow', ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'], ['arn:${AWS::Partition}:ecr:${AWS::Region}:${AWS::AccountId}:repository/*']),
    );
    const iface = (name: string, service: string) => endpoint(name, service, { subnets: ['AppSubnetA', 'AppSubnetB'], securityGroups: ['EndpointSg'], privateDns: true, policy: examplePolicy });
    const infra = replacing(
      compose(vpcScenario('none'), serviceScenario({ containers: [container({ image: '${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/orders-api:${ImageTag}', logDriver: 'awslogs' })] }), endpointScenario()),
      { vpcEndpoints: [iface('EcrApi', 'ecr.api'), iface('EcrDkr', 'ecr.dkr')] },
    );
    const needs = needsOf(infra);
    assert.equal(summary(needs.get('ecr.api')), 'true endpoint:EcrApi');
    assert.equal(summary(needs.get('ecr.dkr')), 'true endpoint:EcrDkr');
  });

  it('ECR endpoint policy for another account denies the pull', () => {
    const other = policy(statement('Allow', ['*'], ['arn:aws:ecr:us-east-1:999999999999:repository/*']));
    const infra = replacing(isolated(), { vpcEndpoints: [endpoint('EcrDkr', 'ecr.dkr', { subnets: ['AppSubnetA', 'AppSubnetB'], securityGroups: ['EndpointSg'], privateDns: true, policy: other })] });
    assert.equal(summary(needsOf(infra).get('ecr.dkr')), 'false [endpoint-policy]');
  });
});

describe('coverage: precedence between endpoints and the internet path', () => {
  const withNat = (): Infra => compose(vpcScenario('nat'), serviceScenario(), endpointScenario());

  it('a broken endpoint with private DNS on breaks the need even with a NAT gateway', () => {
    const infra = replacing(withNat(), { securityGroups: [securityGroup('EndpointSg', [])] });
    const needs = needsOf(infra);
    assert.equal(summary(needs.get('logs')), 'false [endpoint-sg-ingress]');
    // The S3 gateway endpoint still works; ECR too is captured by its broken endpoints.
    assert.equal(summary(needs.get('s3')), 'true endpoint:S3Gateway');
    assert.equal(summary(needs.get('ecr.api')), 'false [endpoint-sg-ingress,ecr-endpoint-unrestricted]');
  });

  it('with private DNS off, traffic goes through the NAT gateway and nothing is reported', () => {
    const infra = replacing(withNat(), { vpcEndpoints: [endpoint('Logs', 'logs', { subnets: ['AppSubnetA'], securityGroups: ['EndpointSg'], privateDns: false })] });
    assert.equal(summary(needsOf(infra).get('logs')), 'true nat:NatA');
  });

  it('a gateway endpoint not on the subnets\' route table is bypassed: NAT carries S3', () => {
    const infra = replacing(withNat(), { vpcEndpoints: [endpoint('S3Gateway', 's3', { routeTables: ['PublicRt'] })] });
    assert.equal(summary(needsOf(infra).get('s3')), 'true nat:NatA');
  });

  it('a bypassed gateway endpoint and no NAT: gateway-route-table with the missing route table', () => {
    const infra = replacing(isolated(), { vpcEndpoints: [endpoint('S3Gateway', 's3', { routeTables: ['PublicRt'] })] });
    const s3 = needsOf(infra).get('s3');
    assert.equal(summary(s3), 'false [gateway-route-table]');
    assert.deepEqual(problem(s3, 'gateway-route-table').missing, [id('AppRt')]);
  });

  it('the gateway route wins over NAT, so its policy matters', () => {
    const appOnly = policy(statement('Allow', ['s3:GetObject'], ['arn:aws:s3:::my-app-bucket/*']));
    const infra = replacing(withNat(), { vpcEndpoints: [endpoint('S3Gateway', 's3', { routeTables: ['AppRt'], policy: appOnly })] });
    const s3 = needsOf(infra).get('s3');
    assert.equal(summary(s3), 'false [endpoint-policy]');
    assert.match(problem(s3, 'endpoint-policy').detail, /starport-layer-bucket/);
  });

  it('an S3 gateway policy that includes the ECR layer bucket', () => {
    const ok = policy(statement('Allow', ['s3:GetObject'], ['arn:aws:s3:::my-app-bucket/*', 'arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*']));
    const infra = replacing(isolated(), { vpcEndpoints: [endpoint('S3Gateway', 's3', { routeTables: ['AppRt'], policy: ok, region: 'us-east-1' })] });
    assert.equal(summary(needsOf(infra).get('s3')), 'true endpoint:S3Gateway');
  });
});

describe('coverage: reference 000 pitfall 1 (NAT removed, allowAllOutbound)', () => {
  const perms = permissions('TaskRole', [['sts:AssumeRole', 'arn:aws:iam::123456789012:role/reader'], ['dynamodb:GetItem', 'arn:aws:dynamodb:us-east-1:1:table/t']]);
  const scenario = (route: 'nat' | 'none'): Infra => compose(vpcScenario(route), serviceScenario({ taskRole: 'TaskRole' }), endpointScenario());

  it('with the NAT gateway, STS is reached through it', () => {
    const needs = needsOf(scenario('nat'), perms);
    assert.equal(summary(needs.get('sts')), 'true nat:NatA');
    assert.equal(needs.get('sts')?.kind, 'runtime');
  });

  it('without it, the runtime need sts is uncovered although egress allows everything', () => {
    const needs = needsOf(scenario('none'), perms);
    assert.equal(summary(needs.get('sts')), 'false [no-path]');
    assert.equal(needs.get('sts')?.kind, 'runtime');
    assert.equal(needs.get('sts')?.reason, 'task role permissions (sts)');
    // Start-up needs are fine through their endpoints.
    assert.equal(needs.get('ecr.dkr')?.covered, true);
  });

  it('a DynamoDB gateway endpoint covers dynamodb', () => {
    const base = scenario('none');
    base.vpcEndpoints.push(endpoint('DdbGateway', 'dynamodb', { routeTables: ['AppRt'] }));
    assert.equal(summary(needsOf(base, perms).get('dynamodb')), 'true endpoint:DdbGateway');
  });

  it('services without a VPC endpoint (iam) need the NAT gateway', () => {
    const iam = permissions('TaskRole', [['iam:GetRole', '*']]);
    const need = needsOf(scenario('none'), iam).get('iam');
    assert.equal(summary(need), 'false [no-path]');
    assert.match(need?.reason ?? '', /no VPC endpoint/);
    assert.match(need?.problems[0]?.detail ?? '', /no VPC endpoint/);
    assert.equal(summary(needsOf(scenario('nat'), iam).get('iam')), 'true nat:NatA');
  });

  it('NAT path but task SG egress only to the endpoints', () => {
    const infra = replacing(scenario('nat'), { securityGroups: [securityGroup('TaskSg', [egress('EndpointSg', 443), egress('S3PrefixList', 443)])] });
    const sts = needsOf(infra, perms).get('sts');
    assert.equal(summary(sts), 'false [task-sg-egress]');
    assert.equal(problem(sts, 'task-sg-egress').endpointId, undefined);
  });
});

describe('coverage: unresolved networks are unknown, never a guess', () => {
  const cases: [string, Infra][] = [
    ['subnets from a parameter without default', compose(vpcScenario('none'), serviceScenario({ service: { subnets: unknownRefs() } }))],
    ['subnets by id from an imported VPC', compose(serviceScenario({ service: { subnets: ['subnet-0aaa', 'subnet-0bbb'] } }))],
    ['subnets on the main route table', compose({ ...vpcScenario('none'), subnets: [subnet('AppSubnetA'), subnet('AppSubnetB', { az: 'us-east-1b', cidr: '10.0.11.0/24' })] }, serviceScenario())],
    ['route table outside the files', compose({ ...vpcScenario('none'), subnets: [subnet('AppSubnetA', { routeTable: 'rtb-0abc' }), subnet('AppSubnetB', { routeTable: 'rtb-0abc', az: 'us-east-1b' })] }, serviceScenario())],
    ['public subnet and assignPublicIp from a parameter', compose(vpcScenario('igw'), serviceScenario({ service: { publicIp: unknown() } }))],
  ];
  for (const [name, infra] of cases) {
    it(name, () => {
      const [posture] = analyzeServices(infra, new InfraIndex(infra), new Map());
      assert.equal(posture?.egress, 'unknown');
      for (const need of posture?.needs ?? []) assert.equal(summary(need), 'unknown', need.service);
      assert.ok((posture?.needs.length ?? 0) > 0);
    });
  }

  it('a task SG outside the files turns a failing check into unknown', () => {
    const infra = replacing(isolated(), { securityGroups: [securityGroup('EndpointSg', [ingress('TaskSg', 443)])] });
    infra.services[0]!.securityGroups = { known: true, items: [{ kind: 'external', value: 'sg-0shared', source: infra.services[0]!.source }, { kind: 'resource', id: id('TaskSg'), source: infra.services[0]!.source }], source: infra.services[0]!.source };
    const withoutEgress = replacing(infra, { securityGroups: [securityGroup('TaskSg', [])] });
    assert.equal(summary(needsOf(withoutEgress).get('logs')), 'unknown');
  });

  it('AZs unknown: an endpoint in the task subnets counts, one elsewhere is missing them', () => {
    const azUnknown = (s: ReturnType<typeof subnet>) => ({ ...s, availabilityZone: unknown<string>() });
    const base = isolated();
    base.subnets = base.subnets.map((s) => (s.logicalId.startsWith('App') ? azUnknown(s) : s));
    assert.equal(summary(needsOf(base).get('logs')), 'true endpoint:Logs');
    const elsewhere = replacing(base, { vpcEndpoints: [endpoint('Logs', 'logs', { subnets: ['AppSubnetA'], securityGroups: ['EndpointSg'], privateDns: true })] });
    const logs = needsOf(elsewhere).get('logs');
    assert.equal(summary(logs), 'false [endpoint-missing-az]');
    assert.deepEqual(problem(logs, 'endpoint-missing-az').missing, [id('AppSubnetB')]);
  });

  it('GetAZs placeholders compare like AZs', () => {
    const base = isolated();
    base.subnets = base.subnets.map((s) => ({ ...s, availabilityZone: known(s.logicalId.endsWith('B') ? '${AZ[1]}' : '${AZ[0]}') }));
    const elsewhere = replacing(base, { vpcEndpoints: [endpoint('Logs', 'logs', { subnets: ['PublicSubnetA'], securityGroups: ['EndpointSg'], privateDns: true })] });
    assert.deepEqual(problem(needsOf(elsewhere).get('logs'), 'endpoint-missing-az').missing, ['${AZ[1]}']);
  });

  it('an interface endpoint whose private DNS is unknown makes the need unknown even with NAT', () => {
    const infra = replacing(compose(vpcScenario('nat'), serviceScenario(), endpointScenario()), {
      vpcEndpoints: [endpoint('Logs', 'logs', { subnets: ['AppSubnetA', 'AppSubnetB'], securityGroups: ['EndpointSg'], privateDns: unknown() })],
    });
    assert.equal(summary(needsOf(infra).get('logs')), 'unknown');
  });

  it('non-awsvpc services (EC2 bridge mode) are unknown', () => {
    const infra = compose(vpcScenario('nat'), serviceScenario({ service: { fargate: false } }));
    infra.taskDefinitions[0]!.networkMode = known('bridge');
    const [posture] = analyzeServices(infra, new InfraIndex(infra), new Map());
    assert.equal(posture?.egress, 'unknown');
    assert.ok(posture?.needs.every((n) => n.covered === 'unknown'));
  });
});

describe('coverage: mixed subnets take the worst case', () => {
  it('one subnet with NAT and one isolated: the isolated one decides', () => {
    const base = compose(vpcScenario('nat'), serviceScenario());
    base.subnets.push(subnet('IsolatedSubnet', { cidr: '10.0.30.0/24', az: 'us-east-1c', routeTable: 'IsolatedRt' }));
    base.routeTables.push({ ...base.routeTables[1]!, id: id('IsolatedRt'), logicalId: 'IsolatedRt', routes: [] });
    base.services[0]!.subnets.items.push({ kind: 'resource', id: id('IsolatedSubnet'), source: base.services[0]!.source });
    const [posture] = analyzeServices(base, new InfraIndex(base), new Map());
    assert.equal(posture?.egress, 'none');
    assert.equal(summary(posture?.needs.find((n) => n.service === 'logs')), 'false [no-path]');
  });
});

describe('coverage: default security group', () => {
  it('a service without SGs uses the default SG; an endpoint SG admitting only TaskSg rejects it', () => {
    const infra = compose(vpcScenario('none'), serviceScenario({ service: { securityGroups: [] } }), endpointScenario());
    const needs = needsOf(infra);
    assert.equal(summary(needs.get('logs')), 'false [endpoint-sg-ingress]');
    assert.deepEqual(problem(needs.get('logs'), 'endpoint-sg-ingress').missing, [defaultSecurityGroupId(id('Vpc'))]);
    // The default SG allows all egress, so the gateway endpoint works.
    assert.equal(summary(needs.get('s3')), 'true endpoint:S3Gateway');
  });

  it('service and endpoint both on the default SG: it admits its own members', () => {
    const base = compose(vpcScenario('none'), serviceScenario({ service: { securityGroups: [] } }), endpointScenario());
    const infra = replacing(base, { vpcEndpoints: [endpoint('Logs', 'logs', { subnets: ['AppSubnetA', 'AppSubnetB'], privateDns: true })] });
    assert.equal(summary(needsOf(infra).get('logs')), 'true endpoint:Logs');
  });

  it('endpoint on the default SG rejects a task with its own SG', () => {
    const infra = replacing(isolated(), { vpcEndpoints: [endpoint('Logs', 'logs', { subnets: ['AppSubnetA', 'AppSubnetB'], privateDns: true })] });
    assert.equal(summary(needsOf(infra).get('logs')), 'false [endpoint-sg-ingress]');
  });
});

describe('coverage: other start-up needs', () => {
  it('secrets with a customer KMS key need only the secretsmanager endpoint: Secrets Manager calls KMS itself', () => {
    const c = container({ logDriver: 'awslogs', secrets: [{ name: 'DB', store: 'secretsmanager', valueFrom: known('arn:aws:secretsmanager:us-east-1:1:secret:db-AbCdEf'), kmsKey: { kind: 'external', value: 'arn:aws:kms:us-east-1:1:key/k', source: endpoint('x', 'x').source }, source: endpoint('x', 'x').source }] });
    const infra = compose(vpcScenario('none'), serviceScenario({ containers: [c] }), endpointScenario(['secretsmanager']));
    const needs = needsOf(infra);
    assert.equal(summary(needs.get('secretsmanager')), 'true endpoint:Secretsmanager');
    assert.equal(needs.get('kms'), undefined, 'no kms need, so no FW301 for an isolated subnet without a kms endpoint');
  });

  it('a secret or SSM parameter whose ARN names another region is not served by this region\'s endpoint', () => {
    const stores: [string, 'secretsmanager' | 'ssm', (region: string) => string][] = [
      ['secretsmanager', 'secretsmanager', (r) => `arn:aws:secretsmanager:${r}:111122223333:secret:api/db-AbCdEf:password::`],
      ['ssm', 'ssm', (r) => `arn:aws:ssm:${r}:111122223333:parameter/api/db`],
    ];
    for (const [service, store, arn] of stores) {
      const needsWith = (valueFrom: string) => {
        const c = container({ secrets: [secretRef('DB', store, valueFrom)] });
        const iface = endpoint('Own', service, { subnets: ['AppSubnetA', 'AppSubnetB'], securityGroups: ['EndpointSg'], privateDns: true, region: 'us-east-1' });
        return needsOf(compose(vpcScenario('none'), serviceScenario({ containers: [c] }), replacing(compose(endpointScenario()), { vpcEndpoints: [iface] })));
      };
      assert.equal(summary(needsWith(arn('us-east-1')).get(service)), 'true endpoint:Own', `${service}: the endpoint's own region`);
      const other = needsWith(arn('eu-west-1')).get(service);
      assert.equal(summary(other), 'false [no-path]', `${service}: another region's`);
      assert.deepEqual(problem(other, 'no-path').otherRegion, { calls: 'eu-west-1', endpoints: 'us-east-1' });
      if (store === 'ssm') assert.equal(summary(needsWith('/api/db').get(service)), 'true endpoint:Own', 'a parameter name is the stack\'s region');
    }
  });

  it('an image from Docker Hub needs the internet', () => {
    const c = container({ registry: 'other', image: 'nginx:1.27' });
    assert.equal(summary(needsOf(compose(vpcScenario('none'), serviceScenario({ containers: [c] }), endpointScenario())).get('docker.io')), 'false [no-path]');
    assert.equal(summary(needsOf(compose(vpcScenario('nat'), serviceScenario({ containers: [c] }))).get('docker.io')), 'true nat:NatA');
  });

  it('an endpoint in another VPC does not count', () => {
    const infra = replacing(isolated(), { vpcEndpoints: [endpoint('Logs', 'logs', { subnets: ['subnet-0other'], vpc: 'vpc-0other', securityGroups: ['EndpointSg'], privateDns: true })] });
    assert.equal(summary(needsOf(infra).get('logs')), 'false [no-path]');
  });
});

describe('coverage: task groups that let HTTPS out nowhere fail every path, whatever the subnets', () => {
  const perms = permissions('TaskRole', [['sqs:ReceiveMessage', 'arn:aws:sqs:us-east-1:123456789012:orders']]);
  const closed = [egress('127.0.0.1/32', 'all', '-1')];
  /** The endpoint set of reference 000 in the files, the service's subnets not (a parameter without default). */
  const unresolved = (taskEgress: SecurityGroupRule[], service: ServiceOptions = {}): Infra =>
    compose(vpcScenario('none'), serviceScenario({ taskEgress, taskRole: 'TaskRole', service: { subnets: unknownRefs(), exec: true, ...service } }), endpointScenario());
  const all = (infra: Infra): Need[] => [...needsOf(infra, perms).values()];

  it('subnets from a parameter, egress only to 127.0.0.1/32: every need is uncovered, on every path', () => {
    const needs = all(unresolved(closed));
    assert.deepEqual(needs.map((n) => n.service).sort(), ['ecr.api', 'ecr.dkr', 'logs', 's3', 'sqs', 'ssmmessages']);
    for (const need of needs) {
      assert.equal(summary(need), 'false [task-sg-egress]', need.service);
      const p = problem(need, 'task-sg-egress');
      assert.equal(p.everyPath, true);
      assert.equal(p.endpointId, undefined);
      assert.match(p.detail, new RegExp(`no path to ${need.service.replace('.', '\\.')} works, whatever the subnets`));
    }
  });

  it('subnets by id from a VPC outside the files, egress only on other ports', () => {
    const infra = compose(serviceScenario({ taskEgress: [egress('0.0.0.0/0', 5432), egress('10.0.0.0/8', [8000, 8100])], service: { subnets: ['subnet-0aaa', 'subnet-0bbb'] } }));
    assert.equal(summary(needsOf(infra).get('logs')), 'false [task-sg-egress]');
  });

  it("CDK's allowAllOutbound: false (ICMP to 255.255.255.255/32) and a group without egress rules", () => {
    assert.equal(summary(needsOf(unresolved([egress('255.255.255.255/32', [252, 86], 'icmp')])).get('ecr.dkr')), 'false [task-sg-egress]');
    assert.equal(summary(needsOf(unresolved([])).get('s3')), 'false [task-sg-egress]');
  });

  it('every task group must be closed: one that lets 443 out leaves it undecided', () => {
    const infra = unresolved(closed, { securityGroups: ['TaskSg', 'OpenSg'] });
    infra.securityGroups.push(securityGroup('OpenSg', [egress('0.0.0.0/0', 443)]));
    for (const need of all(infra)) assert.equal(summary(need), 'unknown', need.service);
  });

  // Anything that may carry HTTPS to a destination able to serve a need leaves the subnets to decide.
  const open: [string, SecurityGroupRule[]][] = [
    ['egress to an interface endpoint group on 443', [egress('EndpointSg', 443)]],
    ['egress to 0.0.0.0/0 on 443', [egress('0.0.0.0/0', 443)]],
    ['egress to ::/0 on 443', [egress('::/0', 443)]],
    ['egress to a CIDR that may hold endpoint ENIs', [egress('10.0.0.0/16', 443)]],
    ['egress to a public CIDR that may hold AWS addresses', [egress('52.94.0.0/16', 443)]],
    ['egress to a prefix list that may be the S3 one', [egress('pl-63a5400a', 443)]],
    ['egress to an unresolved peer', [egress('?', 443)]],
    ['egress on unknown ports', [{ ...egress('0.0.0.0/0', 443), portsKnown: false }]],
    ['egress to an unparsable CIDR', [egress({ kind: 'cidr4', cidr: '${EgressCidr}' }, 443)]],
  ];
  for (const [name, rules] of open) {
    it(`${name} stays unknown`, () => {
      for (const need of all(unresolved([...closed, ...rules]))) assert.equal(summary(need), 'unknown', need.service);
    });
  }

  it("CloudFormation's implicit allow-all egress and the VPC default group stay unknown", () => {
    const implicit = unresolved([]);
    implicit.securityGroups = implicit.securityGroups.map((g) => (g.logicalId === 'TaskSg' ? { ...g, implicitEgress: true } : g));
    for (const need of all(implicit)) assert.equal(summary(need), 'unknown', need.service);
    for (const need of all(unresolved(closed, { securityGroups: [] }))) assert.equal(summary(need), 'unknown', need.service);
  });

  it('a task group outside the files, or an unknown group list, stays unknown', () => {
    const external = unresolved(closed, { securityGroups: ['TaskSg', 'sg-0shared'] });
    for (const need of all(external)) assert.equal(summary(need), 'unknown', need.service);
    const unknownList = unresolved(closed, { securityGroups: unknownRefs() });
    for (const need of all(unknownList)) assert.equal(summary(need), 'unknown', need.service);
  });

  it('EC2 launch type: the instance pulls images, fetches secrets and ships logs, so only task-role and ECS Exec calls fail', () => {
    const ec2 = unresolved(closed, { fargate: false });
    const needs = needsOf(ec2, perms);
    for (const service of ['ecr.api', 'ecr.dkr', 's3', 'logs']) assert.equal(summary(needs.get(service)), 'unknown', service);
    assert.equal(summary(needs.get('sqs')), 'false [task-sg-egress]');
    assert.equal(summary(needs.get('ssmmessages')), 'false [task-sg-egress]');
    // A launch type the files do not decide may be EC2: start-up needs stay unknown there too.
    const undecided = needsOf(unresolved(closed, { fargate: 'unknown' }), perms);
    assert.equal(summary(undecided.get('logs')), 'unknown');
    assert.equal(summary(undecided.get('sqs')), 'false [task-sg-egress]');
  });

  it('bridge mode, and an unknown network mode on EC2, stay unknown', () => {
    for (const mode of [known('bridge'), unknown<string>()]) {
      const infra = unresolved(closed, { fargate: false });
      infra.taskDefinitions[0]!.networkMode = mode;
      for (const need of all(infra)) assert.equal(summary(need), 'unknown', need.service);
    }
  });

  it('resolved subnets decide as before: the per-subnet path names the blocked destination', () => {
    const nat = needsOf(compose(vpcScenario('nat'), serviceScenario({ taskEgress: closed })));
    assert.equal(summary(nat.get('logs')), 'false [task-sg-egress]');
    const p = problem(nat.get('logs'), 'task-sg-egress');
    assert.deepEqual(p.missing, ['0.0.0.0/0']);
    assert.equal(p.everyPath, undefined);
    const isolatedClosed = needsOf(replacing(isolated(), { securityGroups: [securityGroup('TaskSg', closed)] }));
    assert.equal(problem(isolatedClosed.get('logs'), 'task-sg-egress').endpointId, id('Logs'));
    assert.equal(problem(isolatedClosed.get('s3'), 'task-sg-egress').endpointId, id('S3Gateway'));
    // A default route the files do not decide stays undecided, as it was.
    assert.equal(summary(needsOf(compose(vpcScenario('tgw'), serviceScenario({ taskEgress: closed }))).get('logs')), 'unknown');
  });
});

describe('a need that calls a region the files write out', () => {
  // The complete lock-down of the scenario, with its endpoints' service names written out for eu-west-1.
  const good = readFileSync(resolve(import.meta.dirname, '../../fixtures/scenarios/ecr-lockdown-good.yaml'), 'utf8').replaceAll('com.amazonaws.${AWS::Region}.', 'com.amazonaws.eu-west-1.');
  const image = (region: string) => good.replace('Image: !Sub ${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/inventory:${ImageTag}', `Image: 111122223333.dkr.ecr.${region}.amazonaws.com/inventory:3.2.0`);
  const scanOf = (text: string) => scan([{ path: 'inventory.yaml', text }], { catalog: loadIamCatalog(), managedPolicies: loadManagedPolicies() }, defaultConfig());
  const findings = (text: string) => scanOf(text).findings;
  const coverageOf = (text: string) => (scanOf(text).posture.services[0]?.needs ?? []).map((n) => `${n.service}=${String(n.covered)}${n.problems.length === 0 ? '' : ` [${n.problems.map((p) => p.kind).join(',')}]`}`);

  it('is not served by endpoints of another region: an image in us-east-1 cannot be pulled through eu-west-1 endpoints', () => {
    assert.ok(good.includes('com.amazonaws.eu-west-1.ecr.dkr') && image('us-east-1').includes('dkr.ecr.us-east-1'));
    assert.deepEqual(findings(image('eu-west-1')), [], 'the same region: covered as before');
    const fw301 = findings(image('us-east-1')).filter((f) => f.ruleId === 'FW301');
    assert.deepEqual(fw301.map((f) => f.message.match(/cannot reach (\S+) in us-east-1/)?.[1]).sort(), ['ecr.api', 'ecr.dkr', 's3']);
    assert.ok(fw301.every((f) => f.severity === 'critical' && /serve eu-west-1 \(an endpoint serves only its own region\)/.test(f.message) && f.fix === undefined));
  });

  it('counts `awslogs-region` for the logs endpoint', () => {
    const text = good.replace('awslogs-region: !Ref AWS::Region', 'awslogs-region: us-east-1');
    assert.ok(text.includes('awslogs-region: us-east-1'));
    assert.deepEqual(findings(text).map((f) => [f.ruleId, f.message.match(/cannot reach (\S+ in [a-z0-9-]+)/)?.[1]]), [['FW301', 'logs in us-east-1']]);
  });

  it('asks every region the containers write out of an endpoint: a second container in the endpoints\' region does not cover the first', () => {
    const sidecar = image('us-east-1').replace('      ContainerDefinitions:\n', `      ContainerDefinitions:
        - Name: sidecar
          Essential: false
          Image: 111122223333.dkr.ecr.eu-west-1.amazonaws.com/sidecar:1.0.0
`);
    assert.ok(sidecar.includes('Name: sidecar'));
    const fw301 = findings(sidecar).filter((f) => f.ruleId === 'FW301');
    assert.deepEqual(fw301.map((f) => f.message.match(/cannot reach (\S+) in us-east-1,/)?.[1]).sort(), ['ecr.api', 'ecr.dkr', 's3'], 'it read as covered');
  });

  it('counts only endpoints that may be in the service\'s VPC: another VPC\'s endpoints of another region are none of its own', () => {
    const other = `  OtherVpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.99.0.0/16, EnableDnsSupport: true, EnableDnsHostnames: true}
  OtherSubnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref OtherVpc, CidrBlock: 10.99.0.0/20, AvailabilityZone: !Select [0, !GetAZs '']}
  OtherEcrApi:
    Type: AWS::EC2::VPCEndpoint
    Properties: {ServiceName: com.amazonaws.eu-west-1.ecr.api, VpcEndpointType: Interface, VpcId: !Ref OtherVpc, PrivateDnsEnabled: true, SubnetIds: [!Ref OtherSubnet]}
`;
    // No ecr.api endpoint of its own: the service's VPC keeps the others.
    const own = image('us-east-1').replace('ServiceName: !Sub com.amazonaws.eu-west-1.ecr.api', 'ServiceName: !Sub com.amazonaws.eu-west-1.sqs');
    const message = (text: string) => findings(text).find((f) => f.ruleId === 'FW301' && f.message.includes('reach ecr.api'));
    const alone = message(own);
    const beside = message(own.replace('Resources:\n', `Resources:\n${other}`));
    assert.match(alone?.message ?? '', /the VPC has no ecr\.api endpoint/);
    assert.equal(beside?.message, alone?.message, 'another VPC\'s endpoint changes nothing (it read as serving another region)');
    assert.ok(beside?.fix !== undefined, 'and the endpoint is still offered as the fix');
  });

  it('leaves a region that is not written out to the endpoints (the stack\'s own)', () => {
    const stackRegion = readFileSync(resolve(import.meta.dirname, '../../fixtures/scenarios/ecr-lockdown-good.yaml'), 'utf8');
    assert.ok(stackRegion.includes('Image: !Sub ${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/'));
    assert.deepEqual(findings(stackRegion), []);
    assert.deepEqual(coverageOf(stackRegion).filter((n) => n.startsWith('ecr.')), ['ecr.api=true', 'ecr.dkr=true']);
  });

  const anyRegion = (infra: Infra): Infra => ({
    ...infra,
    vpcEndpoints: infra.vpcEndpoints.map((e) => ({ ...e, serviceNameRaw: known(`com.amazonaws.\${AWS::Region}.${e.service.known ? e.service.value : ''}`) })),
  });

  // ECR_IMAGE writes out us-east-1; the scenarios' endpoints write it out as well unless anyRegion renames them.
  it('an image in the region the endpoints write out is covered through them', () => {
    const needs = needsOf(isolated());
    assert.equal(summary(needs.get('ecr.dkr')), 'true endpoint:EcrDkr [ecr-endpoint-unrestricted]');
    assert.equal(summary(needs.get('s3')), 'true endpoint:S3Gateway');
  });

  it('an image in a written-out region and endpoints named with ${AWS::Region} in a stack of no known region: undecided, not covered and not missing', () => {
    const needs = needsOf(anyRegion(isolated()));
    assert.equal(summary(needs.get('ecr.api')), 'unknown [endpoint-region]', 'it read as covered');
    assert.equal(summary(needs.get('ecr.dkr')), 'unknown [endpoint-region]');
    assert.equal(summary(needs.get('s3')), 'unknown [endpoint-region]');
    assert.equal(summary(needs.get('logs')), 'true endpoint:Logs', 'logs calls the stack\'s own region');
    assert.match(problem(needs.get('ecr.dkr'), 'endpoint-region').detail, /^the calls go to us-east-1, and endpoint EcrDkr serves the stack's region, which the files do not pin: whether the tasks reach ecr\.dkr is not decided$/);
    // The same through a template: nothing reported missing.
    const text = readFileSync(resolve(import.meta.dirname, '../../fixtures/scenarios/ecr-lockdown-good.yaml'), 'utf8')
      .replace('Image: !Sub ${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/inventory:${ImageTag}', 'Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/inventory:3.2.0');
    assert.ok(text.includes('com.amazonaws.${AWS::Region}.ecr.dkr') && text.includes('dkr.ecr.us-east-1'));
    assert.deepEqual(findings(text), []);
  });

  describe('endpoints named with ${AWS::Region} beside a NAT route', () => {
    const withNat = (): Infra => anyRegion(compose(vpcScenario('nat'), serviceScenario(), endpointScenario()));
    it('covered either way: through the endpoints in the image\'s region, through the NAT gateway in another', () => {
      const needs = needsOf(withNat());
      assert.equal(summary(needs.get('ecr.dkr')), 'true endpoint:EcrDkr,nat:NatA [ecr-endpoint-unrestricted]');
      assert.equal(summary(needs.get('s3')), 'true endpoint:S3Gateway,nat:NatA');
      assert.equal(summary(needs.get('logs')), 'true endpoint:Logs', 'logs calls the stack\'s own region');
    });

    it('an endpoint that fails the tasks: undecided with a NAT route (it captures the calls only in its own region), uncovered without one', () => {
      const closed = (infra: Infra): Infra => replacing(infra, { securityGroups: [securityGroup('EndpointSg', [])] });
      const nat = needsOf(closed(withNat()));
      assert.equal(summary(nat.get('ecr.dkr')), 'unknown [endpoint-region]');
      assert.equal(summary(nat.get('logs')), 'false [endpoint-sg-ingress]', 'logs calls the stack\'s own region: decided as before');
      const isolatedNeeds = needsOf(closed(anyRegion(isolated())));
      assert.equal(summary(isolatedNeeds.get('ecr.dkr')), 'false [endpoint-sg-ingress,ecr-endpoint-unrestricted]', 'no path in either region');
    });
  });
});

describe('endpoint policy statements for specific principals', () => {
  const good = readFileSync(resolve(import.meta.dirname, '../../fixtures/scenarios/ecr-lockdown-good.yaml'), 'utf8');
  const pullFor = (principal: string) => good.replaceAll("          - Sid: PullOwnRepositories\n            Effect: Allow\n            Principal: '*'\n", `          - Sid: PullOwnRepositories\n            Effect: Allow\n            Principal: ${principal}\n`);
  const coverage = (text: string) => {
    const result = scan([{ path: 'inventory.yaml', text }], { catalog: loadIamCatalog(), managedPolicies: loadManagedPolicies() }, defaultConfig());
    return { ecr: result.services[0]?.needs.filter((n) => n.service.startsWith('ecr.')).map((n) => `${n.service}=${String(n.covered)}`), findings: result.findings.map((f) => f.ruleId) };
  };

  it('a pull statement only for a CI role may not let the execution role through: undecided, not covered', () => {
    const ci = pullFor('{ AWS: !GetAtt CiRole.Arn }');
    assert.notEqual(ci, good);
    assert.deepEqual(coverage(ci), { ecr: ['ecr.api=unknown', 'ecr.dkr=unknown'], findings: [] });
  });

  it('a pull statement for the execution role itself lets the pulls through', () => {
    assert.deepEqual(coverage(pullFor('{ AWS: !GetAtt ExecutionRole.Arn }')), { ecr: ['ecr.api=true', 'ecr.dkr=true'], findings: [] });
  });
});

describe('an endpoint policy scoped to ${AWS::AccountId} and an image of an account written out', () => {
  const good = readFileSync(resolve(import.meta.dirname, '../../fixtures/scenarios/ecr-lockdown-good.yaml'), 'utf8');
  const ecr = (text: string) => {
    const result = scan([{ path: 'inventory.yaml', text }], { catalog: loadIamCatalog(), managedPolicies: loadManagedPolicies() }, defaultConfig());
    return { ecr: result.services[0]?.needs.filter((n) => n.service.startsWith('ecr.')).map((n) => `${n.service}=${String(n.covered)}`), findings: result.findings.map((f) => f.ruleId) };
  };

  it('the stack\'s own account on both sides still matches', () => {
    assert.deepEqual(ecr(good), { ecr: ['ecr.api=true', 'ecr.dkr=true'], findings: [] });
  });

  it('another account written out is undecided: the stack\'s account is not in the files', () => {
    const other = good.replace('Image: !Sub ${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/inventory:${ImageTag}', 'Image: !Sub 999988887777.dkr.ecr.${AWS::Region}.amazonaws.com/shared/inventory:${ImageTag}');
    assert.notEqual(other, good);
    assert.deepEqual(ecr(other), { ecr: ['ecr.api=unknown', 'ecr.dkr=unknown'], findings: [] });
  });
});

describe('the world written in halves (0.0.0.0/1 + 128.0.0.0/1), end to end', () => {
  const text = readFileSync(resolve(import.meta.dirname, '../../fixtures/cfn/split-world.yaml'), 'utf8');
  const result = scan([{ path: 'split-world.yaml', text }], { catalog: loadIamCatalog(), managedPolicies: loadManagedPolicies() }, defaultConfig());

  it('a default route in halves to the NAT and HTTPS egress in halves cover every start-up need', () => {
    const [service] = result.services;
    assert.ok(service);
    assert.equal(service.egress, 'nat');
    assert.deepEqual(service.needs.map((n) => `${n.service}=${String(n.covered)}`), ['ecr.api=true', 'ecr.dkr=true', 's3=true', 'logs=true']);
    assert.deepEqual(result.findings.filter((f) => f.ruleId.startsWith('FW3')).map((f) => f.ruleId), []);
  });

  it('ingress from both halves is ingress from anywhere (FW202 on each half)', () => {
    assert.deepEqual(result.findings.map((f) => `${f.ruleId}:${f.line}`), ['FW202:56', 'FW202:57']);
  });
});

describe('the world in pieces on different ports, inline and standalone, end to end', () => {
  const base = readFileSync(resolve(import.meta.dirname, '../../fixtures/cfn/split-world.yaml'), 'utf8');
  const inline = '        - { IpProtocol: tcp, FromPort: 8080, ToPort: 8080, CidrIp: 0.0.0.0/1 }\n        - { IpProtocol: tcp, FromPort: 8080, ToPort: 8080, CidrIp: 128.0.0.0/1 }\n';
  assert.ok(base.includes(inline));
  // All TCP ports from one half inline, 8080 from the other half in a standalone rule: 8080 is open to the world.
  const standalone = [
    '  HighHalf:',
    '    Type: AWS::EC2::SecurityGroupIngress',
    '    Properties: { GroupId: !GetAtt TaskSg.GroupId, IpProtocol: tcp, FromPort: 8080, ToPort: 8080, CidrIp: 128.0.0.0/1 }',
    '',
  ].join('\n');
  const text = base.replace(inline, '        - { IpProtocol: tcp, FromPort: 0, ToPort: 65535, CidrIp: 0.0.0.0/1 }\n').replace('  TaskRole:\n', `${standalone}  TaskRole:\n`);
  const run = (t: string) => scan([{ path: 'split-world.yaml', text: t }], { catalog: loadIamCatalog(), managedPolicies: loadManagedPolicies() }, defaultConfig());

  it('FW202 on the inline half and on the standalone rule, each naming the other', () => {
    const found = run(text).findings.filter((f) => f.ruleId === 'FW202');
    assert.deepEqual(found.map((f) => `${f.resource}:${f.line}`), ['TaskSg:56', 'HighHalf:60']);
    assert.match(found[0]!.message, /all TCP ports from 0\.0\.0\.0\/1, which with 128\.0\.0\.0\/1 \(TCP 8080\) admits TCP 8080 from every address/);
  });

  it('with a public IP in the public subnet, the internet reaches the tasks; with a gap in the pieces it does not', () => {
    const exposed = (t: string) => run(t.replace('AssignPublicIp: DISABLED', 'AssignPublicIp: ENABLED').replace('Subnets: [!Ref PrivSubnet]', 'Subnets: [!Ref PubSubnet]')).posture.services[0]?.internetIngress;
    assert.equal(exposed(text), true);
    assert.equal(exposed(text.replace('ToPort: 8080, CidrIp: 128.0.0.0/1', 'ToPort: 8080, CidrIp: 128.0.0.0/2')), false);
  });
});
