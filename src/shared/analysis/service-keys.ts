import type { Cluster, EntityRef, Infra, ResourceEntry, Service } from '../model/index.ts';

/** A service's keys from its stable key to the most specific: with its cluster, then its file too, then its logical ID too. */
export type ServiceKeyTiers = [string, string, string, string];

export interface QualifiedKey {
  /** The least specific of `tiers` that no other service of the same stable key has. */
  key: string;
  tiers: ServiceKeyTiers;
}

/**
 * The key each service is named by, by service id: its stable key (ServiceName, else CDK construct
 * path, else logical ID), unless several of `services` share it. A ServiceName is unique per
 * cluster, not per account (two stacks may both run `api`), and separate templates may all call
 * their service `Service`: then the cluster is added, then the file (as `fileName` names it), then
 * the logical ID, the least of these that tells every service of that stable key apart. Each
 * service also gets all four forms, so the diff can match base and head on the least specific one
 * that is unique on both sides.
 */
export function qualifiedServiceKeys(
  services: readonly Service[],
  infra: Pick<Infra, 'clusters' | 'resources'>,
  fileName: (file: string) => string = (file) => file,
): Map<string, QualifiedKey> {
  const out = new Map<string, QualifiedKey>();
  const byKey = new Map<string, Service[]>();
  for (const s of services) {
    const list = byKey.get(s.stableKey);
    if (list === undefined) byKey.set(s.stableKey, [s]);
    else list.push(s);
  }
  // Clusters are looked up only when some services share a key: most scans have none that do.
  let clusters: Map<string, Cluster> | undefined;
  let resources: Map<string, ResourceEntry> | undefined;
  const clusterOf = (ref: EntityRef | undefined): string => {
    if (ref === undefined) return 'default cluster';
    if (ref.kind === 'external') return ref.value;
    if (ref.kind === 'unknown') return 'unknown cluster';
    clusters ??= new Map(infra.clusters.map((c) => [c.id, c]));
    const cluster = clusters.get(ref.id);
    if (cluster?.name !== undefined) return cluster.name;
    resources ??= new Map(infra.resources.map((r) => [r.id, r]));
    const entity = cluster ?? resources.get(ref.id);
    return entity === undefined ? ref.id : entity.cdkPath ?? entity.logicalId;
  };
  for (const [key, list] of byKey) {
    const tiers = list.map((s): ServiceKeyTiers => {
      const withCluster = `${key} (cluster ${clusterOf(s.cluster)})`;
      const withFile = `${withCluster}, ${fileName(s.file)}`;
      // Two clusters the files cannot resolve both read "unknown cluster": the logical ID still tells them apart.
      return [key, withCluster, withFile, `${withFile}#${s.logicalId}`];
    });
    const tier = list.length === 1 ? 0 : [1, 2, 3].find((t) => new Set(tiers.map((k) => k[t])).size === list.length) ?? 3;
    list.forEach((s, i) => out.set(s.id, { key: tiers[i]![tier]!, tiers: tiers[i]! }));
  }
  return out;
}

/**
 * Gives each service of `infra` its key (see Service.key), once every file is read: findings and
 * reports then name exactly the service they concern, never every service of one name.
 */
export function qualifyServiceKeys(infra: Infra): void {
  if (infra.services.length < 2) return;
  const count = new Map<string, number>();
  for (const s of infra.services) count.set(s.stableKey, (count.get(s.stableKey) ?? 0) + 1);
  const sharing = infra.services.filter((s) => count.get(s.stableKey)! > 1);
  if (sharing.length === 0) return;
  const keys = qualifiedServiceKeys(sharing, infra);
  for (const s of sharing) s.key = keys.get(s.id)?.key ?? s.stableKey;
}
