import type { Attr, Entity, ServicePosture, Statement, VpcEndpoint } from '../../model/index.ts';
import type { InfraIndex } from '../../analysis/infra-index.ts';
import type { Rule } from '../types.ts';
import type { ProblemHit } from './shared.ts';
import { details, endpointById, groupBy, knownProblems, label, lineIn, listWords, serviceEntity, servicesPhrase, unique } from './shared.ts';

/**
 * Repository-level ECR actions: what an open endpoint lets a task do against someone else's
 * registry. `ecr:GetAuthorizationToken` is left out on purpose: it only supports `Resource: "*"`,
 * so allowing it on `*` is what a correctly restricted policy does too.
 */
const REPOSITORY_ACTIONS = [
  'ecr:BatchGetImage',
  'ecr:GetDownloadUrlForLayer',
  'ecr:BatchCheckLayerAvailability',
  'ecr:DescribeImages',
  'ecr:ListImages',
  'ecr:DescribeRepositories',
  'ecr:PutImage',
  'ecr:InitiateLayerUpload',
  'ecr:UploadLayerPart',
  'ecr:CompleteLayerUpload',
  'ecr:CreateRepository',
  'ecr:DeleteRepository',
];

/** Condition keys that pin requests to the account's (or organization's) own resources. */
const OWNERSHIP_KEYS = /aws:resourceaccount|aws:resourceorgid|aws:resourceorgpaths/i;

type Verdict =
  | { kind: 'no-policy' }
  | { kind: 'open'; statement: Statement; actions: string[]; resources: string[] }
  | { kind: 'restricted' }
  | { kind: 'unknown' };

function globToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

function values(attrs: Attr<string>[] | undefined): string[] | undefined {
  if (attrs === undefined) return undefined;
  const out: string[] = [];
  for (const a of attrs) {
    if (!a.known) return undefined;
    out.push(a.value);
  }
  return out;
}

/** `*`, or an ECR ARN whose account field is a wildcard: any account's repositories. */
function isAnyAccountResource(resource: string): boolean {
  if (resource === '*') return true;
  // `${AWS::Partition}`-style placeholders hold colons: make each one field before splitting.
  const parts = resource.replace(/\$\{[^}]*\}/g, '${}').split(':');
  if (parts.length < 6) return false;
  const account = parts[4] ?? '';
  return account === '' || /[*?]/.test(account);
}

function isAnyPrincipal(statement: Statement): boolean | 'unknown' {
  if (statement.notPrincipals !== undefined) return true;
  // Endpoint policies that omit Principal apply to everyone who uses the endpoint.
  if (statement.principals === undefined) return true;
  const principals = values(statement.principals);
  if (principals === undefined) return 'unknown';
  return principals.some((p) => p === '*' || p === 'AWS:*');
}

/** Judges one ECR endpoint's policy against "own repositories only"; unresolved parts are never read as open or closed. */
export function judgeEcrEndpointPolicy(endpoint: VpcEndpoint): Verdict {
  const policy = endpoint.policy;
  if (policy === undefined) return { kind: 'no-policy' };
  if (policy.unknown !== undefined) return { kind: 'unknown' };
  // A Deny on the resource account limits every Allow in the document at once.
  if (policy.statements.some((s) => s.effect === 'Deny' && s.condition !== undefined && OWNERSHIP_KEYS.test(s.condition))) {
    return { kind: 'restricted' };
  }
  let unknown = false;
  for (const statement of policy.statements) {
    if (statement.effect !== 'Allow') continue;
    if (statement.condition !== undefined && OWNERSHIP_KEYS.test(statement.condition)) continue;
    const anyone = isAnyPrincipal(statement);
    if (anyone === 'unknown') {
      unknown = true;
      continue;
    }
    if (!anyone) continue;

    let actions: string[];
    if (statement.notActions !== undefined) {
      actions = ['NotAction'];
    } else {
      const written = values(statement.actions);
      if (written === undefined) {
        unknown = true;
        continue;
      }
      const regexps = written.map((a) => ({ a, re: globToRegExp(a) }));
      actions = regexps.filter(({ re }) => REPOSITORY_ACTIONS.some((name) => re.test(name))).map(({ a }) => a);
      if (actions.length === 0) continue;
    }

    let resources: string[];
    if (statement.notResources !== undefined) {
      resources = ['NotResource'];
    } else {
      const written = values(statement.resources);
      if (written === undefined) {
        unknown = true;
        continue;
      }
      resources = written.filter(isAnyAccountResource);
      if (resources.length === 0) continue;
    }
    return { kind: 'open', statement, actions, resources };
  }
  return unknown ? { kind: 'unknown' } : { kind: 'restricted' };
}

function isEcrEndpoint(endpoint: VpcEndpoint): boolean {
  return endpoint.service.known && endpoint.service.value.toLowerCase().startsWith('ecr.');
}

/** Services that use the endpoint: via their needs, or through the analysis's problems. */
function usersOf(endpoint: VpcEndpoint, services: readonly ServicePosture[], hits: readonly ProblemHit[]): string[] {
  const vias = new Set([`endpoint:${endpoint.logicalId}`, `endpoint:${endpoint.id}`]);
  const keys = services
    .filter((s) => s.needs.some((n) => n.covered !== 'unknown' && n.via !== undefined && vias.has(n.via)))
    .map((s) => s.key);
  return unique([...keys, ...hits.map((h) => h.posture.key)]);
}

