import type { Attr, EntityRef, PolicyDocument, Statement } from '../model/index.ts';
import { entityId } from './infra-index.ts';
import type { Tri } from './security-group-match.ts';
import { triAnd, triOr } from './security-group-match.ts';
import { boundedMemo } from './memo.ts';

/** One call the task makes through an endpoint. `resource` undefined: the resource is not known. */
export interface PolicyRequest {
  action: string;
  resource?: string;
}

/** What an endpoint policy must let through for a need. */
export type PolicyRequirement =
  /** Every request must be allowed (start-up calls: all of them happen). */
  | { kind: 'all'; requests: PolicyRequest[]; caller?: EntityRef }
  /** At least one must be (a task role's grants are an upper bound on what the code calls). */
  | { kind: 'any'; requests: PolicyRequest[]; caller?: EntityRef }
  /** ECR image layers: GetObject on `prod-<region>-starport-layer-bucket`. */
  | { kind: 'ecr-layers' };

function escapeRegex(text: string): string {
  return text.replace(/[.+^$()|[\]\\{}]/g, '\\$&');
}

/**
 * IAM glob: `*` any run, `?` one character. `${…}` (policy variables, or parts of a `Fn::Sub` the
 * files could not resolve) can stand for anything, so it matches like `*`.
 */
function globToRegex(pattern: string, caseInsensitive: boolean): RegExp {
  // Every request of every need is tested against the same few policy patterns.
  return caseInsensitive ? insensitiveRegex(pattern) : sensitiveRegex(pattern);
}

const insensitiveRegex = boundedMemo((pattern) => compileGlob(pattern, true, false));
const sensitiveRegex = boundedMemo((pattern) => compileGlob(pattern, false, false));
/** Resources, with the stack's own account and region standing only for themselves (see matchResource). */
const stackRegex = boundedMemo((pattern) => compileGlob(pattern, false, true));

/**
 * The stack's account and region: one value each, which the files do not hold. `${AWS::Partition}`
 * is not among them: an image or secret of another partition cannot be reached from the stack's
 * at all, so a request never differs from the stack there.
 */
const STACK_PLACEHOLDERS: ReadonlySet<string> = new Set(['${AWS::AccountId}', '${AWS::Region}']);

function compileGlob(pattern: string, caseInsensitive: boolean, stackLiteral: boolean): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '$' && pattern[i + 1] === '{') {
      const end = pattern.indexOf('}', i);
      if (end !== -1) {
        const placeholder = pattern.slice(i, end + 1);
        out += stackLiteral && STACK_PLACEHOLDERS.has(placeholder) ? escapeRegex(placeholder) : '.*';
        i = end;
        continue;
      }
    }
    out += ch === '*' ? '.*' : ch === '?' ? '.' : escapeRegex(ch ?? '');
  }
  return new RegExp(`^${out}$`, caseInsensitive ? 'i' : '');
}

function matchAction(pattern: Attr<string>, action: string): Tri {
  if (!pattern.known) return 'unknown';
  return globToRegex(pattern.value, true).test(action);
}

/**
 * `region`: the stack's region when the endpoint's service name writes it out, which then stands
 * in for `${AWS::Region}` on both sides.
 */
function matchResource(pattern: Attr<string>, resource: string | undefined, region: string | undefined): Tri {
  if (!pattern.known) return 'unknown';
  if (pattern.value === '*') return true;
  if (resource === undefined) return 'unknown';
  const [glob, request] = region === undefined
    ? [pattern.value, resource]
    : [pattern.value.replaceAll('${AWS::Region}', region), resource.replaceAll('${AWS::Region}', region)];
  // `${AWS::AccountId}` on both sides is the one account: a match.
  if (stackRegex(glob).test(request)) return true;
  // The pattern names the stack's account or region and the request one written out
  // (`999988887777.dkr.ecr…`): the same only if the stack is deployed there, which the files do not say.
  if (globToRegex(glob, false).test(request)) return 'unknown';
  // The request itself holds unresolved parts: a miss proves nothing.
  return request.includes('${') ? 'unknown' : false;
}

function triNot(value: Tri): Tri {
  return value === 'unknown' ? 'unknown' : !value;
}

function anyOf(patterns: Attr<string>[], match: (p: Attr<string>) => Tri): Tri {
  return triOr(...patterns.map(match));
}

