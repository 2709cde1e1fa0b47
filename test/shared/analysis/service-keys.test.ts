import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Cluster, EntityRef, Service } from '../../../src/shared/model/index.ts';
import { entityId } from '../../../src/shared/analysis/infra-index.ts';
import { qualifiedServiceKeys, qualifyServiceKeys } from '../../../src/shared/analysis/service-keys.ts';
import { entity, external, infra, known, ref, unknownRefs } from '../../support/model.ts';
import { service as baseService } from '../../support/network-rules.ts';

/** A service named `name` (its stable key), declared as `logicalId` in `file`, in `cluster`. */
function service(name: string, logicalId: string, file: string, cluster?: EntityRef): Service {
  const s: Service = { ...baseService(logicalId, { key: name }), ...entity(logicalId, 10, file) };
  if (cluster !== undefined) s.cluster = cluster;
  return s;
}

function cluster(logicalId: string, file: string, name?: string): Cluster {
  const c: Cluster = { ...entity(logicalId, 1, file), containerInsights: known(false) };
  if (name !== undefined) c.name = name;
  return c;
}

const unknownCluster: EntityRef = { kind: 'unknown', reason: 'Fn::ImportValue cluster', source: unknownRefs().source };

function keysOf(services: Service[], clusters: Cluster[] = []): string[] {
  const model = infra({ services, clusters });
  qualifyServiceKeys(model);
  return model.services.map((s) => s.key);
}

describe('qualifyServiceKeys', () => {
  it('a name no other service has stays the plain key', () => {
    assert.deepEqual(keysOf([service('api', 'Api', 'a.yaml'), service('worker', 'Worker', 'b.yaml')]), ['api', 'worker']);
  });

  it('one name in two clusters: the cluster tells them apart (its name, else its logical ID, else the external value)', () => {
    const clusters = [cluster('ProdCluster', 'prod.yaml', 'prod'), cluster('StagingCluster', 'staging.yaml')];
    assert.deepEqual(
      keysOf([
        service('api', 'Api', 'prod.yaml', ref('ProdCluster', 'prod.yaml')),
        service('api', 'Api', 'staging.yaml', ref('StagingCluster', 'staging.yaml')),
        service('api', 'Api', 'dev.yaml', external('dev-cluster')),
      ], clusters),
      ['api (cluster prod)', 'api (cluster StagingCluster)', 'api (cluster dev-cluster)'],
    );
  });

  it('one name in one cluster and several files: the file, as the scan names it', () => {
    const clusters = [cluster('Cluster', 'cluster.yaml')];
    const services = [
      service('web', 'Service', 'services/internal.yaml', ref('Cluster', 'cluster.yaml')),
      service('web', 'Service', 'services/canary.yaml', ref('Cluster', 'cluster.yaml')),
    ];
    assert.deepEqual(keysOf(services, clusters), ['web (cluster Cluster), services/internal.yaml', 'web (cluster Cluster), services/canary.yaml']);
    // The stable key is kept for what compares across base and head.
    assert.deepEqual(services.map((s) => s.stableKey), ['web', 'web']);
  });

  it('one name twice in one file with clusters the files cannot resolve: the logical ID', () => {
    assert.deepEqual(keysOf([service('api', 'Blue', 't.yaml', unknownCluster), service('api', 'Green', 't.yaml', unknownCluster)]), [
      'api (cluster unknown cluster), t.yaml#Blue',
      'api (cluster unknown cluster), t.yaml#Green',
    ]);
  });

  it('qualifiedServiceKeys gives every service all four forms, files named as asked (the diff names them below its root)', () => {
    const services = [service('api', 'Api', 'base/prod.yaml'), service('api', 'Api', 'base/staging.yaml'), service('worker', 'Worker', 'base/prod.yaml')];
    const keys = qualifiedServiceKeys(services, infra({}), (file) => file.replace(/^base\//, ''));
    assert.deepEqual(keys.get(entityId('base/prod.yaml', 'Api')), {
      key: 'api (cluster default cluster), prod.yaml',
      tiers: ['api', 'api (cluster default cluster)', 'api (cluster default cluster), prod.yaml', 'api (cluster default cluster), prod.yaml#Api'],
    });
    assert.equal(keys.get(entityId('base/prod.yaml', 'Worker'))?.key, 'worker');
  });
});
