import type { Edit, Fix, FixDeclined, SecurityGroup, Service, ServicePosture, VpcEndpoint } from '../../model/index.ts';
import type { RuleContext } from '../../rules/types.ts';
import type { ProblemHit } from '../../rules/endpoints/shared.ts';
import { refId } from '../../analysis/infra-index.ts';
import { serviceNetwork } from '../../analysis/reachability.ts';
import { egressAllows, ingressAllows } from '../../analysis/security-group-match.ts';
import { endpointInVpc } from '../../analysis/reachability.ts';
import { freeLogicalId, mapChild, type TemplateDoc } from '../doc.ts';
import { appendItems, insertResources, replaceNode, setKey } from '../edit.ts';
import { getAtt, nodeToValue, sameValue, sub, type CfnObject, type CfnValue } from '../value.ts';
import {
  declined, docOf, guarded, idValue, literalSeq, localLogicalId, makeFix, nodeAtPath, propsOf, references, ROUTE_TABLE_ID, securityGroupValue, SUBNET_ID, VPC_ID,
} from './common.ts';
import { postureOf, prefixListValue, standaloneRule } from './network.ts';

const HTTPS = 443;

/** `ecr.api` → `EcrApi`, for names of new resources. */
const NAMES: Record<string, string> = {
  'ecr.api': 'EcrApi', 'ecr.dkr': 'EcrDkr', logs: 'Logs', secretsmanager: 'SecretsManager', ssm: 'Ssm', ssmmessages: 'SsmMessages',
  ec2messages: 'Ec2Messages', kms: 'Kms', sts: 'Sts', sqs: 'Sqs', sns: 'Sns', s3: 'S3', dynamodb: 'DynamoDb', monitoring: 'Monitoring',
};

export function resourceName(service: string): string {
  return NAMES[service] ?? service.split(/[^A-Za-z0-9]+/).filter((p) => p !== '').map((p) => p[0].toUpperCase() + p.slice(1)).join('');
}

function unique<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}

/**
 * Private DNS only works in a VPC with DNS support and DNS hostnames on; CloudFormation refuses
 * the endpoint otherwise. When the VPC is declared in this template, turn them on with the fix.
 */
function vpcDnsEdits(ctx: RuleContext, doc: TemplateDoc, vpcId: string | undefined): Edit[] | undefined {
  if (vpcId === undefined) return [];
  const local = localLogicalId(doc, vpcId);
  const vpc = ctx.posture.infra.vpcs.find((v) => v.id === vpcId);
  if (local === undefined || vpc === undefined) return vpc === undefined ? [] : undefined;
  const props = propsOf(doc, vpc);
  if (props === undefined) return undefined;
  const edits: Edit[] = [];
  for (const [key, absentIs] of [['EnableDnsSupport', true], ['EnableDnsHostnames', false]] as const) {
    const node = mapChild(props, key);
    if (node === undefined) {
      if (!absentIs) edits.push(setKey(doc, props, key, true, ['EnableDnsSupport', 'CidrBlock']));
      continue;
    }
    if (node.kind !== 'scalar') return undefined;
    if (node.value === true || String(node.value).toLowerCase() === 'true') continue;
    edits.push(setKey(doc, props, key, true));
  }
  return edits;
}

// ---------------------------------------------------------------------------------------------
// FW303

/** FW303: `PrivateDnsEnabled: true` (and DNS hostnames on the VPC when it is in the template). */
function privateDnsFixUnsafe(ctx: RuleContext, endpoint: VpcEndpoint): Fix | undefined {
  const doc = docOf(ctx, endpoint);
  const props = doc === undefined ? undefined : propsOf(doc, endpoint);
  if (doc === undefined || props === undefined || endpoint.type !== 'Interface') return undefined;
  const edits: Edit[] = [];
  const attr = endpoint.privateDns;
  // Enabled already: only the VPC's DNS attributes are missing.
  const enabled = attr.known && attr.value;
  if (!enabled && attr.source.explicit) {
    const node = nodeAtPath(doc, attr.source.path);
    if (node === undefined || node.kind !== 'scalar') return undefined;
    edits.push(replaceNode(doc, node, true));
  } else if (!enabled) {
    if (mapChild(props, 'PrivateDnsEnabled') !== undefined) return undefined;
    edits.push(setKey(doc, props, 'PrivateDnsEnabled', true, ['VpcId', 'VpcEndpointType', 'ServiceName']));
  }
  const vpc = endpoint.vpc === undefined || endpoint.vpc.kind === 'unknown' ? undefined : refId(endpoint.vpc);
  const dns = vpcDnsEdits(ctx, doc, vpc);
  if (dns === undefined || edits.length + dns.length === 0) return undefined;
  return makeFix(
    enabled ? `Turn on DNS support and DNS hostnames in the VPC of ${endpoint.logicalId}` : `Turn on private DNS for ${endpoint.logicalId}`,
    `With private DNS the AWS service's public hostname resolves to the endpoint inside the VPC, so the tasks' calls use it.${dns.length > 0 ? ' The VPC gets DNS support and DNS hostnames, which private DNS requires.' : ''}`,
    [...edits, ...dns],
  );
}

