import type { Route } from '../../../../src/shared/model/index.ts';
import { rule } from '../../../../src/shared/rules/network/FW206-igw-subnet.ts';
import { infra, known, ref, unknown, unknownRefs } from '../../../support/model.ts';
import { refList, route, routeTable, ruleCases, service, subnet } from '../../../support/network-rules.ts';

const tables = [
  routeTable('PublicRt', [route('igw')]),
  routeTable('PrivateRt', [route('nat')]),
  routeTable('IsolatedRt', [route('vpce', '10.1.0.0/16')]),
];

function scenario(subnets: Array<[string, string | undefined]>, o: { publicIp?: ReturnType<typeof known<boolean>>; extraTables?: ReturnType<typeof routeTable>[] } = {}) {
  return infra({
    services: [service('Api', { key: 'api', subnets: refList(subnets.map(([id]) => id), 19), ...(o.publicIp !== undefined ? { assignPublicIp: o.publicIp } : {}) })],
    subnets: subnets.map(([id, rt], i) => subnet(id, `10.0.${i}.0/24`, rt !== undefined ? { routeTable: rt } : {})),
    routeTables: [...tables, ...(o.extraTables ?? [])],
  });
}

const specificIgw: Route[] = [route('igw', '203.0.113.0/24'), route('nat')];

ruleCases(rule, {
  valid: [
    { name: '1. private subnets (default route to a NAT gateway)', infra: scenario([['PrivA', 'PrivateRt'], ['PrivB', 'PrivateRt']]), expect: [] },
    { name: '2. isolated subnet without a default route', infra: scenario([['Iso', 'IsolatedRt']]), expect: [] },
    { name: '3. subnet on the VPC main route table (unknown)', infra: scenario([['Main', undefined]]), expect: [] },
    {
      name: '4. route table not in the scanned files',
      infra: infra({ services: [service('Api', { subnets: refList(['S']) })], subnets: [{ ...subnet('S', '10.0.0.0/24'), routeTable: ref('Elsewhere') }] }),
      expect: [],
    },
    { name: '5. subnets from a parameter without default', infra: infra({ services: [service('Api', { subnets: unknownRefs() })] }), expect: [] },
    { name: '6. IGW route for one range only, default via NAT', infra: scenario([['S', 'Mixed']], { extraTables: [routeTable('Mixed', specificIgw)] }), expect: [] },
    { name: '7. route with an unresolved destination', infra: scenario([['S', 'Odd']], { extraTables: [routeTable('Odd', [route('igw', unknown())])] }), expect: [] },
  ],
  invalid: [
    {
      name: '1. public subnet with public IPs: tasks are internet hosts',
      infra: scenario([['PubA', 'PublicRt']], { publicIp: known(true, 15) }),
      expect: [{ resource: 'Api', line: 19, service: 'api', message: ['subnet PubA', 'internet gateway', 'public IPs', 'private subnets'] }],
    },
    {
      name: '2. two public subnets without public IPs: both named, route unusable',
      infra: scenario([['PubA', 'PublicRt'], ['PubB', 'PublicRt']], { publicIp: known(false, 15) }),
      expect: [{ resource: 'Api', line: 19, message: ['subnets PubA and PubB', 'cannot use that route'] }],
    },
    {
      name: '3. one public and one private subnet: only the public one is named',
      infra: scenario([['PrivA', 'PrivateRt'], ['PubB', 'PublicRt']]),
      expect: [{ resource: 'Api', line: 19, message: ['subnet PubB,'], notMessage: ['PrivA'] }],
    },
    {
      name: '4. public IP setting unknown',
      infra: scenario([['PubA', 'PublicRt']], { publicIp: unknown() }),
      expect: [{ resource: 'Api', line: 19, message: ['subnet PubA'], notMessage: ['public IPs', 'cannot use'] }],
    },
  ],
});