/** Whether the statement's Action/Resource clauses cover the request (principal and condition aside). */
function statementMatches(statement: Statement, request: PolicyRequest, region: string | undefined): Tri {
  const action = statement.actions !== undefined
    ? anyOf(statement.actions, (p) => matchAction(p, request.action))
    : statement.notActions !== undefined
      ? triNot(anyOf(statement.notActions, (p) => matchAction(p, request.action)))
      : false;
  if (action === false) return false;
  const resource = statement.resources !== undefined
    ? anyOf(statement.resources, (p) => matchResource(p, request.resource, region))
    : statement.notResources !== undefined
      ? triNot(anyOf(statement.notResources, (p) => matchResource(p, request.resource, region)))
      // Endpoint policies may omit Resource; it then means every resource.
      : true;
  return triAnd(action, resource);
}

/**
 * Whether a principal names exactly the role that makes the call: `!GetAtt Role.Arn` of the role
 * resource in the policy's own file (`${Role.Arn}` is only that role there), or the role's ARN
 * written out when the task definition writes it out too.
 */
function namesCaller(principal: string, policyFile: string, caller: EntityRef | undefined): boolean {
  if (caller === undefined || !principal.startsWith('AWS:')) return false;
  const value = principal.slice('AWS:'.length);
  if (caller.kind === 'resource') {
    const m = /^\$\{([^.}]+)\.Arn\}$/.exec(value);
    return m?.[1] !== undefined && entityId(policyFile, m[1]) === caller.id;
  }
  return caller.kind === 'external' && caller.value.startsWith('arn:') && !caller.value.includes('${') && value === caller.value;
}

/**
 * Whether the statement applies to the caller. Principals are not resolved (an account, another
 * role, a role named by its ARN all may or may not be the caller, and the files do not hold the
 * account): only `*` (and an omitted Principal, which endpoint policies read as everyone) and the
 * caller's own role decide it. Anything else is undecided, for an Allow (it may not let the
 * caller through) and for a Deny alike (it may name the caller's account): a Deny naming another
 * principal is not taken to deny the caller, nor to spare it.
 */
function appliesToCaller(statement: Statement, policyFile: string, caller: EntityRef | undefined): Tri {
  if (statement.principals !== undefined) {
    for (const p of statement.principals) {
      if (p.known && (p.value === 'AWS:*' || p.value === '*' || namesCaller(p.value, policyFile, caller))) return true;
    }
    return 'unknown';
  }
  if (statement.notPrincipals !== undefined) {
    // Everyone but those named: the caller when it is not among them, which the files rarely tell.
    return statement.notPrincipals.some((p) => p.known && namesCaller(p.value, policyFile, caller)) ? false : 'unknown';
  }
  return true;
}

/**
 * Whether the endpoint policy lets one request through. No policy means AWS's default full-access
 * policy. `caller` is the role that signs the request (the execution role for what the ECS agent
 * fetches at start-up, the task role for the application's calls), when the files tell; statements
 * for other principals only ever make the answer `unknown` (see appliesToCaller), and so does a
 * statement with a Condition.
 */
export function policyAllows(policy: PolicyDocument | undefined, request: PolicyRequest, caller?: EntityRef, region?: string): Tri {
  if (policy === undefined) return true;
  if (policy.unknown !== undefined) return 'unknown';
  const allows: Tri[] = [];
  const denies: Tri[] = [];
  for (const statement of policy.statements) {
    let match = statementMatches(statement, request, region);
    if (match === true && statement.condition !== undefined) match = 'unknown';
    if (match !== false) match = triAnd(match, appliesToCaller(statement, policy.source.file, caller));
    (statement.effect === 'Deny' ? denies : allows).push(match);
  }
  const denied = triOr(...denies);
  if (denied === true) return false;
  return triAnd(triOr(...allows), triNot(denied));
}

const STARPORT = /prod-([a-z0-9-]+)-starport-layer-bucket/g;
const LAYER_OBJECT = 'sha256/0000';

function starportRequest(region: string): PolicyRequest {
  return { action: 's3:GetObject', resource: `arn:aws:s3:::prod-${region}-starport-layer-bucket/${LAYER_OBJECT}` };
}

/**
 * Whether the policy meets the requirement. `region` is the endpoint's region when its service
 * name spells it out; otherwise the ECR layer check accepts any region the policy names (the
 * template's region is not knowable offline).
 */
