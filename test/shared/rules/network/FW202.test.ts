import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rule } from '../../../../src/shared/rules/network/FW202-world-ingress.ts';
import { NAMED_PIECES_CAP } from '../../../../src/shared/rules/network/shared.ts';
import { infra, known, unknownRefs } from '../../../support/model.ts';
import {
  cidr, egress, ingress, refList, ruleCases, runRule, securityGroup, service, sgPeer, standaloneRuleResource, taskDefinition,
} from '../../../support/network-rules.ts';

const api = (groups = ['TaskSg']) => service('Api', { key: 'prod/api', securityGroups: refList(groups, 18) });

ruleCases(rule, {
  valid: [
    {
      name: '1. task SG admits only the load balancer SG',
      infra: infra({ services: [api()], securityGroups: [securityGroup('TaskSg', [ingress(sgPeer('AlbSg'), { ports: 8080, line: 44 })])] }),
      expect: [],
    },
    {
      name: '2. task SG admits the VPC CIDR (not the world: FW204 territory)',
      infra: infra({ services: [api()], securityGroups: [securityGroup('TaskSg', [ingress(cidr('10.0.0.0/16'), { ports: 8080, line: 44 })])] }),
      expect: [],
    },
    {
      name: '3. a world-open SG that no service uses (the ALB\'s own SG)',
      infra: infra({
        services: [api()],
        securityGroups: [securityGroup('TaskSg', []), securityGroup('AlbSg', [ingress(cidr('0.0.0.0/0'), { ports: 443, line: 60 })], { line: 58 })],
      }),
      expect: [],
    },
    {
      name: '4. world egress is not ingress',
      infra: infra({ services: [api()], securityGroups: [securityGroup('TaskSg', [egress(cidr('0.0.0.0/0'), { ports: 443, line: 45 })])] }),
      expect: [],
    },
    {
      name: '5. peer from Fn::ImportValue (unknown) does not report',
      infra: infra({
        services: [api()],
        securityGroups: [securityGroup('TaskSg', [ingress({ kind: 'unknown', reason: 'Fn::ImportValue Net-Cidr' }, { ports: 80 })])],
      }),
      expect: [],
    },
    {
      name: '6. service security groups from a parameter without default',
      infra: infra({
        services: [service('Api', { securityGroups: unknownRefs() })],
        securityGroups: [securityGroup('TaskSg', [ingress(cidr('0.0.0.0/0'), { ports: 80 })])],
      }),
      expect: [],
    },
    {
      name: '7. EC2-launch service in bridge mode is not judged',
      infra: infra({
        services: [service('Api', { fargate: false, securityGroups: refList(['TaskSg']) })],
        taskDefinitions: [taskDefinition('TaskDef', known('bridge'))],
        securityGroups: [securityGroup('TaskSg', [ingress(cidr('0.0.0.0/0'), { ports: 80 })])],
      }),
      expect: [],
    },
    {
      name: '8. one half of the world, or halves on different ports',
      infra: infra({
        services: [api()],
        securityGroups: [securityGroup('TaskSg', [ingress(cidr('0.0.0.0/1'), { ports: 8080 }), ingress(cidr('128.0.0.0/1'), { ports: 9090 })])],
      }),
      expect: [],
    },
    {
      name: '9. quarters on overlapping ports that leave a gap (no 192.0.0.0/2 on 443)',
      infra: infra({
        services: [api(['BaseSg', 'TaskSg'])],
        securityGroups: [
          securityGroup('BaseSg', [ingress(cidr('0.0.0.0/2'), { ports: 443 }), ingress(cidr('64.0.0.0/2'))], { line: 30 }),
          securityGroup('TaskSg', [ingress(cidr('128.0.0.0/2'), { ports: [0, 1024] }), ingress(cidr('192.0.0.0/2'), { ports: 80 })]),
        ],
      }),
      expect: [],
    },
  ],
  invalid: [
    {
      name: '1. TCP 8080 from 0.0.0.0/0, at the rule\'s line',
      infra: infra({ services: [api()], securityGroups: [securityGroup('TaskSg', [ingress(cidr('0.0.0.0/0'), { ports: 8080, line: 44 })])] }),
      expect: [{ resource: 'TaskSg', line: 44, service: 'prod/api', message: ['TaskSg', 'service prod/api', 'TCP 8080', '0.0.0.0/0', 'anywhere'] }],
    },
    {
      name: '2. all traffic from ::/0',
      infra: infra({ services: [api()], securityGroups: [securityGroup('TaskSg', [ingress(cidr('::/0'), { line: 47 })])] }),
      expect: [{ resource: 'TaskSg', line: 47, message: ['all traffic', '::/0'] }],
    },
    {
      name: '3. standalone AWS::EC2::SecurityGroupIngress is the resource reported',
      infra: infra({
        services: [api()],
        securityGroups: [securityGroup('TaskSg', [ingress(cidr('0.0.0.0/0'), { ports: [8000, 8100], line: 72, standaloneId: 'template.yaml#OpenIngress' })])],
        resources: [standaloneRuleResource('OpenIngress', 70)],
      }),
      expect: [{ resource: 'OpenIngress', line: 72, message: ['TCP 8000-8100'] }],
    },
    {
      name: '4. ports from a parameter: reported, ports said to be unknown',
      infra: infra({ services: [api()], securityGroups: [securityGroup('TaskSg', [ingress(cidr('0.0.0.0/0'), { ports: 'unknown', line: 44 })])] }),
      expect: [{ resource: 'TaskSg', line: 44, message: ['TCP (ports unknown)'] }],
    },
    {
      name: '5. one SG shared by two services: one finding per service',
      infra: infra({
        services: [api(), service('Worker', { securityGroups: refList(['TaskSg']) })],
        securityGroups: [securityGroup('TaskSg', [ingress(cidr('0.0.0.0/0'), { ports: 22, line: 44 })])],
      }),
      expect: [
        { resource: 'TaskSg', line: 44, service: 'prod/api', message: ['service prod/api'] },
        { resource: 'TaskSg', line: 44, service: 'Worker', message: ['service Worker'] },
      ],
    },
    {
      name: '6. only the world-open rule of several, in the second of two groups',
      infra: infra({
        services: [api(['BaseSg', 'TaskSg'])],
        securityGroups: [
          securityGroup('BaseSg', [ingress(sgPeer('AlbSg'), { ports: 80 })], { line: 30 }),
          securityGroup('TaskSg', [ingress(cidr('10.0.0.0/8'), { ports: 80, line: 43 }), ingress(cidr('0.0.0.0/0'), { ports: 443, line: 46 })]),
        ],
      }),
      expect: [{ resource: 'TaskSg', line: 46, message: ['TCP 443'] }],
    },
    {
      name: '7. the world in halves (0.0.0.0/1 + 128.0.0.0/1) on the same port, across two groups: each half reported',
      infra: infra({
        services: [api(['BaseSg', 'TaskSg'])],
        securityGroups: [
          securityGroup('BaseSg', [ingress(cidr('0.0.0.0/1'), { ports: 8080, line: 31 })], { line: 30 }),
          securityGroup('TaskSg', [ingress(cidr('128.0.0.0/1'), { ports: 8080, line: 44 })]),
        ],
      }),
      expect: [
        { resource: 'BaseSg', line: 31, message: ['TCP 8080 from 0.0.0.0/1', 'with 128.0.0.0/1', 'anywhere'] },
        { resource: 'TaskSg', line: 44, message: ['TCP 8080 from 128.0.0.0/1', 'with 0.0.0.0/1', 'anywhere'] },
      ],
    },
    {
      name: '8. IPv6 world in halves',
      infra: infra({ services: [api()], securityGroups: [securityGroup('TaskSg', [ingress(cidr('::/1'), { ports: 80, line: 44 }), ingress(cidr('8000::/1'), { ports: 80, line: 45 })])] }),
      expect: [{ resource: 'TaskSg', line: 44, message: ['::/1'] }, { resource: 'TaskSg', line: 45, message: ['8000::/1'] }],
    },
    {
      name: '9. halves on different but overlapping ports: the shared port is open to the world, each half names the other\'s ports',
      infra: infra({
        services: [api()],
        securityGroups: [securityGroup('TaskSg', [ingress(cidr('0.0.0.0/1'), { ports: [0, 65535], line: 44 }), ingress(cidr('128.0.0.0/1'), { ports: 443, line: 45 })])],
      }),
      expect: [
        { resource: 'TaskSg', line: 44, message: ['all TCP ports from 0.0.0.0/1', 'with 128.0.0.0/1 (TCP 443) admits TCP 443 from every address'] },
        { resource: 'TaskSg', line: 45, message: ['TCP 443 from 128.0.0.0/1', 'with 0.0.0.0/1 (all TCP ports) admits TCP 443 from every address'] },
      ],
    },
    {
      name: '10. four quarters on different ports (one all traffic): the port all four let through',
      infra: infra({
        services: [api()],
        securityGroups: [securityGroup('TaskSg', [
          ingress(cidr('0.0.0.0/2'), { ports: 443, line: 44 }), ingress(cidr('64.0.0.0/2'), { ports: [400, 500], line: 45 }),
          ingress(cidr('128.0.0.0/2'), { line: 46 }), ingress(cidr('192.0.0.0/2'), { ports: [0, 1024], line: 47 }),
        ])],
      }),
      expect: [
        { resource: 'TaskSg', line: 44, message: ['with 64.0.0.0/2 (TCP 400-500), 128.0.0.0/2 (all traffic) and 192.0.0.0/2 (TCP 0-1024) admits TCP 443 from'] },
        { resource: 'TaskSg', line: 45, message: ['admits TCP 443 from every address'] },
        { resource: 'TaskSg', line: 46, message: ['admits TCP 443 from every address'] },
        { resource: 'TaskSg', line: 47, message: ['admits TCP 443 from every address'] },
      ],
    },
    {
      name: '11. IPv6 halves on different ports',
      infra: infra({
        services: [api()],
        securityGroups: [securityGroup('TaskSg', [ingress(cidr('::/1'), { ports: [8000, 9000], line: 44 }), ingress(cidr('8000::/1'), { ports: 8080, line: 45 })])],
      }),
      expect: [
        { resource: 'TaskSg', line: 44, message: ['with 8000::/1 (TCP 8080) admits TCP 8080 from every address'] },
        { resource: 'TaskSg', line: 45, message: ['with ::/1 (TCP 8000-9000) admits TCP 8080'] },
      ],
    },
    {
      name: '12. halves on different ports in two groups of the service: the other half named with its group',
      infra: infra({
        services: [api(['BaseSg', 'TaskSg'])],
        securityGroups: [
          securityGroup('BaseSg', [ingress(cidr('0.0.0.0/1'), { line: 31 })], { line: 30 }),
          securityGroup('TaskSg', [ingress(cidr('128.0.0.0/1'), { ports: [8080, 8081], line: 44 })]),
        ],
      }),
      expect: [
        { resource: 'BaseSg', line: 31, message: ['all traffic from 0.0.0.0/1', 'with 128.0.0.0/1 (TCP 8080-8081) of TaskSg admits TCP 8080-8081 from every address'] },
        { resource: 'TaskSg', line: 44, message: ['with 0.0.0.0/1 (all traffic) of BaseSg admits TCP 8080-8081'] },
      ],
    },
  ],
});

