import {
  holdsIn, type Attr, type Cluster, type Container, type Entity, type EntityRef, type RegistryKind, type SecretReference, type Service,
  type ServiceLoadBalancer, type SourceRef, type TaskDefinition, type Unknown,
} from '../../../model/index.ts';
import type { ResolvedResource, RValue } from '../resolved.ts';
import {
  type AdaptContext, attrBoolean, attrNumber, attrString, declarationOf, defaultAt, defaultSource, defaulted, entityRef, isObject, items, literal,
  num, prop, propPath, refList, refType, resourceOf, sourceRef, stackOutcomesIn, str, targetId, unknownOf, withCdkFields,
  withValue, EXPECT_SUBNET,
} from './common.ts';
import { placeholderOf } from '../intrinsics/context.ts';
import { ROLE_TYPES } from './iam.ts';
import { TARGET_GROUP_TYPES } from './load-balancers.ts';
import { secretReference } from './secrets.ts';
import { SECURITY_GROUP_TYPES } from './security-groups.ts';

const CLUSTER_TYPES = ['AWS::ECS::Cluster'] as const;
const TASK_DEFINITION_TYPES = ['AWS::ECS::TaskDefinition'] as const;
const ECR_REPOSITORY = 'AWS::ECR::Repository';
const FARGATE_PROVIDERS = new Set(['FARGATE', 'FARGATE_SPOT']);
const NETWORK_PATH = 'NetworkConfiguration.AwsvpcConfiguration';
// Options objects shared by every call: one per reference would be garbage at once.
const CLUSTER_EXPECTED = { expect: CLUSTER_TYPES };
const TASK_DEFINITION_EXPECTED = { expect: TASK_DEFINITION_TYPES };
const ROLE_EXPECTED = { expect: ROLE_TYPES };
const TARGET_GROUP_EXPECTED = { expect: TARGET_GROUP_TYPES };
const SECURITY_GROUP_EXPECTED = { expect: SECURITY_GROUP_TYPES };

// ---------------------------------------------------------------------------------------------
// Cluster

export function adaptCluster(res: ResolvedResource, base: Entity, ctx: AdaptContext): void {
  const file = ctx.template.file;
  const p = res.properties;
  let containerInsights: Attr<boolean> = defaulted(false, defaultSource(res, file, 'ClusterSettings'));
  const settings = prop(p, 'ClusterSettings');
  if (settings?.kind === 'unknown') containerInsights = unknownOf(settings.reason, sourceRef(settings.loc, file));
  for (const setting of items(settings?.kind === 'unknown' ? undefined : settings)) {
    if (literal(prop(setting, 'Name')) !== 'containerInsights') continue;
    const value = prop(setting, 'Value');
    if (value === undefined) continue;
    const text = literal(value)?.trim().toLowerCase();
    containerInsights = text === undefined
      ? unknownOf(value.kind === 'unknown' ? value.reason : 'containerInsights value is not a literal', sourceRef(value.loc, file))
      : { known: true, value: text === 'enabled' || text === 'enhanced', source: sourceRef(value.loc, file) };
  }
  const cluster: Cluster = { ...base, containerInsights };
  const name = str(prop(p, 'ClusterName'));
  if (name !== undefined) cluster.name = name;
  ctx.infra.clusters.push(cluster);
}

// ---------------------------------------------------------------------------------------------
// Task definition

