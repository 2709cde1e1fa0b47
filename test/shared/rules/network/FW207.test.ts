import type { Attr } from '../../../../src/shared/model/index.ts';
import { rule } from '../../../../src/shared/rules/network/FW207-subnet-capacity.ts';
import { external, infra, known, src, unknown, unknownRefs } from '../../../support/model.ts';
import { refList, ruleCases, service, subnet, taskDefinition } from '../../../support/network-rules.ts';

function scenario(cidrs: Array<string | Attr<string>>, counts: { desired?: number; max?: Attr<number> }, extra: { fargate?: boolean; bridge?: boolean } = {}) {
  const ids = cidrs.map((_, i) => `Subnet${i + 1}`);
  return infra({
    services: [service('Api', {
      key: 'api', subnets: refList(ids, 19), desiredCount: known(counts.desired ?? 2, 12),
      ...(counts.max !== undefined ? { maxCount: counts.max } : {}), ...(extra.fargate !== undefined ? { fargate: extra.fargate } : {}),
    })],
    subnets: cidrs.map((c, i) => subnet(ids[i], c)),
    ...(extra.bridge === true ? { taskDefinitions: [taskDefinition('TaskDef', known('bridge'))] } : {}),
  });
}

ruleCases(rule, {
  valid: [
    { name: '1. 3 tasks in two /24 subnets', infra: scenario(['10.0.1.0/24', '10.0.2.0/24'], { desired: 3 }), expect: [] },
    { name: '2. up to 100 tasks in three /24 subnets (200 ≤ 753)', infra: scenario(['10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24'], { max: known(100, 50) }), expect: [] },
    { name: '3. exactly at the limit: 11 tasks, two /28 (22 ≤ 22)', infra: scenario(['10.0.1.0/28', '10.0.1.16/28'], { desired: 11 }), expect: [] },
    { name: '4. auto scaling maximum from a parameter: no guess from the desired count', infra: scenario(['10.0.1.0/28'], { desired: 50, max: unknown() }), expect: [] },
    { name: '5. one subnet CIDR unknown', infra: scenario(['10.0.1.0/28', unknown<string>()], { desired: 50 }), expect: [] },
    {
      name: '6. a subnet outside the files (subnet-…)',
      infra: infra({
        services: [service('Api', { desiredCount: known(50), subnets: { known: true, items: [external('subnet-0abc')], source: src(19) } })],
      }),
      expect: [],
    },
    { name: '7. subnets from a parameter', infra: infra({ services: [service('Api', { desiredCount: known(50), subnets: unknownRefs() })] }), expect: [] },
    { name: '8. desired count unknown and no scaling target', infra: infra({ services: [service('Api', { desiredCount: unknown(), subnets: refList(['S']) })], subnets: [subnet('S', '10.0.0.0/28')] }), expect: [] },
    { name: '9. EC2 bridge-mode tasks take no subnet IPs', infra: scenario(['10.0.1.0/28'], { desired: 50 }, { fargate: false, bridge: true }), expect: [] },
  ],
  invalid: [
    {
      name: '1. pitfall 3: scaling to 200 tasks in one /24',
      infra: scenario(['10.0.1.0/24'], { desired: 10, max: known(200, 50) }),
      expect: [{
        resource: 'Api', line: 19, service: 'api',
        message: ['200 tasks (auto scaling maximum)', '2 × 200 = 400', '251 usable IPs', 'subnet Subnet1 (10.0.1.0/24;', 'reserves 5'],
      }],
    },
    {
      name: '2. desired count without scaling: 12 tasks, two /28',
      infra: scenario(['10.0.1.0/28', '10.0.1.16/28'], { desired: 12 }),
      expect: [{ resource: 'Api', line: 19, message: ['12 tasks (desired count)', '= 24', '22 usable IPs', 'subnets Subnet1 and Subnet2', '10.0.1.0/28, 10.0.1.16/28'] }],
    },
    {
      name: '3. three /24 subnets, up to 400 tasks',
      infra: scenario(['10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24'], { max: known(400, 50) }),
      expect: [{ resource: 'Api', line: 19, message: ['= 800', '753 usable IPs'] }],
    },
    {
      name: '4. the same subnet listed twice counts once',
      infra: infra({
        services: [service('Api', { desiredCount: known(130), subnets: refList(['S', 'S'], 19) })],
        subnets: [subnet('S', '10.0.0.0/24')],
      }),
      expect: [{ resource: 'Api', line: 19, message: ['= 260', '251 usable IPs'] }],
    },
  ],
});