function usedBy(keys: readonly string[]): string {
  return keys.length > 0 ? ` (used by ${servicesPhrase(keys)})` : '';
}

const FIX =
  'Give it a policy that allows ECR actions only on arn:aws:ecr:<region>:<account>:repository/* (ecr:GetAuthorizationToken ' +
  'takes Resource "*"), or add a condition on aws:ResourceAccount.';

export const rule: Rule = {
  meta: {
    id: 'FW308',
    severity: 'low',
    area: 'endpoints',
    title: 'ECR endpoint not limited to the account’s own repositories',
    description:
      'Finds ECR interface endpoints (ecr.api, ecr.dkr) with no endpoint policy, whose default policy allows everything, or ' +
      'with a statement that lets any principal use repository actions on any account’s repositories. Through such an ' +
      'endpoint a task can pull images from, and push data to, repositories in any AWS account: a path around egress ' +
      'controls that the rest of the lock-down was meant to close. Reported once per endpoint.',
    messages: {
      noPolicy:
        'ECR endpoint {{endpoint}} ({{awsService}}) has no endpoint policy{{usedBy}}, so the default policy applies: any ' +
        'principal in the VPC can use any account’s repositories through it, pulling unvetted images or pushing data out. ' +
        FIX,
      open:
        'ECR endpoint {{endpoint}} ({{awsService}}) has a policy statement{{sid}} that allows {{actions}} to any principal on ' +
        '{{resources}}{{usedBy}}: tasks can use any account’s repositories through it, pulling unvetted images or pushing ' +
        'data out. ' +
        FIX,
      reported:
        'ECR endpoint {{endpoint}} ({{awsService}}){{usedBy}} is not limited to the account’s own repositories, as the ' +
        'coverage analysis found ({{detail}}): tasks can use other accounts’ repositories through it. ' +
        FIX,
    },
    fixable: false,
  },
  check(ctx, report) {
    const { index, posture } = ctx;
    const hits = knownProblems(ctx, 'ecr-endpoint-unrestricted');
    const byEndpoint = groupBy(hits, (h) => h.problem.endpointId ?? `service:${h.posture.serviceId}`);
    const done = new Set<string>();

    for (const endpoint of index.infra.vpcEndpoints) {
      if (!isEcrEndpoint(endpoint) || done.has(endpoint.id)) continue;
      done.add(endpoint.id);
      const endpointHits = byEndpoint.get(endpoint.id) ?? [];
      const users = usersOf(endpoint, posture.services, endpointHits);
      const verdict = judgeEcrEndpointPolicy(endpoint);
      const base = {
        endpoint: endpoint.logicalId,
        awsService: endpoint.service.known ? endpoint.service.value : 'ecr',
        usedBy: usedBy(users),
      };
      if (verdict.kind === 'no-policy') {
        report({ messageId: 'noPolicy', data: base, entity: endpoint, services: users });
      } else if (verdict.kind === 'open') {
        const sid = verdict.statement.sid;
        report({
          messageId: 'open',
          data: {
            ...base,
            sid: sid !== undefined ? ` (${sid})` : '',
            actions: listWords(unique(verdict.actions)),
            resources: listWords(unique(verdict.resources)),
          },
          entity: endpoint,
          line: lineIn(endpoint, verdict.statement.source),
          services: users,
        });
      }
      // A policy we could read decides; the analysis's flag only speaks for endpoints we cannot
      // judge ourselves, and never turns an unresolved policy into a finding.
    }

    // Problems about endpoints the model does not hold as ECR endpoints (unresolved service name, not in the files).
    for (const [key, group] of byEndpoint) {
      if (done.has(key)) continue;
      done.add(key);
      const first = group[0];
      if (first === undefined) continue;
      const endpoint = endpointById(index, first.problem.endpointId);
      const entity = endpoint ?? serviceEntity(index, first.posture);
      if (entity === undefined) continue;
      const users = unique(group.map((h) => h.posture.key));
      reportFromAnalysis(index, entity, endpoint, group, users, report, first.problem.endpointId);
    }
  },
};

function reportFromAnalysis(
  index: InfraIndex,
  entity: Entity,
  endpoint: VpcEndpoint | undefined,
  hits: readonly ProblemHit[],
  users: readonly string[],
  report: Parameters<Rule['check']>[1],
  endpointId?: string,
): void {
  const detail = details(hits);
  report({
    messageId: 'reported',
    data: {
      endpoint: endpoint?.logicalId ?? (endpointId !== undefined ? label(index, endpointId) : entity.logicalId),
      awsService: endpoint?.service.known === true ? endpoint.service.value : unique(hits.map((h) => h.need.service)).join(', '),
      detail: detail.length > 0 ? detail.join('; ') : 'reported by the coverage analysis',
      usedBy: usedBy(users),
    },
    entity,
    line: endpoint?.policy !== undefined ? lineIn(endpoint, endpoint.policy.source) : undefined,
    services: users,
  });
}
