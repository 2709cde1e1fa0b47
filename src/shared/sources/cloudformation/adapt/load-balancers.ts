import type { Attr, Entity, EntityRef, Listener, LoadBalancer, RefList, SourceRef, TargetGroup } from '../../../model/index.ts';
import { entityId } from '../../../analysis/infra-index.ts';
import type { ResolvedResource, RValue } from '../resolved.ts';
import {
  type AdaptContext, attrNumber, attrNumberOr, attrString, attrStringOr, defaultAt, defaultSource, defaulted, entityRef, isObject, items, literal,
  prop, propPath, refList, sourceRef, unknownOf, withCdkFields,
  withValue, EXPECT_SUBNET, EXPECT_VPC,
} from './common.ts';
import { SECURITY_GROUP_TYPES } from './security-groups.ts';

export const LOAD_BALANCER_TYPES = ['AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancing::LoadBalancer'] as const;
export const TARGET_GROUP_TYPES = ['AWS::ElasticLoadBalancingV2::TargetGroup'] as const;
const LISTENER_TYPES = ['AWS::ElasticLoadBalancingV2::Listener'] as const;

/** Protocols are upper-case in ELB; templates sometimes write them otherwise. */
function upperString(v: RValue, file: string): Attr<string> {
  const attr = attrString(v, file);
  return attr.known ? withValue(attr, attr.value.toUpperCase()) : attr;
}

type Scheme = 'internet-facing' | 'internal';
type ListenerAction = Listener['actions'][number];

function scheme(v: RValue | undefined, res: ResolvedResource, file: string): Attr<Scheme> {
  // Both ELBv2 and the classic ELB default to internet-facing.
  if (v === undefined) return defaulted<Scheme>('internet-facing', defaultSource(res, file, 'Scheme'));
  const source = sourceRef(v.loc, file);
  if (v.kind === 'unknown') return unknownOf(v.reason, source);
  const text = literal(v)?.trim().toLowerCase();
  if (text === 'internet-facing' || text === 'internal') return { known: true, value: text, source };
  return unknownOf(`unrecognised Scheme ${text === undefined ? `(a ${v.kind})` : `'${text}'`}`, source);
}

function subnetsOf(p: RValue, res: ResolvedResource, ctx: AdaptContext): RefList {
  const file = ctx.template.file;
  const mappings = prop(p, 'SubnetMappings');
  if (prop(p, 'Subnets') === undefined && mappings !== undefined && mappings.kind === 'array') {
    return {
      known: true,
      items: mappings.items.map((m) => entityRef(prop(m, 'SubnetId') ?? m, ctx, EXPECT_SUBNET)),
      source: sourceRef(mappings.loc, file),
    };
  }
  return refList(prop(p, 'Subnets') ?? mappings, ctx, res, 'Subnets', EXPECT_SUBNET);
}

export function adaptLoadBalancer(res: ResolvedResource, base: Entity, ctx: AdaptContext): void {
  const file = ctx.template.file;
  const p = res.properties;
  const classic = res.type === 'AWS::ElasticLoadBalancing::LoadBalancer';
  const typeText = literal(prop(p, 'Type'))?.trim().toLowerCase();
  const type: LoadBalancer['type'] = classic ? 'classic' : typeText === 'network' || typeText === 'gateway' ? typeText : 'application';
  const lb: LoadBalancer = {
    ...base,
    type,
    scheme: scheme(prop(p, 'Scheme'), res, file),
    securityGroups: refList(prop(p, 'SecurityGroups'), ctx, res, 'SecurityGroups', { expect: SECURITY_GROUP_TYPES }),
    subnets: subnetsOf(p, res, ctx),
  };
  const name = literal(prop(p, classic ? 'LoadBalancerName' : 'Name'))?.trim();
  if (name !== undefined && name !== '') lb.name = name;
  ctx.infra.loadBalancers.push(lb);
  if (classic) classicListeners(res, base, ctx);
}

/** Classic ELB listeners are inline; each becomes a Listener entity named after its list item. */
function classicListeners(res: ResolvedResource, base: Entity, ctx: AdaptContext): void {
  const file = ctx.template.file;
  const list = prop(res.properties, 'Listeners');
  if (list === undefined || list.kind !== 'array') return;
  list.items.forEach((item, i) => {
    const source = sourceRef(item.loc, file);
    const listener: Listener = {
      ...base,
      id: entityId(file, `${res.logicalId}.Listeners[${i}]`),
      source,
      range: { start: item.loc.range.start, end: item.loc.range.end },
      loadBalancer: { kind: 'resource', id: base.id, source },
      protocol: attrStringOr(prop(item, 'Protocol'), file, unknownOf('no Protocol', { ...source, explicit: false })),
      port: attrNumberOr(prop(item, 'LoadBalancerPort'), file, unknownOf('no LoadBalancerPort', { ...source, explicit: false })),
      actions: [{ type: 'forward', targetGroups: [], source }],
    };
    ctx.infra.listeners.push(listener);
  });
}

