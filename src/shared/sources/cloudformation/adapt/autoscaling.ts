import type { Entity, EntityRef, Infra, Service } from '../../../model/index.ts';
import type { ResolvedResource } from '../resolved.ts';
import { type AdaptContext, type Declaration, type Pending, attrNumberOr, byId, defaultSource, literal, prop, unknownOf } from './common.ts';

/** AWS::ApplicationAutoScaling::ScalableTarget for an ECS service's desired count. */
export function adaptScalableTarget(res: ResolvedResource, _base: Entity, ctx: AdaptContext): void {
  const p = res.properties;
  const namespace = literal(prop(p, 'ServiceNamespace'));
  const dimension = literal(prop(p, 'ScalableDimension'));
  if (namespace !== undefined && namespace !== 'ecs') return;
  if (dimension !== undefined && dimension !== 'ecs:service:DesiredCount') return;
  const file = ctx.template.file;
  ctx.pending.scalableTargets.push({
    resourceId: prop(p, 'ResourceId'),
    max: attrNumberOr(prop(p, 'MaxCapacity'), file, unknownOf('no MaxCapacity', defaultSource(res, file, 'MaxCapacity'))),
    file,
    loc: res.loc,
    logicalId: res.logicalId,
    template: ctx.template,
  });
}

/**
 * Sets `maxCount` on the services that scalable targets scale. `ResourceId` is
 * `service/<cluster>/<service name>`, usually a `!Join`/`!Sub` over the service's `Name`
 * attribute (then the reference says which service) or a literal name.
 */
export function linkScalableTargets(infra: Infra, pending: Pending, declarations: ReadonlyMap<string, ReadonlyMap<string, Declaration>>): void {
  const servicesById = byId(infra.services);
  const servicesByName = new Map<string, Service[]>();
  for (const s of infra.services) {
    if (s.serviceName === undefined) continue;
    const list = servicesByName.get(s.serviceName);
    if (list === undefined) servicesByName.set(s.serviceName, [s]);
    else list.push(s);
  }
  const clusterNames = new Map(infra.clusters.map((c) => [c.id, c.name]));
  /** The entity id of a logical ID when it declares a service; looked up without building an id string. */
  const serviceId = (file: string, logicalId: string): string | undefined => {
    const declaration = declarations.get(file)?.get(logicalId);
    return declaration?.type === 'AWS::ECS::Service' ? declaration.id : undefined;
  };
  for (const target of pending.scalableTargets) {
    const v = target.resourceId;
    let serviceIds: string[] = [];
    if (v?.kind === 'ref') {
      const id = serviceId(v.file ?? target.file, v.target);
      if (id !== undefined) serviceIds = [id];
    } else if (v?.kind === 'string') {
      for (const r of v.refs ?? []) {
        const id = serviceId(target.file, r);
        if (id !== undefined) serviceIds.push(id);
      }
      if (serviceIds.length === 0) {
        const m = /^service\/([^/]+)\/([^/]+)$/.exec(v.value.trim());
        if (m !== null) {
          const [, clusterName, serviceName] = m;
          serviceIds = (servicesByName.get(serviceName) ?? [])
            .filter((s, _i, all) => all.length === 1 || clusterNameOf(clusterNames, s.cluster) === clusterName)
            .map((s) => s.id);
        }
      }
    }
    if (serviceIds.length === 0) {
      const reason = v === undefined ? 'it has no ResourceId' : v.kind === 'unknown' ? v.reason : `its ResourceId does not name a service in the scanned files`;
      infra.unresolved.push({ file: target.file, line: target.loc.line, path: `Resources.${target.logicalId}.Properties.ResourceId`, reason: `scalable target ${target.logicalId}: ${reason}` });
      continue;
    }
    for (const id of serviceIds) {
      const service = servicesById.get(id);
      if (service !== undefined) service.maxCount = target.max;
    }
  }
}

function clusterNameOf(clusterNames: ReadonlyMap<string, string | undefined>, ref: EntityRef | undefined): string | undefined {
  if (ref === undefined) return 'default';
  if (ref.kind === 'external') return ref.value.split('/').pop();
  if (ref.kind !== 'resource') return undefined;
  return clusterNames.get(ref.id);
}