// ---------------------------------------------------------------------------------------------
// FW302

/**
 * Whether AZ names mix literal ones (`eu-west-1a`) and computed ones (`${AZ[0]}`, from
 * `Fn::GetAZs`): which of them are the same AZ is not known before deployment.
 */
function mixesAzForms(azs: readonly (string | undefined)[]): boolean {
  const known = azs.filter((az): az is string => az !== undefined);
  return known.some((az) => az.includes('${')) && known.some((az) => !az.includes('${'));
}

/** FW302: adds one of the services' subnets in each AZ the endpoint misses to its SubnetIds. */
function endpointSubnetsFixUnsafe(ctx: RuleContext, endpoint: VpcEndpoint, hits: readonly ProblemHit[]): Fix | undefined {
  const doc = docOf(ctx, endpoint);
  const props = doc === undefined ? undefined : propsOf(doc, endpoint);
  const seq = literalSeq(props, 'SubnetIds');
  if (doc === undefined || seq === undefined) return undefined;
  const missing = unique(hits.flatMap((h) => h.problem.missing ?? []));
  if (missing.length === 0) return undefined;
  const serviceSubnets = unique(hits.flatMap((h) => h.posture.subnets)).map((id) => ctx.posture.infra.subnets.find((s) => s.id === id));
  const values: CfnValue[] = [];
  const names: string[] = [];
  for (const az of missing) {
    // A subnet id means the AZs are unknown: adding it could put two subnets of one AZ on the endpoint, which AWS refuses.
    if (ctx.posture.infra.subnets.some((s) => s.id === az)) return undefined;
    const subnet = serviceSubnets.find((s) => s !== undefined && s.availabilityZone.known && s.availabilityZone.value === az);
    if (subnet === undefined) return undefined;
    const value = idValue(doc, subnet.id, SUBNET_ID);
    if (value === undefined) return undefined;
    values.push(value);
    names.push(subnet.logicalId);
  }
  // A literal AZ and a computed one (`Fn::GetAZs`) may be the same AZ: AWS refuses two subnets of one AZ.
  const endpointAzs = endpoint.subnets.items.map((r) => (r.kind === 'resource' ? ctx.posture.infra.subnets.find((s) => s.id === r.id) : undefined));
  const azNames = [...missing, ...endpointAzs.map((s) => (s !== undefined && s.availabilityZone.known ? s.availabilityZone.value : undefined))];
  if (mixesAzForms(azNames)) return undefined;
  return makeFix(
    `Add ${names.join(', ')} to the subnets of ${endpoint.logicalId}`,
    `An interface endpoint serves only the AZs of its subnets; ${names.join(', ')} ${names.length === 1 ? 'puts' : 'put'} a network interface of ${endpoint.logicalId} in each AZ the tasks run in.`,
    [appendItems(doc, seq, values)],
  );
}

// ---------------------------------------------------------------------------------------------
// FW306