/** Where an image is pulled from, which decides the endpoints a task needs to start. */
export function registryOf(v: RValue | undefined, ctx: AdaptContext): RegistryKind {
  if (v === undefined) return 'unknown';
  if (v.kind === 'unknown') {
    // An image per region or environment (Fn::FindInMap on a key the files do not give, an
    // undecided Fn::If): the registry every outcome pulls from, when they agree.
    const kinds = stackOutcomesIn(v)?.map(({ value }) => (value === undefined || value.kind === 'unknown' ? 'unknown' : registryOf(value, ctx))) ?? [];
    const [kind] = kinds;
    return kind !== undefined && holdsIn(kinds, (k) => k === kind) === true ? kind : 'unknown';
  }
  if (v.kind === 'ref') return refType(v, ctx) === ECR_REPOSITORY && v.attribute === 'RepositoryUri' ? 'ecr-private' : 'unknown';
  if (v.kind !== 'string') return 'unknown';
  const text = v.value.trim();
  if (v.partial === true) {
    const first = /^\$\{([A-Za-z0-9]+)(?:\.([A-Za-z0-9.]+))?\}/.exec(text);
    if (first !== null && (v.refs ?? []).includes(first[1])) {
      const type = declarationOf({ target: first[1] }, ctx)?.type;
      if (type === ECR_REPOSITORY) return 'ecr-private';
    }
  }
  const host = text.split('/')[0] ?? '';
  if (/\.dkr\.ecr(-fips)?\./.test(host)) return 'ecr-private';
  if (host === 'public.ecr.aws') return 'ecr-public';
  if (text.startsWith('${')) return 'unknown';
  return text === '' ? 'unknown' : 'other';
}

function container(v: RValue, i: number, ctx: AdaptContext): Container {
  const file = ctx.template.file;
  const source = sourceRef(v.loc, file);
  const name = str(prop(v, 'Name')) ?? `container ${i}`;
  const imageValue = prop(v, 'Image');
  const out: Container = {
    name,
    image: imageValue === undefined ? unknownOf('no Image', { ...source, explicit: false }) : attrString(imageValue, file),
    registry: registryOf(imageValue, ctx),
    logOptions: {},
    secrets: [],
    environmentFiles: [],
    portMappings: [],
    source,
  };
  if (!isObject(v)) {
    out.image = unknownOf(v.kind === 'unknown' ? v.reason : `the container definition is ${v.kind}, not an object`, source);
    return out;
  }
  const log = prop(v, 'LogConfiguration');
  const driver = prop(log, 'LogDriver');
  if (driver !== undefined) out.logDriver = attrString(driver, file);
  const options = prop(log, 'Options');
  if (isObject(options)) {
    options.entries.forEach((value, key) => {
      const text = value.kind === 'ref' ? attrString(value, file) : undefined;
      const s = text?.known === true ? text.value : str(value);
      if (s !== undefined) out.logOptions[key] = s;
    });
  }
  // A log driver's secret options (a Splunk token, a Fluent Bit key) are fetched by the agent at
  // start-up with the execution role, exactly as `Secrets` are.
  for (const [list, label] of [[prop(v, 'Secrets'), ''], [prop(log, 'SecretOptions'), 'log option ']] as const) {
    for (const secret of items(list)) {
      const name = `${label}${str(prop(secret, 'Name')) ?? '(unnamed)'}`;
      out.secrets.push(secretReference(name, isObject(secret) ? prop(secret, 'ValueFrom') : secret, ctx, sourceRef(secret.loc, file)));
    }
  }
  const credentials = propPath(v, 'RepositoryCredentials', 'CredentialsParameter');
  if (credentials !== undefined) {
    const ref: SecretReference = secretReference('RepositoryCredentials', credentials, ctx, sourceRef(credentials.loc, file));
    // Private registry credentials can only come from Secrets Manager.
    ref.store = 'secretsmanager';
    out.repositoryCredentials = ref;
  }
  for (const envFile of items(prop(v, 'EnvironmentFiles'))) {
    const value = prop(envFile, 'Value');
    out.environmentFiles.push(value === undefined ? unknownOf('no Value', sourceRef(envFile.loc, file)) : attrString(value, file));
  }
  for (const mapping of items(prop(v, 'PortMappings'))) {
    const port = num(prop(mapping, 'ContainerPort'));
    const entry: Container['portMappings'][number] = {
      protocol: literal(prop(mapping, 'Protocol'))?.trim().toLowerCase() ?? 'tcp',
      source: sourceRef(mapping.loc, file),
    };
    if (port !== undefined) entry.containerPort = port;
    out.portMappings.push(entry);
  }
  return out;
}

function compatibilities(v: RValue | undefined): string[] {
  const out: string[] = [];
  for (const item of items(v)) {
    const name = literal(item)?.trim().toUpperCase();
    if (name !== undefined && name !== '') out.push(name);
  }
  return out;
}

