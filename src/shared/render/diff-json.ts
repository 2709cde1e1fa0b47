import type { EndpointPolicyChange, Exposure, NeedChange, PermissionChange, PostureDiff, SecurityGroupRuleChange, ServiceDiff } from '../diff/types.ts';
import { iamConditionValue, stackOutcomesOf, type StackOutcome } from '../model/index.ts';
import { findingJson, unresolvedJson, type FindingJson, type UnresolvedJson } from './json.ts';

/**
 * `diff --format json` (DESIGN.md contract). The documented keys come first, in documented
 * order; the rest (`verdict` per service, `reasons`, locations, `endpointPolicies`, `errors`,
 * `findings.undecided`, `findings.suppressed`, `unresolved`) are additions. Absent
 * values are `null`, never missing keys, except for the markers documented as "present when …"
 * (`icmpCode`, `conditional`, `notCompared`, `ecsExec`, `endpointsUsed`, `undecidedBecause`),
 * which appear only on the entries they describe.
 */
export interface DiffJson {
  version: 1;
  services: ServiceDiffJson[];
  /**
   * `undecided`: base's findings head no longer reports but can no longer decide either;
   * `suppressed`: head's findings that this change suppresses (see PostureDiff.findings).
   */
  findings: { new: FindingJson[]; resolved: FindingJson[]; unchanged: FindingJson[]; undecided: FindingJson[]; suppressed: FindingJson[] };
  verdict: PostureDiff['verdict'];
  reasons: string[];
  errors: { side: 'base' | 'head'; file: string; line: number; message: string }[];
  /** Values head newly leaves undecided (`added`, head's positions) and those it now decides (`removed`, base's). See PostureDiff.unresolved. */
  unresolved: { added: UnresolvedJson[]; removed: UnresolvedJson[] };
}

export interface ServiceDiffJson {
  key: string;
  status: ServiceDiff['status'];
  permissions: { added: PermissionJson[]; removed: PermissionJson[] };
  securityGroupRules: { added: RuleJson[]; removed: RuleJson[] };
  exposure: { before: ExposureJson | null; after: ExposureJson | null };
  needs: { lost: NeedJson[]; gained: NeedJson[]; uncertain: NeedJson[] };
  verdict: ServiceDiff['verdict'];
  reasons: string[];
  resource: string;
  file: string;
  line: number;
  cdkPath: string | null;
  /** Where the user's CDK code created the service (`file:line:column`), when the cloud assembly says. */
  cdkSource: string | null;
  findings: { new: FindingJson[]; resolved: FindingJson[]; undecided: FindingJson[]; suppressed: FindingJson[] };
  /** Statement actions of the policies of the VPC endpoints the service uses. */
  endpointPolicies: { added: EndpointPolicyJson[]; removed: EndpointPolicyJson[] };
  /** Present when the service was not compared (its file could not be read on one side): why. */
  notCompared?: string;
  /** Present when ECS Exec was turned on or off. */
  ecsExec?: { before: boolean | 'unknown'; after: boolean | 'unknown' };
  /** Present when it starts or stops using VPC endpoints (labels): their rules and statements are listed, not counted. */
  endpointsUsed?: { started: string[]; stopped: string[] };
}

/**
 * Outcomes of choices the files do not decide (an `Fn::If` on an undecided condition, the key an
 * `Fn::FindInMap` selects by) as data: what chooses, with the values under any of which something
 * applies, typed as the template gives them (`{"IsDev":[true]}` for an `Fn::If`,
 * `{"Env":["staging","prod"]}` for an `Fn::FindInMap`). With several keys, each must hold.
 */
export type OutcomesJson = Record<string, (boolean | string)[]>;

/**
 * A statement's IAM Condition block as written (`{"StringEquals":{"aws:SourceVpce":"vpce-1"}}`). A
 * Condition that is not an object (a value the files do not resolve: `"${unknown: …}"`) is its value.
 */
export type IamConditionJson = Record<string, unknown> | string | number | boolean | unknown[];

export interface ExposureJson {
  publicIp: Exposure['publicIp'];
  /** When the tasks get a public IP under some outcomes of an undecided choice only: those outcomes; otherwise null. */
  publicIpCondition: OutcomesJson | null;
  internetIngress: Exposure['internetIngress'];
  defaultRoute: Exposure['defaultRoute'];
}

