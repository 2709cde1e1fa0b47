// Builders for network, task and endpoint entities, and a small composable VPC scenario, so
// reachability and coverage tests read as "this VPC, this service, this endpoint".
import type {
  Attr, Container, EffectivePermissions, EntityRef, Grant, Infra, Listener, LoadBalancer, PolicyDocument, RefList, Route, RouteTable,
  RouteTargetKind, SecretReference, SecurityGroup, SecurityGroupRule, Service, Statement, Subnet, TargetGroup, TaskDefinition,
  Vpc, VpcEndpoint, NatGateway, InternetGateway, EndpointType, Peer, RegistryKind,
} from '../../src/shared/model/index.ts';
import { emptyInfra, entityId } from '../../src/shared/analysis/infra-index.ts';
import { defaulted, entity, external, FILE, known, ref, src } from './model.ts';

export function id(logicalId: string): string {
  return entityId(FILE, logicalId);
}

/** A ref to a logical id, or to an external value when it starts like an AWS id (`sg-`, `subnet-`, `pl-`, …). */
export function refTo(name: string): EntityRef {
  return /^(sg|subnet|rtb|vpc|pl|nat|igw|vpce|tgw)-/.test(name) || name.startsWith('arn:') ? external(name) : ref(name);
}

export function refList(...names: string[]): RefList {
  return { known: true, items: names.map(refTo), source: src() };
}

export function vpc(logicalId = 'Vpc', cidr = '10.0.0.0/16'): Vpc {
  return { ...entity(logicalId), cidr: known(cidr), additionalCidrs: [], dnsSupport: known(true), dnsHostnames: known(true) };
}

export function subnet(logicalId: string, opts: { cidr?: string | Attr<string>; az?: string | Attr<string>; vpc?: string; routeTable?: string | EntityRef } = {}): Subnet {
  const s: Subnet = {
    ...entity(logicalId),
    vpc: refTo(opts.vpc ?? 'Vpc'),
    cidr: typeof opts.cidr === 'object' ? opts.cidr : known(opts.cidr ?? '10.0.0.0/24'),
    availabilityZone: typeof opts.az === 'object' ? opts.az : known(opts.az ?? 'us-east-1a'),
    mapPublicIpOnLaunch: defaulted(false),
  };
  if (opts.routeTable !== undefined) s.routeTable = typeof opts.routeTable === 'string' ? refTo(opts.routeTable) : opts.routeTable;
  return s;
}

export function route(target: RouteTargetKind, targetName?: string, destination = '0.0.0.0/0'): Route {
  const r: Route = { destination: known(destination), destinationKind: destination.includes(':') ? 'cidr6' : 'cidr4', target, source: src() };
  if (targetName !== undefined) r.targetRef = refTo(targetName);
  return r;
}

export function routeTable(logicalId: string, routes: Route[], vpcName = 'Vpc'): RouteTable {
  return { ...entity(logicalId), vpc: refTo(vpcName), routes };
}

export function natGateway(logicalId: string, subnetName: string, connectivity: 'public' | 'private' = 'public'): NatGateway {
  return { ...entity(logicalId), subnet: refTo(subnetName), connectivity };
}

export function internetGateway(logicalId = 'Igw', vpcName = 'Vpc'): InternetGateway {
  return { ...entity(logicalId), vpcs: [refTo(vpcName)] };
}

/** `0.0.0.0/0`-style strings become CIDR peers, `pl-…`/`PrefixList…` prefix lists, anything else an SG. */
export function peer(spec: string): Peer {
  if (/^[0-9.]+\/\d+$/.test(spec)) return { kind: 'cidr4', cidr: spec };
  if (spec.includes(':') && spec.includes('/')) return { kind: 'cidr6', cidr: spec };
  if (spec.startsWith('pl-') || spec.startsWith('PrefixList') || spec.endsWith('PrefixList')) return { kind: 'prefixList', prefixList: refTo(spec) };
  if (spec === '?') return { kind: 'unknown', reason: 'Fn::ImportValue Peer' };
  return { kind: 'sg', group: refTo(spec) };
}

type Ports = number | [number, number] | 'all';

