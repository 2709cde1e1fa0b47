import type { Container, EffectivePermissions, EntityRef, Need, NeedKind, SecretReference, Service, SourceRef, TaskDefinition } from '../model/index.ts';
import { isRegionName, type PolicyRequest, type PolicyRequirement } from './endpoint-policy.ts';
import { actionCallsEndpoint, endpointsForIamPrefix } from './endpoint-services.ts';
import { refId, taskRoles, type InfraIndex } from './infra-index.ts';
import { boundedMemo } from './memo.ts';

/**
 * A need before coverage is decided: which endpoint serves it, why the task has it, and what an
 * endpoint policy must let through for it.
 */
export interface NeedSpec {
  /** Endpoint short name (`ecr.api`, `s3`, …), or for services without endpoints the IAM prefix / registry host. */
  service: string;
  reason: string;
  kind: NeedKind;
  source: SourceRef;
  policy: PolicyRequirement;
  /** No VPC endpoint can serve it: only an internet path does. */
  internetOnly: boolean;
  /**
   * The regions the calls go to that the files write out (an ECR image URI, `awslogs-region`, the
   * ARN of a secret or SSM parameter),
   * sorted; other calls go to the stack's region. An endpoint whose service name writes out a
   * region serves only that one: not these calls when any of them goes elsewhere.
   */
  regions?: string[];
}

/**
 * The AWS services a service's tasks cannot reach for want of any path (a route to the internet or
 * an endpoint), one each, as FW301 reports them: `startup` when any need of it is a start-up one.
 */
export function unreachableAwsServices(needs: readonly Need[]): { startup: string[]; runtime: string[] } {
  const startup = new Set<string>();
  const runtime = new Set<string>();
  for (const need of needs) {
    if (need.covered !== false || !need.problems.some((p) => p.kind === 'no-path')) continue;
    (need.kind === 'startup' ? startup : runtime).add(need.service);
  }
  for (const s of startup) runtime.delete(s);
  return { startup: [...startup], runtime: [...runtime] };
}

export const REASONS = {
  ecrImage: 'private ECR image',
  ecrLayers: 'private ECR image layers',
  awslogs: 'awslogs log driver',
  secretsManager: 'secrets from Secrets Manager',
  ssmParameters: 'secrets from SSM Parameter Store',
  repositoryCredentials: 'private registry credentials',
  environmentFiles: 'environment files',
  ecsExec: 'ECS Exec',
} as const;

/** The reason text of an application need, one per IAM prefix: stable so diffs can key on it. */
export function taskRoleReason(prefix: string, noEndpoint: boolean): string {
  return noEndpoint ? `task role permissions (${prefix}); ${prefix} has no VPC endpoint` : `task role permissions (${prefix})`;
}

class NeedList {
  // A service has a handful of needs: a linear search beats building a key string per add.
  private readonly specs: NeedSpec[] = [];

  add(spec: NeedSpec): void {
    const existing = this.specs.find((s) => s.service === spec.service && s.reason === spec.reason);
    if (existing === undefined) {
      this.specs.push(spec);
      return;
    }
    // Containers calling different regions: an endpoint must serve every one of them.
    if (spec.regions !== undefined) existing.regions = [...new Set([...(existing.regions ?? []), ...spec.regions])].sort();
    // Same need from another container: every call it makes must get through as well.
    const mine = existing.policy;
    const theirs = spec.policy;
    if (mine.kind !== 'ecr-layers' && theirs.kind === mine.kind) {
      const requests = [...mine.requests];
      for (const r of theirs.requests) {
        // Two images ask for the one registry token: a message lists each call once. (Task roles'
        // `any` lists can hold hundreds of grants, and a repeat there changes no answer.)
        if (mine.kind === 'any' || !requests.some((e) => e.action === r.action && e.resource === r.resource)) requests.push(r);
      }
      // Calls signed by two task roles (an undecided condition picks one): neither is the one caller.
      const same = mine.caller !== undefined && theirs.caller !== undefined && refId(mine.caller) === refId(theirs.caller);
      existing.policy = same ? { kind: mine.kind, requests, caller: mine.caller } : { kind: mine.kind, requests };
    }
  }