function dedupe(refs: EntityRef[]): EntityRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const key = r.kind === 'resource' ? r.id : r.kind === 'external' ? `external:${r.value}` : `unknown:${r.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function listenerActions(v: RValue | undefined, ctx: AdaptContext, absent: SourceRef): ListenerAction[] {
  const file = ctx.template.file;
  if (v === undefined) return [];
  if (v.kind === 'unknown') return [{ type: 'unknown', targetGroups: [], source: sourceRef(v.loc, file) }];
  return items(v).map((action) => {
    const source = isObject(action) ? sourceRef(action.loc, file) : absent;
    const targetGroups: EntityRef[] = [];
    const tg = prop(action, 'TargetGroupArn');
    if (tg !== undefined) targetGroups.push(entityRef(tg, ctx, { expect: TARGET_GROUP_TYPES }));
    for (const item of items(propPath(action, 'ForwardConfig', 'TargetGroups'))) {
      const arn = prop(item, 'TargetGroupArn');
      if (arn !== undefined) targetGroups.push(entityRef(arn, ctx, { expect: TARGET_GROUP_TYPES }));
    }
    const typeText = literal(prop(action, 'Type'))?.trim().toLowerCase();
    const out: ListenerAction = { type: typeText ?? (targetGroups.length > 0 ? 'forward' : 'unknown'), targetGroups: dedupe(targetGroups), source };
    const redirect = literal(propPath(action, 'RedirectConfig', 'Protocol'));
    if (redirect !== undefined) out.redirectProtocol = redirect.toUpperCase();
    return out;
  });
}

export function adaptListener(res: ResolvedResource, base: Entity, ctx: AdaptContext): void {
  const file = ctx.template.file;
  const p = res.properties;
  const protocol = prop(p, 'Protocol');
  const listener: Listener = {
    ...base,
    protocol: protocol === undefined ? unknownOf('no Protocol', defaultSource(res, file, 'Protocol')) : upperString(protocol, file),
    port: attrNumberOr(prop(p, 'Port'), file, unknownOf('no Port', defaultSource(res, file, 'Port'))),
    actions: listenerActions(prop(p, 'DefaultActions'), ctx, defaultSource(res, file, 'DefaultActions')),
  };
  const lb = prop(p, 'LoadBalancerArn');
  if (lb !== undefined) listener.loadBalancer = entityRef(lb, ctx, { expect: LOAD_BALANCER_TYPES });
  ctx.infra.listeners.push(listener);
}

/** Listener rules have no entity of their own: their actions join their listener's. */
export function adaptListenerRule(res: ResolvedResource, _base: Entity, ctx: AdaptContext): void {
  const file = ctx.template.file;
  const p = res.properties;
  ctx.pending.listenerRules.push({
    listener: entityRef(prop(p, 'ListenerArn'), ctx, { expect: LISTENER_TYPES }),
    actions: listenerActions(prop(p, 'Actions'), ctx, defaultSource(res, file, 'Actions')),
    file,
    loc: res.loc,
    logicalId: res.logicalId,
  });
}

export function adaptTargetGroup(res: ResolvedResource, base: Entity, ctx: AdaptContext): void {
  const file = ctx.template.file;
  const p = res.properties;
  const protocol = prop(p, 'Protocol');
  const port = prop(p, 'Port');
  const targetType = prop(p, 'TargetType');
  const tg: TargetGroup = withCdkFields({
    id: base.id, logicalId: base.logicalId, file, stackId: base.stackId, source: base.source, range: base.range, suppressions: base.suppressions,
    protocol: protocol === undefined ? unknownOf('no Protocol', defaultSource(res, file, 'Protocol')) : upperString(protocol, file),
    port: port === undefined ? unknownOf('no Port', defaultSource(res, file, 'Port')) : attrNumber(port, file),
    targetType: targetType === undefined ? defaultAt('instance', res, file, 'TargetType') : attrString(targetType, file),
    loadBalancers: [],
  }, base);
  const vpc = prop(p, 'VpcId');
  if (vpc !== undefined) tg.vpc = entityRef(vpc, ctx, EXPECT_VPC);
  ctx.infra.targetGroups.push(tg);
}
