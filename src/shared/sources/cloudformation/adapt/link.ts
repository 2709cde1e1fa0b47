import type { EntityRef, Infra, SecurityGroup, SecurityGroupRule, TargetGroup } from '../../../model/index.ts';
import { refId } from '../../../analysis/infra-index.ts';
import { type Declaration, type Pending, byId } from './common.ts';
import { linkScalableTargets } from './autoscaling.ts';

function describe(ref: EntityRef): string {
  if (ref.kind === 'external') return `${ref.value}, which is outside the scanned files`;
  if (ref.kind === 'unknown') return `a value that cannot be resolved (${ref.reason})`;
  return `${ref.id}, which is not of the expected type`;
}

function pushUnique(list: EntityRef[], ref: EntityRef): void {
  const key = refId(ref);
  if (!list.some((r) => refId(r) === key)) list.push(ref);
}

/**
 * Second pass over everything adapted: attaches resources that modify another entity (standalone
 * rules, routes, associations, attachments, listener rules, scalable targets) to it, wherever it
 * was declared. What points outside the files is listed in `unresolved` so reports can say so.
 */
export function linkPending(infra: Infra, pending: Pending, declarations: ReadonlyMap<string, ReadonlyMap<string, Declaration>>): void {
  // Each index is built only when something is to be attached: hashing every id costs.
  const groups = pending.standaloneRules.length > 0 ? byId(infra.securityGroups) : undefined;
  for (const item of pending.standaloneRules) {
    const group = item.group.kind === 'resource' ? groups!.get(item.group.id)
      : item.group.kind === 'external' ? ((item.groupName === undefined ? undefined : groupNamed(infra, item.groupName, item.file)) ?? externalGroup(infra, groups!, item.group.value, item.rule))
        : undefined;
    if (group !== undefined) group.rules.push(item.rule);
    else {
      const kind = item.rule.direction === 'ingress' ? 'SecurityGroupIngress' : 'SecurityGroupEgress';
      infra.unresolved.push({
        file: item.file, line: item.loc.line, path: `Resources.${item.logicalId}`,
        reason: `${kind} ${item.logicalId} applies to security group ${describe(item.group)}; its rule is not attached to any group`,
      });
    }
  }

  const tables = pending.routes.length > 0 ? byId(infra.routeTables) : undefined;
  for (const item of pending.routes) {
    const table = item.routeTable.kind === 'resource' ? tables!.get(item.routeTable.id) : undefined;
    if (table !== undefined) table.routes.push(item.route);
    else infra.unresolved.push({ file: item.file, line: item.loc.line, path: `Resources.${item.logicalId}.Properties.RouteTableId`, reason: `route ${item.logicalId} belongs to route table ${describe(item.routeTable)}` });
  }

  const subnets = pending.subnetAssociations.length > 0 ? byId(infra.subnets) : undefined;
  for (const item of pending.subnetAssociations) {
    const subnet = item.subnet.kind === 'resource' ? subnets!.get(item.subnet.id) : undefined;
    if (subnet !== undefined) subnet.routeTable = item.routeTable;
    else infra.unresolved.push({ file: item.file, line: item.loc.line, path: `Resources.${item.logicalId}.Properties.SubnetId`, reason: `route table association ${item.logicalId} is for subnet ${describe(item.subnet)}` });
  }

  // An entry of an ACL outside the files changes nothing the analysis reads: that ACL is not read either.
  const acls = pending.networkAclEntries.length > 0 ? byId(infra.networkAcls ?? []) : undefined;
  for (const item of pending.networkAclEntries) {
    const acl = item.acl.kind === 'resource' ? acls!.get(item.acl.id) : undefined;
    if (acl !== undefined) acl.entries.push(item.entry);
  }
  const aclSubnets = pending.networkAclAssociations.length > 0 ? byId(infra.subnets) : undefined;
  for (const item of pending.networkAclAssociations) {
    const subnet = item.subnet.kind === 'resource' ? aclSubnets!.get(item.subnet.id) : undefined;
    if (subnet !== undefined) subnet.networkAcl = item.acl;
  }

  const gateways = pending.gatewayAttachments.length > 0 ? byId(infra.internetGateways) : undefined;
  for (const item of pending.gatewayAttachments) {
    const gateway = item.gateway.kind === 'resource' ? gateways!.get(item.gateway.id) : undefined;
    if (gateway !== undefined) pushUnique(gateway.vpcs, item.vpc);
  }

  const vpcs = pending.vpcCidrs.length > 0 ? byId(infra.vpcs) : undefined;
  for (const item of pending.vpcCidrs) {
    const vpc = item.vpc.kind === 'resource' ? vpcs!.get(item.vpc.id) : undefined;
    if (vpc !== undefined) vpc.additionalCidrs.push(item.cidr);
  }

  const listeners = pending.listenerRules.length > 0 ? byId(infra.listeners) : undefined;
  for (const item of pending.listenerRules) {
    const listener = item.listener.kind === 'resource' ? listeners!.get(item.listener.id) : undefined;
    if (listener !== undefined) listener.actions.push(...item.actions);
    else infra.unresolved.push({ file: item.file, line: item.loc.line, path: `Resources.${item.logicalId}.Properties.ListenerArn`, reason: `listener rule ${item.logicalId} belongs to listener ${describe(item.listener)}` });
  }

  let targetGroups: Map<string, TargetGroup> | undefined;
  for (const listener of infra.listeners) {
    if (listener.loadBalancer === undefined) continue;
    for (const action of listener.actions) {
      for (const ref of action.targetGroups) {
        if (ref.kind !== 'resource') continue;
        targetGroups ??= byId(infra.targetGroups);
        const tg = targetGroups.get(ref.id);
        if (tg !== undefined) pushUnique(tg.loadBalancers, listener.loadBalancer);
      }
    }
  }

  linkScalableTargets(infra, pending, declarations);

  if (infra.secrets.length > 0) linkSecretKeys(infra);
}