/** FW306: adds the services' route tables to the gateway endpoint's RouteTableIds. */
function gatewayRouteTablesFixUnsafe(ctx: RuleContext, endpoint: VpcEndpoint, hits: readonly ProblemHit[]): Fix | undefined {
  const doc = docOf(ctx, endpoint);
  const props = doc === undefined ? undefined : propsOf(doc, endpoint);
  if (doc === undefined || props === undefined || endpoint.type !== 'Gateway') return undefined;
  const missing = unique(hits.flatMap((h) => h.problem.missing ?? []));
  if (missing.length === 0) return undefined;
  const values: CfnValue[] = [];
  const names: string[] = [];
  for (const id of missing) {
    // A subnet stands for the VPC main route table, which the template cannot name.
    if (ctx.posture.infra.subnets.some((s) => s.id === id)) return undefined;
    const value = idValue(doc, id, ROUTE_TABLE_ID);
    if (value === undefined) return undefined;
    values.push(value);
    names.push(ctx.index.entity(id)?.logicalId ?? id);
  }
  const existing = mapChild(props, 'RouteTableIds');
  let edit: Edit;
  if (existing === undefined) edit = setKey(doc, props, 'RouteTableIds', values);
  else if (existing.kind === 'seq') edit = appendItems(doc, existing, values);
  else return undefined;
  return makeFix(
    `Associate ${endpoint.logicalId} with ${names.join(', ')}`,
    `A gateway endpoint adds its prefix-list route only to the route tables it is associated with; ${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} used by the service subnets.`,
    [edit],
  );
}

// ---------------------------------------------------------------------------------------------
// Security group rules (FW304, FW305, and the endpoints FW301 adds)

function https(extra: CfnObject, description: string): CfnObject {
  return { IpProtocol: 'tcp', FromPort: HTTPS, ToPort: HTTPS, ...extra, Description: description };
}

/**
 * Rules to add to a group, inline in its list or, when the peer's own declaration references this
 * group (inline rules both ways are a circular dependency CloudFormation rejects), as standalone
 * rule resources.
 */
function addRules(
  doc: TemplateDoc,
  group: SecurityGroup | { logicalId: string; isNew: true },
  direction: 'ingress' | 'egress',
  rules: { rule: CfnObject; peer?: string }[],
  taken: Set<string>,
): { edits: Edit[]; resources: [string, CfnObject][] } | undefined {
  const key = direction === 'ingress' ? 'SecurityGroupIngress' : 'SecurityGroupEgress';
  const inline: CfnObject[] = [];
  const resources: [string, CfnObject][] = [];
  for (const { rule, peer } of rules) {
    const cyclic = 'isNew' in group || (peer !== undefined && references(doc, peer, group.logicalId));
    if (!cyclic) {
      inline.push(rule);
      continue;
    }
    const name = freeLogicalId(doc, `${group.logicalId}${direction === 'ingress' ? 'IngressFrom' : 'EgressTo'}${peer ?? 'Peer'}`, taken);
    taken.add(name);
    resources.push([name, standaloneRule(doc, direction === 'ingress' ? 'AWS::EC2::SecurityGroupIngress' : 'AWS::EC2::SecurityGroupEgress', group.logicalId, peer, rule)]);
  }
  if (inline.length === 0) return { edits: [], resources };
  if ('isNew' in group) return undefined;
  const props = propsOf(doc, group);
  if (props === undefined) return undefined;
  const existing = mapChild(props, key);
  // An absent egress list means CloudFormation's allow-all default: adding one rule would remove it.
  if (existing === undefined && direction === 'egress') return undefined;
  if (existing === undefined) return { edits: [setKey(doc, props, key, inline)], resources };
  if (existing.kind !== 'seq') return undefined;
  return { edits: [appendItems(doc, existing, inline)], resources };
}

/** FW304: the endpoint's security group admits HTTPS from the task security groups. */
function endpointIngressFixUnsafe(ctx: RuleContext, target: SecurityGroup, hits: readonly ProblemHit[]): Fix | undefined {
  const doc = docOf(ctx, target);
  if (doc === undefined) return undefined;
  const taskGroups = taskGroupsOf(ctx, hits.map((h) => h.posture));
  if (taskGroups === undefined) return undefined;
  const rules: { rule: CfnObject; peer: string }[] = [];
  for (const g of taskGroups) {
    const value = securityGroupValue(doc, g.id);
    if (value === undefined) return undefined;
    rules.push({ rule: https({ SourceSecurityGroupId: value }, `HTTPS from ${g.logicalId}`), peer: g.logicalId });
  }
  const added = addRules(doc, target, 'ingress', rules, new Set());
  if (added === undefined) return undefined;
  const resources = added.resources.length > 0 ? insertResources(doc, added.resources) : undefined;
  const names = taskGroups.map((g) => g.logicalId);
  return makeFix(
    `Admit HTTPS from ${names.join(', ')} to ${target.logicalId}`,
    `The endpoint's security group ${target.logicalId} admits TCP 443 from the task security ${names.length === 1 ? 'group' : 'groups'} ${names.join(', ')}${added.resources.length > 0 ? ' (as standalone rules: the task group already references this one, and inline rules both ways would be a circular dependency)' : ''}.`,
    [...added.edits, ...(added.resources.length > 0 ? [resources] : [])],
  );
}

