import type { Attr, DataStore, Entity } from '../../../model/index.ts';
import type { ResolvedResource, RValue } from '../resolved.ts';
import { type AdaptContext, attrNumber, defaultSource, defaulted, literal, prop, propPath, refList } from './common.ts';
import { SECURITY_GROUP_TYPES } from './security-groups.ts';

interface StoreShape {
  /** Fixed engine, or undefined to read `Engine`. */
  engine?: string;
  defaultEngine?: string;
  securityGroups: string[];
  defaultPort?: number;
}

/** Where each data store keeps its security groups (the names differ per service). */
export const DATA_STORE_SHAPES: Record<string, StoreShape> = {
  'AWS::RDS::DBInstance': { securityGroups: ['VPCSecurityGroups'], defaultEngine: 'rds' },
  'AWS::RDS::DBCluster': { securityGroups: ['VpcSecurityGroupIds'], defaultEngine: 'aurora' },
  'AWS::RDS::DBProxy': { engine: 'rds-proxy', securityGroups: ['VpcSecurityGroupIds'] },
  'AWS::ElastiCache::CacheCluster': { securityGroups: ['VpcSecurityGroupIds'], defaultEngine: 'memcached' },
  'AWS::ElastiCache::ReplicationGroup': { securityGroups: ['SecurityGroupIds'], defaultEngine: 'redis' },
  'AWS::ElastiCache::ServerlessCache': { securityGroups: ['SecurityGroupIds'], defaultEngine: 'redis' },
  'AWS::DocDB::DBCluster': { engine: 'docdb', securityGroups: ['VpcSecurityGroupIds'], defaultPort: 27017 },
  'AWS::Neptune::DBCluster': { engine: 'neptune', securityGroups: ['VpcSecurityGroupIds'], defaultPort: 8182 },
  'AWS::Redshift::Cluster': { engine: 'redshift', securityGroups: ['VpcSecurityGroupIds'], defaultPort: 5439 },
  'AWS::OpenSearchService::Domain': { engine: 'opensearch', securityGroups: ['VPCOptions', 'SecurityGroupIds'], defaultPort: 443 },
  'AWS::Elasticsearch::Domain': { engine: 'elasticsearch', securityGroups: ['VPCOptions', 'SecurityGroupIds'], defaultPort: 443 },
  'AWS::MemoryDB::Cluster': { engine: 'memorydb', securityGroups: ['SecurityGroupIds'], defaultPort: 6379 },
  'AWS::EFS::MountTarget': { engine: 'efs', securityGroups: ['SecurityGroups'], defaultPort: 2049 },
  'AWS::MSK::Cluster': { engine: 'kafka', securityGroups: ['BrokerNodeGroupInfo', 'SecurityGroups'] },
  'AWS::DAX::Cluster': { engine: 'dax', securityGroups: ['SecurityGroupIds'], defaultPort: 8111 },
};

const ENGINE_PORTS: [RegExp, number][] = [
  [/^(aurora-postgresql|postgres)/, 5432],
  [/^(aurora|aurora-mysql|mysql|mariadb)/, 3306],
  [/^(redis|valkey)/, 6379],
  [/^memcached/, 11211],
  [/^sqlserver/, 1433],
  [/^oracle/, 1521],
  [/^db2/, 50000],
];

function engineOf(shape: StoreShape, v: RValue | undefined): string {
  return shape.engine ?? literal(v)?.trim().toLowerCase() ?? shape.defaultEngine ?? 'unknown';
}

export function adaptDataStore(res: ResolvedResource, base: Entity, ctx: AdaptContext): void {
  const shape = DATA_STORE_SHAPES[res.type];
  if (shape === undefined) return;
  const file = ctx.template.file;
  const p = res.properties;
  const engine = engineOf(shape, prop(p, 'Engine'));
  const sgPath = shape.securityGroups.join('.');
  const store: DataStore = {
    ...base,
    engine,
    resourceType: res.type,
    securityGroups: refList(propPath(p, ...shape.securityGroups), ctx, res, sgPath, { expect: SECURITY_GROUP_TYPES }),
  };
  const portValue = prop(p, 'Port');
  let port: Attr<number> | undefined;
  if (portValue !== undefined) port = attrNumber(portValue, file);
  else {
    const fallback = shape.defaultPort ?? ENGINE_PORTS.find(([re]) => re.test(engine))?.[1];
    if (fallback !== undefined) port = defaulted(fallback, defaultSource(res, file, 'Port'));
  }
  if (port !== undefined) store.port = port;
  ctx.infra.dataStores.push(store);
}