export interface EndpointPolicyJson {
  endpoint: string;
  effect: 'Allow' | 'Deny';
  principal: string;
  action: string;
  resource: string;
  /** The statement's IAM Condition; null when it has none. */
  condition: IamConditionJson | null;
  /** The outcomes of undecided choices under which alone the statement exists; null when it exists under all. */
  when: OutcomesJson | null;
  explicit: boolean;
  file: string;
  line: number;
  /** True when listed only because it is written differently: the other side allows all it allows, so nothing is gained (added) or lost (removed). */
  covered: boolean;
}

export interface PermissionJson {
  role: string;
  action: string;
  resource: string;
  accessLevel: string;
  roleKind: 'task' | 'execution';
  /** The granting statement's IAM Condition; null when it has none. */
  condition: IamConditionJson | null;
  /**
   * The outcomes of undecided choices under which alone the role has it (its statement or policy
   * exists, or the role is the task role, under those only): `{"IsProd":[true]}`; null when it has it under all.
   */
  when: OutcomesJson | null;
  pattern: string;
  file: string;
  line: number;
  /** True when listed only because it is written differently: the other side allows all it allows, so nothing is gained (added) or lost (removed). */
  covered: boolean;
}

export interface RuleJson {
  group: string;
  direction: 'ingress' | 'egress';
  protocol: string;
  ports: string;
  /** Present for an ICMP rule that admits one code of its type (`ports`): that code. */
  icmpCode?: number;
  peer: string;
  relation: SecurityGroupRuleChange['relation'];
  /** The VPC endpoint whose group this is, for `relation: 'endpoint'`; otherwise null. */
  endpoint: string | null;
  /** The load balancer whose group this is, for `relation: 'load-balancer'`; otherwise null. */
  loadBalancer: string | null;
  serviceDirection: SecurityGroupRuleChange['serviceDirection'];
  world: boolean;
  explicit: boolean;
  /** Present (true) when the rule (or its resource) exists only under a Condition the files do not decide. */
  conditional?: true;
  /** With `conditional`, the outcome of an undecided choice under which alone the rule exists (`{"IsProd":[false]}`); otherwise null. */
  when: OutcomesJson | null;
  file: string;
  line: number;
  /** True when listed only because it is written differently: the other side allows all it allows, so nothing is gained (added) or lost (removed). */
  covered: boolean;
}

export interface NeedJson {
  service: string;
  reason: string;
  kind: NeedChange['kind'];
  newlyNeeded: boolean;
  before: string | null;
  after: string | null;
  /** Whether base could reach it (`"unknown"`: undecided); null when newly needed. */
  wasCovered: boolean | 'unknown' | null;
  /** In `uncertain`: why head no longer decides it, when the analysis says (a network ACL it does not evaluate). */
  undecidedBecause?: string;
}

export function toDiffJson(diff: PostureDiff): DiffJson {
  return {
    version: 1,
    services: diff.services.map(serviceJson),
    findings: {
      new: diff.findings.new.map(findingJson),
      resolved: diff.findings.resolved.map(findingJson),
      unchanged: diff.findings.unchanged.map(findingJson),
      undecided: diff.findings.undecided.map(findingJson),
      suppressed: diff.findings.suppressed.map(findingJson),
    },
    verdict: diff.verdict,
    reasons: [...diff.reasons],
    errors: diff.errors.map((e) => ({ side: e.side, file: e.file, line: e.line, message: e.message })),
    unresolved: { added: diff.unresolved.added.map(unresolvedJson), removed: diff.unresolved.removed.map(unresolvedJson) },
  };
}

export function renderDiffJson(diff: PostureDiff): string {
  return [...renderDiffJsonChunks(diff)].join('');
}

/**
 * renderDiffJson's text, whole or in pieces of about a mebibyte made as they are read: a diff of
 * many services that each gain `*` lists every action each gains, and as one string that can pass
 * the longest string V8 makes (about 512 MiB), which `JSON.stringify` answers by throwing. In
 * pieces, each service's JSON is built when its turn comes, so neither the whole text nor the whole
 * JSON value is held at once.
 */
export function* renderDiffJsonChunks(diff: PostureDiff, wholeUpTo = WHOLE_UP_TO): Generator<string> {
  // Most reports are far from the limit, and JSON.stringify writes them several times faster whole.
  // Entries are counted, not measured (a Condition copied into each permission may be long):
  // one that still passes the limit is made in pieces after all.
  if (listedEntries(diff) <= wholeUpTo) {
    const whole = stringifiedOrTooLong(() => JSON.stringify(toDiffJson(diff), null, 2));
    if (whole !== undefined) {
      yield `${whole}\n`;
      return;
    }
  }
  let pending: string[] = [];
  let pendingLength = 0;
  for (const piece of diffJsonPieces(diff)) {
    pending.push(piece);
    pendingLength += piece.length;
    if (pendingLength >= CHUNK_LENGTH) {
      yield pending.join('');
      pending = [];
      pendingLength = 0;
    }
  }
  pending.push('\n');
  yield pending.join('');
}