export function adaptTaskDefinition(res: ResolvedResource, base: Entity, ctx: AdaptContext): void {
  const file = ctx.template.file;
  const p = res.properties;
  const networkModeValue = prop(p, 'NetworkMode');
  const td: TaskDefinition = withCdkFields({
    id: base.id, logicalId: base.logicalId, file, stackId: base.stackId, source: base.source, range: base.range, suppressions: base.suppressions,
    networkMode: networkModeValue === undefined ? defaultAt('bridge', res, file, 'NetworkMode') : lowerString(networkModeValue, file),
    requiresCompatibilities: compatibilities(prop(p, 'RequiresCompatibilities')),
    containers: items(prop(p, 'ContainerDefinitions')).map((c, i) => container(c, i, ctx)),
  }, base);
  const family = str(prop(p, 'Family'));
  if (family !== undefined) td.family = family;
  const taskRole = prop(p, 'TaskRoleArn');
  if (taskRole !== undefined) td.taskRole = entityRef(taskRole, ctx, ROLE_EXPECTED);
  // One role or another, by an undecided condition or map key: CloudFormation deploys one, so each is read.
  const outcomes = taskRole?.kind === 'unknown' ? stackOutcomesIn(taskRole) : undefined;
  if (outcomes !== undefined) {
    td.taskRoleChoices = outcomes.flatMap(({ when, value }) => (value === undefined ? [] : [{ role: entityRef(value, ctx, ROLE_EXPECTED), when }]));
  }
  const executionRole = prop(p, 'ExecutionRoleArn');
  if (executionRole !== undefined) td.executionRole = entityRef(executionRole, ctx, ROLE_EXPECTED);
  ctx.infra.taskDefinitions.push(td);
}

/** Network modes are lower-case in ECS; templates sometimes capitalise them. */
function lowerString(v: RValue, file: string): Attr<string> {
  const attr = attrString(v, file);
  return attr.known ? withValue(attr, attr.value.trim().toLowerCase()) : attr;
}

// ---------------------------------------------------------------------------------------------
// Service

/** Capacity providers of a strategy list; undefined when the list cannot be read. */
function providers(v: RValue | undefined): string[] | undefined {
  if (v === undefined || v.kind === 'unknown') return undefined;
  const out: string[] = [];
  for (const item of items(v)) {
    const name = literal(prop(item, 'CapacityProvider'));
    if (name === undefined) return undefined;
    out.push(name.trim());
  }
  return out;
}

/**
 * The cluster's default capacity provider strategy: from the cluster resource or from an
 * AWS::ECS::ClusterCapacityProviderAssociations naming it. `[]` means the cluster is in the files
 * and has none; undefined means it cannot be known.
 */
function clusterDefaultProviders(cluster: RValue | undefined, ctx: AdaptContext): string[] | undefined {
  if (cluster === undefined || cluster.kind !== 'ref') return undefined;
  const clusterRes = resourceOf(cluster, ctx);
  if (clusterRes === undefined || clusterRes.type !== 'AWS::ECS::Cluster') return undefined;
  const own = prop(clusterRes.properties, 'DefaultCapacityProviderStrategy');
  if (own !== undefined) return providers(own);
  const clusterId = targetId(cluster, ctx.template);
  for (const template of ctx.templates.values()) {
    for (const res of template.resources.values()) {
      if (res.type !== 'AWS::ECS::ClusterCapacityProviderAssociations') continue;
      const target = prop(res.properties, 'Cluster');
      if (target?.kind !== 'ref' || targetId(target, template) !== clusterId) continue;
      return providers(prop(res.properties, 'DefaultCapacityProviderStrategy'));
    }
  }
  return [];
}

function fargateFromProviders(list: string[]): boolean | 'unknown' {
  if (list.some((p) => FARGATE_PROVIDERS.has(p.toUpperCase()))) return true;
  return list.length > 0 ? false : 'unknown';
}

