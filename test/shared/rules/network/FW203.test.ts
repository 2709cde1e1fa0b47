import { rule } from '../../../../src/shared/rules/network/FW203-all-egress.ts';
import { infra } from '../../../support/model.ts';
import {
  cidr, egress, implicitEgress, ingress, prefixListPeer, refList, ruleCases, securityGroup, service, sgPeer, standaloneRuleResource,
} from '../../../support/network-rules.ts';

const api = () => service('Api', { key: 'api', securityGroups: refList(['TaskSg'], 18) });
const withGroup = (...rules: Parameters<typeof securityGroup>[1]) => infra({ services: [api()], securityGroups: [securityGroup('TaskSg', rules)] });

const IMPLICIT = 'no egress rule is declared, so CloudFormation adds allow-all egress';

ruleCases(rule, {
  valid: [
    { name: '1. HTTPS only to anywhere', infra: withGroup(egress(cidr('0.0.0.0/0'), { ports: 443, line: 45 })), expect: [] },
    { name: '2. all traffic, but only to the endpoints\' SG', infra: withGroup(egress(sgPeer('EndpointSg'), { line: 45 })), expect: [] },
    { name: '3. all traffic to the VPC CIDR only', infra: withGroup(egress(cidr('10.0.0.0/16'), { line: 45 })), expect: [] },
    { name: '4. 443 to the S3 prefix list', infra: withGroup(egress(prefixListPeer('pl-63a5400a'), { ports: 443 })), expect: [] },
    { name: '5. Terraform group with no egress block (no implicit rule in the model)', infra: withGroup(ingress(sgPeer('AlbSg'), { ports: 80 })), expect: [] },
    { name: '6. all traffic to an unresolved peer', infra: withGroup(egress({ kind: 'unknown', reason: 'Fn::ImportValue X' })), expect: [] },
    { name: '7. TCP 1024-65535 is not every port', infra: withGroup(egress(cidr('0.0.0.0/0'), { ports: [1024, 65535] })), expect: [] },
    {
      name: '8. implicit allow-all on a group no service uses',
      infra: infra({ services: [api()], securityGroups: [securityGroup('TaskSg', []), securityGroup('Other', [implicitEgress(60)], { line: 60, implicitEgress: true })] }),
      expect: [],
    },
    { name: '9. one half of the world is not all of it', infra: withGroup(egress(cidr('0.0.0.0/1'), { line: 45 })), expect: [] },
    { name: '10. halves on HTTPS only', infra: withGroup(egress(cidr('0.0.0.0/1'), { ports: 443 }), egress(cidr('128.0.0.0/1'), { ports: 443 })), expect: [] },
    { name: '11. all traffic to one half, HTTPS only to the other', infra: withGroup(egress(cidr('0.0.0.0/1')), egress(cidr('128.0.0.0/1'), { ports: 443 })), expect: [] },
    {
      name: '12. every TCP port but 0-1023 in pieces',
      infra: withGroup(egress(cidr('0.0.0.0/1'), { ports: [1024, 65535] }), egress(cidr('128.0.0.0/1'))),
      expect: [],
    },
    { name: '13. quarters with a gap', infra: withGroup(egress(cidr('0.0.0.0/2')), egress(cidr('64.0.0.0/2')), egress(cidr('192.0.0.0/2'))), expect: [] },
  ],
  invalid: [
    {
      name: '1. CloudFormation group without egress: implicit allow-all, reported at the group',
      infra: infra({ services: [api()], securityGroups: [securityGroup('TaskSg', [ingress(sgPeer('AlbSg'), { ports: 80 }), implicitEgress(40)], { line: 40, implicitEgress: true })] }),
      expect: [{ resource: 'TaskSg', line: 40, service: 'api', message: [IMPLICIT, 'TaskSg', 'service api', '0.0.0.0/0', 'allowAllOutbound: false'] }],
    },
    {
      name: '2. explicit IpProtocol -1 to 0.0.0.0/0',
      infra: withGroup(egress(cidr('0.0.0.0/0'), { protocol: '-1', line: 46 })),
      expect: [{ resource: 'TaskSg', line: 46, message: ['explicitly allows all traffic to 0.0.0.0/0'], notMessage: [IMPLICIT] }],
    },
    {
      name: '3. explicit TCP 0-65535 to ::/0',
      infra: withGroup(egress(cidr('::/0'), { ports: [0, 65535], line: 47 })),
      expect: [{ resource: 'TaskSg', line: 47, message: ['all TCP ports', '::/0'] }],
    },
    {
      name: '4. CDK allowAllIpv6Outbound: both families reported',
      infra: withGroup(egress(cidr('0.0.0.0/0'), { line: 46 }), egress(cidr('::/0'), { line: 50 })),
      expect: [{ resource: 'TaskSg', line: 46, message: ['0.0.0.0/0'] }, { resource: 'TaskSg', line: 50, message: ['::/0'] }],
    },
    {
      name: '5. a source that only sets implicitEgress still reports the implicit rule',
      infra: infra({ services: [api()], securityGroups: [securityGroup('TaskSg', [], { line: 40, implicitEgress: true })] }),
      expect: [{ resource: 'TaskSg', line: 40, message: [IMPLICIT] }],
    },
    {
      name: '6. standalone AWS::EC2::SecurityGroupEgress',
      infra: infra({
        services: [api()],
        securityGroups: [securityGroup('TaskSg', [egress(cidr('0.0.0.0/0'), { line: 92, standaloneId: 'template.yaml#AllOut' })])],
        resources: [standaloneRuleResource('AllOut', 90, 'AWS::EC2::SecurityGroupEgress')],
      }),
      expect: [{ resource: 'AllOut', line: 92 }],
    },
    {
      name: '7. standalone HTTPS egress does not displace the implicit allow-all: both named',
      infra: infra({
        services: [api()],
        securityGroups: [securityGroup('TaskSg', [implicitEgress(40), egress(cidr('0.0.0.0/0'), { ports: 443, line: 97, standaloneId: 'template.yaml#HttpsOut' })], { line: 40, implicitEgress: true })],
        resources: [standaloneRuleResource('HttpsOut', 95, 'AWS::EC2::SecurityGroupEgress')],
      }),
      expect: [{ resource: 'TaskSg', line: 40, message: ['no egress rule is declared in its SecurityGroupEgress property', 'standalone egress rules (HttpsOut)'] }],
    },
    {
      name: '8. all traffic to 0.0.0.0/1 + 128.0.0.0/1 is all traffic to the world: each half reported',
      infra: withGroup(egress(cidr('0.0.0.0/1'), { line: 46 }), egress(cidr('128.0.0.0/1'), { line: 47 })),
      expect: [
        { resource: 'TaskSg', line: 46, message: ['allows all traffic to 0.0.0.0/1, which with 128.0.0.0/1 allows all traffic to every address'] },
        { resource: 'TaskSg', line: 47, message: ['allows all traffic to 128.0.0.0/1, which with 0.0.0.0/1 allows all traffic to every address'] },
      ],
    },
    {
      name: '9. IPv6 world in halves',
      infra: withGroup(egress(cidr('::/1'), { line: 46 }), egress(cidr('8000::/1'), { line: 47 }), egress(cidr('fd00::/8'), { line: 48 })),
      expect: [{ resource: 'TaskSg', line: 46, message: ['::/1', '8000::/1'] }, { resource: 'TaskSg', line: 47, message: ['8000::/1', '::/1'] }],
    },
    {
      name: '10. every TCP port in pieces of different ports: two port ranges to one half, all traffic to the other',
      infra: withGroup(egress(cidr('0.0.0.0/1'), { ports: [0, 32767], line: 46 }), egress(cidr('0.0.0.0/1'), { ports: [32768, 65535], line: 47 }), egress(cidr('128.0.0.0/1'), { line: 48 })),
      expect: [
        { resource: 'TaskSg', line: 46, message: ['TCP 0-32767 to 0.0.0.0/1', 'allows all TCP ports to every address'] },
        { resource: 'TaskSg', line: 47, message: ['TCP 32768-65535 to 0.0.0.0/1'] },
        { resource: 'TaskSg', line: 48, message: ['all traffic to 128.0.0.0/1, which with 0.0.0.0/1 (TCP 0-32767) and 0.0.0.0/1 (TCP 32768-65535) allows all TCP ports'] },
      ],
    },
    {
      name: '11. halves in two groups of the service',
      infra: infra({
        services: [service('Api', { key: 'api', securityGroups: refList(['BaseSg', 'TaskSg'], 18) })],
        securityGroups: [securityGroup('BaseSg', [egress(cidr('0.0.0.0/1'), { line: 31 })], { line: 30 }), securityGroup('TaskSg', [egress(cidr('128.0.0.0/1'), { line: 46 })])],
      }),
      expect: [
        { resource: 'BaseSg', line: 31, message: ['which with 128.0.0.0/1 of TaskSg allows all traffic to every address'] },
        { resource: 'TaskSg', line: 46, message: ['which with 0.0.0.0/1 of BaseSg allows all traffic'] },
      ],
    },
  ],
});
