import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byLogicalId, load, target, value } from './fixtures.ts';

const infra = load('data-stores.yaml');

test('data stores with their security groups, engines and ports', () => {
  const row = (id: string) => {
    const d = byLogicalId(infra.dataStores, id);
    return [d.resourceType, d.engine, value(d.port), d.securityGroups.items.map(target)];
  };
  assert.deepEqual(row('Db'), ['AWS::RDS::DBInstance', 'postgres', 5432, ['DbSg']]);
  assert.deepEqual(row('Aurora'), ['AWS::RDS::DBCluster', 'aurora-mysql', 3307, ['DbSg']]);
  assert.deepEqual(row('Cache'), ['AWS::ElastiCache::ReplicationGroup', 'redis', 6379, ['ext:sg-0cache']]);
  assert.deepEqual(row('Memcached'), ['AWS::ElastiCache::CacheCluster', 'memcached', 11211, []]);
  assert.deepEqual(row('Mount'), ['AWS::EFS::MountTarget', 'efs', 2049, ['DbSg']]);
  assert.deepEqual(row('Search'), ['AWS::OpenSearchService::Domain', 'opensearch', 443, ['DbSg']]);
  assert.equal(byLogicalId(infra.dataStores, 'Db').port?.source.explicit, false);
  assert.equal(byLogicalId(infra.dataStores, 'Memcached').securityGroups.source.explicit, false);
  assert.equal(infra.dataStores.length, 6);
});