function launchTypeOf(res: ResolvedResource, ctx: AdaptContext): { launchType: Attr<string>; fargate: boolean | 'unknown' } {
  const file = ctx.template.file;
  const p = res.properties;
  const launchType = prop(p, 'LaunchType');
  if (launchType !== undefined) {
    const attr = attrString(launchType, file);
    if (!attr.known) return { launchType: attr, fargate: 'unknown' };
    const value = attr.value.trim().toUpperCase();
    return { launchType: withValue(attr, value), fargate: value === 'FARGATE' ? true : value.startsWith('${') ? 'unknown' : false };
  }
  const strategy = prop(p, 'CapacityProviderStrategy');
  if (strategy !== undefined) {
    const source = sourceRef(strategy.loc, file);
    const list = providers(strategy);
    if (list === undefined) return { launchType: unknownOf(strategy.kind === 'unknown' ? strategy.reason : 'a capacity provider is not a literal', source), fargate: 'unknown' };
    return { launchType: { known: true, value: `capacity-provider:${list.join(',')}`, source }, fargate: fargateFromProviders(list) };
  }
  const absent = defaultSource(res, file, 'LaunchType');
  const defaults = clusterDefaultProviders(prop(p, 'Cluster'), ctx);
  if (defaults === undefined) {
    return {
      launchType: unknownOf('no LaunchType or CapacityProviderStrategy: the default capacity provider strategy of a cluster outside the scanned files applies', absent),
      fargate: 'unknown',
    };
  }
  if (defaults.length === 0) return { launchType: defaulted('EC2', absent), fargate: false };
  return { launchType: defaulted(`capacity-provider:${defaults.join(',')}`, absent), fargate: fargateFromProviders(defaults) };
}

/** Falls back on the task definition's compatibilities when the launch configuration does not say. */
function fargateFromTaskDefinition(td: RValue | undefined, ctx: AdaptContext): boolean | 'unknown' {
  if (td === undefined || td.kind !== 'ref') return 'unknown';
  const tdRes = resourceOf(td, ctx);
  if (tdRes === undefined) return 'unknown';
  const compat = compatibilities(prop(tdRes.properties, 'RequiresCompatibilities'));
  if (compat.includes('FARGATE') && !compat.includes('EC2') && !compat.includes('EXTERNAL')) return true;
  if (compat.length > 0 && !compat.includes('FARGATE')) return false;
  return 'unknown';
}

function assignPublicIp(v: RValue | undefined, res: ResolvedResource, file: string, pick: (network: RValue | undefined) => RValue | undefined = (x) => x): Attr<boolean> {
  const path = 'NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp';
  const value = pick(v);
  if (value === undefined) return defaultAt(false, res, file, path);
  const source = sourceRef(value.loc, file);
  if (value.kind === 'unknown') {
    const unknown: Unknown<boolean> = { known: false, reason: value.reason, source };
    // An undecided choice (an `Fn::If` on the value or on the whole network block, an
    // `Fn::FindInMap` on a key the files do not give): each outcome's setting, so a public IP one
    // outcome assigns is not hidden as unknown.
    const outcomes = stackOutcomesIn(v);
    if (outcomes === undefined) return unknown;
    const settings = outcomes.flatMap(({ when, value: x }) => {
      const attr = assignPublicIp(pick(x), res, file);
      return attr.known ? [{ key: when.value, value: attr.value }] : [];
    });
    if (settings.length === outcomes.length) unknown.choice = { on: outcomes[0]!.when.condition, outcomes: settings };
    return unknown;
  }
  const text = literal(value)?.trim().toUpperCase();
  if (text === 'ENABLED') return { known: true, value: true, source };
  if (text === 'DISABLED') return { known: true, value: false, source };
  // `true`/`false` are not valid here, but read them the way they were obviously meant.
  const b = attrBoolean(value, file);
  return b.known ? b : unknownOf(`AssignPublicIp is ${text === undefined ? `a ${value.kind}` : `'${text}'`}, not ENABLED or DISABLED`, source);
}

function serviceLoadBalancers(v: RValue | undefined, ctx: AdaptContext): ServiceLoadBalancer[] {
  const file = ctx.template.file;
  return items(v).map((item) => {
    const source: SourceRef = sourceRef(item.loc, file);
    const out: ServiceLoadBalancer = { source };
    const tg = prop(item, 'TargetGroupArn');
    if (tg !== undefined) out.targetGroup = entityRef(tg, ctx, TARGET_GROUP_EXPECTED);
    const lbName = str(prop(item, 'LoadBalancerName'));
    if (lbName !== undefined) out.loadBalancerName = lbName;
    const containerName = str(prop(item, 'ContainerName'));
    if (containerName !== undefined) out.containerName = containerName;
    const port = num(prop(item, 'ContainerPort'));
    if (port !== undefined) out.containerPort = port;
    if (!isObject(item)) out.targetGroup = entityRef(item, ctx);
    return out;
  });
}