  list(): NeedSpec[] {
    return this.specs;
  }
}

/** Every request must get through, signed by `caller` when the files name the role that signs them. */
function all(caller: EntityRef | undefined, ...requests: PolicyRequest[]): PolicyRequirement {
  return caller === undefined ? { kind: 'all', requests } : { kind: 'all', requests, caller };
}

const AUTH_TOKEN: PolicyRequest = { action: 'ecr:GetAuthorizationToken', resource: '*' };

/** `arn:…:secretsmanager:…:secret:name-AbCdEf:json-key:stage:version` → the secret's ARN. */
function secretArn(valueFrom: string): string {
  // Placeholders like `${AWS::Region}` hold colons; such a value stays whole (and matches as unknown).
  if (valueFrom.includes('${')) return valueFrom;
  const parts = valueFrom.split(':');
  return parts.length > 7 && parts[2] === 'secretsmanager' ? parts.slice(0, 7).join(':') : valueFrom;
}

function arnOrUndefined(value: string): string | undefined {
  return value.startsWith('arn:') ? value : undefined;
}

/**
 * The region an ARN writes out (`arn:aws:secretsmanager:eu-west-1:…`): the agent calls that
 * region's service for it, not the stack's.
 */
export function arnRegion(arn: string | undefined): string | undefined {
  const region = arn?.split(':')[3];
  return region !== undefined && isRegionName(region) ? region : undefined;
}

function secretNeeds(list: NeedList, secret: SecretReference, reasonForSm: string, caller: EntityRef | undefined): void {
  const valueFrom = secret.valueFrom.known ? secret.valueFrom.value : undefined;
  if (secret.store === 'secretsmanager') {
    const resource = valueFrom === undefined ? undefined : arnOrUndefined(secretArn(valueFrom));
    list.add(withRegion({
      service: 'secretsmanager', reason: reasonForSm, kind: 'startup', source: secret.source, internetOnly: false,
      policy: all(caller, { action: 'secretsmanager:GetSecretValue', resource }),
    }, arnRegion(resource)));
  } else if (secret.store === 'ssm') {
    // A parameter name (`/app/flag`) is the stack's region's; only an ARN can name another.
    const resource = valueFrom === undefined ? undefined : arnOrUndefined(valueFrom);
    list.add(withRegion({
      service: 'ssm', reason: REASONS.ssmParameters, kind: 'startup', source: secret.source, internetOnly: false,
      policy: all(caller, { action: 'ssm:GetParameters', resource }),
    }, arnRegion(resource)));
  }
  // A customer managed key adds no network need: Secrets Manager and Parameter Store decrypt on
  // the caller's behalf, calling KMS themselves (the caller needs kms:Decrypt, checked through
  // kms:ViaService, but no path to KMS), so a secretsmanager or ssm endpoint alone serves it.
}

/** Registry host of an image reference outside ECR (`nginx` → `docker.io`, `ghcr.io/x/y` → `ghcr.io`). */
export function registryHost(image: string): string {
  const first = image.split('/')[0] ?? image;
  const hasRegistry = image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  return hasRegistry ? first.toLowerCase() : 'docker.io';
}

/** `<account>.dkr.ecr.<region>.amazonaws.com/<repo>[:tag|@digest]` → the repository ARN. */
export function ecrRepositoryArn(image: string): string | undefined {
  const m = /^([^.]+)\.dkr\.ecr(?:-fips)?\.([^.]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)/.exec(image);
  if (m === null) return undefined;
  const partition = image.includes('.amazonaws.com.cn') ? 'aws-cn' : 'aws';
  return `arn:${partition}:ecr:${m[2]}:${m[1]}:repository/${m[3]}`;
}

/** The region of an ECR image URI when it is written out (`…dkr.ecr.us-east-1.amazonaws.com/…`). */
export function ecrImageRegion(image: string): string | undefined {
  const region = /^[^./]+\.dkr\.ecr(?:-fips)?\.([^./]+)\.amazonaws\.com/.exec(image)?.[1];
  return region !== undefined && isRegionName(region) ? region : undefined;
}