/** The declared task security groups of the services, when every service has its own in the files. */
function taskGroupsOf(ctx: RuleContext, postures: readonly ServicePosture[]): SecurityGroup[] | undefined {
  const out: SecurityGroup[] = [];
  for (const posture of postures) {
    if (posture.securityGroupIds.length === 0) return undefined;
    for (const id of posture.securityGroupIds) {
      const sg = ctx.posture.infra.securityGroups.find((g) => g.id === id);
      if (sg === undefined || sg.isDefault === true) return undefined;
      if (!out.includes(sg)) out.push(sg);
    }
  }
  return out.length === 0 ? undefined : out;
}

/** FW305: the task security group allows HTTPS out to the endpoint (its groups, the prefix list, or the internet). */
function taskEgressFixUnsafe(
  ctx: RuleContext,
  target: SecurityGroup,
  hits: readonly ProblemHit[],
  path: 'gateway' | 'interface' | 'internet',
  endpoint: VpcEndpoint | undefined,
): Fix | FixDeclined | undefined {
  const doc = docOf(ctx, target);
  if (doc === undefined) return undefined;
  const rules: { rule: CfnObject; peer?: string }[] = [];
  let words: string;
  if (path === 'internet') {
    rules.push({ rule: https({ CidrIp: '0.0.0.0/0' }, 'HTTPS to AWS APIs') });
    words = 'TCP 443 to 0.0.0.0/0, the path the subnets have to the AWS services';
  } else if (path === 'gateway') {
    if (endpoint === undefined || !endpoint.service.known) return undefined;
    const svc = endpoint.service.value === 'dynamodb' ? 'dynamodb' : 's3';
    const value = prefixListValue(ctx, doc, svc);
    // Prefix list IDs differ per region and CloudFormation has no way to look one up.
    if (value === undefined) {
      return declined(`${target.logicalId}'s template has no ${svc} prefix list ID to reference (CloudFormation cannot look one up): add a parameter such as ${svc === 's3' ? 'S3PrefixListId' : 'DynamoDbPrefixListId'} holding the region's pl-… ID and run fix again, or add the egress rule by hand`);
    }
    rules.push({ rule: https({ DestinationPrefixListId: value }, `HTTPS to ${svc === 's3' ? 'S3' : 'DynamoDB'} through ${endpoint.logicalId}`) });
    words = `TCP 443 to the ${svc} prefix list that gateway endpoint ${endpoint.logicalId} routes to`;
  } else {
    if (endpoint === undefined) return undefined;
    const groups = ctx.index.all(endpoint.securityGroups, ctx.posture.infra.securityGroups).filter((g) => g.isDefault !== true);
    if (groups.length === 0 || groups.length !== endpoint.securityGroups.items.length) return undefined;
    for (const g of groups) {
      const value = securityGroupValue(doc, g.id);
      if (value === undefined) return undefined;
      rules.push({ rule: https({ DestinationSecurityGroupId: value }, `HTTPS to ${endpoint.logicalId}`), peer: g.logicalId });
    }
    words = `TCP 443 to security ${groups.length === 1 ? 'group' : 'groups'} ${groups.map((g) => g.logicalId).join(', ')} of interface endpoint ${endpoint.logicalId}`;
  }
  const added = addRules(doc, target, 'egress', rules, new Set());
  if (added === undefined) return undefined;
  const services = unique(hits.map((h) => h.posture.key));
  return makeFix(
    `Allow HTTPS from ${target.logicalId} to ${endpoint?.logicalId ?? 'the internet'}`,
    `${target.logicalId} allows ${words}, which ${services.join(', ')} ${services.length === 1 ? 'needs' : 'need'}.`,
    [...added.edits, ...(added.resources.length > 0 ? [insertResources(doc, added.resources)] : [])],
  );
}

// ---------------------------------------------------------------------------------------------
// FW301

/**
 * Whether the task groups let HTTPS out to the service's prefix list: by the analysis, or by a
 * rule naming the same prefix list value this template uses for it (a `pl-` parameter the
 * analysis cannot identify).
 */