function rule(direction: 'ingress' | 'egress', peerSpec: string | Peer, ports: Ports, protocol?: string): SecurityGroupRule {
  const all = ports === 'all';
  const [fromPort, toPort] = all ? [0, 65535] : typeof ports === 'number' ? [ports, ports] : ports;
  return {
    direction,
    protocol: protocol ?? (all ? 'all' : 'tcp'),
    fromPort,
    toPort,
    portsKnown: true,
    peer: typeof peerSpec === 'string' ? peer(peerSpec) : peerSpec,
    source: src(),
  };
}

export function ingress(peerSpec: string | Peer, ports: Ports = 443, protocol?: string): SecurityGroupRule {
  return rule('ingress', peerSpec, ports, protocol);
}

export function egress(peerSpec: string | Peer, ports: Ports = 443, protocol?: string): SecurityGroupRule {
  return rule('egress', peerSpec, ports, protocol);
}

export function securityGroup(logicalId: string, rules: SecurityGroupRule[], opts: { implicitEgress?: boolean; vpc?: string } = {}): SecurityGroup {
  return { ...entity(logicalId), vpc: refTo(opts.vpc ?? 'Vpc'), rules, implicitEgress: opts.implicitEgress ?? false };
}

export function statement(effect: 'Allow' | 'Deny', actions: string[], resources: string[], extra: Partial<Statement> = {}): Statement {
  return { effect, actions: actions.map((a) => known(a)), resources: resources.map((r) => known(r)), source: src(), ...extra };
}

export function policy(...statements: Statement[]): PolicyDocument {
  return { name: 'endpoint policy', statements, source: src() };
}

export interface EndpointOptions {
  type?: EndpointType;
  subnets?: string[] | RefList;
  securityGroups?: string[] | RefList;
  privateDns?: boolean | Attr<boolean>;
  routeTables?: string[] | RefList;
  policy?: PolicyDocument;
  vpc?: string | EntityRef;
  region?: string;
}

function list(value: string[] | RefList | undefined): RefList {
  if (value === undefined) return { known: true, items: [], source: src(1, 'Resources', false) };
  return Array.isArray(value) ? refList(...value) : value;
}

/**
 * The region the scenarios deploy to (their AZs are us-east-1a/b, their images in us-east-1's ECR):
 * endpoint names write it out, as a stack pinned to it would have them resolved.
 */
export const STACK_REGION = 'us-east-1';

export function endpoint(logicalId: string, service: string, opts: EndpointOptions = {}): VpcEndpoint {
  const type = opts.type ?? (service === 's3' || service === 'dynamodb' ? 'Gateway' : 'Interface');
  const e: VpcEndpoint = {
    ...entity(logicalId),
    service: known(service),
    serviceNameRaw: known(`com.amazonaws.${opts.region ?? STACK_REGION}.${service}`),
    type,
    vpc: typeof opts.vpc === 'object' ? opts.vpc : refTo(opts.vpc ?? 'Vpc'),
    subnets: list(opts.subnets),
    securityGroups: list(opts.securityGroups),
    privateDns: typeof opts.privateDns === 'object' ? opts.privateDns : opts.privateDns === undefined ? defaulted(type === 'Interface') : known(opts.privateDns),
    routeTables: list(opts.routeTables),
  };
  if (opts.policy !== undefined) e.policy = opts.policy;
  return e;
}

export interface ContainerOptions {
  name?: string;
  image?: string;
  registry?: RegistryKind;
  logDriver?: string;
  secrets?: SecretReference[];
  repositoryCredentials?: SecretReference;
  environmentFiles?: string[];
}

export const ECR_IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1.0';

export function container(opts: ContainerOptions = {}): Container {
  const c: Container = {
    name: opts.name ?? 'app',
    image: known(opts.image ?? ECR_IMAGE),
    registry: opts.registry ?? 'ecr-private',
    logOptions: {},
    secrets: opts.secrets ?? [],
    environmentFiles: (opts.environmentFiles ?? []).map((f) => known(f)),
    portMappings: [{ containerPort: 8080, protocol: 'tcp', source: src() }],
    source: src(),
  };
  if (opts.logDriver !== undefined) c.logDriver = known(opts.logDriver);
  if (opts.repositoryCredentials !== undefined) c.repositoryCredentials = opts.repositoryCredentials;
  return c;
}