/** toDiffJson's value as `JSON.stringify(value, null, 2)` writes it, in pieces, with services made one at a time. */
function* diffJsonPieces(diff: PostureDiff): Generator<string> {
  const entries = Object.entries(toDiffJson({ ...diff, services: [] })).filter(([, v]) => v !== undefined);
  yield '{\n';
  for (let i = 0; i < entries.length; i++) {
    const [key, value] = entries[i]!;
    yield `  ${JSON.stringify(key)}: `;
    if (key === 'services' && diff.services.length > 0) {
      yield '[\n';
      for (let j = 0; j < diff.services.length; j++) {
        yield '    ';
        yield* prettyJson(serviceJson(diff.services[j]!), 2);
        yield j < diff.services.length - 1 ? ',\n' : '\n';
      }
      yield '  ]';
    } else {
      yield* prettyJson(value, 1);
    }
    yield i < entries.length - 1 ? ',\n' : '\n';
  }
  yield '}';
}

const CHUNK_LENGTH = 1 << 20;
/**
 * The listed entries up to which a report is first tried as one string. Most entries are a few
 * hundred characters, so a report past this is likely to pass the longest string, and building it
 * whole only to fail would cost its whole size in memory; one under it that still passes (a long
 * Condition copied into every grant) falls back to pieces.
 */
const WHOLE_UP_TO = 100_000;

function listedEntries(diff: PostureDiff): number {
  let n = diff.findings.new.length + diff.findings.resolved.length + diff.findings.unchanged.length + diff.findings.undecided.length + diff.findings.suppressed.length;
  n += diff.unresolved.added.length + diff.unresolved.removed.length + diff.errors.length + diff.reasons.length;
  for (const s of diff.services) {
    n += s.permissions.added.length + s.permissions.removed.length + s.securityGroupRules.added.length + s.securityGroupRules.removed.length;
    n += s.endpointPolicies.added.length + s.endpointPolicies.removed.length + s.reasons.length + 1;
    n += s.findings.new.length + s.findings.resolved.length + s.findings.undecided.length + s.findings.suppressed.length;
    n += s.needs.lost.length + s.needs.gained.length + s.needs.uncertain.length;
  }
  return n;
}
/** From this depth on (one service, one list of findings), a value is written whole. */
const WHOLE_BELOW = 2;