function egressReachesPrefixList(ctx: RuleContext, doc: TemplateDoc, groups: SecurityGroup[], svc: 's3' | 'dynamodb'): boolean {
  const allowed = egressAllows(groups, HTTPS, { kind: 'prefixList', service: svc }, ctx.index);
  if (allowed !== 'unknown') return allowed;
  const known = prefixListValue(ctx, doc, svc);
  if (known === undefined) return false;
  return groups.some((g) => g.rules.some((r) => {
    if (r.direction !== 'egress' || r.peer.kind !== 'prefixList' || r.source.file !== doc.file) return false;
    const p = r.protocol.toLowerCase();
    if (p !== 'all' && !(p === 'tcp' && r.portsKnown && r.fromPort <= HTTPS && HTTPS <= r.toPort)) return false;
    const item = nodeAtPath(doc, r.source.path);
    const value = mapChild(item, 'DestinationPrefixListId') ?? mapChild(item, 'SourcePrefixListId');
    return value !== undefined && sameValue(nodeToValue(value), known);
  }));
}

/** Why a fix in `file` cannot name a resource of the network: it is declared in another template, or is not a literal ID. */
function elsewhere(ctx: RuleContext, id: string, what: string, file: string): string {
  const entity = ctx.index.entity(id);
  return entity !== undefined && entity.file !== file
    ? `${what} ${entity.logicalId} is declared in ${entity.file}, not in ${file}: add the endpoint there, with the network, by hand`
    : `${what} ${id} is not a value ${file} can reference`;
}

/**
 * FW301: adds the missing VPC endpoint. Gateway (S3, DynamoDB): on the route tables of the service
 * subnets, when the task egress already allows the prefix list. Interface: private DNS on, one of
 * the service subnets per AZ, and a security group admitting HTTPS from the tasks (an existing
 * endpoint group that already does, else a new one); task egress to it is added when needed.
 */