export function policySatisfies(policy: PolicyDocument | undefined, requirement: PolicyRequirement, region: string | undefined): Tri {
  // AWS's default policy allows everything: no request needs testing.
  if (policy === undefined) return true;
  if (requirement.kind === 'ecr-layers') {
    // No caller: the layer URLs ecr.dkr redirects to are presigned by ECR, not by a role of the task's.
    if (region !== undefined) return policyAllows(policy, starportRequest(region), undefined, region);
    // Each region the policy names may be the stack's (then `${AWS::Region}` is that one), or none is.
    const regions = new Set<string>(['region-not-named']);
    for (const statement of policy?.statements ?? []) {
      for (const r of statement.resources ?? []) {
        if (!r.known) continue;
        for (const m of r.value.matchAll(STARPORT)) if (m[1] !== undefined) regions.add(m[1]);
      }
    }
    return triOr(...[...regions].map((r) => policyAllows(policy, starportRequest(r), undefined, r)));
  }
  if (requirement.requests.length === 0) return true;
  const results = requirement.requests.map((r) => policyAllows(policy, r, requirement.caller, region));
  return requirement.kind === 'all' ? triAnd(...results) : triOr(...results);
}

/**
 * The requests of a requirement the policy certainly refuses, for messages: naming the ones it
 * lets through as well would send the reader looking for a problem that is not there.
 */
export function refusedRequests(policy: PolicyDocument | undefined, requirement: PolicyRequirement, region: string | undefined): PolicyRequest[] {
  if (requirement.kind === 'ecr-layers') return [];
  return requirement.requests.filter((r) => policySatisfies(policy, { ...requirement, kind: 'all', requests: [r] }, region) === false);
}

/** An AWS region name as written out (`eu-west-1`), not a placeholder. */
const REGION_NAME = String.raw`[a-z]{2}(?:-[a-z]+)+-\d+`;
const REGION = new RegExp(`^${REGION_NAME}$`);
const ENDPOINT_REGION = new RegExp(String.raw`^(?:aws\.api\.|com\.amazonaws\.|cn\.com\.amazonaws\.)(${REGION_NAME})\.`);

export function isRegionName(text: string): boolean {
  return REGION.test(text);
}

/** `com.amazonaws.<region>.<service>` → region, when written out. */
export function endpointRegion(serviceNameRaw: Attr<string>): string | undefined {
  if (!serviceNameRaw.known) return undefined;
  return ENDPOINT_REGION.exec(serviceNameRaw.value)?.[1];
}

const ECR_REPOSITORY_ACTIONS = ['ecr:BatchGetImage', 'ecr:PutImage', 'ecr:InitiateLayerUpload', 'ecr:DeleteRepository'];

/** Whether an action pattern reaches ECR actions other than `GetAuthorizationToken`. */
function actionsBeyondAuthToken(pattern: Attr<string>): boolean {
  if (!pattern.known) return true;
  const re = globToRegex(pattern.value, true);
  return ECR_REPOSITORY_ACTIONS.some((a) => re.test(a));
}

/** A resource pattern that pins ECR repositories of one account (`arn:…:ecr:<region>:<account>:repository/…`). */
function scopedToAccountRepositories(pattern: Attr<string>): boolean {
  if (!pattern.known) return false;
  // `${AWS::AccountId}` holds colons of its own; a placeholder is the template's own value.
  const parts = pattern.value.replace(/\$\{[^}]*\}/g, 'placeholder').split(':');
  if (parts.length < 6 || parts[2] !== 'ecr') return false;
  const account = parts[4] ?? '';
  const resource = parts.slice(5).join(':');
  return account !== '' && !account.includes('*') && !account.includes('?') && resource.startsWith('repository/');
}

/**
 * Reference 001: ECR endpoints should carry a policy that limits them to the account's own
 * repositories (against exfiltration through image pushes). Unrestricted: no policy, or an Allow
 * of ECR actions beyond `GetAuthorizationToken` (which only works on `*`) on any other resource.
 * Conditional statements are taken as restricted: someone scoped them on purpose.
 */
export function ecrPolicyUnrestricted(policy: PolicyDocument | undefined): Tri {
  if (policy === undefined) return true;
  if (policy.unknown !== undefined) return 'unknown';
  for (const statement of policy.statements) {
    if (statement.effect !== 'Allow' || statement.condition !== undefined) continue;
    const ecrActions = statement.notActions !== undefined || (statement.actions ?? []).some(actionsBeyondAuthToken);
    if (!ecrActions) continue;
    if (statement.resources === undefined) return true;
    if (statement.resources.some((r) => !scopedToAccountRepositories(r))) return true;
  }
  return false;
}
