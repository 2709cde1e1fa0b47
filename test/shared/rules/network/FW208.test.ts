import { rule } from '../../../../src/shared/rules/network/FW208-datastore-cidr-ingress.ts';
import { external, infra, src, unknownRefs } from '../../../support/model.ts';
import {
  cidr, dataStore, egress, ingress, prefixListPeer, refList, ruleCases, securityGroup, sgPeer, standaloneRuleResource,
} from '../../../support/network-rules.ts';

const db = () => dataStore('Db', refList(['DbSg']));
const withDbGroup = (...rules: Parameters<typeof securityGroup>[1]) => infra({ dataStores: [db()], securityGroups: [securityGroup('DbSg', rules, { line: 320 })] });

ruleCases(rule, {
  valid: [
    { name: '1. admits the task security group only', infra: withDbGroup(ingress(sgPeer('TaskSg'), { ports: 5432 })), expect: [] },
    { name: '2. CIDR egress is not ingress', infra: withDbGroup(egress(cidr('10.0.0.0/16'), { ports: 443 })), expect: [] },
    { name: '3. admits a managed prefix list', infra: withDbGroup(ingress(prefixListPeer('pl-0123'), { ports: 5432 })), expect: [] },
    { name: '4. data store SGs from a parameter', infra: infra({ dataStores: [dataStore('Db', unknownRefs())], securityGroups: [securityGroup('DbSg', [ingress(cidr('10.0.0.0/8'))])] }), expect: [] },
    {
      name: '5. data store SG outside the files (sg-…)',
      infra: infra({ dataStores: [dataStore('Db', { known: true, items: [external('sg-0abc')], source: src(305) })], securityGroups: [securityGroup('DbSg', [ingress(cidr('10.0.0.0/8'))])] }),
      expect: [],
    },
    {
      name: '6. CIDR ingress on a group no data store uses',
      infra: infra({ dataStores: [db()], securityGroups: [securityGroup('DbSg', []), securityGroup('BastionSg', [ingress(cidr('203.0.113.0/24'), { ports: 22 })])] }),
      expect: [],
    },
    { name: '7. ingress from an unresolved peer', infra: withDbGroup(ingress({ kind: 'unknown', reason: 'Fn::ImportValue Net-Cidr' }, { ports: 5432 })), expect: [] },
  ],
  invalid: [
    {
      name: '1. VPC CIDR on the database port',
      infra: withDbGroup(ingress(sgPeer('TaskSg'), { ports: 5432, line: 323 }), ingress(cidr('10.0.0.0/16'), { ports: 5432, line: 326 })),
      expect: [{ resource: 'DbSg', line: 326, service: null, message: ['DbSg', 'Db (postgres)', 'TCP 5432', '10.0.0.0/16', 'calling services\' security groups'] }],
    },
    {
      name: '2. the whole internet on the Redis port',
      infra: infra({ dataStores: [dataStore('Cache', refList(['CacheSg']), 'redis')], securityGroups: [securityGroup('CacheSg', [ingress(cidr('0.0.0.0/0'), { ports: 6379, line: 340 })])] }),
      expect: [{ resource: 'CacheSg', line: 340, message: ['Cache (redis)', 'TCP 6379', '0.0.0.0/0 (anywhere)'] }],
    },
    {
      name: '3. two data stores share the group: one finding naming both',
      infra: infra({
        dataStores: [dataStore('Writer', refList(['DbSg']), 'aurora-postgresql'), dataStore('Reader', refList(['DbSg']), 'aurora-postgresql', 310)],
        securityGroups: [securityGroup('DbSg', [ingress(cidr('10.0.0.0/8'), { ports: 5432, line: 323 })])],
      }),
      expect: [{ resource: 'DbSg', line: 323, message: ['Writer (aurora-postgresql) and Reader (aurora-postgresql)'] }],
    },
    {
      name: '4. standalone ingress resource, IPv6 range',
      infra: infra({
        dataStores: [db()],
        securityGroups: [securityGroup('DbSg', [ingress(cidr('2001:db8::/56'), { ports: 5432, line: 352, standaloneId: 'template.yaml#DbIngress' })])],
        resources: [standaloneRuleResource('DbIngress', 350)],
      }),
      expect: [{ resource: 'DbIngress', line: 352, message: ['2001:db8::/56'] }],
    },
    {
      name: '5. every CIDR rule of the group is reported',
      infra: withDbGroup(ingress(cidr('10.0.1.0/24'), { ports: 5432, line: 323 }), ingress(cidr('10.0.2.0/24'), { ports: 5432, line: 326 })),
      expect: [{ resource: 'DbSg', line: 323, message: ['10.0.1.0/24'] }, { resource: 'DbSg', line: 326, message: ['10.0.2.0/24'] }],
    },
  ],
});