function missingEndpointFixUnsafe(ctx: RuleContext, service: Service, awsService: string): Fix | FixDeclined | undefined {
  const doc = docOf(ctx, service);
  const posture = postureOf(ctx, service);
  if (doc === undefined || posture === undefined) return undefined;
  const net = serviceNetwork(service, ctx.index);
  if (!net.subnetsResolved || net.subnets.length === 0 || !net.securityGroupsComplete || net.vpcId === undefined) {
    return declined(`the files do not resolve all of service ${service.key}'s subnets, security groups and VPC, so where the endpoint would go is not known`);
  }
  const vpc = idValue(doc, net.vpcId, VPC_ID);
  // A VPC of another template (an export, a nested stack): the endpoint belongs with it, which a
  // fix in the service's template cannot reference.
  if (vpc === undefined) return declined(elsewhere(ctx, net.vpcId, 'VPC', doc.file));
  const taken = new Set<string>();
  const name = freeLogicalId(doc, `${resourceName(awsService)}${awsService === 's3' || awsService === 'dynamodb' ? 'Gateway' : ''}Endpoint`);
  taken.add(name);
  const serviceName = sub(`com.amazonaws.\${AWS::Region}.${awsService}`);

  if (awsService === 's3' || awsService === 'dynamodb') {
    if (!egressReachesPrefixList(ctx, doc, net.securityGroups, awsService)) return undefined;
    const tables: CfnValue[] = [];
    const seen = new Set<string>();
    for (const s of net.subnets) {
      if (s.routeTableId === undefined) return undefined;
      if (seen.has(s.routeTableId)) continue;
      seen.add(s.routeTableId);
      const value = idValue(doc, s.routeTableId, ROUTE_TABLE_ID);
      if (value === undefined) return declined(elsewhere(ctx, s.routeTableId, 'route table', doc.file));
      tables.push(value);
    }
    const resource: CfnObject = {
      Type: 'AWS::EC2::VPCEndpoint',
      Properties: { ServiceName: serviceName, VpcEndpointType: 'Gateway', VpcId: vpc, RouteTableIds: tables },
    };
    return makeFix(
      `Add gateway endpoint ${name} for ${awsService}`,
      `Service ${service.key} reaches ${awsService} through a new gateway endpoint on the route tables of its subnets (its egress already allows the ${awsService} prefix list).`,
      [insertResources(doc, [[name, resource]])],
    );
  }

  // One subnet per AZ: AWS refuses two subnets of one AZ on an interface endpoint.
  const subnets: CfnValue[] = [];
  const azs = new Set<string>();
  for (const s of net.subnets) {
    if (s.az === undefined || (s.az.includes('${') && !/^\$\{AZ\[\d+\]\}$/.test(s.az))) return undefined;
    if (azs.has(s.az)) continue;
    azs.add(s.az);
    const value = idValue(doc, s.id, SUBNET_ID);
    if (value === undefined) return declined(elsewhere(ctx, s.id, 'subnet', doc.file));
    subnets.push(value);
  }
  if (mixesAzForms([...azs])) return undefined;
  const taskGroups = taskGroupsOf(ctx, [posture]);
  if (taskGroups === undefined) return undefined;
  const edits: (Edit | undefined)[] = [];
  const resources: [string, CfnObject][] = [];
  const words: string[] = [];

  // An endpoint security group in this VPC that already admits the tasks serves the new endpoint too.
  const reusable = ctx.posture.infra.securityGroups.find((g) =>
    g.file === doc.file &&
    ctx.posture.infra.vpcEndpoints.some((e) => e.type === 'Interface' && endpointInVpc(e, net) === true && e.securityGroups.items.some((r) => r.kind === 'resource' && r.id === g.id)) &&
    ingressAllows([g], HTTPS, { sgIds: net.securityGroupIds, cidrs: [] }, ctx.index) === true);
  let groupName: string;
  let groupValue: CfnValue;
  let groupId: string;
  if (reusable !== undefined) {
    groupName = reusable.logicalId;
    groupValue = getAtt(reusable.logicalId, 'GroupId');
    groupId = reusable.id;
    words.push(`uses security group ${groupName}, which already admits the tasks`);
  } else {
    groupName = freeLogicalId(doc, `${name}SecurityGroup`, taken);
    taken.add(groupName);
    groupValue = getAtt(groupName, 'GroupId');
    groupId = `${doc.file}#${groupName}`;
    resources.push([groupName, { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: `${awsService} interface endpoint`, VpcId: vpc } }]);
    const ingress = addRules(doc, { logicalId: groupName, isNew: true }, 'ingress', taskGroups.map((g) => ({
      rule: https({ SourceSecurityGroupId: getAtt(g.logicalId, 'GroupId') }, `HTTPS from ${g.logicalId}`),
      peer: g.logicalId,
    })), taken);
    if (ingress === undefined) return undefined;
    resources.push(...ingress.resources);
    words.push(`gets a new security group ${groupName} admitting TCP 443 from ${taskGroups.map((g) => g.logicalId).join(', ')}`);
  }
  if (egressAllows(net.securityGroups, HTTPS, { kind: 'sg', ids: [groupId] }, ctx.index) !== true) {
    const first = taskGroups[0];
    const egress = addRules(doc, first, 'egress', [{ rule: https({ DestinationSecurityGroupId: groupValue }, `HTTPS to ${name}`), peer: groupName }], taken);
    if (egress === undefined) return undefined;
    edits.push(...egress.edits);
    resources.push(...egress.resources);
    words.push(`${first.logicalId} allows TCP 443 to it`);
  }
  const dns = vpcDnsEdits(ctx, doc, net.vpcId);
  if (dns === undefined) return undefined;
  edits.push(...dns);
  resources.unshift([name, {
    Type: 'AWS::EC2::VPCEndpoint',
    Properties: {
      ServiceName: serviceName, VpcEndpointType: 'Interface', VpcId: vpc, PrivateDnsEnabled: true, SubnetIds: subnets, SecurityGroupIds: [groupValue],
    },
  }]);
  edits.push(insertResources(doc, resources));
  return makeFix(
    `Add interface endpoint ${name} for ${awsService}`,
    `Service ${service.key} reaches ${awsService} through a new interface endpoint with private DNS in ${subnets.length === 1 ? 'its subnet' : `one of its subnets per AZ`}; the endpoint ${words.join(', and ')}.${dns.length > 0 ? ' The VPC gets DNS hostnames, which private DNS requires.' : ''}`,
    edits,
  );
}

export const privateDnsFix = guarded(privateDnsFixUnsafe);
export const endpointSubnetsFix = guarded(endpointSubnetsFixUnsafe);
export const gatewayRouteTablesFix = guarded(gatewayRouteTablesFixUnsafe);
export const endpointIngressFix = guarded(endpointIngressFixUnsafe);
export const taskEgressFix = guarded(taskEgressFixUnsafe);
export const missingEndpointFix = guarded(missingEndpointFixUnsafe);