function withRegion(spec: NeedSpec, region: string | undefined): NeedSpec {
  return region === undefined ? spec : { ...spec, regions: [region] };
}

/** `caller`: the execution role, which signs what the ECS agent fetches for the task at start-up. */
function containerNeeds(list: NeedList, container: Container, index: InfraIndex, caller: EntityRef | undefined): void {
  const image = container.image.known ? container.image.value : undefined;
  if (container.registry === 'ecr-private') {
    const repository = image === undefined ? undefined : ecrRepositoryArn(image);
    const pullRequests: PolicyRequest[] = [{ action: 'ecr:BatchGetImage', resource: repository }, { action: 'ecr:GetDownloadUrlForLayer', resource: repository }];
    const pull = all(caller, ...pullRequests);
    // The agent gets its registry token from ecr.api before it pulls anything, and the action has no
    // resource-level permissions: only a statement on `*` lets it through (see FW308).
    const auth = all(caller, AUTH_TOKEN, ...pullRequests);
    const source = container.image.source;
    // Image layers come from that region's bucket, which another region's S3 endpoint cannot reach either.
    const region = image === undefined ? undefined : ecrImageRegion(image);
    list.add(withRegion({ service: 'ecr.api', reason: REASONS.ecrImage, kind: 'startup', source, internetOnly: false, policy: auth }, region));
    list.add(withRegion({ service: 'ecr.dkr', reason: REASONS.ecrImage, kind: 'startup', source, internetOnly: false, policy: pull }, region));
    list.add(withRegion({ service: 's3', reason: REASONS.ecrLayers, kind: 'startup', source, internetOnly: false, policy: { kind: 'ecr-layers' } }, region));
  } else if ((container.registry === 'ecr-public' || container.registry === 'other') && image !== undefined) {
    // Public registries have no VPC endpoint: the pull needs an internet path or the task never starts.
    const host = container.registry === 'ecr-public' ? 'public.ecr.aws' : registryHost(image);
    list.add({
      service: host, reason: `image from ${host} (no VPC endpoint)`, kind: 'startup', source: container.image.source,
      internetOnly: true, policy: all(undefined),
    });
  }
  if (container.logDriver?.known === true && container.logDriver.value === 'awslogs') {
    const region = container.logOptions['awslogs-region']?.trim();
    list.add(withRegion({
      service: 'logs', reason: REASONS.awslogs, kind: 'startup', source: container.logDriver.source, internetOnly: false,
      policy: all(caller, { action: 'logs:CreateLogStream' }, { action: 'logs:PutLogEvents' }),
    }, region !== undefined && isRegionName(region) ? region : undefined));
  }
  for (const secret of container.secrets) secretNeeds(list, secret, REASONS.secretsManager, caller);
  if (container.repositoryCredentials !== undefined) {
    secretNeeds(list, { ...container.repositoryCredentials, store: 'secretsmanager' }, REASONS.repositoryCredentials, caller);
  }
  for (const file of container.environmentFiles) {
    const resource = file.known ? arnOrUndefined(file.value) : undefined;
    list.add({
      service: 's3', reason: REASONS.environmentFiles, kind: 'startup', source: file.source, internetOnly: false,
      policy: all(caller, { action: 's3:GetObject', resource }),
    });
  }
}

function prefixOf(action: string): string {
  const colon = action.indexOf(':');
  return colon === -1 ? '' : action.slice(0, colon).toLowerCase();
}

/**
 * Thousands of grants (every service's task role) share a few hundred action names and patterns,
 * so their prefixes are worked out once per name.
 */
const PREFIX_CACHE_LIMIT = 50_000;

const cachedPrefixOf = boundedMemo(prefixOf, PREFIX_CACHE_LIMIT);

/** The IAM prefix of an action whose grant means the task calls an endpoint, else ''. */
const callPrefix = boundedMemo((action) => (actionCallsEndpoint(action) ? prefixOf(action) : ''), PREFIX_CACHE_LIMIT);

/**
 * The order `localeCompare` gives, from one collator: `localeCompare` builds a collator per call,
 * which is most of what sorting a task role's few prefixes costs.
 */
const localeOrder = new Intl.Collator();

