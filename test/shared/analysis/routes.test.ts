import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InfraIndex } from '../../../src/shared/analysis/infra-index.ts';
import { natReachesInternet, routeTableIpv6ToInternetGateway, subnetDefaultRoute } from '../../../src/shared/analysis/routes.ts';
import type { Infra, Route } from '../../../src/shared/model/index.ts';
import { external, unknown } from '../../support/model.ts';
import { compose, natGateway, route, routeTable, subnet, vpcScenario } from '../../support/network.ts';

function defaultRouteOf(infra: Infra, subnetName: string): string {
  const index = new InfraIndex(infra);
  const s = infra.subnets.find((x) => x.logicalId === subnetName);
  assert.ok(s);
  return subnetDefaultRoute(index, s).kind;
}

describe('subnetDefaultRoute', () => {
  const withRoutes = (routes: Route[]): Infra => compose({
    subnets: [subnet('S', { routeTable: 'Rt' })],
    routeTables: [routeTable('Rt', routes)],
  });
  const cases: [string, Infra, string][] = [
    ['igw', withRoutes([route('igw', 'Igw')]), 'igw'],
    ['nat', withRoutes([route('nat', 'Nat')]), 'nat'],
    ['transit gateway', withRoutes([route('tgw', 'tgw-1')]), 'tgw'],
    ['peering', withRoutes([route('peering', 'pcx-1')]), 'peering'],
    ['gateway load balancer endpoint', withRoutes([route('vpce', 'vpce-1')]), 'vpce'],
    ['no routes', withRoutes([]), 'none'],
    ['only a specific route', withRoutes([route('peering', 'pcx-1', '172.16.0.0/12')]), 'none'],
    ['only an IPv6 default route', withRoutes([route('egress-only-igw', 'eigw-1', '::/0')]), 'none'],
    ['specific route before the default', withRoutes([route('tgw', 'tgw-1', '10.1.0.0/16'), route('nat', 'Nat')]), 'nat'],
    ['egress-only igw as IPv4 default', withRoutes([route('egress-only-igw', 'eigw-1')]), 'other'],
    ['unresolved destination', withRoutes([{ ...route('nat', 'Nat'), destination: unknown() }]), 'unknown'],
    ['default route in halves (0.0.0.0/1 + 128.0.0.0/1)', withRoutes([route('nat', 'Nat', '0.0.0.0/1'), route('nat', 'Nat', '128.0.0.0/1')]), 'nat'],
    ['default route in three pieces', withRoutes([route('igw', 'Igw', '0.0.0.0/1'), route('igw', 'Igw', '128.0.0.0/2'), route('igw', 'Igw', '192.0.0.0/2')]), 'igw'],
    ['halves win over 0.0.0.0/0 (longest prefix)', withRoutes([route('nat', 'Nat'), route('igw', 'Igw', '0.0.0.0/1'), route('igw', 'Igw', '128.0.0.0/1')]), 'igw'],
    ['halves to different targets', withRoutes([route('nat', 'Nat', '0.0.0.0/1'), route('igw', 'Igw', '128.0.0.0/1')]), 'unknown'],
    ['only one half', withRoutes([route('nat', 'Nat', '0.0.0.0/1')]), 'none'],
    ['no association (main route table)', compose({ subnets: [subnet('S')] }), 'unknown'],
    ['route table outside the files', compose({ subnets: [subnet('S', { routeTable: 'rtb-0123' })] }), 'unknown'],
  ];
  for (const [name, infra, expected] of cases) {
    it(`${name} → ${expected}`, () => assert.equal(defaultRouteOf(infra, 'S'), expected));
  }

  it('returns the route and its table', () => {
    const infra = compose(vpcScenario('nat'));
    const index = new InfraIndex(infra);
    const result = subnetDefaultRoute(index, infra.subnets[1]!);
    assert.equal(result.routeTable?.logicalId, 'AppRt');
    assert.equal(result.route?.target, 'nat');
  });
});

describe('natReachesInternet', () => {
  const base = vpcScenario('nat');
  const cases: [string, Partial<Infra>[], string, boolean | 'unknown'][] = [
    ['public NAT in a public subnet', [base], 'NatA', true],
    ['private NAT', [{ ...base, natGateways: [natGateway('NatA', 'PublicSubnetA', 'private')] }], 'NatA', false],
    ['NAT in a private subnet', [{ ...base, natGateways: [natGateway('NatA', 'AppSubnetA')] }], 'NatA', false],
    ['NAT in a subnet on the main route table', [{ ...base, natGateways: [natGateway('NatA', 'Loose')], subnets: [...(base.subnets ?? []), subnet('Loose')] }], 'NatA', 'unknown'],
    ['NAT outside the files', [base], 'nat-0abc', true],
    ['NAT missing from the files', [{ ...base, natGateways: [] }], 'NatA', 'unknown'],
  ];
  for (const [name, parts, target, expected] of cases) {
    it(`${name} → ${expected}`, () => {
      const infra = compose(...parts);
      const index = new InfraIndex(infra);
      const targetRef = target.startsWith('nat-') ? external(target) : { kind: 'resource' as const, id: `template.yaml#${target}`, source: infra.subnets[0]!.source };
      assert.equal(natReachesInternet(index, targetRef), expected);
    });
  }
});

describe('routeTableIpv6ToInternetGateway', () => {
  const cases: [string, Route[], boolean | 'unknown'][] = [
    ['::/0 to an internet gateway', [route('igw', 'Igw', '::/0')], true],
    ['::/0 to an egress-only gateway', [route('egress-only-igw', 'eigw-1', '::/0')], false],
    ['::/1 + 8000::/1 to an internet gateway', [route('igw', 'Igw', '::/1'), route('igw', 'Igw', '8000::/1')], true],
    ['only ::/1 to an internet gateway', [route('igw', 'Igw', '::/1')], false],
    ['no IPv6 route', [route('igw', 'Igw')], false],
  ];
  for (const [name, routes, expected] of cases) {
    it(`${name} → ${expected}`, () => assert.equal(routeTableIpv6ToInternetGateway(routeTable('Rt', routes)), expected));
  }
});