describe('FW202: the world in a thousand pieces', () => {
  it('names the first others and counts the rest, so the report grows with the pieces, not their square', () => {
    // 1,024 /10 ranges on TCP 443: together every address, each reported.
    const pieces = Array.from({ length: 1024 }, (_, i) => {
      const start = i << 22;
      return ingress(cidr(`${start >>> 24}.${(start >>> 16) & 255}.0.0/10`), { ports: 443, line: 50 + i });
    });
    const findings = runRule(rule, infra({ services: [api()], securityGroups: [securityGroup('TaskSg', pieces)] }));
    assert.equal(findings.length, 1024);
    const first = findings[0]!.message;
    assert.ok(first.includes('from 0.0.0.0/10, which with 0.64.0.0/10, 0.128.0.0/10,'), first);
    assert.ok(first.includes(`2.0.0.0/10 and ${1023 - NAMED_PIECES_CAP} more admits TCP 443 from every address`), first);
    assert.ok(findings.every((f) => f.message.length < 1000), 'no message lists every other piece');
  });

  it('names the first port ranges a rule completes the world on and counts the rest', () => {
    // An all-protocol half of the addresses beside 300 single TCP ports on the other half.
    const ports = Array.from({ length: 300 }, (_, i) => ingress(cidr('128.0.0.0/1'), { ports: 1000 + 2 * i, line: 60 + i }));
    const findings = runRule(rule, infra({ services: [api()], securityGroups: [securityGroup('TaskSg', [ingress(cidr('0.0.0.0/1'), { line: 50 }), ...ports])] }));
    const allTraffic = findings.find((f) => f.line === 50)!.message;
    assert.match(allTraffic, /admits TCP 1000, TCP 1002, TCP 1004, TCP 1006, TCP 1008, TCP 1010, TCP 1012, TCP 1014 and \d+ more from every address/);
    assert.ok(allTraffic.length < 1000, allTraffic);
  });
});