/**
 * Services the application may call: the prefixes the task role names explicitly. Grants that only
 * exist because of a bare `*`, a `*:Get*`-style pattern or a NotAction (pattern `NOT …`) say nothing
 * about what the code calls, so only grants whose pattern names the action's own service count.
 * A grant carries the most specific pattern of the statements that grant it (see
 * `patternSpecificity`): one that names the service wins over an `Allow *` in any order.
 */
function applicationNeeds(list: NeedList, permissions: EffectivePermissions, caller: EntityRef): void {
  const byPrefix = new Map<string, { source: SourceRef; requests: PolicyRequest[] }>();
  for (const grant of permissions.grants) {
    // Actions the catalog does not know (typos, `?`-globs kept as written) name no service we can trust.
    if (grant.accessLevel === 'Unknown') continue;
    const prefix = callPrefix(grant.action);
    if (prefix === '' || cachedPrefixOf(grant.pattern) !== prefix) continue;
    let calls = byPrefix.get(prefix);
    if (calls === undefined) byPrefix.set(prefix, (calls = { source: grant.source, requests: [] }));
    // `*` and NotResource complements (`NOT …`) name no single resource to test a policy against.
    const unscoped = grant.resource === '*' || grant.resource.startsWith('NOT ');
    calls.requests.push(unscoped ? unscopedRequest(grant.action) : { action: grant.action, resource: grant.resource });
  }
  const entries = [...byPrefix.entries()];
  if (entries.length > 1) entries.sort(([a], [b]) => localeOrder.compare(a, b));
  for (const [prefix, { source, requests }] of entries) {
    const { services, reason, noEndpoint } = prefixCalls(prefix);
    for (const service of services) {
      list.add({ service, reason, kind: 'runtime', source, internetOnly: noEndpoint, policy: { kind: 'any', requests, caller } });
    }
  }
}

interface PrefixCalls {
  /** The endpoint services a call under the prefix goes to (the prefix itself when it has none). */
  services: readonly string[];
  reason: string;
  noEndpoint: boolean;
}

/** Every task role repeats the same few prefixes: what each one calls, and why, is worked out once. */
const prefixCalls = boundedMemo((prefix): PrefixCalls => {
  const mapping = endpointsForIamPrefix(prefix);
  return { services: mapping.noEndpoint ? [prefix] : mapping.endpoints, reason: taskRoleReason(prefix, mapping.noEndpoint), noEndpoint: mapping.noEndpoint };
}, PREFIX_CACHE_LIMIT);

/**
 * A request for an action on no particular resource. Broad grants (`s3:*` on `*`) repeat the same
 * few hundred of them in every role that has them, and requests are only read: one each is enough.
 */
const unscopedRequest = boundedMemo((action): PolicyRequest => ({ action, resource: undefined }), PREFIX_CACHE_LIMIT);

/**
 * What the service's tasks must reach, per DESIGN's table: start-up needs from the task definition
 * and the service, runtime needs from ECS Exec and the task role's permissions. One spec per
 * (service, reason); the first container that creates it is its source.
 */
export function serviceNeeds(
  service: Service,
  taskDefinition: TaskDefinition | undefined,
  index: InfraIndex,
  permissions: Map<string, EffectivePermissions>,
): NeedSpec[] {
  const list = new NeedList();
  for (const container of taskDefinition?.containers ?? []) containerNeeds(list, container, index, taskDefinition?.executionRole);
  if (service.enableExecuteCommand.known && service.enableExecuteCommand.value) {
    list.add({
      service: 'ssmmessages', reason: REASONS.ecsExec, kind: 'runtime', source: service.enableExecuteCommand.source, internetOnly: false,
      policy: all(taskDefinition?.taskRole, { action: 'ssmmessages:CreateControlChannel' }, { action: 'ssmmessages:CreateDataChannel' }),
    });
  }
  // Either task role an undecided condition may give the tasks: the calls of each may be made.
  for (const { role } of taskRoles(taskDefinition)) {
    if (role.kind !== 'resource') continue;
    const perms = permissions.get(role.id);
    if (perms !== undefined) applicationNeeds(list, perms, role);
  }
  return list.list();
}