/** The text `stringify` makes, or undefined when it would pass the longest string V8 makes. */
function stringifiedOrTooLong(stringify: () => string): string | undefined {
  try {
    return stringify();
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/**
 * `JSON.stringify(value, null, 2)` for a value nested `depth` levels deep, its lines indented to
 * match: written inside as many one-item lists, which JSON.stringify indents itself, and cut out.
 */
function nestedJson(value: unknown, depth: number): string {
  let wrapped = value;
  for (let i = 0; i < depth; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  return depth === 0 ? text : text.slice(depth * depth + 3 * depth, text.length - (depth * depth + depth));
}

/** `JSON.stringify(value, null, 2)` as a sequence of pieces, for a value nested `depth` levels deep. */
function* prettyJson(value: unknown, depth: number): Generator<string> {
  if (value === null || typeof value !== 'object') {
    yield nestedJson(value ?? null, depth);
    return;
  }
  // A value written whole unless it is too long for one string (one service's thousands of grants).
  const whole = depth >= WHOLE_BELOW ? stringifiedOrTooLong(() => nestedJson(value, depth)) : undefined;
  if (whole !== undefined) {
    yield whole;
    return;
  }
  const inner = '  '.repeat(depth + 1);
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    yield '[\n';
    for (let i = 0; i < value.length; i++) {
      yield inner;
      yield* prettyJson(value[i] ?? null, depth + 1);
      yield i < value.length - 1 ? ',\n' : '\n';
    }
    yield `${'  '.repeat(depth)}]`;
    return;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function');
  if (entries.length === 0) {
    yield '{}';
    return;
  }
  yield '{\n';
  for (let i = 0; i < entries.length; i++) {
    const [key, v] = entries[i]!;
    yield `${inner}${JSON.stringify(key)}: `;
    yield* prettyJson(v, depth + 1);
    yield i < entries.length - 1 ? ',\n' : '\n';
  }
  yield `${'  '.repeat(depth)}}`;
}

function serviceJson(s: ServiceDiff): ServiceDiffJson {
  return {
    key: s.key,
    status: s.status,
    permissions: { added: s.permissions.added.map(permissionJson), removed: s.permissions.removed.map(permissionJson) },
    securityGroupRules: { added: s.securityGroupRules.added.map(ruleJson), removed: s.securityGroupRules.removed.map(ruleJson) },
    exposure: { before: exposureJson(s.exposure.before), after: exposureJson(s.exposure.after) },
    needs: { lost: s.needs.lost.map(needJson), gained: s.needs.gained.map(needJson), uncertain: s.needs.uncertain.map(needJson) },
    verdict: s.verdict,
    reasons: s.reasons.map((r) => `${r.service} ${r.text}`),
    resource: s.resource,
    file: s.file,
    line: s.line,
    cdkPath: s.cdkPath ?? null,
    cdkSource: s.cdkSource ?? null,
    findings: {
      new: s.findings.new.map(findingJson),
      resolved: s.findings.resolved.map(findingJson),
      undecided: s.findings.undecided.map(findingJson),
      suppressed: s.findings.suppressed.map(findingJson),
    },
    endpointPolicies: { added: s.endpointPolicies.added.map(endpointPolicyJson), removed: s.endpointPolicies.removed.map(endpointPolicyJson) },
    ...(s.notCompared === undefined ? {} : { notCompared: s.notCompared }),
    ...(s.ecsExec === undefined ? {} : { ecsExec: s.ecsExec }),
    ...(s.endpointsUsed === undefined ? {} : { endpointsUsed: s.endpointsUsed }),
  };
}

function endpointPolicyJson(e: EndpointPolicyChange): EndpointPolicyJson {
  return {
    endpoint: e.endpoint,
    effect: e.effect,
    principal: e.principal,
    action: e.action,
    resource: e.resource,
    ...conditionJson(e.condition),
    explicit: e.explicit,
    file: e.file,
    line: e.line,
    covered: e.covered === true,
  };
}

function exposureJson(e: Exposure | null): ExposureJson | null {
  if (e === null) return null;
  return { publicIp: e.publicIp, publicIpCondition: outcomesJson(e.publicIpCondition ?? []), internetIngress: e.internetIngress, defaultRoute: e.defaultRoute };
}

/**
 * A statement's canonical Condition, which holds both, as two fields: the IAM Condition block, and
 * the outcomes it exists under (held there under STACK_CONDITION_KEY, see withStackCondition).
 */
function conditionJson(condition: string | undefined): { condition: IamConditionJson | null; when: OutcomesJson | null } {
  return { condition: (iamConditionValue(condition) ?? null) as IamConditionJson | null, when: outcomesJson(stackOutcomesOf(condition)) };
}

/** Outcomes as `{"Env": ["staging", "prod"]}` (null for none): what chooses, and its values as the model has them. */
function outcomesJson(outcomes: readonly StackOutcome[]): OutcomesJson | null {
  if (outcomes.length === 0) return null;
  const byChoice = new Map<string, (boolean | string)[]>();
  for (const { condition, value } of outcomes) byChoice.set(condition, [...(byChoice.get(condition) ?? []), value]);
  // fromEntries defines each key as its own property: a choice named `__proto__` stays a key.
  return Object.fromEntries(byChoice);
}

function permissionJson(p: PermissionChange): PermissionJson {
  return {
    role: p.role,
    action: p.action,
    resource: p.resource,
    accessLevel: p.accessLevel,
    roleKind: p.roleKind,
    ...conditionJson(p.condition),
    pattern: p.pattern,
    file: p.file,
    line: p.line,
    covered: p.covered === true,
  };
}

function ruleJson(r: SecurityGroupRuleChange): RuleJson {
  return {
    group: r.group,
    direction: r.direction,
    protocol: r.protocol,
    ports: r.ports,
    ...(r.icmpCode === undefined ? {} : { icmpCode: r.icmpCode }),
    peer: r.peer,
    relation: r.relation,
    endpoint: r.endpoint ?? null,
    loadBalancer: r.loadBalancer ?? null,
    serviceDirection: r.serviceDirection,
    world: r.world,
    explicit: r.explicit,
    ...(r.conditional === true ? { conditional: true as const } : {}),
    when: outcomesJson(stackOutcomesOf(r.condition)),
    file: r.file,
    line: r.line,
    covered: r.covered === true,
  };
}

function needJson(n: NeedChange): NeedJson {
  return { service: n.service, reason: n.reason, kind: n.kind, newlyNeeded: n.newlyNeeded, before: n.before ?? null, after: n.after ?? null, wasCovered: n.wasCovered ?? null, ...(n.undecidedBecause === undefined ? {} : { undecidedBecause: n.undecidedBecause }) };
}