export function secretRef(name: string, store: SecretReference['store'], valueFrom: string, kmsKey?: string): SecretReference {
  const s: SecretReference = { name, store, valueFrom: known(valueFrom), source: src() };
  if (kmsKey !== undefined) s.kmsKey = refTo(kmsKey);
  return s;
}

export function taskDefinition(logicalId: string, containers: Container[], opts: { taskRole?: string; executionRole?: string; networkMode?: string } = {}): TaskDefinition {
  const td: TaskDefinition = {
    ...entity(logicalId),
    networkMode: known(opts.networkMode ?? 'awsvpc'),
    requiresCompatibilities: ['FARGATE'],
    containers,
  };
  if (opts.taskRole !== undefined) td.taskRole = refTo(opts.taskRole);
  if (opts.executionRole !== undefined) td.executionRole = refTo(opts.executionRole);
  return td;
}

export interface ServiceOptions {
  taskDefinition?: string;
  subnets?: string[] | RefList;
  securityGroups?: string[] | RefList;
  publicIp?: boolean | Attr<boolean>;
  exec?: boolean;
  targetGroups?: { name: string; containerPort?: number }[];
  fargate?: boolean | 'unknown';
}

export function service(logicalId: string, opts: ServiceOptions = {}): Service {
  return {
    ...entity(logicalId),
    key: logicalId,
    stableKey: logicalId,
    launchType: known('FARGATE'),
    fargate: opts.fargate ?? true,
    desiredCount: known(2),
    taskDefinition: refTo(opts.taskDefinition ?? 'TaskDef'),
    assignPublicIp: typeof opts.publicIp === 'object' ? opts.publicIp : opts.publicIp === undefined ? defaulted(false) : known(opts.publicIp),
    subnets: list(opts.subnets ?? ['AppSubnetA', 'AppSubnetB']),
    securityGroups: opts.securityGroups === undefined ? refList('TaskSg') : list(opts.securityGroups),
    enableExecuteCommand: opts.exec === undefined ? defaulted(false) : known(opts.exec),
    loadBalancers: (opts.targetGroups ?? []).map((tg) => ({ targetGroup: refTo(tg.name), containerName: 'app', containerPort: tg.containerPort ?? 8080, source: src() })),
  };
}

export function loadBalancer(logicalId: string, opts: { scheme?: 'internet-facing' | 'internal'; securityGroups?: string[]; subnets?: string[]; type?: LoadBalancer['type'] } = {}): LoadBalancer {
  return {
    ...entity(logicalId),
    type: opts.type ?? 'application',
    scheme: known(opts.scheme ?? 'internet-facing'),
    securityGroups: list(opts.securityGroups ?? []),
    subnets: list(opts.subnets ?? ['PublicSubnetA']),
  };
}

/** A listener on `lb` whose default action forwards to `targetGroups`. */
export function listener(logicalId: string, lb: string, port: number | Attr<number>, targetGroups: string[], protocol = 'HTTPS'): Listener {
  return {
    ...entity(logicalId),
    loadBalancer: refTo(lb),
    protocol: known(protocol),
    port: typeof port === 'number' ? known(port) : port,
    actions: [{ type: 'forward', targetGroups: targetGroups.map(refTo), source: src() }],
  };
}

export function targetGroup(logicalId: string, loadBalancers: string[], port = 8080): TargetGroup {
  return { ...entity(logicalId), protocol: known('HTTP'), port: known(port), targetType: known('ip'), vpc: refTo('Vpc'), loadBalancers: loadBalancers.map(refTo) };
}

/** Effective permissions with grants given as `[action, resource, pattern?]`. */
export function permissions(roleName: string, grants: [string, string, string?][]): Map<string, EffectivePermissions> {
  const roleId = id(roleName);
  const out: Grant[] = grants.map(([action, resource, pattern]) => ({
    action, accessLevel: 'Read', resource, resourceLevel: true, via: `${roleName} inline`, pattern: pattern ?? action, source: src(),
  }));
  return new Map([[roleId, { roleId, grants: out, patterns: [], awsManagedPolicies: [], unknown: [], unrecognised: [] }]]);
}