/** The AssignPublicIp of a network block under one outcome (the whole NetworkConfiguration, or its AwsvpcConfiguration). */
function publicIpIn(x: RValue | undefined, whole: boolean): RValue | undefined {
  const awsvpc = whole ? prop(x, 'AwsvpcConfiguration') ?? prop(x, 'AwsVpcConfiguration') : x;
  return prop(awsvpc, 'AssignPublicIp');
}

export function adaptService(res: ResolvedResource, base: Entity, ctx: AdaptContext): void {
  const file = ctx.template.file;
  const p = res.properties;
  const network = prop(p, 'NetworkConfiguration');
  const awsvpc = prop(network, 'AwsvpcConfiguration') ?? prop(network, 'AwsVpcConfiguration');
  // An unknown network block (e.g. `!If` on an undecidable condition) hides every setting in it;
  // the defaults must not be claimed for it.
  const unknownNetwork = network?.kind === 'unknown' ? network : awsvpc?.kind === 'unknown' ? awsvpc : undefined;
  const tdValue = prop(p, 'TaskDefinition');
  const taskDefinition: EntityRef = tdValue === undefined
    ? { kind: 'unknown', reason: 'no TaskDefinition', source: defaultSource(res, file, 'TaskDefinition') }
    : entityRef(tdValue, ctx, TASK_DEFINITION_EXPECTED);
  const { launchType, fargate: fromLaunch } = launchTypeOf(res, ctx);
  const nameValue = prop(p, 'ServiceName');
  const serviceName = str(nameValue);
  const desiredCount = prop(p, 'DesiredCount');
  const enableExecuteCommand = prop(p, 'EnableExecuteCommand');
  const key = serviceName ?? base.cdkPath ?? res.logicalId;
  const service: Service = withCdkFields({
    id: base.id, logicalId: base.logicalId, file, stackId: base.stackId, source: base.source, range: base.range, suppressions: base.suppressions,
    // Qualified once every file is read, when another service has the same stable key (see loadInfra).
    key,
    stableKey: key,
    launchType,
    fargate: fromLaunch === 'unknown' ? fargateFromTaskDefinition(tdValue, ctx) : fromLaunch,
    desiredCount: desiredCount === undefined ? defaultAt(1, res, file, 'DesiredCount') : attrNumber(desiredCount, file),
    taskDefinition,
    assignPublicIp: unknownNetwork === undefined
      ? assignPublicIp(prop(awsvpc, 'AssignPublicIp'), res, file)
      : assignPublicIp(unknownNetwork, res, file, (x) => (x === unknownNetwork ? x : publicIpIn(x, unknownNetwork === network))),
    subnets: refList(unknownNetwork ?? prop(awsvpc, 'Subnets'), ctx, res, `${NETWORK_PATH}.Subnets`, EXPECT_SUBNET),
    securityGroups: refList(unknownNetwork ?? prop(awsvpc, 'SecurityGroups'), ctx, res, `${NETWORK_PATH}.SecurityGroups`, SECURITY_GROUP_EXPECTED),
    enableExecuteCommand: enableExecuteCommand === undefined ? defaultAt(false, res, file, 'EnableExecuteCommand') : attrBoolean(enableExecuteCommand, file),
    loadBalancers: serviceLoadBalancers(prop(p, 'LoadBalancers'), ctx),
  }, base);
  if (serviceName !== undefined) service.serviceName = serviceName;
  const openName = serviceName === undefined && nameValue !== undefined ? placeholderOf(nameValue) : undefined;
  if (openName !== undefined) service.openServiceName = openName;
  const cluster = prop(p, 'Cluster');
  if (cluster !== undefined) service.cluster = entityRef(cluster, ctx, CLUSTER_EXPECTED);
  ctx.infra.services.push(service);
}