/**
 * The scanned default-VPC group (no VpcId) whose GroupName is `name`, for a standalone rule that
 * names its group by GroupName: one in the rule's own file first, else the only one in the files.
 * Names are unique per VPC; groups of other VPCs cannot be named this way.
 */
function groupNamed(infra: Infra, name: string, file: string): SecurityGroup | undefined {
  const named = infra.securityGroups.filter((g) => g.external !== true && g.vpc === undefined && g.groupName === name);
  const local = named.filter((g) => g.file === file);
  if (local.length === 1) return local[0];
  return local.length === 0 && named.length === 1 ? named[0] : undefined;
}

/**
 * The stand-in for a group outside the files that a standalone rule adds to, one per group id
 * across all files (group ids are account-wide). Services and endpoints naming the same `sg-…`
 * then see the rule: a pull request that opens an existing group to the world is a change.
 */
function externalGroup(infra: Infra, groups: Map<string, SecurityGroup>, value: string, first: SecurityGroupRule): SecurityGroup {
  let group = groups.get(value);
  if (group === undefined) {
    const source = { ...first.source, explicit: false };
    group = { id: value, logicalId: value, file: source.file, stackId: source.file, source, suppressions: [], rules: [], implicitEgress: false, external: true };
    groups.set(value, group);
    infra.securityGroups.push(group);
  }
  return group;
}

/** Secret references made by containers take the KMS key of the secret they read. */
function linkSecretKeys(infra: Infra): void {
  const secrets = byId(infra.secrets);
  for (const td of infra.taskDefinitions) {
    for (const container of td.containers) {
      const refs = container.repositoryCredentials === undefined ? container.secrets : [...container.secrets, container.repositoryCredentials];
      for (const ref of refs) {
        const secret = ref.resource?.kind === 'resource' ? secrets.get(ref.resource.id) : undefined;
        if (secret?.kmsKey !== undefined) ref.kmsKey = secret.kmsKey;
      }
    }
  }
}