/** Concatenates the entity lists of several partial Infras. */
export function compose(...parts: Partial<Infra>[]): Infra {
  const out = emptyInfra();
  for (const part of parts) {
    for (const [k, v] of Object.entries(part)) {
      if (Array.isArray(v)) (out as unknown as Record<string, unknown[]>)[k]!.push(...(v as unknown[]));
    }
  }
  return out;
}

/** Drops entities by logical id from every list. */
export function without(infra: Infra, ...logicalIds: string[]): Infra {
  const ids = new Set(logicalIds.map(id));
  const out = { ...infra } as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(infra)) {
    if (Array.isArray(v)) out[k] = (v as { id?: string }[]).filter((e) => e.id === undefined || !ids.has(e.id));
  }
  return out as unknown as Infra;
}

export type AppRoute = 'igw' | 'nat' | 'none' | 'tgw';

/**
 * A two-AZ VPC: a public subnet (with a NAT gateway) routed to an internet gateway, and two app
 * subnets (us-east-1a / 1b) sharing AppRt whose default route is `appRoute`.
 */
export function vpcScenario(appRoute: AppRoute = 'nat'): Partial<Infra> {
  const appRoutes: Route[] = appRoute === 'igw' ? [route('igw', 'Igw')] : appRoute === 'nat' ? [route('nat', 'NatA')] : appRoute === 'tgw' ? [route('tgw', 'tgw-0abc')] : [];
  return {
    vpcs: [vpc()],
    internetGateways: [internetGateway()],
    subnets: [
      subnet('PublicSubnetA', { cidr: '10.0.0.0/24', az: 'us-east-1a', routeTable: 'PublicRt' }),
      subnet('AppSubnetA', { cidr: '10.0.10.0/24', az: 'us-east-1a', routeTable: 'AppRt' }),
      subnet('AppSubnetB', { cidr: '10.0.11.0/24', az: 'us-east-1b', routeTable: 'AppRt' }),
    ],
    routeTables: [routeTable('PublicRt', [route('igw', 'Igw')]), routeTable('AppRt', appRoutes)],
    natGateways: [natGateway('NatA', 'PublicSubnetA')],
  };
}

/** A Fargate service on AppSubnetA/B with TaskSg (egress `taskEgress`), one private-ECR container with awslogs. */
export function serviceScenario(opts: { taskEgress?: SecurityGroupRule[]; service?: ServiceOptions; containers?: Container[]; taskRole?: string } = {}): Partial<Infra> {
  return {
    securityGroups: [securityGroup('TaskSg', [ingress('LbSg', 8080), ...(opts.taskEgress ?? [egress('0.0.0.0/0', 'all')])])],
    taskDefinitions: [taskDefinition('TaskDef', opts.containers ?? [container({ logDriver: 'awslogs' })], { taskRole: opts.taskRole, executionRole: 'ExecRole' })],
    services: [service('ApiService', opts.service)],
  };
}

/**
 * The endpoint set reference 000 lists for isolated subnets: ecr.api, ecr.dkr, logs (Interface, in
 * both app subnets, EndpointSg admitting 443 from TaskSg) and the S3 gateway on AppRt.
 */
export function endpointScenario(extra: string[] = []): Partial<Infra> {
  const iface = (name: string, service: string): VpcEndpoint => endpoint(name, service, { subnets: ['AppSubnetA', 'AppSubnetB'], securityGroups: ['EndpointSg'], privateDns: true });
  return {
    securityGroups: [securityGroup('EndpointSg', [ingress('TaskSg', 443)])],
    vpcEndpoints: [
      iface('EcrApi', 'ecr.api'),
      iface('EcrDkr', 'ecr.dkr'),
      iface('Logs', 'logs'),
      ...extra.map((s) => iface(s.replace(/(^|[.-])(\w)/g, (_m, _p, c: string) => c.toUpperCase()), s)),
      endpoint('S3Gateway', 's3', { routeTables: ['AppRt'] }),
    ],
  };
}
