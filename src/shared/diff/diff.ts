import type {
  Attr, EgressPath, RefList, Entity, Finding, Grant, LoadBalancer, Need, Peer, Posture, Role, SecurityGroup, SecurityGroupRule, Service, ServicePosture, StackEnvironment, TaskDefinition, UnresolvedValue, VpcEndpoint,
} from '../model/index.ts';
import {
  describeAnyOutcome, describeOutcomes, outcomesWithin, sameOutcomes, splitByOutcome, stackOutcomesOf, whenValue, withStackCondition, type StackOutcome,
} from '../model/index.ts';
import { cidrContains, parseCidr } from '../analysis/cidr.ts';
import { splitWorldRules } from '../analysis/security-group-match.ts';
import { NOT_PREFIX, notResourceList } from '../analysis/permissions.ts';
import { canonicalResource, hasArnForm } from '../analysis/iam/arn-forms.ts';
import { resourceMatches } from '../analysis/iam/resource-match.ts';
import { refId, taskRoles } from '../analysis/infra-index.ts';
import { unreachableAwsServices } from '../analysis/needs.ts';
import { qualifiedServiceKeys, type QualifiedKey, type ServiceKeyTiers } from '../analysis/service-keys.ts';
import { changedFindings, forService, groupBy, matchFindings, pairFindings, StableNames, stopsStartup } from './findings.ts';
import { conditionImplies } from './condition-implies.ts';
import { internetPathChanges, internetPathsChanged, waysIn } from './exposure.ts';
import { belowRootOf, rootPrefix } from './root.ts';
import type {
  DiffSide,
  SideError,
  EndpointPolicyChange,
  Exposure,
  HeadFindingState,
  NeedChange,
  NetworkPath,
  PermissionChange,
  PostureDiff,
  SecurityGroupRuleChange,
  ServiceDiff,
  Verdict,
  VerdictReason,
} from './types.ts';

/**
 * Compares the posture of base and head. Services are matched by their stable key (ServiceName,
 * else CDK construct path, else logical ID), so a CDK logical-ID hash change is not a removal plus
 * an addition; names inside values (`${Table1A2B3C4D.Arn}` in a Resource) are compared by their
 * construct path for the same reason. Everything is compared through what each service can do and
 * reach, so a change made elsewhere (a shared role, a policy resource, a rule on another group, a
 * route table) shows up on every service it affects.
 */
export function diffPostures(base: DiffSide, head: DiffSide): PostureDiff {
  return comparePreparedSides(prepareSide(base), prepareSide(head));
}

/**
 * What the comparison needs of one side, and nothing more: the services seen through their
 * permissions, rules, exposure and needs, the endpoints and groups those refer to, and the
 * findings. It holds no reference to the posture, so a caller that prepares base before analysing
 * head lets base's model be collected first (two full models of a large repository at once are
 * what made `diff` heavy).
 */
export interface PreparedSide {
  views: Map<string, ServiceView>;
  names: StableNames;
  findings: readonly Finding[];
  errors: readonly SideError[];
  /** See DiffSide.root. */
  root?: string;
  /** Files (below the root) that errors name and that gave no template: not compared (see comparePreparedSides). */
  unreadable: Set<string>;
  /** Files (below the root) that gave a template. */
  read: Set<string>;
  /** Logical IDs that more than one file declares (see matchFindings' `ambiguous`). */
  sharedLogicalIds: Set<string>;
  /**
   * What the files leave undecided in each resource (an import, a parameter without a default, a
   * condition that cannot be decided), by resource key (see resourceKeys) and, per resource, as
   * `path below the resource` and reason: a finding base reported on a resource that head leaves
   * newly undecided is not shown as resolved (see undecidedOnHead).
   */
  undecided: Map<string, Set<string>>;
  /** Each security group's label (see groupLabelsOf) → its name unqualified and its file below the root. */
  groupNames: Map<string, { name: string; file: string }>;
  /** The values the files leave undecided in resources the analysis reads, each with the keys it is found again by (see unresolvedValues). */
  unresolved: UnresolvedOnSide[];
  /**
   * Each security group's rules with a CIDR peer or one the files do not decide, by group label,
   * as rules of a group that names a service (see cidrRulesOf): what may still admit a service
   * when a rule naming its group is removed from that group, though the group names the service no
   * longer (a CIDR that holds its tasks covers it; an undecided peer may be it).
   */
  cidrRules: Map<string, SecurityGroupRuleChange[]>;
  /**
   * Standalone rule resources (file below the root and logical ID) whose group the files do not
   * decide, so their rule is attached to none: a rule that was base's is not removed but undecided.
   */
  detachedRules: Set<string>;
  /**
   * Each security group's and role's label → what it is attached to, one line each, sorted
   * (services by their key in `views`, marked with SERVICE_KEY so renamesOf can name them as the
   * comparison pairs them; load balancers by the services they front; endpoints and data stores by
   * label; a role by the service slots it fills): how one renamed between the sides is recognised
   * (see renamesOf). Those attached to nothing, and labels several share, are left out.
   */
  attachments: Map<string, string>;
  /**
   * What tells apart security groups attached to the same things (two load balancers of a kind in
   * front of one service), by label, from the surest to the least: the labels of the load balancers
   * holding the group (a construct path survives a re-hash), their `Name`s, their listeners
   * (protocol and port), and the group's own rules. renamesOf consults them in that order where attachments alone do not decide.
   */
  distinctions: Map<string, [balancers: string, names: string, listeners: string, rules: string]>;
  /**
   * Each file (below the root) as what it declares: its resources (logical ID and type), and those
   * with its groups' rules and the values it leaves undecided (see fileContentsOf). A file only
   * one side reads whose content (else resource set, with most of those rules and values) one file
   * alone on the other side has, moved there under another name (see movedFiles).
   */
  fileContents: Map<string, FileContent>;
}

/** Around a service key in an attachment line (see PreparedSide.attachments). */
// eslint-disable-next-line no-control-regex -- control characters as markers: no key contains them
const SERVICE_KEY = /\u0001([^\u0002]*)\u0002/g;

export function prepareSide(side: DiffSide): PreparedSide {
  const names = new StableNames(side.posture.infra);
  const errors = side.errors ?? [];
  const stackFiles = new Set(side.posture.infra.stacks.map((s) => s.file));
  const read = new Set([...stackFiles].map((file) => belowRootOf(side.root, file)));
  const unreadable = new Set(errors.filter((e) => e.file !== '' && e.file !== '.' && !stackFiles.has(e.file)).map((e) => belowRootOf(side.root, e.file)));
  const filesById = new Map<string, string>();
  const sharedLogicalIds = new Set<string>();
  for (const r of side.posture.infra.resources) {
    const seen = filesById.get(r.logicalId);
    if (seen === undefined) filesById.set(r.logicalId, r.file);
    else if (seen !== r.file) sharedLogicalIds.add(r.logicalId);
  }
  const cdkPathSeen = new Set<string>();
  const sharedCdkPaths = new Set<string>();
  for (const r of side.posture.infra.resources) {
    if (r.cdkPath === undefined) continue;
    if (cdkPathSeen.has(r.cdkPath)) sharedCdkPaths.add(r.cdkPath);
    cdkPathSeen.add(r.cdkPath);
  }
  const unique: KeyUniqueness = { sharedLogicalIds, sharedCdkPaths };
  const groupLabels = groupLabelsOf(side.posture.infra.securityGroups, side.root);
  const entities = new Map<string, Service>(side.posture.infra.services.map((s) => [s.id, s]));
  const keys = diffKeys(side.posture, entities, side.root);
  const prepared: PreparedSide = {
    views: servicesByKey(side, names, groupLabels, unique, entities, keys), names, findings: side.findings, errors, unreadable, read, sharedLogicalIds, undecided: undecidedResources(side, unique),
    unresolved: unresolvedValues(side, unique, names), groupNames: groupNamesOf(side.posture.infra.securityGroups, groupLabels, side.root),
    cidrRules: cidrRulesOf(side.posture.infra.securityGroups, groupLabels, side.root), detachedRules: detachedRulesOf(side), attachments: attachmentsOf(side.posture, groupLabels, entities, (s) => `\u0001${keys.get(s.id)?.key ?? s.stableKey}\u0002`),
    distinctions: distinctionsOf(side.posture, groupLabels),
    fileContents: fileContentsOf(side),
  };
  if (side.root !== undefined) prepared.root = side.root;
  return prepared;
}

/** See PreparedSide.undecided. */
function undecidedResources(side: DiffSide, unique: KeyUniqueness): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const { unresolved, resources } = side.posture.infra;
  if (unresolved.length === 0) return out;
  const byResource = new Map<string, Set<string>>();
  for (const u of unresolved) {
    const m = RESOURCE_PATH.exec(u.path);
    if (m === null) continue;
    const key = `${u.file}\0${m[1]!}`;
    let values = byResource.get(key);
    if (values === undefined) byResource.set(key, (values = new Set()));
    values.add(`${m[2]!}\0${belowRootText(side.root, u.reason)}`);
  }
  for (const r of resources) {
    const values = byResource.get(`${r.file}\0${r.logicalId}`);
    if (values === undefined) continue;
    for (const key of resourceKeys(side.root, r.file, r.logicalId, r.cdkPath, unique)) out.set(key, values);
  }
  return out;
}

/** See PreparedSide.detachedRules: linkPending lists each such rule as unresolved at its resource's own path. */
function detachedRulesOf(side: DiffSide): Set<string> {
  const out = new Set<string>();
  const { unresolved, resources } = side.posture.infra;
  if (unresolved.length === 0) return out;
  const types = new Map(resources.map((r) => [`${r.file}\0${r.logicalId}`, r.type]));
  for (const u of unresolved) {
    const m = RESOURCE_PATH.exec(u.path);
    const type = m === null || m[2] !== '' ? undefined : types.get(`${u.file}\0${m[1]!}`);
    if (type === 'AWS::EC2::SecurityGroupIngress' || type === 'AWS::EC2::SecurityGroupEgress') out.add(`${belowRootOf(side.root, u.file)}\0${m![1]!}`);
  }
  return out;
}

/**
 * Each security group's label on a side: its construct path or logical ID, and, when several
 * files declare groups of that name (one template per service, each with its `ServiceSecurityGroup`),
 * its file below the root too, so a rule's group and peer name one group. (A name that becomes
 * shared on one side only reads as a rename, which renamesOf recognises by what it is attached to.)
 */
function groupLabelsOf(groups: readonly SecurityGroup[], root: string | undefined): Map<string, string> {
  const count = new Map<string, number>();
  for (const g of groups) count.set(entityLabel(g), (count.get(entityLabel(g)) ?? 0) + 1);
  const out = new Map<string, string>();
  for (const g of groups) {
    const label = entityLabel(g);
    out.set(g.id, count.get(label)! > 1 ? `${label} (${belowRootOf(root, g.file)})` : label);
  }
  return out;
}

/** See PreparedSide.groupNames. */
function groupNamesOf(groups: readonly SecurityGroup[], labels: Map<string, string>, root: string | undefined): Map<string, { name: string; file: string }> {
  return new Map(groups.map((g) => [labels.get(g.id)!, { name: entityLabel(g), file: belowRootOf(root, g.file) }]));
}

/**
 * Groups whose label gained or lost its file because another file came to declare (or stopped
 * declaring) a group of the same name (see groupLabelsOf), or whose file moved with a service it
 * holds (`moved`, base file → head file; see pairMovedFile): base label → head label.
 */
function requalifiedGroups(base: PreparedSide, head: PreparedSide, moved: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [label, { name, file: baseFile }] of base.groupNames) {
    if (head.groupNames.has(label)) continue;
    const file = moved.get(baseFile) ?? baseFile;
    const candidates = [name, `${name} (${file})`].filter((l) => l !== label && head.groupNames.get(l)?.file === file && !base.groupNames.has(l));
    if (candidates.length === 1) out.set(label, candidates[0]!);
  }
  return out;
}

/**
 * Base file → head file: those of the services the comparison paired across files (see
 * pairMovedFile), then the other files only one side reads, each paired with its closest of the
 * same name on the other side when that is mutual and unambiguous (the VPC stack that moved with
 * its services), then with the one file of the same content, else of the same resources, on the
 * other side (a network template renamed; see PreparedSide.fileContents): the groups, endpoints
 * and findings they hold moved with them.
 */
export function movedFiles(base: PreparedSide, head: PreparedSide, pairs: readonly ViewPair[]): Map<string, string> {
  const out = new Map(pairs.flatMap((m) => (m.base !== undefined && m.head !== undefined && m.base.file !== m.head.file ? [[m.base.file, m.head.file] as const] : [])));
  const taken = new Set(out.values());
  const gone = [...base.read].filter((f) => !head.read.has(f) && !out.has(f));
  const arrived = [...head.read].filter((f) => !base.read.has(f) && !taken.has(f));
  if (gone.length === 0 || arrived.length === 0) return out;
  for (const [from, to] of closestPairs(gone.sort(compare), arrived.sort(compare), (f) => f, (f) => f, () => true, 1)) out.set(from, to);
  // Renamed (`net.yaml` to `network.yaml`): the one file with its content on each side, else with
  // its resources and most of its rules and values, each the same or changed in one field (a rule
  // edited while renamed). A few resource IDs alone say nothing: two one-topic templates, one
  // deleted and one added, are not one moved.
  for (const part of ['content', 'resources'] as const) {
    const pairedHeads = new Set(out.values());
    const left = (files: string[], side: PreparedSide): Map<string, string[]> =>
      groupBy(files.filter((f) => !out.has(f) && !pairedHeads.has(f) && telling(side.fileContents.get(f))), (f) => side.fileContents.get(f)![part]);
    for (const [from, to] of loneCounterparts(left(gone, base), left(arrived, head))) {
      if (part === 'content' || mostlyAlike(base.fileContents.get(from)!.details, head.fileContents.get(to)!.details)) out.set(from, to);
    }
  }
  return out;
}

/** See PreparedSide.fileContents. */
interface FileContent {
  /** Its resources (logical ID and type), one a line, sorted. */
  resources: string;
  /** Its resources, then its details. */
  content: string;
  /** Its groups' rules and the values it leaves undecided, fields tab-separated, sorted. */
  details: string[];
  resourceCount: number;
}

/** Fewer resources with no rules or undecided values than this do not tell a file (see movedFiles). */
const MIN_BARE_RESOURCES = 3;

/** Whether a file declares enough to be found again by it under another name (see movedFiles). */
function telling(content: FileContent | undefined): boolean {
  return content !== undefined && (content.details.length > 0 || content.resourceCount >= MIN_BARE_RESOURCES);
}

/**
 * Whether more than half of the larger side's details have a counterpart on the other side, the
 * same or changed in one field. Files with no details are alike (their resources decide).
 */
function mostlyAlike(before: readonly string[], after: readonly string[]): boolean {
  if (before.length === 0 && after.length === 0) return true;
  const waiting = [...after];
  const take = (found: (line: string) => boolean): boolean => {
    const i = waiting.findIndex(found);
    if (i >= 0) waiting.splice(i, 1);
    return i >= 0;
  };
  const exact = before.filter((line) => !take((other) => other === line));
  const near = exact.filter((line) => take((other) => oneFieldApart(line, other))).length;
  return 2 * (before.length - exact.length + near) > Math.max(before.length, after.length);
}

function oneFieldApart(a: string, b: string): boolean {
  const [x, y] = [a.split('\t'), b.split('\t')];
  return x.length === y.length && x.filter((field, i) => field !== y[i]).length <= 1;
}

/** See PreparedSide.cidrRules. */
function cidrRulesOf(groups: readonly SecurityGroup[], labels: Map<string, string>, root: string | undefined): Map<string, SecurityGroupRuleChange[]> {
  const out = new Map<string, SecurityGroupRuleChange[]>();
  for (const group of groups) {
    for (const rule of group.rules) {
      // CIDR peers, which may cover a service's tasks; peers the files do not decide, which may be them.
      const undecidedGroup = rule.peer.kind === 'sg' && rule.peer.group.kind === 'unknown';
      if (rule.peer.kind !== 'cidr4' && rule.peer.kind !== 'cidr6' && rule.peer.kind !== 'unknown' && !undecidedGroup) continue;
      const label = labels.get(group.id)!;
      const list = out.get(label);
      const change = describeRule(group, rule, labels, root, false);
      if (list === undefined) out.set(label, [change]);
      else list.push(change);
    }
  }
  return out;
}

export interface UnresolvedOnSide {
  value: UnresolvedValue;
  /** Equal for the same value on both sides: where it is (resource by file and logical ID, or by construct path), below the resource, and why. */
  keys: string[];
}

/**
 * See PreparedSide.unresolved. Positions are left out of the keys, so an edit above a value does
 * not make it new; values in resources the analysis does not read are left out altogether.
 */
function unresolvedValues(side: DiffSide, unique: KeyUniqueness, names: StableNames): UnresolvedOnSide[] {
  const { unresolved, resources } = side.posture.infra;
  if (unresolved.length === 0) return [];
  const byId = new Map(resources.map((r) => [`${r.file}\0${r.logicalId}`, r]));
  const out: UnresolvedOnSide[] = [];
  for (const value of unresolved) {
    if (value.unread === true) continue;
    // Reasons name resources by logical ID (`SecurityGroupIngress InboundRuleA1B2C3D4 applies to …`):
    // by construct path where they have one, so a CDK re-hash is no new value.
    const why = filesSorted(names.message(belowRootText(side.root, value.reason), value.file));
    const m = RESOURCE_PATH.exec(value.path);
    const r = m === null ? undefined : byId.get(`${value.file}\0${m[1]!}`);
    // List indices left out too: a rule inserted above moves the index of every one below it.
    const below = (m?.[2] ?? value.path).replace(/\[\d+\]/g, '[]');
    const places = r === undefined ? [`${belowRootOf(side.root, value.file)}\0${value.path.replace(/\[\d+\]/g, '[]')}`] : resourceKeys(side.root, r.file, r.logicalId, r.cdkPath, unique).map((k) => `${k}\0${below}`);
    out.push({ value, keys: places.map((k) => `${k}\0${why}`) });
  }
  return out;
}

/** The values `side` leaves undecided that `other` does not: each of `other`'s matches one of `side`'s at most. */
function newlyUnresolved(side: PreparedSide, other: PreparedSide, compared: (u: UnresolvedValue) => boolean, otherKey: (key: string) => string = (key) => key): UnresolvedValue[] {
  if (side.unresolved.length === 0) return [];
  const byKey = new Map<string, UnresolvedOnSide[]>();
  for (const u of other.unresolved) {
    for (const key of u.keys.map(otherKey)) {
      const list = byKey.get(key);
      if (list === undefined) byKey.set(key, [u]);
      else list.push(u);
    }
  }
  const used = new Set<UnresolvedOnSide>();
  const matched = (u: UnresolvedOnSide): boolean => {
    for (const key of u.keys) {
      const partner = byKey.get(key)?.find((o) => !used.has(o));
      if (partner !== undefined) {
        used.add(partner);
        return true;
      }
    }
    return false;
  };
  return side.unresolved.filter((u) => compared(u.value) && !matched(u)).map((u) => u.value);
}

/** See PreparedSide.attachments. */
function attachmentsOf(posture: Posture, groupLabels: Map<string, string>, services: Map<string, Service>, keyOf: (service: Service) => string): Map<string, string> {
  const { infra } = posture;
  const byEntity = new Map<string, string[]>();
  const attach = (id: string, what: string): void => {
    const list = byEntity.get(id);
    if (list === undefined) byEntity.set(id, [what]);
    else list.push(what);
  };
  const attachAll = (refs: RefList, what: string): void => {
    for (const ref of refs.items) if (ref.kind === 'resource') attach(ref.id, what);
  };
  const taskDefinitions = new Map(infra.taskDefinitions.map((td) => [td.id, td]));
  for (const s of infra.services) {
    const key = keyOf(s);
    attachAll(s.securityGroups, `service ${key}`);
    const td = s.taskDefinition.kind === 'resource' ? taskDefinitions.get(s.taskDefinition.id) : undefined;
    for (const { role } of taskRoles(td)) if (role.kind === 'resource') attach(role.id, `task role of ${key}`);
    if (td?.executionRole?.kind === 'resource') attach(td.executionRole.id, `execution role of ${key}`);
  }
  // A load balancer in front of services is known by them (and its kind): renaming it, as a CDK
  // construct rename does, is then not a new group admitting the services.
  const fronted = new Map<string, Set<string>>();
  for (const sp of posture.services) {
    const service = services.get(sp.serviceId);
    if (service === undefined) continue;
    const key = keyOf(service);
    for (const source of sp.ingress) {
      if (source.kind !== 'load-balancer') continue;
      let keys = fronted.get(source.ref);
      if (keys === undefined) fronted.set(source.ref, (keys = new Set()));
      keys.add(key);
    }
  }
  for (const lb of infra.loadBalancers) {
    const keys = fronted.get(lb.id);
    const scheme = lb.scheme.known ? lb.scheme.value : 'undecided scheme';
    if (keys === undefined) attachAll(lb.securityGroups, `load balancer ${entityLabel(lb)}`);
    else for (const key of keys) attachAll(lb.securityGroups, `${scheme} ${lb.type} load balancer in front of ${key}`);
  }
  for (const e of infra.vpcEndpoints) attachAll(e.securityGroups, `endpoint ${entityLabel(e)}`);
  for (const d of infra.dataStores) attachAll(d.securityGroups, `data store ${entityLabel(d)}`);
  const out = new Map<string, string>();
  const shared = new Set<string>();
  for (const entity of [...infra.securityGroups, ...infra.roles]) {
    const label = groupLabels.get(entity.id) ?? entityLabel(entity);
    if (out.has(label) || shared.has(label)) {
      out.delete(label);
      shared.add(label);
      continue;
    }
    const list = byEntity.get(entity.id);
    if (list !== undefined) out.set(label, [...new Set(list)].sort(compare).join('\n'));
  }
  return out;
}

/**
 * See PreparedSide.fileContents. Groups' peers are named without the file that qualifies a label
 * (see groupLabelsOf), and positions are left out: a file renamed keeps its content.
 */
function fileContentsOf(side: DiffSide): PreparedSide['fileContents'] {
  const { infra } = side.posture;
  const byFile = new Map<string, { resources: string[]; content: string[] }>();
  const of = (file: string): { resources: string[]; content: string[] } => {
    let entry = byFile.get(file);
    if (entry === undefined) byFile.set(file, (entry = { resources: [], content: [] }));
    return entry;
  };
  for (const r of infra.resources) of(r.file).resources.push(`${r.logicalId} ${r.type}`);
  const names = new Map(infra.securityGroups.map((g) => [g.id, entityLabel(g)]));
  for (const g of infra.securityGroups) {
    for (const r of g.rules) of(g.file).content.push([entityLabel(g), r.direction, r.protocol, portsLabel(r), r.icmpCode ?? '', peerLabel(r.peer, names)].join('\t'));
  }
  for (const u of infra.unresolved) if (byFile.has(u.file)) of(u.file).content.push(`${u.path}\t${u.reason}`);
  const out: PreparedSide['fileContents'] = new Map();
  for (const [file, { resources, content }] of byFile) {
    const declared = resources.sort(compare).join('\n');
    const details = content.sort(compare);
    out.set(belowRootOf(side.root, file), { resources: declared, content: `${declared}\n\n${details.join('\n')}`, details, resourceCount: resources.length });
  }
  return out;
}

/** See PreparedSide.distinctions. */
function distinctionsOf(posture: Posture, groupLabels: Map<string, string>): PreparedSide['distinctions'] {
  const { infra } = posture;
  const listeners = new Map<string, string[]>();
  for (const l of infra.listeners) {
    if (l.loadBalancer?.kind !== 'resource') continue;
    const text = `${l.protocol.known ? l.protocol.value : '?'} ${l.port.known ? l.port.value : '?'}`;
    const held = listeners.get(l.loadBalancer.id);
    if (held === undefined) listeners.set(l.loadBalancer.id, [text]);
    else held.push(text);
  }
  const balancers = new Map<string, LoadBalancer[]>();
  for (const lb of infra.loadBalancers) {
    for (const ref of lb.securityGroups.items) {
      if (ref.kind !== 'resource') continue;
      const held = balancers.get(ref.id);
      if (held === undefined) balancers.set(ref.id, [lb]);
      else held.push(lb);
    }
  }
  const sorted = (list: string[]): string => [...list].sort(compare).join('\n');
  const out: PreparedSide['distinctions'] = new Map();
  for (const group of infra.securityGroups) {
    const lbs = balancers.get(group.id) ?? [];
    const rules = group.rules.map((r) => `${r.direction} ${r.protocol} ${portsLabel(r)} ${r.icmpCode ?? ''} ${peerLabel(r.peer, groupLabels)}${r.when === undefined ? '' : ` ${JSON.stringify(r.when)}`}`);
    const names = lbs.flatMap((lb) => (lb.name === undefined ? [] : [lb.name]));
    out.set(groupLabels.get(group.id)!, [sorted(lbs.map(entityLabel)), sorted(names), sorted(lbs.flatMap((lb) => listeners.get(lb.id) ?? [])), sorted(rules)]);
  }
  return out;
}

/**
 * Security groups and roles renamed between the sides (base label → head label): one only base
 * has and one only head has, attached to the same things, each the only such one. Rules of a
 * renamed group, and rules naming it as their peer, then compare under head's name (renaming a
 * load balancer's group is not a new rule admitting it), and findings on either keep their identity.
 * Services in the attachments are named by the key the comparison pairs them under, so stages
 * sharing a ServiceName stay apart and a service whose file moved (see pairMovedFile) is itself.
 */
function renamesOf(base: PreparedSide, head: PreparedSide, pairs: readonly ViewPair[]): Renames {
  const only = (side: PreparedSide, other: PreparedSide, which: 'base' | 'head'): Map<string, string[]> => {
    const pairKey = new Map<ServiceView, string>();
    for (const m of pairs) {
      const view = m[which];
      if (view !== undefined) pairKey.set(view, m.key);
    }
    const keyOf = new Map<string, string>();
    for (const [key, view] of side.views) keyOf.set(key, pairKey.get(view) ?? key);
    const bySignature = new Map<string, string[]>();
    for (const [label, lines] of side.attachments) {
      if (other.attachments.has(label)) continue;
      const signature = lines.split('\n').map((line) => line.replace(SERVICE_KEY, (_, key: string) => keyOf.get(key) ?? key)).sort(compare).join('\n');
      const list = bySignature.get(signature);
      if (list === undefined) bySignature.set(signature, [label]);
      else list.push(label);
    }
    return bySignature;
  };
  const before = only(base, head, 'base');
  const after = only(head, base, 'head');
  const renamed = loneCounterparts(before, after);
  const undecided: Renames['undecided'] = [];
  for (const [signature, heads] of after) {
    const bases = before.get(signature);
    if (bases === undefined || (bases.length === 1 && heads.length === 1)) continue;
    const { paired, left } = told(bases, heads, base.distinctions, head.distinctions);
    for (const [from, to] of paired) renamed.set(from, to);
    if (left.base.length > 0 && left.head.length > 0) undecided.push(left);
  }
  return { renamed, undecided };
}

/** See renamesOf. */
interface Renames {
  renamed: Map<string, string>;
  /**
   * Groups renamed together that nothing tells apart (base labels, head labels): which became which
   * cannot be decided, so their rules are not judged as gained or lost (see undecidedRenameRules).
   */
  undecided: { base: string[]; head: string[] }[];
}

/**
 * Per side, each group of an undecided rename set (see Renames.undecided) as findings name it and
 * its file (see the renames in comparePreparedSides), to one name for the set, the same on both sides.
 */
function undecidedGroupNames(base: PreparedSide, head: PreparedSide, sets: Renames['undecided']): { base: Map<string, string>; head: Map<string, string> } {
  const out = { base: new Map<string, string>(), head: new Map<string, string>() };
  for (const set of sets) {
    const name = `{${set.base.join('|')} → ${set.head.join('|')}}`;
    for (const [which, side] of [['base', base], ['head', head]] as const) {
      for (const label of set[which]) {
        const group = side.groupNames.get(label);
        out[which].set(`${group?.name ?? label}\0${group?.file ?? ''}`, name);
      }
    }
  }
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Groups attached to the same things (two load balancers of one kind in front of one service, both
 * renamed), paired by what tells them apart (see PreparedSide.distinctions): at each step, those
 * alone on each side with what they have there, until one is left on each side. Groups the same in
 * everything are interchangeable, so any pairing of them says the same: they pair in order. The
 * rest (`left`) cannot be told apart.
 */
function told(
  bases: readonly string[],
  heads: readonly string[],
  baseDistinctions: PreparedSide['distinctions'],
  headDistinctions: PreparedSide['distinctions'],
): { paired: Map<string, string>; left: { base: string[]; head: string[] } } {
  const paired = new Map<string, string>();
  let left = { base: [...bases].sort(compare), head: [...heads].sort(compare) };
  // The load balancers' labels alone; then what a rename keeps: names, listeners, and listeners with rules.
  const steps = [[0], [1], [2], [2, 3]];
  const keyed = (labels: string[], distinctions: PreparedSide['distinctions'], step: number): Map<string, string[]> => {
    const out = new Map<string, string[]>();
    for (const label of labels) {
      const parts = distinctions.get(label) ?? ['', '', '', ''];
      const key = JSON.stringify(steps[step]!.map((i) => parts[i]));
      const held = out.get(key);
      if (held === undefined) out.set(key, [label]);
      else held.push(label);
    }
    return out;
  };
  const take = (found: Map<string, string>): void => {
    for (const [from, to] of found) paired.set(from, to);
    const taken = new Set(found.values());
    left = { base: left.base.filter((l) => !found.has(l)), head: left.head.filter((l) => !taken.has(l)) };
  };
  for (let step = 0; step < steps.length; step++) {
    if (left.base.length === 1 && left.head.length === 1) break;
    take(loneCounterparts(keyed(left.base, baseDistinctions, step), keyed(left.head, headDistinctions, step)));
  }
  if (left.base.length === 1 && left.head.length === 1) {
    take(new Map([[left.base[0]!, left.head[0]!]]));
    return { paired, left };
  }
  const sameInAll = new Map<string, string>();
  const last = steps.length - 1;
  const heads2 = keyed(left.head, headDistinctions, last);
  for (const [key, labels] of keyed(left.base, baseDistinctions, last)) {
    const counterparts = heads2.get(key);
    if (counterparts?.length === labels.length) labels.forEach((label, i) => sameInAll.set(label, counterparts[i]!));
  }
  take(sameInAll);
  return { paired, left };
}

/**
 * Base label → head label for the keys that one label alone has on each side (a signature, the AWS
 * service of an endpoint): how something renamed between the sides is told from two that differ.
 */
function loneCounterparts(before: Map<string, string[]>, after: Map<string, string[]>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, labels] of after) {
    const was = before.get(key);
    if (was?.length === 1 && labels.length === 1) out.set(was[0]!, labels[0]!);
  }
  return out;
}

/** Base's rules under head's names for renamed groups (see renamesOf), each mapped to the rule as base wrote it. */
function renameGroupsIn(
  rules: Map<string, SecurityGroupRuleChange> | undefined,
  renames: Map<string, string>,
): { rules: Map<string, SecurityGroupRuleChange> | undefined; asWritten: Map<SecurityGroupRuleChange, SecurityGroupRuleChange> } {
  const asWritten = new Map<SecurityGroupRuleChange, SecurityGroupRuleChange>();
  if (rules === undefined || renames.size === 0) return { rules, asWritten };
  const out = new Map<string, SecurityGroupRuleChange>();
  for (const [key, rule] of rules) {
    const group = renames.get(rule.group);
    const peer = rule.peer.startsWith('sg:') ? renames.get(rule.peer.slice(3)) : undefined;
    if (group === undefined && peer === undefined) {
      out.set(key, rule);
      continue;
    }
    const renamed = { ...rule, group: group ?? rule.group, peer: peer === undefined ? rule.peer : `sg:${peer}` };
    asWritten.set(renamed, rule);
    out.set(ruleKey(renamed), renamed);
  }
  return { rules: out, asWritten };
}

const RESOURCE_PATH = /^Resources\.([^.[]+)(.*)$/;

/** A side's logical IDs and construct paths that more than one of its resources have (see resourceKeys). */
interface KeyUniqueness {
  sharedLogicalIds: ReadonlySet<string>;
  sharedCdkPaths: ReadonlySet<string>;
}

/**
 * The keys a resource is found again by on the other side: its file (below the side's root) and
 * logical ID; with a construct path, that path in the file's directory (a CDK re-hash keeps it)
 * and, when no other resource of the side has it, the path alone (the assembly moved); without
 * one, the logical ID alone when no other file declares it (the template was renamed). A key two
 * resources of a side share would let one's values stand for the other's (two CDK apps with the
 * same construct paths), so stored keys are only unique ones. Without `unique`, every key is
 * given: for looking up, where a key the other side does not hold finds nothing.
 */
function resourceKeys(root: string | undefined, file: string, logicalId: string, cdkPath: string | undefined, unique?: KeyUniqueness): string[] {
  const below = belowRootOf(root, file);
  const keys = [`${below}\0${logicalId}`];
  if (cdkPath !== undefined) {
    keys.push(`cdk\0${below.includes('/') ? below.slice(0, below.lastIndexOf('/')) : '.'}\0${cdkPath}`);
    if (unique?.sharedCdkPaths.has(cdkPath) !== true) keys.push(`cdk\0${cdkPath}`);
  } else if (unique?.sharedLogicalIds.has(logicalId) !== true) {
    keys.push(`id\0${logicalId}`);
  }
  return keys;
}

/**
 * Whether a finding base reported and head does not may be gone only because head no longer lets
 * it be decided: its resource holds values the files do not decide that base's did not, or its
 * service gained such an unknown in what the finding's rule family reads (role permissions for
 * FW1xx, security-group peers for FW2xx, coverage of a need for FW3xx). Rules stay silent when they
 * cannot decide, and silence is not a fix.
 */
function undecidedOnHead(f: Finding, base: PreparedSide, head: PreparedSide, pairs: Map<string, ViewPair>): boolean {
  const keys = resourceKeys(base.root, f.file, f.resource, f.cdkPath);
  const before = keys.map((k) => base.undecided.get(k)).find((v) => v !== undefined);
  for (const key of keys) {
    const after = head.undecided.get(key);
    if (after !== undefined && [...after].some((v) => before?.has(v) !== true)) return true;
  }
  // The finding names its service by the comparison's key (see comparisonKeys).
  const pair = f.service === undefined ? undefined : pairs.get(f.service);
  const view = pair?.head;
  if (view === undefined) return false;
  const was = pair?.base;
  if (f.ruleId.startsWith('FW1') && multisetMinus(view.permissionGaps, was?.permissionGaps ?? []).length > 0) return true;
  if (f.ruleId.startsWith('FW2') && [...view.rules].some(([k, r]) => UNKNOWN_PEERS.has(r.peer) && was?.rules.has(k) !== true)) return true;
  if (f.ruleId.startsWith('FW3') && [...view.needs].some(([k, n]) => n.covered === 'unknown' && was !== undefined && was.needs.get(k)?.covered !== 'unknown')) return true;
  if (f.ruleId.startsWith('FW3') && taskDefinitionUndecided(base, head, view)) return true;
  return false;
}

/**
 * Whether head's files leave undecided a value of the service's task definition that base's
 * decided (an image that became `!Ref ImageUri`): the needs it would bring are then unknown.
 */
function taskDefinitionUndecided(base: PreparedSide, head: PreparedSide, view: ServiceView): boolean {
  const before = view.taskDefinitionKeys.map((k) => base.undecided.get(k)).find((v) => v !== undefined);
  return view.taskDefinitionKeys.some((k) => [...(head.undecided.get(k) ?? [])].some((v) => decidesNeeds(v) && before?.has(v) !== true));
}

/**
 * The parts of a task definition its needs are worked out from (see needs.ts): images, log
 * configuration, secrets, registry credentials, environment files, the task role (the calls its
 * permissions allow), the network mode and the compatibilities, or the whole definition.
 */
const NEED_INPUTS = /^(?:\.Properties)?(?:$|\.(?:TaskRoleArn|NetworkMode|RequiresCompatibilities)(?:$|[.[])|\.ContainerDefinitions(?:$|\[\d+\](?:$|\.(?:Image|LogConfiguration|Secrets|RepositoryCredentials|EnvironmentFiles)(?:$|[.[]))))/;

/** An undecided value (`<path in its resource>\0<reason>`, see undecidedResources) that needs depend on. */
function decidesNeeds(value: string): boolean {
  const end = value.indexOf('\0');
  return NEED_INPUTS.test(end === -1 ? value : value.slice(0, end));
}

/** A side's path below its root, so the two sides' names for one file compare equal. */
function belowRoot(side: PreparedSide, file: string): string {
  return belowRootOf(side.root, file);
}

/** A service of base and its counterpart on head, under the key the comparison names it by; one of them may be missing. */
interface ViewPair {
  key: string;
  base?: ServiceView;
  head?: ServiceView;
}

/**
 * Pairs the services of the two sides. Each name is matched on the least specific key that is
 * unique on both sides: a second `api` added in another cluster makes both sides' `api` compare
 * as `api (cluster …)`, so the one that was there all along is not shown as removed and re-added.
 */
function matchViews(base: PreparedSide, head: PreparedSide): ViewPair[] {
  const byName = new Map<string, { base: ServiceView[]; head: ServiceView[] }>();
  for (const [side, views] of [['base', base.views], ['head', head.views]] as const) {
    for (const view of views.values()) {
      let group = byName.get(view.matchKeys[0]);
      if (group === undefined) byName.set(view.matchKeys[0], (group = { base: [], head: [] }));
      group[side].push(view);
    }
  }
  const out: ViewPair[] = [];
  for (const group of byName.values()) {
    const distinct = (tier: number, views: ServiceView[]): boolean => new Set(views.map((v) => v.matchKeys[tier])).size === views.length;
    let tier = 0;
    while (tier < 3 && !(distinct(tier, group.base) && distinct(tier, group.head))) tier++;
    const pairs = new Map<string, ViewPair>();
    for (const [side, views] of [['base', group.base], ['head', group.head]] as const) {
      // The most specific keys are unique on a side: servicesByKey keeps one view per key.
      for (const view of views) {
        const key = view.matchKeys[tier];
        let pair = pairs.get(key);
        if (pair === undefined) pairs.set(key, (pair = { key }));
        pair[side] = view;
      }
    }
    pairMovedFile(tier, pairs);
    out.push(...pairs.values());
  }
  return pairSameResource(out).sort((a, b) => compare(a.key, b.key));
}

/**
 * Services of one name and cluster told apart by their files: when exactly one is left only on
 * base and one only on head, its file was renamed or moved (`git mv staging stage`), not one
 * service removed and another added. When several are left (`git mv prod env/prod` and `git mv
 * staging env/staging` in one change), a base file and a head file pair when each is the other's
 * closest, and the only closest (see commonSuffixSegments): `env/prod/api.json` is `prod/api.json` moved,
 * `api.prod.json` is `api-prod.json` renamed. A cluster that differs stays a removed and an added
 * service: ECS replaces a service that moves to another cluster.
 */
function pairMovedFile(tier: number, pairs: Map<string, ViewPair>): void {
  if (tier !== 2) return;
  const baseOnly = [...pairs.values()].filter((p) => p.head === undefined);
  const headOnly = [...pairs.values()].filter((p) => p.base === undefined);
  if (baseOnly.length === 0 || headOnly.length === 0) return;
  const sameCluster = (b: ViewPair, h: ViewPair): boolean => b.base!.matchKeys[1] === h.head!.matchKeys[1];
  const matched = baseOnly.length === 1 && headOnly.length === 1
    ? sameCluster(baseOnly[0]!, headOnly[0]!) ? [[baseOnly[0]!, headOnly[0]!] as const] : []
    : closestPairs(baseOnly, headOnly, (b) => b.base!.file, (h) => h.head!.file, sameCluster);
  for (const [b, h] of matched) {
    h.base = b.base;
    pairs.delete(b.key);
  }
}

/**
 * Base items and head items paired by their paths where each is the other's closest, and the only
 * closest (see commonSuffixSegments), over and over as pairs leave the running. `minCommon`: the path
 * segments a pair must end with in common.
 */
function closestPairs<B, H>(
  bases: readonly B[],
  heads: readonly H[],
  baseFile: (b: B) => string,
  headFile: (h: H) => string,
  allowed: (b: B, h: H) => boolean = () => true,
  minCommon = 0,
): [B, H][] {
  const out: [B, H][] = [];
  const leftB = new Set(bases);
  const leftH = new Set(heads);
  // With a file name in common required, only paths of one name can pair: a directory of
  // thousands of files moved compares each with its namesake, not with every other.
  const byName = <Y,>(items: readonly Y[], fileOf: (y: Y) => string): Map<string, Y[]> | undefined =>
    minCommon < 1 ? undefined : groupBy(items, (y) => fileName(fileOf(y)));
  const [basesByName, headsByName] = [byName(bases, baseFile), byName(heads, headFile)];
  /** The one candidate closest to `from` (see commonSuffixSegments), or undefined when none or several are. */
  const closest = <Y,>(from: string, left: Set<Y>, named: Map<string, Y[]> | undefined, fileOf: (y: Y) => string, ok: (y: Y) => boolean): Y | undefined => {
    let best: Y[] = [];
    let bestCommon = -1;
    for (const c of named === undefined ? left : named.get(fileName(from)) ?? []) {
      if (!left.has(c) || !ok(c)) continue;
      const common = commonSuffixSegments(from, fileOf(c));
      if (common < minCommon) continue;
      if (common > bestCommon) [best, bestCommon] = [[c], common];
      else if (common === bestCommon) best.push(c);
    }
    if (best.length <= 1) return best[0];
    // Edits only break ties: they are the expensive part.
    let winners: Y[] = [];
    let fewest = Infinity;
    for (const c of best) {
      const edits = editDistance(from, fileOf(c));
      if (edits < fewest) [winners, fewest] = [[c], edits];
      else if (edits === fewest) winners.push(c);
    }
    return winners.length === 1 ? winners[0] : undefined;
  };
  for (let progress = true; progress && leftB.size > 0 && leftH.size > 0;) {
    progress = false;
    for (const b of [...leftB]) {
      const h = closest(baseFile(b), leftH, headsByName, headFile, (c) => allowed(b, c));
      if (h === undefined || closest(headFile(h), leftB, basesByName, baseFile, (c) => allowed(c, h)) !== b) continue;
      out.push([b, h]);
      leftB.delete(b);
      leftH.delete(h);
      progress = true;
    }
  }
  return out;
}

function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** How many trailing path segments two paths share: the first measure of how close they are (then the edits between them). */
function commonSuffixSegments(a: string, b: string): number {
  const [x, y] = [a.split('/'), b.split('/')];
  let common = 0;
  while (common < x.length && common < y.length && x[x.length - 1 - common] === y[y.length - 1 - common]) common++;
  return common;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = row;
  }
  return previous[b.length]!;
}

/**
 * A service only base has and one only head has that CloudFormation sees as one resource: the same
 * logical ID in the same file. They are paired (under head's key) when their keys differ only in
 * what does not make a new service here: the cluster of same-named services (one side may not be
 * able to name it; a uniquely named service's cluster never counts either), a CDK service's
 * construct path moved in the metadata alone, or a construct path one side has and the other does
 * not (path metadata off, or an assembly whose manifest that side could not read). A changed
 * ServiceName stays a removed and an added service: ECS replaces the service.
 */
function pairSameResource(pairs: ViewPair[]): ViewPair[] {
  const where = (v: ServiceView): string => `${v.file}#${v.entity.logicalId}`;
  const byPath = (v: ServiceView): boolean => v.entity.cdkPath !== undefined && v.matchKeys[0] === v.entity.cdkPath;
  // Named by its logical ID alone: a ServiceName that happens to equal the logical ID is a name (adding one replaces the service).
  const byLogicalId = (v: ServiceView): boolean =>
    v.entity.cdkPath === undefined && v.entity.serviceName === undefined && v.entity.openServiceName === undefined && v.matchKeys[0] === v.entity.logicalId;
  const onlyHead = groupBy(pairs.filter((p) => p.base === undefined), (p) => where(p.head!));
  if (onlyHead.size === 0) return pairs;
  const merged = new Set<ViewPair>();
  for (const [at, bases] of groupBy(pairs.filter((p) => p.head === undefined), (p) => where(p.base!))) {
    const heads = onlyHead.get(at);
    if (bases.length !== 1 || heads?.length !== 1) continue;
    const [b, h] = [bases[0]!.base!, heads[0]!.head!];
    if (b.matchKeys[0] !== h.matchKeys[0] && !(byPath(b) && byPath(h)) && !(byPath(b) && byLogicalId(h)) && !(byLogicalId(b) && byPath(h))) continue;
    heads[0]!.base = b;
    merged.add(bases[0]!);
  }
  return merged.size === 0 ? pairs : pairs.filter((p) => !merged.has(p));
}

/**
 * A side's findings with each service named as the comparison names it (its pair's key) instead of
 * as the side's scan did. The scan's key is unique on its side (see Service.key) but names files as
 * that side does, and qualifies a name only when that side has it twice: the pair's key is the same
 * on both sides, so a finding is compared, and listed, for exactly the service it concerns.
 */
function comparisonKeys(findings: readonly Finding[], pairs: readonly ViewPair[], side: 'base' | 'head'): readonly Finding[] {
  const keys = new Map<string, string>();
  for (const pair of pairs) {
    const view = pair[side];
    if (view !== undefined && view.findingKey !== pair.key) keys.set(view.findingKey, pair.key);
  }
  if (keys.size === 0) return findings;
  // Messages name services by their scan keys too, which hold each side's own path to its files
  // when qualified. Only those are rewritten: a plain key (`web`, `Service`) is ordinary text too.
  // Longest first, so a key that another contains is not replaced inside it.
  const inMessages = [...keys].filter(([scanKey]) => scanKey.includes(' (cluster ')).sort(([a], [b]) => b.length - a.length);
  const reword = (text: string): string => {
    for (const [scanKey, diffKey] of inMessages) if (text.includes(scanKey)) text = text.split(scanKey).join(diffKey);
    return text;
  };
  return findings.map((f) => {
    const key = f.service === undefined ? undefined : keys.get(f.service);
    return key === undefined && reword(f.message) === f.message ? f : forService(f, key ?? f.service, reword);
  });
}

export function comparePreparedSides(base: PreparedSide, head: PreparedSide): PostureDiff {
  const sharedIds = new Set([...base.sharedLogicalIds, ...head.sharedLogicalIds]);
  const viewPairs = matchViews(base, head);
  const moved = movedFiles(base, head, viewPairs);
  // Reasons name files (an import several templates export): base's in head's names where files moved.
  const inHeadNames = movedText(moved);
  const matchedViews = inHeadNames === undefined ? viewPairs : viewPairs.map((m) => (m.base === undefined ? m : { ...m, base: gapsRenamed(m.base, inHeadNames) }));
  const pairs = new Map(matchedViews.map((m) => [m.key, m]));
  // Renames of groups and roles as findings name them (logical ID or construct path), and as rules
  // name groups (labels, which a file qualifies when several files declare a group of a name).
  const { renamed: renamesByLabel, undecided: undecidedRenames } = renamesOf(base, head, matchedViews);
  const requalified = requalifiedGroups(base, head, moved);
  const nameOf = (side: PreparedSide, label: string): string => side.groupNames.get(label)?.name ?? label;
  // By name, and for a group by its file too: two files may declare a group of the name.
  const renames = new Map<string, string>();
  for (const [from, to] of renamesByLabel) {
    if (nameOf(base, from) !== nameOf(head, to)) renames.set(`${nameOf(base, from)}\0${base.groupNames.get(from)?.file ?? ''}`, nameOf(head, to));
  }
  // A service paired by its ServiceName whose logical ID changed (`Service:` renamed `WebService:`):
  // its findings (FW201 on the service resource) are its own still.
  for (const m of matchedViews) {
    if (m.base === undefined || m.head === undefined) continue;
    const [from, to] = [m.base.entity.cdkPath ?? m.base.entity.logicalId, m.head.entity.cdkPath ?? m.head.entity.logicalId];
    if (from !== to) renames.set(`${from}\0${m.base.file}`, to);
  }
  const ruleRenames = new Map([...requalified, ...renamesByLabel]);
  // Findings take the key the comparison names their service by (see comparisonKeys).
  const ownBaseFindings = comparisonKeys(base.findings, matchedViews, 'base');
  // Base's findings on a renamed group or role take head's name for matching, and are reported as base wrote them.
  const asWritten = new Map<Finding, Finding>();
  // Findings on groups renamed together that nothing tells apart (see Renames.undecided) take, on
  // both sides, one name per set, in their messages too: one of the same rule and wording on each
  // side is unchanged, whichever group became which, not new and resolved.
  const undecidedNames = undecidedGroupNames(base, head, undecidedRenames);
  const underUndecidedName = (side: PreparedSide, names: Map<string, string>) => (f: Finding): Finding => {
    const name = f.cdkPath ?? f.resource;
    const to = names.get(`${name}\0${belowRoot(side, f.file)}`);
    if (to === undefined) return f;
    const named = new RegExp(`(?<![\\w/-])${escapeRegExp(name)}(?![\\w/-])`, 'g');
    const renamed = forService(f, f.service, (text) => text.replace(named, to));
    if (f.cdkPath === undefined) renamed.resource = to;
    else renamed.cdkPath = to;
    asWritten.set(renamed, f);
    return renamed;
  };
  const ownRenamedBaseFindings = renames.size === 0 ? ownBaseFindings : ownBaseFindings.map((f) => {
    const name = f.cdkPath ?? f.resource;
    const to = renames.get(`${name}\0${belowRoot(base, f.file)}`) ?? renames.get(`${name}\0`);
    if (to === undefined) return f;
    const renamed: Finding = f.cdkPath === undefined ? { ...f, resource: to } : { ...f, cdkPath: to };
    asWritten.set(renamed, f);
    return renamed;
  });
  const baseFindings = undecidedNames.base.size === 0 ? ownRenamedBaseFindings : ownRenamedBaseFindings.map(underUndecidedName(base, undecidedNames.base));
  const written = (list: Finding[]): Finding[] => (asWritten.size === 0 ? list : list.map((f) => asWritten.get(f) ?? f));
  const ownHeadFindings = comparisonKeys(head.findings, matchedViews, 'head');
  const headFindings = undecidedNames.head.size === 0 ? ownHeadFindings : ownHeadFindings.map(underUndecidedName(head, undecidedNames.head));
  // Base's files by head's names where a service's file moved: the findings it holds moved with it.
  const baseFile = (f: Finding): string => {
    const file = belowRoot(base, f.file);
    return moved.get(file) ?? file;
  };
  const fileOf = { base: baseFile, head: (f: Finding) => belowRoot(head, f.file) };
  // A finding naming its service is told apart by the service's comparison key, which a service
  // whose file moved keeps (see pairMovedFile); only one tied to no service needs its file.
  const ambiguous = (f: Finding): boolean => f.service === undefined && f.cdkPath === undefined && sharedIds.has(f.resource);
  const paired = matchFindings(baseFindings, headFindings, base.names, head.names, fileOf, ambiguous);
  const silenced = newlySuppressed(paired.resolved, baseFindings, headFindings, (b, h) => pairFindings(b, h, base.names, head.names, fileOf, ambiguous));
  // A new finding base had at a lower severity says so (head's states are matched by identity below).
  const escalatedAs = new Map([...paired.escalated].map(([y, x]) => {
    // As forService copies: a spread would build the finding's lazy fix, a re-analysis.
    const copy = forService(asWritten.get(y) ?? y, y.service);
    copy.escalatedFrom = x.severity;
    return [y, copy] as const;
  }));
  const asEscalated = (f: Finding): Finding => escalatedAs.get(f) ?? f;
  const matched = { new: escalatedAs.size === 0 ? paired.new : paired.new.map(asEscalated), resolved: written(silenced.stillResolved), unchanged: paired.unchanged };
  // A file head could not read is not compared: what it defines on base is not removed, and its
  // findings are not resolved. (Head's findings in a file base could not read stay new: nothing
  // shows they were there before, and `--fail-on` must still see them.)
  // So is a finding about a service whose own file head could not read (FW203 on a group in a file
  // that parsed, about a service in one that did not): nothing shows it was fixed.
  // `service` is the comparison's key (see comparisonKeys); `services` are base's scan keys.
  const fileByScanKey = new Map(matchedViews.flatMap((m) => (m.base === undefined ? [] : [[m.base.findingKey, m.base.file] as const])));
  const serviceFiles = (f: Finding): (string | undefined)[] => [pairs.get(f.service ?? '\0')?.base?.file, ...(f.services ?? []).map((key) => fileByScanKey.get(key))];
  // Files one side could not read that the other read or did not have: what they define is not compared.
  const newlyUnreadable = (side: PreparedSide, other: PreparedSide): string[] => [...side.unreadable].filter((f) => !other.unreadable.has(f)).sort(compare);
  const unreadOn = { base: newlyUnreadable(base, head), head: newlyUnreadable(head, base) };
  // A base file head could not read, or one gone from head while head could not read a file of
  // another name (the template renamed and broken, or `--base a.yaml --head b.yaml`).
  // Which gone file the broken one is cannot be told (`b.yaml` deleted and `c.yaml` added broken
  // reads the same as `b.yaml` renamed and broken): each is not compared rather than claimed removed.
  const unreadOnHead = (file: string): boolean => head.unreadable.has(file) || (unreadOn.head.length > 0 && !head.read.has(file));
  const notReadOnHead = (f: Finding): boolean => unreadOnHead(belowRoot(base, f.file)) || serviceFiles(f).some((file) => file !== undefined && unreadOnHead(file));
  const gone = matched.resolved.filter((f) => !notReadOnHead(f));
  const undecided = new Set(gone.filter((f) => undecidedOnHead(f, base, head, pairs)));
  const findings = {
    new: written(matched.new),
    resolved: gone.filter((f) => !undecided.has(f)),
    unchanged: written(matched.unchanged),
    undecided: [...undecided],
    suppressed: written(silenced.suppressed),
  };
  // Parallel to head's findings as its scan reported them: comparisonKeys keeps their order.
  const isNew = new Set([...matched.new, ...silenced.suppressed.filter((f) => !silenced.silenced.has(f))]);
  const headFindingStates = headFindings.map(asEscalated).map((f): HeadFindingState => (isNew.has(f) ? 'new' : silenced.silenced.has(f) ? 'updated' : 'unchanged'));
  const byService = {
    new: groupByService(findings.new),
    resolved: groupByService(findings.resolved),
    undecided: groupByService(findings.undecided),
    suppressed: groupByService(findings.suppressed),
  };
  const shared = {
    statementCoverage: { added: new Map<string, boolean>(), removed: new Map<string, boolean>() },
    renames: ruleRenames,
    undecidedRenames,
    sharedFindings: {
      new: bySharedService(findings.new),
      resolved: bySharedService(findings.resolved),
      undecided: bySharedService(findings.undecided),
      suppressed: bySharedService(findings.suppressed),
    },
    unreadElsewhere: head.unreadable.size === 0 ? undefined : (file: string) => (head.unreadable.has(belowRoot(base, file)) ? belowRoot(base, file) : undefined),
    taskDefinitionUndecided: head.undecided.size === 0 ? undefined : (view: ServiceView) => taskDefinitionUndecided(base, head, view),
    cidrRules: { base: base.cidrRules, head: head.cidrRules },
    // A standalone rule one side has attached and the other cannot attach (its GroupId became an import).
    detachedElsewhere: base.detachedRules.size + head.detachedRules.size === 0 ? undefined : (r: SecurityGroupRuleChange, on: 'base' | 'head'): boolean =>
      r.standalone !== undefined && (on === 'head' ? head : base).detachedRules.has(`${belowRoot(on === 'head' ? base : head, r.file)}\0${r.standalone}`),
  };
  const services = matchedViews.map((m) => {
    const lone = m.head ?? m.base;
    const [other, otherName] = m.head === undefined ? [head, 'head' as const] : [base, 'base' as const];
    // Only base's services get unreadOnHead's benefit of a file of another name: a service only
    // head has stays new, as it may be.
    const renamedUnread = m.head === undefined && lone !== undefined && !head.unreadable.has(lone.file) && unreadOnHead(lone.file);
    if ((m.base === undefined || m.head === undefined) && lone !== undefined && (other.unreadable.has(lone.file) || renamedUnread)) {
      // Compared with itself: nothing changes, and the reason says why it was not compared.
      const s = diffService(m.key, lone, lone, { new: new Map(), resolved: new Map(), undecided: new Map(), suppressed: new Map() }, shared);
      s.status = 'changed';
      const why = renamedUnread ? `${lone.file} is not on head, and head could not read ${listed(unreadOn.head)}` : `${lone.file} could not be read on ${otherName}`;
      s.reasons = [{ service: m.key, effect: 'neutral', text: `was not compared: ${why}` }];
      s.notCompared = why;
      s.verdict = verdictOf(s.reasons);
      return s;
    }
    return diffService(m.key, m.base, m.head, byService, shared);
  });
  const reasons = services.flatMap((s) => s.reasons);
  // A file one side could not read may define anything: no change found elsewhere is not `none`.
  const incomplete = (['base', 'head'] as const).filter((side) => unreadOn[side].length > 0).map((side) => `${side} could not read ${listed(unreadOn[side])}`);
  const incompleteOnly = incomplete.length > 0 && verdictOf(reasons) === 'none' ? incomplete.join('; ') : undefined;
  const errors: PostureDiff['errors'] = [
    ...base.errors.map((e) => ({ side: 'base' as const, file: e.file, line: e.line, message: e.message })),
    ...head.errors.map((e) => ({ side: 'head' as const, file: e.file, line: e.line, message: e.message })),
  ];
  // As with findings: base's values in a file head could not read are not gone.
  // A service's file that moved (see pairMovedFile) holds the same values under its new name.
  // Keys of one side in the other's names: files moved (see movedFiles), and logical IDs renamed
  // (services paired by ServiceName, groups and roles by what they are attached to) in the
  // `<file>\0<logical ID>\0…` form of resourceKeys.
  const renaming = (files: ReadonlyMap<string, string>, ids: ReadonlyMap<string, string>) => {
    // The last part is why the value is undecided, which may name files too.
    const why = movedText(files) ?? ((text: string) => text);
    return (key: string): string => {
      const parts = key.split('\0');
      if (parts.length >= 2) parts[parts.length - 1] = why(parts[parts.length - 1]!);
      if (parts[0] === 'cdk' || parts[0] === 'id' || parts.length < 2) {
        const to = files.get(parts[0]!);
        return to === undefined ? parts.join('\0') : [to, ...parts.slice(1)].join('\0');
      }
      const [file, id] = [parts[0]!, parts[1]!];
      const renamedId = ids.get(`${id}\0${file}`) ?? ids.get(`${id}\0`);
      return [files.get(file) ?? file, renamedId ?? id, ...parts.slice(2)].join('\0');
    };
  };
  const headIds = new Map([...renames].map(([from, to]) => {
    const [id, file] = from.split('\0') as [string, string];
    return [`${to}\0${file === '' ? '' : moved.get(file) ?? file}`, id] as const;
  }));
  const unresolved = {
    added: newlyUnresolved(head, base, () => true, moved.size + renames.size === 0 ? undefined : renaming(moved, renames)),
    removed: newlyUnresolved(base, head, (u) => !head.unreadable.has(belowRoot(base, u.file)), moved.size + renames.size === 0 ? undefined : renaming(new Map([...moved].map(([b, h]) => [h, b])), headIds)),
  };
  return {
    services,
    findings,
    headFindingStates,
    unresolved,
    verdict: incompleteOnly === undefined ? verdictOf(reasons) : 'mixed',
    reasons: [...orderReasons(reasons).map((r) => `${r.service} ${r.text}`), ...(incompleteOnly === undefined ? [] : [`the comparison is incomplete: ${incompleteOnly}`])],
    ...(incompleteOnly === undefined ? {} : { incomplete: incompleteOnly }),
    errors,
  };
}

/**
 * Text with the files `moved` names (below each side's root) written as the other side names them,
 * where a reason lists them (`exported by several scanned templates (net/a.yaml, net/b.yaml)`);
 * undefined when no file moved.
 */
function movedText(moved: ReadonlyMap<string, string>): ((text: string) => string) | undefined {
  if (moved.size === 0) return undefined;
  const escaped = [...moved.keys()].sort((a, b) => b.length - a.length).map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(^|[\\s(,])(${escaped.join('|')})(?=[\\s),]|$)`, 'g');
  return (text) => filesSorted(text.replace(pattern, (_, before: string, file: string) => `${before}${moved.get(file) ?? file}`));
}

/**
 * The files a reason lists (`exported by several scanned templates (a.yaml, b.yaml)`, in the order
 * they were read) sorted, so a file that moved past another in that order lists the same files.
 */
function filesSorted(text: string): string {
  if (!text.includes(SEVERAL_EXPORTERS)) return text;
  return text.replace(/(exported by several scanned templates \()([^()]*)\)/g, (_, head: string, list: string) => `${head}${list.split(', ').sort(compare).join(', ')})`);
}

const SEVERAL_EXPORTERS = 'exported by several scanned templates (';

/** A base view whose permission gaps name files as head does (see movedText); what it shows stays as base wrote it. */
function gapsRenamed(view: ServiceView, rename: (text: string) => string): ServiceView {
  if (view.permissionGaps.length === 0) return view;
  const texts = new Map([...view.permissionGapTexts].map(([key, text]) => [rename(key), text]));
  return { ...view, permissionGaps: view.permissionGaps.map(rename).sort(compare), permissionGapTexts: texts };
}

/** `a.yaml`, `a.yaml, b.yaml`, `a.yaml, b.yaml and 3 more files`. */
function listed(files: readonly string[]): string {
  return files.length <= 2 ? files.join(', ') : `${files.slice(0, 2).join(', ')} and ${files.length - 2} more files`;
}

/**
 * One text per service that is equal on both sides exactly when comparing the two views can find
 * nothing: the keys the comparison matches permissions, rules (the service's own, those naming its
 * groups, and those of the groups of the endpoints it uses) and endpoint-policy statements by, its
 * needs as the comparison reads them, exposure and network path. Positions are left out, since an
 * edit above a service moves every line below it without changing it: for a service that compares
 * equal, the comparison reports head's positions only. Lets two processes or threads that each
 * analysed one side exchange a fingerprint per service and the full view of changed ones only.
 */
export function viewFingerprints(side: PreparedSide): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, view] of side.views) {
    const endpoints = [...view.endpoints].sort(compare);
    const endpointSet = new Set(endpoints);
    const needs = [...view.needs].map(([k, n]) => [k, n.kind, n.covered, n.via ?? null]);
    out.set(
      key,
      JSON.stringify([
        view.findingKey,
        view.matchKeys,
        [...view.permissions.keys()].sort(compare),
        // The Denies that may take grants away: a change to one alone is a change (see denyLimitEffect).
        [...view.permissions].flatMap(([key, p]) => (p.limitedBy === undefined ? [] : [[key, p.limitedBy] as const])).sort((a, b) => compare(a[0], b[0])),
        view.permissionGaps,
        view.ecsExec,
        [...endpointRulesOf(view, endpointSet, view.rules).keys()].sort(compare),
        [...endpointStatementsOf(view, endpointSet).keys()].sort(compare),
        needs,
        view.taskDefinitionKeys,
        view.exposure,
        view.network,
        endpoints,
      ]),
    );
  }
  return out;
}

/**
 * Base as the comparison needs it, from a base prepared elsewhere: `changed` holds the views of the
 * services whose fingerprints differ from head's (or that head does not have); every other service
 * of base compares equal to head's view of it (see viewFingerprints), so head's view stands in.
 */
export function baseFromFingerprints(
  head: PreparedSide,
  base: Omit<PreparedSide, 'views'> & { keys: readonly string[]; changed: Map<string, ServiceView> },
): PreparedSide {
  const { keys, changed, ...rest } = base;
  const views = new Map<string, ServiceView>();
  for (const key of keys) {
    const view = changed.get(key) ?? head.views.get(key);
    if (view === undefined) throw new Error(`base service ${key} has neither its own view nor head's`);
    views.set(key, view);
  }
  return { ...rest, views };
}

export interface ServiceView {
  /** The service's key as its side's findings name it (`Finding.service`, see Service.key). */
  findingKey: string;
  /**
   * Keys that tell it apart from services of the same name, from the plain key to the most
   * specific: with its cluster, then with its cluster and file (below the side's root), then with
   * its logical ID too. The sides are matched on the least specific one unique on both (see matchViews).
   */
  matchKeys: ServiceKeyTiers;
  /** Its file below the side's root: how findings and unreadable files are matched to it. */
  file: string;
  entity: Pick<Service, 'logicalId' | 'file' | 'source' | 'cdkPath' | 'cdkSource' | 'serviceName' | 'openServiceName'>;
  permissions: Map<string, PermissionChange>;
  /**
   * What the files leave undecided about the service's roles (a role outside them, a customer
   * managed policy, a boundary or a conditional Deny not applied), positions and counts left out,
   * sorted, each as often as it occurs (a second unresolved grant like the first is a change): a
   * change here changes what the permission lists above can say.
   */
  permissionGaps: string[];
  /** Each gap (see permissionGaps) as a reason shows it: with its counts, without positions. */
  permissionGapTexts: Map<string, string>;
  /** Role slots whose role the files do not hold (an import, an ARN, unresolved): what it grants is not known. */
  rolesOutside: ('task' | 'execution')[];
  rules: Map<string, SecurityGroupRuleChange>;
  exposure: Exposure;
  /** Whether ECS Exec (a shell into running tasks) is enabled. */
  ecsExec: boolean | 'unknown';
  /** Its groups and subnets, for telling whether a CIDR rule already admitted its tasks (see ruleCovered). */
  addresses: ServiceAddresses;
  network: NetworkPath;
  needs: Map<string, Need>;
  /**
   * Keys of its task definition as PreparedSide.undecided names resources (see resourceKeys):
   * images, log drivers and secrets there decide its needs, so a value head no longer decides
   * there leaves them, and the findings about them, undecided.
   */
  taskDefinitionKeys: string[];
  /** Labels of the VPC endpoints the service uses on this side (see usedEndpoints). */
  endpoints: Set<string>;
  index: EndpointLookups;
}

/** What the endpoint-side comparison looks up once the posture is gone. */
export interface EndpointLookups {
  names: StableNames;
  labels: Map<string, string>;
  /** See DiffSide.root. */
  root: string | undefined;
  groups: Map<string, SecurityGroup>;
  /** VPC endpoints by label. */
  endpoints: Map<string, VpcEndpoint>;
  /** Filled on first use: what each endpoint contributes, shared by the services that use it. */
  rulesByEndpoint?: Map<string, [string, SecurityGroupRuleChange][]>;
  statementsByEndpoint?: Map<string, [string, EndpointPolicyChange][]>;
}

/** Look-ups built once per side: services are many, and each looks at roles, groups and labels. */
interface SideIndex extends EndpointLookups {
  posture: Posture;
  roles: Map<string, Role>;
  /** Group id → rules of other groups whose peer is that group. */
  referencing: Map<string, { group: SecurityGroup; rule: SecurityGroupRule }[]>;
  /** VPC endpoints by logical ID (as needs name them in `via`); several files may share one. */
  endpointsByLogicalId: Map<string, VpcEndpoint[]>;
  /** Each endpoint's label: unique on the side (see indexSide). */
  endpointLabels: Map<VpcEndpoint, string>;
  /** Subnet id → its CIDR, when the files fix it. */
  subnetCidrs: Map<string, string>;
  /** Condition JSON → its comparison form (see conditionKey); many grants share one statement's. */
  conditionKeys: Map<string, string>;
  /** File → Resource as written → its comparison form (see resourceKey); many grants share one. */
  resourceKeys: Map<string, Map<string, string>>;
  /** File → logical ID → type, of the resources whose ARN has another spelling (see canonicalResource). */
  arnTypes: Map<string, Map<string, string>>;
  /** File → the account and region its stack is pinned to, for the stacks that are. */
  environments: Map<string, StackEnvironment>;
  taskDefinitions: Map<string, TaskDefinition>;
  loadBalancers: Map<string, LoadBalancer>;
}

function indexSide(posture: Posture, names: StableNames, root: string | undefined, groupLabels: Map<string, string>): SideIndex {
  const { infra } = posture;
  const labels = new Map<string, string>();
  for (const list of [infra.resources, infra.loadBalancers, infra.services]) {
    for (const e of list) labels.set(e.id, entityLabel(e));
  }
  for (const [id, label] of groupLabels) labels.set(id, label);
  const referencing: SideIndex['referencing'] = new Map();
  for (const group of infra.securityGroups) {
    for (const rule of group.rules) {
      if (rule.peer.kind !== 'sg' || rule.peer.group.kind !== 'resource') continue;
      const list = referencing.get(rule.peer.group.id);
      if (list === undefined) referencing.set(rule.peer.group.id, [{ group, rule }]);
      else list.push({ group, rule });
    }
  }
  const endpointsByLogicalId = new Map<string, VpcEndpoint[]>();
  for (const e of infra.vpcEndpoints) endpointsByLogicalId.set(e.logicalId, [...(endpointsByLogicalId.get(e.logicalId) ?? []), e]);
  // Stacks for two environments often declare the same endpoints under the same logical IDs: such
  // a label names its file too (below the tree's root, so both sides name it alike).
  const labelCount = new Map<string, number>();
  for (const e of infra.vpcEndpoints) labelCount.set(entityLabel(e), (labelCount.get(entityLabel(e)) ?? 0) + 1);
  const endpointLabels = new Map<VpcEndpoint, string>();
  for (const e of infra.vpcEndpoints) {
    const label = entityLabel(e);
    endpointLabels.set(e, labelCount.get(label)! > 1 ? `${label} (${belowRootOf(root, e.file)})` : label);
  }
  const arnTypes = new Map<string, Map<string, string>>();
  for (const r of infra.resources) {
    if (!hasArnForm(r.type)) continue;
    let types = arnTypes.get(r.file);
    if (types === undefined) arnTypes.set(r.file, (types = new Map()));
    types.set(r.logicalId, r.type);
  }
  return {
    posture,
    root,
    names,
    labels,
    roles: new Map(infra.roles.map((r) => [r.id, r])),
    loadBalancers: new Map(infra.loadBalancers.map((lb) => [lb.id, lb])),
    groups: new Map(infra.securityGroups.map((g) => [g.id, g])),
    referencing,
    endpoints: new Map(infra.vpcEndpoints.map((e) => [endpointLabels.get(e)!, e])),
    endpointLabels,
    endpointsByLogicalId,
    conditionKeys: new Map(),
    resourceKeys: new Map(),
    arnTypes,
    environments: new Map(infra.stacks.flatMap((s) => (s.environment !== undefined ? [[s.file, s.environment] as const] : []))),
    taskDefinitions: new Map(infra.taskDefinitions.map((td) => [td.id, td])),
    subnetCidrs: new Map(infra.subnets.flatMap((s) => (s.cidr.known ? [[s.id, s.cidr.value] as const] : []))),
  };
}

function servicesByKey(
  side: DiffSide,
  names: StableNames,
  groupLabels: Map<string, string>,
  unique: KeyUniqueness,
  entities: Map<string, Service>,
  keys: Map<string, QualifiedKey>,
): Map<string, ServiceView> {
  const { posture } = side;
  const index = indexSide(posture, names, side.root, groupLabels);
  const endpointLookups: EndpointLookups = { names, labels: index.labels, root: index.root, groups: index.groups, endpoints: index.endpoints };
  const views = new Map<string, ServiceView>();
  const taskDefinitions = new Map(posture.infra.taskDefinitions.map((td) => [td.id, td]));
  for (const service of posture.services) {
    const entity = entities.get(service.serviceId);
    const key = keys.get(service.serviceId);
    if (entity === undefined || key === undefined || views.has(key.key)) continue;
    const td = entity.taskDefinition.kind === 'resource' ? taskDefinitions.get(entity.taskDefinition.id) : undefined;
    views.set(key.key, {
      findingKey: entity.key,
      matchKeys: key.tiers,
      file: belowRootOf(side.root, entity.file),
      entity: {
        logicalId: entity.logicalId, file: entity.file, source: entity.source, cdkPath: entity.cdkPath, cdkSource: entity.cdkSource,
        ...(entity.serviceName === undefined ? {} : { serviceName: entity.serviceName }),
        ...(entity.openServiceName === undefined ? {} : { openServiceName: entity.openServiceName }),
      },
      permissions: permissionsOf(index, service),
      ...permissionGapsOf(index, service, entity),
      rules: securityGroupRulesOf(index, service),
      exposure: exposureOf(service),
      ecsExec: entity.enableExecuteCommand.known ? entity.enableExecuteCommand.value : 'unknown',
      addresses: addressesOf(index, service),
      network: networkOf(index, service),
      needs: new Map(service.needs.map((n) => [`${n.service}|${n.reason}`, n])),
      taskDefinitionKeys: td === undefined ? [] : resourceKeys(side.root, td.file, td.logicalId, td.cdkPath, unique),
      endpoints: usedEndpoints(index, service, entity.file),
      index: endpointLookups,
    });
  }
  return views;
}

/**
 * The key each service is compared by: its stable key (a ServiceName left open as written, see
 * Service.openServiceName), unless several services of the side share
 * it (see qualifiedServiceKeys, here with files named below the side's root, so both sides name
 * them alike). Every service also gets all four forms, for matching against a side where the name
 * is shared (see matchViews).
 */
function diffKeys(posture: Posture, services: Map<string, Service>, root: string | undefined): Map<string, QualifiedKey> {
  const listed = posture.services.flatMap((sp) => {
    const entity = services.get(sp.serviceId);
    // A ServiceName left open matches by its expression: the same on both sides is the same service, its resource renamed or not.
    return entity === undefined ? [] : [entity.openServiceName === undefined ? entity : { ...entity, stableKey: entity.openServiceName }];
  });
  return qualifiedServiceKeys(listed, posture.infra, (file) => belowRootOf(root, file));
}

/** What a user recognises an entity by, and what stays the same when CDK re-hashes its logical ID. */
export function entityLabel(entity: Pick<Entity, 'cdkPath' | 'logicalId'>): string {
  return entity.cdkPath ?? entity.logicalId;
}

/**
 * The service's roles that the files name, by slot: permissions are compared per slot, not per role
 * name. A task role an undecided `Fn::If` names under one outcome is a slot under that outcome.
 */
function roleSlots(service: ServicePosture): [string, 'task' | 'execution', StackOutcome?][] {
  const out: [string, 'task' | 'execution', StackOutcome?][] = [];
  if (service.taskRoleId !== undefined) out.push([service.taskRoleId, 'task']);
  for (const { roleId, when } of service.taskRoleChoices ?? []) out.push([roleId, 'task', when]);
  if (service.executionRoleId !== undefined) out.push([service.executionRoleId, 'execution']);
  return out;
}

function permissionsOf(index: SideIndex, service: ServicePosture): Map<string, PermissionChange> {
  const { posture, names, roles: roleById, conditionKeys } = index;
  const out = new Map<string, PermissionChange>();
  const stableCondition = (condition: string | undefined, file: string): string => {
    if (condition === undefined) return '';
    const stable = names.stabilize(condition, file);
    const key = conditionKeys.get(stable) ?? conditionKey(stable);
    conditionKeys.set(stable, key);
    return key;
  };
  const grantKey = (roleKind: string, grant: Grant, condition: string | undefined): string =>
    `${roleKind}\0${grant.action.toLowerCase()}\0${resourceKey(index, grant.resource, grant.source.file)}\0${stableCondition(condition, grant.source.file)}`;
  // What the task role of each outcome grants alike is granted either way: as written, not twice
  // under opposite outcomes.
  const choices = roleSlots(service).filter(([, , when]) => when !== undefined);
  const outcomes = new Set(choices.map(([, , when]) => String(when?.value)));
  const grantKeysOf = ([roleId, roleKind]: (typeof choices)[number]): string[] => (posture.permissions.get(roleId)?.grants ?? []).map((g) => grantKey(roleKind, g, g.condition));
  const either = new Set(outcomes.size < 2 ? [] : splitByOutcome(choices.map(grantKeysOf), (k) => k).inEvery);
  for (const [roleId, roleKind, when] of roleSlots(service)) {
    const perms = posture.permissions.get(roleId);
    const role = roleById.get(roleId);
    if (perms === undefined || role === undefined) continue;
    for (const grant of perms.grants) {
      let condition = grant.condition;
      if (when !== undefined && !either.has(grantKey(roleKind, grant, condition))) {
        condition = withStackCondition(condition, when);
        if (condition === undefined) continue;
      }
      const key = grantKey(roleKind, grant, condition);
      if (out.has(key)) continue;
      const change: PermissionChange = {
        role: entityLabel(role),
        roleKind,
        action: grant.action,
        resource: grant.resource,
        accessLevel: grant.accessLevel,
        pattern: grant.pattern,
        file: grant.source.file,
        line: grant.source.line,
      };
      if (condition !== undefined) change.condition = condition;
      if (grant.limitedBy !== undefined) change.limitedBy = limitsOf(index, grant.limitedBy, grant.source.file);
      out.set(key, change);
    }
  }
  return out;
}

/** Grant.limitedBy as the comparison reads it: each Deny's scope by stable names, with its Condition's key (`''` for none). */
function limitsOf(index: SideIndex, limits: readonly string[], file: string): [string, string][] {
  const out: [string, string][] = [];
  for (const limit of limits) {
    const cut = limit.indexOf('\u0000');
    const condition = limit.slice(cut + 1);
    let key = '';
    if (condition !== '') {
      const stable = index.names.stabilize(condition, file);
      key = index.conditionKeys.get(stable) ?? conditionKey(stable);
      index.conditionKeys.set(stable, key);
    }
    out.push([index.names.stabilize(limit.slice(0, cut), file), key]);
  }
  return out.sort((a, b) => compare(a[0], b[0]) || compare(a[1], b[1]));
}

/**
 * How the Denies that may take away a grant both sides have changed: `freed` when a Deny that
 * limited it on base has no counterpart on head that applies whenever it did (it is gone, or its
 * Condition applies in fewer cases: `StringNotEquals aws:SourceVpce` with one more endpoint
 * excepted), `tightened` the reverse (a Deny limits it newly, or in more cases). Denies are known
 * by their Resource scope and Condition, not their actions (this grant's action is theirs), so one
 * Deny extended to another action is still itself.
 */
function denyLimitEffect(base: ServiceView | undefined, head: ServiceView | undefined): { freed: number; tightened: number } {
  const out = { freed: 0, tightened: 0 };
  if (base === undefined || head === undefined) return out;
  const covers = (limit: [string, string], others: readonly [string, string][]): boolean =>
    others.some(([scope, condition]) => scope === limit[0] && conditionImplies(limit[1], condition));
  for (const [key, was] of base.permissions) {
    const now = head.permissions.get(key);
    if (now === undefined || (was.limitedBy === undefined && now.limitedBy === undefined)) continue;
    const before = was.limitedBy ?? [];
    const after = now.limitedBy ?? [];
    if (before.some((limit) => !covers(limit, after))) out.freed++;
    if (after.some((limit) => !covers(limit, before))) out.tightened++;
  }
  return out;
}

/**
 * A grant's Resource as the comparison reads it, worked out once per file and spelling (every
 * service of a shared role repeats its grants): placeholders that stand for an ARN spelled as that
 * ARN, so `${Table.Arn}` and the `Fn::Sub` that writes the table's ARN out are one grant and
 * `…:table/*` covers both (see canonicalResource); then logical IDs by construct path, so a CDK
 * hash change is no change. The ARN spelling comes first: it needs the logical ID's type, which a
 * construct path no longer names, and it keeps `${Table}` a logical ID for StableNames to replace.
 */
function resourceKey(index: SideIndex, resource: string, file: string): string {
  let keys = index.resourceKeys.get(file);
  if (keys === undefined) index.resourceKeys.set(file, (keys = new Map()));
  let key = keys.get(resource);
  if (key === undefined) {
    const types = index.arnTypes.get(file);
    const spelled = types === undefined && !index.environments.has(file)
      ? resource
      : canonicalResource(resource, (id) => types?.get(id), index.environments.get(file));
    key = notResourceKey(index.names.stabilize(spelled, file).replace(PARTITION, 'aws'));
    keys.set(resource, key);
  }
  return key;
}

/**
 * `arn:${AWS::Partition}:s3:::x` is `arn:aws:s3:::x` wherever the template is deployed in the
 * commercial partition, and cfn-lint asks for the first spelling: compared as one.
 */
const PARTITION = /\$\{AWS::Partition\}/g;

/** A NotResource list compares in any order: `NOT b, a` excludes what `NOT a, b` does. */
function notResourceKey(resource: string): string {
  const excluded = notResourceList(resource);
  return excluded === undefined || excluded.length < 2 ? resource : NOT_PREFIX + [...new Set(excluded)].sort(compare).join(', ');
}

/**
 * A Condition as IAM reads it, for comparison: keys in order, condition-key names in lower case
 * (IAM ignores their case), each value list sorted and deduplicated, one value the same as a list of
 * one, numbers and booleans as the strings IAM compares. Text that is not JSON stays as it is.
 */
export function conditionKey(condition: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(condition);
  } catch {
    return condition;
  }
  if (!isPlainObject(parsed)) return condition;
  const operators: [string, unknown][] = [];
  for (const operator of Object.keys(parsed).sort(compare)) {
    const block = parsed[operator];
    if (!isPlainObject(block)) {
      operators.push([operator, block]);
      continue;
    }
    // Two names that differ only in case are two clauses (ANDed), kept both: a map by the
    // lower-case name would keep only the last.
    const keys: [string, string | string[]][] = [];
    for (const [name, value] of Object.entries(block)) {
      const values = (Array.isArray(value) ? value : [value]).map((v) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v)));
      const sorted = [...new Set(values)].sort(compare);
      keys.push([name.toLowerCase(), sorted.length === 1 ? sorted[0]! : sorted]);
    }
    operators.push([operator, keys.sort((a, b) => compare(a[0], b[0]) || compare(JSON.stringify(a[1]), JSON.stringify(b[1])))]);
  }
  return JSON.stringify(operators);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What the files leave undecided about the service's task and execution roles (see ServiceView.permissionGaps). */
function permissionGapsOf(
  { posture, root, roles: roleById, taskDefinitions }: SideIndex,
  service: ServicePosture,
  entity: Service,
): Pick<ServiceView, 'permissionGaps' | 'permissionGapTexts' | 'rolesOutside'> {
  const out: string[] = [];
  const rolesOutside = new Set<'task' | 'execution'>();
  const td = entity.taskDefinition.kind === 'resource' ? taskDefinitions.get(entity.taskDefinition.id) : undefined;
  if (entity.taskDefinition.kind !== 'resource') for (const kind of ['task', 'execution'] as const) rolesOutside.add(kind);
  if (entity.taskDefinition.kind === 'unknown') out.push(`its task definition cannot be resolved (${entity.taskDefinition.reason})`);
  else if (entity.taskDefinition.kind === 'external') out.push(`its task definition ${entity.taskDefinition.value} is not in the scanned files`);
  for (const [ref, roleKind] of [[td?.taskRole, 'task'], [td?.executionRole, 'execution']] as const) {
    // A task role an undecided Fn::If chooses is each outcome's role (compared above), not unknown.
    if (ref?.kind === 'unknown' && !(roleKind === 'task' && td?.taskRoleChoices !== undefined)) {
      out.push(`its ${roleKind} role cannot be resolved (${ref.reason})`);
      rolesOutside.add(roleKind);
    }
  }
  for (const { role, when } of td?.taskRoleChoices ?? []) {
    if (role.kind !== 'unknown') continue;
    out.push(`its task role ${describeOutcomes([when])} cannot be resolved (${role.reason})`);
    rolesOutside.add('task');
  }
  for (const [roleId, roleKind, when] of roleSlots(service)) {
    const perms = posture.permissions.get(roleId);
    if (perms === undefined || !roleById.has(roleId)) {
      out.push(`its ${roleKind} role ${roleId}${when === undefined ? '' : ` (${describeOutcomes([when])})`} is not in the scanned files`);
      rolesOutside.add(roleKind);
      continue;
    }
    for (const note of perms.unknown) out.push(`${roleKind} role: ${gapText(note)}`);
  }
  const texts = new Map<string, string>();
  const keys = out.map((gap) => {
    const text = belowRootText(root, gap);
    const key = gapKey(text);
    if (!texts.has(key)) texts.set(key, text);
    return key;
  });
  return { permissionGaps: keys.sort(compare), permissionGapTexts: texts, rolesOutside: [...rolesOutside].sort() };
}

/** Items of `a` left after taking out each item of `b` once. */
function multisetMinus(a: readonly string[], b: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const x of b) counts.set(x, (counts.get(x) ?? 0) + 1);
  return a.filter((x) => {
    const n = counts.get(x) ?? 0;
    if (n === 0) return true;
    counts.set(x, n - 1);
    return false;
  });
}

/**
 * Text with every file path below `root` written as the path below it: reasons name files
 * (`exported by several scanned templates (base/a.yaml, base/b.yaml)`), and two trees name the same
 * file differently.
 */
function belowRootText(root: string | undefined, text: string): string {
  const prefix = rootPrefix(root);
  if (prefix === undefined || !text.includes(prefix)) return text;
  let pattern = rootPatterns.get(prefix);
  if (pattern === undefined) rootPatterns.set(prefix, (pattern = new RegExp(`(^|[\\s(,])${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'g')));
  return text.replace(pattern, '$1');
}

const rootPatterns = new Map<string, RegExp>();

/** A note as a gap is shown: `(file:line)` mentions and examples dropped, so an edit above the role does not read as a new gap. */
function gapText(note: string): string {
  return note.replace(/ ?\([^()\s]+:\d+\)/g, '').replace(/ ?\(e\.g\. [^)]*\)/g, '');
}

/** A gap as it is compared: counts dropped too, so an edit that changes how many grants a Deny touches is not a new gap. */
function gapKey(text: string): string {
  // `1 grant it may remove is kept` and `3 grants it may remove are kept` are one gap.
  return filesSorted(text).replace(/(?<![\w:/.-])\d+(?![\w:/.-])( \w+?)s?\b/g, 'N$1').replace(/(?<![\w:/.-])\d+(?![\w:/.-])/g, 'N').replace(/\b(?:is|are) kept\b/g, 'kept');
}

/** Permission lists indexed by role slot and action: what a grant of the other side may be covered by. */
type GrantIndex = Map<string, { resource: string; condition: string }[]>;

function grantIndex(permissions: Map<string, PermissionChange>): GrantIndex {
  const out: GrantIndex = new Map();
  for (const key of permissions.keys()) {
    const [roleKind, action, resource, condition] = key.split('\0') as [string, string, string, string];
    const slot = `${roleKind}\0${action}`;
    const list = out.get(slot);
    if (list === undefined) out.set(slot, [{ resource, condition }]);
    else list.push({ resource, condition });
  }
  return out;
}

/**
 * Whether the other side already allows what the grant keyed `key` allows: the same action in the
 * same role slot, on a Resource pattern that contains this one, with no Condition or one this
 * grant's Condition implies (see conditionImplies). Scoping `*` down to a table, adding a
 * Condition or dropping a region from one lists the new grant as added, but it is not a gain:
 * everything it allows was allowed before.
 */
function coveredBy(key: string, other: GrantIndex): boolean {
  const [roleKind, action, resource, condition] = key.split('\0') as [string, string, string, string];
  for (const wide of other.get(`${roleKind}\0${action}`) ?? []) {
    if (!conditionImplies(condition, wide.condition)) continue;
    if (patternCovers(wide.resource, resource) || exclusionCovers(wide.resource, resource)) return true;
  }
  return false;
}

/**
 * Whether "every resource except W" allows what `resource` allows: another NotResource list that
 * excludes at least W, or a resource written without wildcards that no pattern of W matches.
 */
function exclusionCovers(wide: string, resource: string): boolean {
  const excluded = notResourceList(wide);
  if (excluded === undefined) return false;
  const narrowExcluded = notResourceList(resource);
  if (narrowExcluded !== undefined) return excluded.every((w) => narrowExcluded.includes(w));
  // Only an ARN written out in full is surely outside every excluded pattern, and only patterns
  // written out in full (no `${…}` the files do not fix) surely leave it out.
  if (resource.includes('*') || resource.includes('?') || resource.includes('${')) return false;
  return !excluded.some((w) => w.includes('${') || resourceMatches(w, resource));
}

/** Added grants the other side did not already cover, and removed ones the new side does not. */
function permissionEffect(
  base: ServiceView | undefined,
  head: ServiceView | undefined,
  /** Base's grants left out of the count (see diffService: files head could not read). */
  skipRemoved: (p: PermissionChange) => boolean = () => false,
): { gained: number; lost: number; executionGained: number; executionLost: number; coveredGrants: Set<PermissionChange> } {
  const out = { gained: 0, lost: 0, executionGained: 0, executionLost: 0, coveredGrants: new Set<PermissionChange>() };
  if (base === undefined || head === undefined) return out;
  let baseIndex: GrantIndex | undefined;
  let headIndex: GrantIndex | undefined;
  // Keys start with the role slot (see permissionsOf): the execution role's grants are the agent's, not the code's.
  const execution = (key: string): boolean => key.startsWith('execution\0');
  for (const [key, p] of head.permissions) {
    if (base.permissions.has(key)) continue;
    baseIndex ??= grantIndex(base.permissions);
    if (coveredBy(key, baseIndex)) {
      out.coveredGrants.add(p);
      continue;
    }
    out.gained++;
    if (execution(key)) out.executionGained++;
  }
  // Base's grants in a slot whose role head takes from outside the files are not known to be lost:
  // that role may grant them, or more (the gap reason says so).
  const outsideOnHead = new Set(head.rolesOutside);
  for (const [key, p] of base.permissions) {
    if (head.permissions.has(key) || skipRemoved(p) || outsideOnHead.has(p.roleKind)) continue;
    headIndex ??= grantIndex(head.permissions);
    if (coveredBy(key, headIndex)) {
      out.coveredGrants.add(p);
      continue;
    }
    out.lost++;
    if (execution(key)) out.executionLost++;
  }
  return out;
}

/** `3 permissions`, `3 permissions (1 of its execution role)`, `3 permissions of its execution role`. */
function permissionCount(n: number, execution: number): string {
  if (execution === 0) return count(n, 'permission');
  if (execution === n) return `${count(n, 'permission')} of its execution role`;
  return `${count(n, 'permission')} (${execution} of its execution role)`;
}

function securityGroupRulesOf(index: SideIndex, service: ServicePosture): Map<string, SecurityGroupRuleChange> {
  const out = new Map<string, SecurityGroupRuleChange>();
  const own = new Set(service.securityGroupIds);
  // Pieces of the world may sit in different groups of the service (0.0.0.0/1 in one, 128.0.0.0/1
  // in another). Those of one group alone describeRule finds itself (see splitWorldOf).
  const ownGroups = [...own].map((id) => index.groups.get(id)).filter((group) => group !== undefined);
  const together = ownGroups.length < 2 ? undefined : new Set([...splitWorldRules(ownGroups, 'ingress'), ...splitWorldRules(ownGroups, 'egress')]);
  const add = (group: SecurityGroup, rule: SecurityGroupRule, isOwn: boolean): void => {
    const change = describeRule(group, rule, index.labels, index.root, isOwn);
    if (isOwn && together?.has(rule) === true) change.world = true;
    const key = ruleKey(change);
    if (!out.has(key) || isOwn) out.set(key, change);
  };
  for (const id of own) {
    const group = index.groups.get(id);
    if (group !== undefined) for (const rule of group.rules) add(group, rule, true);
  }
  // Rules of other groups matter when they name this service's group: who it may reach
  // (a database admitting it) and who may reach it (a load balancer allowed to send to it).
  for (const id of own) {
    for (const { group, rule } of index.referencing.get(id) ?? []) if (!own.has(group.id)) add(group, rule, false);
  }
  // Who may reach a load balancer in front of the service may reach the service: widening its
  // group's ingress from an office range to a /8 widens the service's, with no rule of the
  // service's own groups changed.
  for (const source of service.ingress) {
    if (source.kind !== 'load-balancer') continue;
    const lb = index.loadBalancers.get(source.ref);
    if (lb === undefined) continue;
    const label = index.labels.get(lb.id) ?? entityLabel(lb);
    for (const ref of lb.securityGroups.items) {
      const group = ref.kind === 'resource' ? index.groups.get(ref.id) : undefined;
      if (group === undefined || own.has(group.id)) continue;
      for (const rule of group.rules) {
        if (rule.direction !== 'ingress') continue;
        const change = describeRule(group, rule, index.labels, index.root, false, undefined, label);
        const key = ruleKey(change);
        if (!out.has(key)) out.set(key, change);
      }
    }
  }
  return out;
}

/**
 * The VPC endpoints a service uses on one side, by label: those its needs are covered through
 * (`via` `endpoint:<logicalId>`, possibly several joined by `,`), and those in its VPC whose service
 * is one it needs (an endpoint that is there but does not cover the need, e.g. its group does not
 * admit the service, still matters: a change to it may be what restores or breaks coverage).
 */
function usedEndpoints({ posture, endpointsByLogicalId: byLogicalId, endpointLabels }: SideIndex, service: ServicePosture, file: string): Set<string> {
  const out = new Set<string>();
  const needed = new Set(service.needs.map((n) => n.service));
  const inVpc = (e: VpcEndpoint): boolean => service.vpcId !== undefined && e.vpc?.kind === 'resource' && e.vpc.id === service.vpcId;
  for (const need of service.needs) {
    for (const via of (need.via ?? '').split(',')) {
      if (!via.startsWith('endpoint:')) continue;
      // `via` names a logical ID; of endpoints that share it, the service's are those of its VPC, else of its file.
      const named = byLogicalId.get(via.slice('endpoint:'.length)) ?? [];
      const inVpcToo = named.filter(inVpc);
      const inFile = named.filter((e) => e.file === file);
      for (const e of inVpcToo.length > 0 ? inVpcToo : inFile.length > 0 ? inFile : named) out.add(endpointLabels.get(e)!);
    }
  }
  for (const e of posture.infra.vpcEndpoints) {
    if (inVpc(e) && e.service.known && needed.has(e.service.value)) out.add(endpointLabels.get(e)!);
  }
  return out;
}

/**
 * The endpoint-side changes of a service: rules of the groups attached to the endpoints it uses,
 * and their policies' statements. The endpoints are those used on either side, so an endpoint the
 * service starts (or stops) using shows its rules and statements as added (or removed).
 */
function endpointRulesOf(view: ServiceView | undefined, endpoints: Set<string>, into: Map<string, SecurityGroupRuleChange>): Map<string, SecurityGroupRuleChange> {
  if (view === undefined) return into;
  const out = new Map(into);
  for (const label of endpoints) {
    for (const [key, change] of endpointRules(view.index, label)) {
      // A rule already listed as the service's own or naming its group keeps that relation.
      if (!out.has(key)) out.set(key, change);
    }
  }
  return out;
}

/** The rules of one endpoint's groups, keyed as the comparison matches them; the same for every service that uses it. */
function endpointRules(lookups: EndpointLookups, label: string): [string, SecurityGroupRuleChange][] {
  lookups.rulesByEndpoint ??= new Map();
  let rules = lookups.rulesByEndpoint.get(label);
  if (rules !== undefined) return rules;
  rules = [];
  const endpoint = lookups.endpoints.get(label);
  for (const ref of endpoint?.securityGroups.items ?? []) {
    // Declared groups, and stand-ins for groups outside the files that standalone rules add to.
    const group = ref.kind === 'unknown' ? undefined : lookups.groups.get(refId(ref));
    if (group === undefined) continue;
    for (const rule of group.rules) {
      const change = describeRule(group, rule, lookups.labels, lookups.root, false, label);
      rules.push([ruleKey(change), change]);
    }
  }
  lookups.rulesByEndpoint.set(label, rules);
  return rules;
}

function endpointStatementsOf(view: ServiceView | undefined, endpoints: Set<string>): Map<string, EndpointPolicyChange> {
  const out = new Map<string, EndpointPolicyChange>();
  if (view === undefined) return out;
  for (const label of [...endpoints].sort(compare)) {
    for (const [key, change] of endpointStatements(view.index, label)) if (!out.has(key)) out.set(key, change);
  }
  return out;
}

/** One endpoint's policy, a statement action per entry, keyed as the comparison matches them. */
function endpointStatements(lookups: EndpointLookups, label: string): [string, EndpointPolicyChange][] {
  lookups.statementsByEndpoint ??= new Map();
  let statements = lookups.statementsByEndpoint.get(label);
  if (statements !== undefined) return statements;
  statements = [];
  const out = statements;
  const endpoint = lookups.endpoints.get(label);
  const add = (change: EndpointPolicyChange): void => {
    const stable = (v: string): string => lookups.names.stabilize(v, change.file);
    // `Principal: "*"` is read as `AWS:*` (see adapt/iam.ts principals); the implicit default policy's `*` is the same principal.
    const principal = change.principal === '*' ? 'AWS:*' : stable(change.principal);
    out.push([[change.endpoint, change.effect, principal, change.action.toLowerCase(), stable(change.resource), stable(change.condition ?? '')].join('\0'), change]);
  };
  if (endpoint === undefined || endpoint.type === 'GatewayLoadBalancer') {
    // Nothing to list: a Gateway Load Balancer endpoint has no policy.
  } else if (endpoint.policy === undefined) {
    add({ endpoint: label, effect: 'Allow', principal: '*', action: '*', resource: '*', explicit: false, file: endpoint.file, line: endpoint.source.line });
  } else {
    for (const st of endpoint.policy.statements) {
      const principal = st.principals !== undefined ? attrs(st.principals) : st.notPrincipals !== undefined ? `NotPrincipal ${attrs(st.notPrincipals)}` : '*';
      const resource = st.resources !== undefined ? attrs(st.resources) : st.notResources !== undefined ? `NotResource ${attrs(st.notResources)}` : '*';
      const actions = st.actions !== undefined ? st.actions.map(attr) : (st.notActions ?? []).map((a) => `NotAction ${attr(a)}`);
      for (const action of actions) {
        const change: EndpointPolicyChange = { endpoint: label, effect: st.effect, principal, action, resource, explicit: true, file: st.source.file, line: st.source.line };
        if (st.condition !== undefined) change.condition = st.condition;
        add(change);
      }
    }
  }
  lookups.statementsByEndpoint.set(label, statements);
  return statements;
}

function attr(a: Attr<string>): string {
  return a.known ? a.value : 'unknown';
}

function attrs(list: Attr<string>[]): string {
  return list.length === 0 ? '*' : list.map(attr).join(', ');
}

/**
 * Whether the other side's rules already let through what `rule` lets through: a rule of the
 * same kind for the service (own groups count as one set, the ENI has them all; another group's
 * or an endpoint group's rules only as that group) whose protocol, ports and peer contain it.
 * Renaming a group, or narrowing a CIDR, then lists rules as added without calling it a gain.
 */
function ruleCovered(rule: SecurityGroupRuleChange, others: readonly SecurityGroupRuleChange[], self?: ServiceAddresses): boolean {
  const range = portRange(rule.ports);
  const protocol = protocolName(rule.protocol);
  // Another group's rule naming the service's group is the same grant as that group's CIDR rule
  // for the service: a rule of an endpoint's group shows as either (see endpointRulesOf).
  const otherGroup = (r: SecurityGroupRuleChange): boolean => r.relation === 'endpoint' || r.relation === 'references-service';
  // The port ranges of the rules that allow all else the rule allows: together they may cover it
  // where no one of them does (ports 0-1000 and 1001-65535 merged into one rule is no gain).
  const ranges: [number, number][] = [];
  for (const wide of others) {
    // A rule that may not exist (under an undecided Condition) covers only what is as uncertain;
    // one that exists under one outcome of an undecided Fn::If, only what exists under that outcome.
    if (wide.conditional === true && rule.conditional !== true) continue;
    if (wide.condition !== undefined && wide.condition !== rule.condition) continue;
    if (wide.serviceDirection !== rule.serviceDirection || wide.direction !== rule.direction) continue;
    if (wide.relation !== rule.relation && !(otherGroup(wide) && otherGroup(rule))) continue;
    if (rule.relation !== 'own' && (wide.group !== rule.group || (wide.relation === rule.relation && wide.endpoint !== rule.endpoint))) continue;
    const wideProtocol = protocolName(wide.protocol);
    if (wideProtocol === 'unknown' || (wideProtocol !== 'all' && wideProtocol !== protocol)) continue;
    // An ICMP rule for one code of a type admits only that code.
    if (wideProtocol !== 'all' && wide.icmpCode !== undefined && wide.icmpCode !== rule.icmpCode) continue;
    if (!peerCovers(wide.peer, rule.peer, self)) continue;
    if (wideProtocol === 'all') return true;
    const wideRange = portRange(wide.ports);
    if (wideRange !== undefined) ranges.push(wideRange);
  }
  return range !== undefined && rangesCover(ranges, range);
}

/** Whether the peer `wide` admits (or sends to) every address `narrow` stands for. */
function peerCovers(wide: string, narrow: string, self: ServiceAddresses | undefined): boolean {
  // A peer the files do not decide (`unknown`, `sg:unknown`) is no particular peer: it covers nothing.
  if (wide === narrow) return !UNKNOWN_PEERS.has(wide);
  if (parseCidr(wide) === undefined) return false;
  if (parseCidr(narrow) !== undefined) return cidrContains(wide, narrow);
  // A prefix list is a set of CIDRs of one address family; the IPv4 ones (every AWS service's
  // `com.amazonaws.<region>.s3` / `.dynamodb` list) lie in 0.0.0.0/0. IPv6 is not modelled.
  if (narrow.startsWith('pl:') && narrow !== 'pl:unknown') return wide === '0.0.0.0/0';
  // A group as the peer: its members' addresses, which 0.0.0.0/0 always covers (a member in a
  // VPC always has a private IPv4 address); for the service's own group, also a CIDR holding
  // all its subnets.
  if (wide === '0.0.0.0/0' && narrow.startsWith('sg:')) return true;
  if (self === undefined || !self.groups.has(narrow)) return false;
  return self.subnetCidrs !== undefined && self.subnetCidrs.every((c) => cidrContains(wide, c));
}

/** Whether the union of `ranges` holds every port of `range`. */
function rangesCover(ranges: [number, number][], range: [number, number]): boolean {
  let reached = range[0] - 1;
  for (const [from, to] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (from > reached + 1) break;
    reached = Math.max(reached, to);
    if (reached >= range[1]) return true;
  }
  return reached >= range[1];
}

/** Who the service's tasks are, as rule peers name them: its groups (`sg:<label>`) and its subnets' CIDRs when all are known. */
interface ServiceAddresses {
  groups: Set<string>;
  subnetCidrs?: string[];
}

/**
 * Endpoints the service stops using paired with ones it starts using for the same AWS service (a
 * renamed endpoint, or one replaced by a new stack's), base label → head label; only pairs that
 * are the one candidate on each side. A restrictive policy or group dropped with the rename then
 * shows as what it is, however the endpoint is called now.
 */
function renamedEndpoints(base: ServiceView | undefined, head: ServiceView | undefined, steady: Set<string>): Map<string, string> {
  if (base === undefined || head === undefined) return new Map();
  const byService = (view: ServiceView): Map<string, string[]> => {
    const map = new Map<string, string[]>();
    for (const label of view.endpoints) {
      if (steady.has(label)) continue;
      const endpoint = view.index.endpoints.get(label);
      if (endpoint === undefined || !endpoint.service.known) continue;
      map.set(endpoint.service.value, [...(map.get(endpoint.service.value) ?? []), label]);
    }
    return map;
  };
  return loneCounterparts(byService(base), byService(head));
}

function relabelRules(rules: Map<string, SecurityGroupRuleChange>, renamed: Map<string, string>): Map<string, SecurityGroupRuleChange> {
  if (renamed.size === 0) return rules;
  const out = new Map<string, SecurityGroupRuleChange>();
  for (const [key, rule] of rules) {
    const label = rule.endpoint === undefined ? undefined : renamed.get(rule.endpoint);
    out.set(key, label === undefined ? rule : { ...rule, endpoint: label });
  }
  return out;
}

function relabelStatements(statements: Map<string, EndpointPolicyChange>, renamed: Map<string, string>): Map<string, EndpointPolicyChange> {
  if (renamed.size === 0) return statements;
  const out = new Map<string, EndpointPolicyChange>();
  for (const [key, statement] of statements) {
    const label = renamed.get(statement.endpoint);
    // Keys start with the endpoint's label (see endpointStatements).
    if (label === undefined) out.set(key, statement);
    else out.set(label + key.slice(statement.endpoint.length), { ...statement, endpoint: label });
  }
  return out;
}

/** Statements of `changes` the other side's Allows of their endpoint do not cover (Denies are kept as they are). */
function uncoveredStatements(
  changes: EndpointPolicyChange[],
  other: Map<string, EndpointPolicyChange> | undefined,
  cache: Map<string, boolean> | undefined,
): EndpointPolicyChange[] {
  if (changes.length === 0 || other === undefined) return changes;
  let allows: Map<string, EndpointPolicyChange[]> | undefined;
  return changes.filter((p) => {
    if (p.effect !== 'Allow') return true;
    const key = `${p.endpoint}\0${p.principal}\0${p.action}\0${p.resource}\0${p.condition ?? ''}`;
    let covered = cache?.get(key);
    if (covered === undefined) {
      if (allows === undefined) {
        allows = new Map();
        for (const q of other.values()) if (q.effect === 'Allow') allows.set(q.endpoint, [...(allows.get(q.endpoint) ?? []), q]);
      }
      covered = statementCovered(p, allows.get(p.endpoint) ?? []);
      cache?.set(key, covered);
    }
    return !covered;
  });
}

/** Whether an Allow of the other side (same endpoint) already lets through what `statement` allows. */
function statementCovered(statement: EndpointPolicyChange, allows: readonly EndpointPolicyChange[]): boolean {
  if (statement.action.startsWith('NotAction ') || statement.resource.startsWith('NotResource ') || statement.principal.startsWith('NotPrincipal ')) {
    return allows.some((wide) => wide.endpoint === statement.endpoint && wide.condition === undefined && wide.principal === '*' && wide.action === '*' && wide.resource === '*');
  }
  return allows.some((wide) => {
    if (wide.endpoint !== statement.endpoint) return false;
    if (wide.condition !== undefined && (statement.condition === undefined || !conditionImplies(conditionKey(statement.condition), conditionKey(wide.condition)))) return false;
    // A value the files do not decide (`unknown`) is no particular principal, action or resource: it covers nothing.
    if ([wide.principal, wide.action, wide.resource].some((v) => v.split(', ').includes('unknown'))) return false;
    if (wide.action.startsWith('NotAction ') || wide.resource.startsWith('NotResource ') || wide.principal.startsWith('NotPrincipal ')) return false;
    return (
      listCovers(wide.principal, statement.principal, (a, b) => a === '*' || a === 'AWS:*' || a === b) &&
      listCovers(wide.action.toLowerCase(), statement.action.toLowerCase(), patternCovers) &&
      listCovers(wide.resource, statement.resource, patternCovers)
    );
  });
}

/** Every item of a joined list (`a, b`) is covered by some item of the other. */
function listCovers(wide: string, narrow: string, covers: (wide: string, narrow: string) => boolean): boolean {
  const wides = wide.split(', ');
  return narrow.split(', ').every((n) => wides.some((w) => covers(w, n)));
}

/**
 * Whether the pattern `wide` allows everything `narrow` may denote (IAM globs, see resourceMatches:
 * sound, so `a?` never covers `a*`). A `NOT …` list is no glob: only `*` or itself covers it.
 */
function patternCovers(wide: string, narrow: string): boolean {
  if (wide === '*' || wide === narrow) return true;
  if (wide.startsWith(NOT_PREFIX) || narrow.startsWith(NOT_PREFIX)) return false;
  return resourceMatches(wide, narrow);
}

/**
 * The other side's CIDR and undecided-peer rules (see PreparedSide.cidrRules) of a group that
 * names the service, under the name `group` has on head: `toHead` maps base labels to head labels
 * (see renamesOf) when the other side is base.
 */
function otherSideGroupRules(group: string, cidrRules: Map<string, SecurityGroupRuleChange[]> | undefined, toHead?: Map<string, string>): SecurityGroupRuleChange[] {
  if (cidrRules === undefined) return [];
  const from = toHead === undefined ? group : [...toHead].find(([, to]) => to === group)?.[0] ?? group;
  return (cidrRules.get(from) ?? []).map((rule) => (rule.group === group ? rule : { ...rule, group }));
}

/**
 * The other side's rules with, for each group whose rule naming the service changed, that group's
 * CIDR rules there: a database group that admits the service's group on one side and 0.0.0.0/0 on
 * the other admits the service on both.
 */
function withCidrRules(
  rules: Map<string, SecurityGroupRuleChange> | undefined,
  changes: readonly SecurityGroupRuleChange[],
  cidrRules: Map<string, SecurityGroupRuleChange[]> | undefined,
  toHead?: Map<string, string>,
): Map<string, SecurityGroupRuleChange> | undefined {
  if (rules === undefined || cidrRules === undefined) return rules;
  const groups = new Set(changes.filter((r) => r.relation === 'references-service').map((r) => r.group));
  if (groups.size === 0) return rules;
  const out = new Map(rules);
  for (const group of groups) {
    for (const rule of otherSideGroupRules(group, cidrRules, toHead)) if (!out.has(ruleKey(rule))) out.set(ruleKey(rule), rule);
  }
  return out;
}

/** The rules of `changes` that the other side's rules do not already allow (none on a side a service is added or removed on). */
function uncoveredRules(changes: SecurityGroupRuleChange[], other: Map<string, SecurityGroupRuleChange> | undefined, self: ServiceAddresses | undefined): SecurityGroupRuleChange[] {
  if (changes.length === 0 || other === undefined) return changes;
  const others = [...other.values()];
  return changes.filter((r) => !ruleCovered(r, others, self));
}

const UNKNOWN_PEERS = new Set(['unknown', 'sg:unknown', 'pl:unknown']);

function protocolName(protocol: string): string {
  const p = protocol.toLowerCase();
  return p === '-1' || p === 'all' ? 'all' : p === '6' ? 'tcp' : p === '17' ? 'udp' : p === '1' ? 'icmp' : p === '58' ? 'icmpv6' : p;
}

function portRange(label: string): [number, number] | undefined {
  if (label === 'all') return [0, 65535];
  const m = /^(\d+)(?:-(\d+))?$/.exec(label);
  return m === null ? undefined : [Number(m[1]), Number(m[2] ?? m[1])];
}

function ruleKey(change: SecurityGroupRuleChange): string {
  return [change.group, change.direction, change.protocol, change.ports, change.icmpCode ?? '', change.peer, change.conditional === true ? 'conditional' : '', change.condition ?? '', change.peerReason ?? ''].join('\0');
}

/** Why the files do not decide a rule's peer; undefined when they do. */
function undecidedPeerReason(peer: Peer): string | undefined {
  if (peer.kind === 'unknown') return peer.reason;
  if (peer.kind === 'sg' && peer.group.kind === 'unknown') return peer.group.reason;
  if (peer.kind === 'prefixList' && peer.prefixList.kind === 'unknown') return peer.prefixList.reason;
  return undefined;
}

/** The group's rules that reach the world only together (0.0.0.0/1 + 128.0.0.0/1 on the same ports), once per group. */
function splitWorldOf(group: SecurityGroup): ReadonlySet<SecurityGroupRule> {
  let found = splitWorldByGroup.get(group);
  if (found === undefined) splitWorldByGroup.set(group, (found = new Set([...splitWorldRules([group], 'ingress'), ...splitWorldRules([group], 'egress')])));
  return found;
}

const splitWorldByGroup = new WeakMap<SecurityGroup, ReadonlySet<SecurityGroupRule>>();

function describeRule(
  group: SecurityGroup,
  rule: SecurityGroupRule,
  labels: Map<string, string>,
  root: string | undefined,
  own: boolean,
  endpoint?: string,
  loadBalancer?: string,
): SecurityGroupRuleChange {
  const opposite = rule.direction === 'ingress' ? 'egress' : 'ingress';
  const peerReason = undecidedPeerReason(rule.peer);
  return {
    group: labels.get(group.id) ?? entityLabel(group),
    direction: rule.direction,
    protocol: rule.protocol,
    ports: portsLabel(rule),
    ...(rule.icmpCode === undefined ? {} : { icmpCode: rule.icmpCode }),
    peer: peerLabel(rule.peer, labels),
    relation: endpoint !== undefined ? 'endpoint' : loadBalancer !== undefined ? 'load-balancer' : own ? 'own' : 'references-service',
    ...(endpoint !== undefined ? { endpoint } : {}),
    ...(loadBalancer !== undefined ? { loadBalancer } : {}),
    serviceDirection: endpoint !== undefined ? 'egress' : loadBalancer !== undefined ? 'ingress' : own ? rule.direction : opposite,
    world: (rule.peer.kind === 'cidr4' ? rule.peer.cidr === '0.0.0.0/0' : rule.peer.kind === 'cidr6' ? rule.peer.cidr === '::/0' : false) || splitWorldOf(group).has(rule),
    explicit: rule.source.explicit,
    ...(rule.conditional === true ? { conditional: true as const } : {}),
    ...(rule.when === undefined ? {} : { condition: withStackCondition(undefined, rule.when) }),
    ...(rule.standaloneId === undefined ? {} : { standalone: rule.standaloneId.slice(rule.standaloneId.lastIndexOf('#') + 1) }),
    ...(peerReason === undefined ? {} : { peerReason: gapText(belowRootText(root, peerReason)) }),
    file: rule.source.file,
    line: rule.source.line,
  };
}

export function portsLabel(rule: Pick<SecurityGroupRule, 'protocol' | 'fromPort' | 'toPort' | 'portsKnown'>): string {
  if (!rule.portsKnown) return 'unknown';
  if (rule.protocol === 'all' || (rule.fromPort <= 0 && rule.toPort >= 65535)) return 'all';
  return rule.fromPort === rule.toPort ? String(rule.fromPort) : `${rule.fromPort}-${rule.toPort}`;
}

export function peerLabel(peer: Peer, labels: Map<string, string>): string {
  switch (peer.kind) {
    case 'cidr4':
    case 'cidr6':
      return peer.cidr;
    case 'sg':
      return peer.group.kind === 'resource' ? `sg:${labels.get(peer.group.id) ?? peer.group.id}` : peer.group.kind === 'external' ? `sg:${peer.group.value}` : 'sg:unknown';
    case 'prefixList':
      return peer.prefixList.kind === 'resource' ? `pl:${labels.get(peer.prefixList.id) ?? peer.prefixList.id}` : peer.prefixList.kind === 'external' ? `pl:${peer.prefixList.value}` : 'pl:unknown';
    case 'unknown':
      return 'unknown';
  }
}

function addressesOf({ labels, subnetCidrs }: SideIndex, service: ServicePosture): ServiceAddresses {
  const groups = new Set(service.securityGroupIds.map((id) => `sg:${labels.get(id) ?? id}`));
  const cidrs: string[] = [];
  for (const id of service.subnets) {
    const cidr = subnetCidrs.get(id);
    if (cidr === undefined) return { groups };
    cidrs.push(cidr);
  }
  return cidrs.length === 0 ? { groups } : { groups, subnetCidrs: cidrs };
}

function networkOf({ labels, posture }: SideIndex, service: ServicePosture): NetworkPath {
  const seen = new Set<string>();
  const ingress: NetworkPath['ingress'] = [];
  for (const source of service.ingress) {
    const label = source.kind === 'internet' ? 'internet' : labels.get(source.ref) ?? source.ref;
    const key = `${source.kind}|${label}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (source.kind !== 'load-balancer') {
      ingress.push(source.kind === 'service' && source.ref === service.serviceId ? { kind: source.kind, label, self: true } : { kind: source.kind, label });
      continue;
    }
    const lb = posture.infra.loadBalancers.find((b) => b.id === source.ref);
    const scheme = lb?.scheme;
    const groups = (lb?.securityGroups.items ?? []).flatMap((g) => (g.kind === 'resource' ? [labels.get(g.id) ?? g.id] : []));
    ingress.push({
      kind: source.kind, label, internetFacing: scheme === undefined || !scheme.known ? 'unknown' : scheme.value === 'internet-facing', internet: source.internet ?? 'unknown', balancerType: lb?.type ?? 'unknown',
      ...(groups.length === 0 ? {} : { groups }),
    });
  }
  const needs: NetworkPath['needs'] = [];
  const seenNeeds = new Set<string>();
  for (const n of service.needs) {
    if (seenNeeds.has(n.service)) continue;
    seenNeeds.add(n.service);
    const need: NetworkPath['needs'][number] = { service: n.service, kind: n.kind, covered: n.covered };
    if (n.via !== undefined) need.via = n.via;
    needs.push(need);
  }
  const unreachable = unreachableAwsServices(service.needs);
  const path: NetworkPath = { ingress, publicIp: publicIpOf(service).publicIp, egress: service.egress, needs };
  if (unreachable.startup.length + unreachable.runtime.length > 0) path.unreachable = unreachable;
  return path;
}

function exposureOf(service: ServicePosture): Exposure {
  const { publicIp, condition } = publicIpOf(service);
  return condition === undefined
    ? { publicIp, internetIngress: service.internetIngress, defaultRoute: service.egress }
    : { publicIp, publicIpCondition: condition, internetIngress: service.internetIngress, defaultRoute: service.egress };
}

/**
 * Whether the tasks get a public IP. One that only some outcomes of an undecided choice assign is a
 * public IP, under those outcomes: the deployments of those outcomes have it.
 */
function publicIpOf(service: ServicePosture): { publicIp: boolean | 'unknown'; condition?: StackOutcome[] } {
  const attr = service.publicIp;
  const when = whenValue(attr, true);
  if (when === true) return { publicIp: true };
  if (when !== false) return when.length === 0 ? { publicIp: true } : { publicIp: true, condition: when };
  if (attr.known || whenValue(attr, false) === true) return { publicIp: false };
  return { publicIp: 'unknown' };
}

function minus<T>(a: Map<string, T> | undefined, b: Map<string, T> | undefined): T[] {
  const out: T[] = [];
  if (a === undefined) return out;
  for (const [k, v] of a) if (b === undefined || !b.has(k)) out.push(v);
  return out;
}

function diffNeeds(base: ServiceView | undefined, head: ServiceView | undefined, taskDefinitionUndecided: boolean): ServiceDiff['needs'] {
  const out: ServiceDiff['needs'] = { lost: [], gained: [], uncertain: [] };
  if (head === undefined) return out;
  // A need head no longer has because its task definition no longer decides it (an image that
  // became a parameter) is not gone: whether the tasks still need it is unknown.
  if (taskDefinitionUndecided && base !== undefined) {
    for (const [key, need] of base.needs) {
      if (head.needs.has(key) || need.covered === 'unknown') continue;
      const change: NeedChange = { service: need.service, reason: need.reason, kind: need.kind, newlyNeeded: false, wasCovered: need.covered };
      if (need.via !== undefined) change.before = need.via;
      out.uncertain.push(change);
    }
  }
  for (const [key, need] of head.needs) {
    const before = base?.needs.get(key);
    const change: NeedChange = { service: need.service, reason: need.reason, kind: need.kind, newlyNeeded: before === undefined };
    if (before?.via !== undefined) change.before = before.via;
    if (need.via !== undefined) change.after = need.via;
    if (before !== undefined) change.wasCovered = before.covered;
    // A need that nothing covers is "lost" whether it was covered before or is new with this
    // change: either way the tasks could do what they did before, and now they cannot.
    if (need.covered === false && (before === undefined || before.covered !== false)) out.lost.push(change);
    else if (need.covered === true && before !== undefined && before.covered === false) out.gained.push(change);
    // Undecided now where the files decided before, either way: an unreachable service that can
    // no longer be judged is not fixed, and one that was reachable may no longer be.
    else if (need.covered === 'unknown' && before !== undefined && before.covered !== 'unknown') {
      const why = need.problems.filter((p) => p.kind === 'network-acl' || p.kind === 'endpoint-region').map((p) => p.detail);
      if (why.length > 0) change.undecidedBecause = why.join('; ');
      out.uncertain.push(change);
    }
  }
  return out;
}

function sameExposure(a: Exposure | null, b: Exposure | null): boolean {
  return a !== null && b !== null && a.publicIp === b.publicIp && sameOutcomes(a.publicIpCondition, b.publicIpCondition) && a.internetIngress === b.internetIngress && a.defaultRoute === b.defaultRoute;
}

type FindingChange = 'new' | 'resolved' | 'undecided' | 'suppressed';

/**
 * Findings head suppresses that base did not: the ones the change silences (base reported them,
 * head still finds them but suppresses them; they are not resolved, a suppression is not a fix),
 * and the ones it introduces already suppressed. `stillResolved` is what is left of `resolved`.
 * A finding suppressed on both sides is not listed.
 */
function newlySuppressed(
  resolved: readonly Finding[],
  base: readonly Finding[],
  head: readonly Finding[],
  pair: (base: readonly Finding[], head: readonly Finding[]) => { new: Finding[]; resolved: Finding[]; unchanged: Finding[] },
): { suppressed: Finding[]; silenced: ReadonlySet<Finding>; stillResolved: Finding[] } {
  const headSuppressed = head.filter((f) => f.suppressed !== undefined);
  if (headSuppressed.length === 0) return { suppressed: [], silenced: new Set(), stillResolved: [...resolved] };
  const silenced = pair(resolved, headSuppressed);
  const silencedSet = new Set(silenced.unchanged);
  const arrived = pair(
    base.filter((f) => f.suppressed !== undefined),
    headSuppressed.filter((f) => !silencedSet.has(f)),
  ).new;
  const newly = new Set([...silenced.unchanged, ...arrived]);
  return { suppressed: headSuppressed.filter((f) => newly.has(f)), silenced: silencedSet, stillResolved: silenced.resolved };
}

function groupByService(findings: readonly Finding[]): Map<string | undefined, Finding[]> {
  const out = new Map<string | undefined, Finding[]>();
  for (const f of findings) {
    const list = out.get(f.service);
    if (list === undefined) out.set(f.service, [f]);
    else list.push(f);
  }
  return out;
}

/**
 * Findings that concern several services and name none as theirs (on a role, group, execution
 * role or task definition they share; their `services`), by each of those services' scan keys:
 * each is that service's finding too, so its row counts it and, for one that stops tasks from
 * starting (FW107), its verdict is broadening and the comment warns.
 */
function bySharedService(list: readonly Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const f of list) {
    if (f.service !== undefined) continue;
    for (const key of f.services ?? []) {
      const entries = out.get(key);
      if (entries === undefined) out.set(key, [f]);
      else entries.push(f);
    }
  }
  return out;
}

function diffService(
  key: string,
  base: ServiceView | undefined,
  head: ServiceView | undefined,
  findings: Record<FindingChange, Map<string | undefined, Finding[]>>,
  shared: {
    /** Per comparison: whether an added (removed) statement, by key, was covered by base's (head's) Allows. */
    statementCoverage?: { added: Map<string, boolean>; removed: Map<string, boolean> };
    /** See renamesOf. */
    renames?: Map<string, string>;
    /** See Renames.undecided. */
    undecidedRenames?: Renames['undecided'];
    /** Findings of several services, by each one's scan key (see bySharedService). */
    sharedFindings?: Record<FindingChange, Map<string, Finding[]>>;
    /** For a file as base names it, its name below the root when head could not read it. */
    unreadElsewhere?: (file: string) => string | undefined;
    /** See taskDefinitionUndecided. */
    taskDefinitionUndecided?: (head: ServiceView) => boolean;
    /** Each side's PreparedSide.cidrRules. */
    cidrRules?: { base: Map<string, SecurityGroupRuleChange[]>; head: Map<string, SecurityGroupRuleChange[]> };
    /** Whether a rule of one side is, on the other (`on`), a standalone rule attached to no group (see PreparedSide.detachedRules). */
    detachedElsewhere?: (rule: SecurityGroupRuleChange, on: 'base' | 'head') => boolean;
  },
): ServiceDiff {
  const side = (head ?? base) as ServiceView;
  const status = head === undefined ? 'removed' : base === undefined ? 'added' : 'changed';
  // Endpoints used on both sides first, so a group shared by several endpoints is named after one
  // the service keeps using (its rules then count toward the verdict; see reasonsFor).
  const steady = new Set([...(base?.endpoints ?? [])].filter((e) => head?.endpoints.has(e) === true));
  const endpoints = new Set([...[...steady].sort(compare), ...[...(base?.endpoints ?? []), ...(head?.endpoints ?? [])].sort(compare)]);
  // An endpoint for an AWS service replaced by another for it (renamed, or moved to another
  // stack) is compared as one: its base rules and statements under the head name.
  const renamed = renamedEndpoints(base, head, steady);
  for (const label of renamed.values()) steady.add(label);
  const { rules: baseRules, asWritten } = renameGroupsIn(
    base === undefined ? undefined : relabelRules(endpointRulesOf(base, endpoints, base.rules), renamed),
    shared.renames ?? new Map(),
  );
  const headRules = head === undefined ? undefined : endpointRulesOf(head, endpoints, head.rules);
  const baseStatements = base === undefined ? undefined : relabelStatements(endpointStatementsOf(base, endpoints), renamed);
  const headStatements = head === undefined ? undefined : endpointStatementsOf(head, endpoints);
  const diff: ServiceDiff = {
    key,
    status,
    verdict: 'none',
    resource: side.entity.logicalId,
    file: side.entity.file,
    line: side.entity.source.line,
    permissions: { added: minus(head?.permissions, base?.permissions), removed: minus(base?.permissions, head?.permissions) },
    securityGroupRules: { added: minus(headRules, baseRules), removed: minus(baseRules, headRules) },
    endpointPolicies: { added: minus(headStatements, baseStatements), removed: minus(baseStatements, headStatements) },
    exposure: { before: base?.exposure ?? null, after: head?.exposure ?? null },
    network: { before: base?.network ?? null, after: head?.network ?? null },
    needs: diffNeeds(base, head, head !== undefined && shared.taskDefinitionUndecided?.(head) === true),
    // Findings name services by the comparison's key (see comparisonKeys): each is the one service's.
    findings: {
      new: head === undefined ? [] : [...(findings.new.get(key) ?? []), ...(shared.sharedFindings?.new.get(head.findingKey) ?? [])],
      resolved: base === undefined ? [] : [...(findings.resolved.get(key) ?? []), ...(shared.sharedFindings?.resolved.get(base.findingKey) ?? [])],
      undecided: base === undefined ? [] : [...(findings.undecided.get(key) ?? []), ...(shared.sharedFindings?.undecided.get(base.findingKey) ?? [])],
      suppressed: head === undefined ? [] : [...(findings.suppressed.get(key) ?? []), ...(shared.sharedFindings?.suppressed.get(head.findingKey) ?? [])],
    },
    reasons: [],
  };
  if (side.entity.cdkPath !== undefined) diff.cdkPath = side.entity.cdkPath;
  if (side.entity.cdkSource !== undefined) diff.cdkSource = side.entity.cdkSource;
  const denyLimits = denyLimitEffect(base, head);
  if (status === 'changed') {
    const quiet =
      diff.permissions.added.length + diff.permissions.removed.length + diff.securityGroupRules.added.length +
        diff.securityGroupRules.removed.length + diff.endpointPolicies.added.length + diff.endpointPolicies.removed.length +
        diff.needs.lost.length + diff.needs.gained.length + diff.needs.uncertain.length +
        changedFindings(diff.findings).length === 0 && sameExposure(diff.exposure.before, diff.exposure.after) &&
      base?.ecsExec === head?.ecsExec && sameList(base?.permissionGaps, head?.permissionGaps) && !internetPathsChanged(diff) && denyLimits.freed + denyLimits.tightened === 0;
    if (quiet) diff.status = 'unchanged';
  }
  // Coverage of a statement is the same for every service using its endpoint: worked out once per
  // comparison (unless this service's renamed endpoints make its base statements its own).
  const cache = renamed.size === 0 ? shared.statementCoverage : undefined;
  // A removal whose file head could not read is an artefact of that, not a change: it is listed,
  // but left out of the verdict, which says the comparison is incomplete there.
  const unread = new Set<string>();
  const readOnHead = (item: { file: string }): boolean => {
    const file = shared.unreadElsewhere?.(item.file);
    if (file !== undefined) unread.add(file);
    return file === undefined;
  };
  const undecidedPairs = undecidedRules(diff.securityGroupRules.added, diff.securityGroupRules.removed);
  const undecided = new Set([...undecidedPairs.keys(), ...undecidedPairs.values()]);
  // Rules of one side the other's files no longer (or only now) decide: a standalone rule whose
  // group became an import, or a rule naming the service whose peer did (that group has a rule
  // with an undecided peer on the same ports there). Neither gained nor lost: no longer judged.
  const peerUndecided = (r: SecurityGroupRuleChange, other: Map<string, SecurityGroupRuleChange[]> | undefined, toHead?: Map<string, string>): boolean =>
    r.relation === 'references-service' &&
    otherSideGroupRules(r.group, other, toHead).some((o) => UNKNOWN_PEERS.has(o.peer) && o.direction === r.direction && o.protocol === r.protocol && o.ports === r.ports && o.conditional === r.conditional);
  const detached: Effects['detachedRules'] = [];
  for (const [list, on, now] of [[diff.securityGroupRules.removed, 'head', false], [diff.securityGroupRules.added, 'base', true]] as const) {
    for (const rule of list) {
      if (undecided.has(rule)) continue;
      if (shared.detachedElsewhere?.(rule, on) === true) detached.push({ rule, now, peer: false });
      else if (peerUndecided(rule, shared.cidrRules?.[on], on === 'base' ? shared.renames : undefined)) detached.push({ rule, now, peer: true });
    }
  }
  for (const { rule } of detached) undecided.add(rule);
  const unpaired = undecidedRenameRules(diff.securityGroupRules, baseRules, headRules, shared.undecidedRenames ?? [], { base: base?.addresses, head: head?.addresses });
  for (const rule of unpaired.rules) undecided.add(rule);
  // Only removals: what head has that base could not read stays a gain, as head's findings in
  // such a file stay new (nothing shows it was there before, and `--fail-on` must see it).
  const judged = {
    statements: { added: diff.endpointPolicies.added, removed: diff.endpointPolicies.removed.filter(readOnHead) },
    rules: {
      added: diff.securityGroupRules.added.filter((r) => !undecided.has(r)),
      removed: diff.securityGroupRules.removed.filter((r) => readOnHead(r) && !undecided.has(r)),
    },
  };
  const effects: Effects = {
    statements: {
      added: uncoveredStatements(judged.statements.added, baseStatements, cache?.added),
      removed: uncoveredStatements(judged.statements.removed, headStatements, cache?.removed),
    },
    rules: {
      added: uncoveredRules(judged.rules.added, withCidrRules(baseRules, diff.securityGroupRules.added, shared.cidrRules?.base, shared.renames), head?.addresses),
      removed: uncoveredRules(judged.rules.removed, withCidrRules(headRules, diff.securityGroupRules.removed, shared.cidrRules?.head), base?.addresses),
    },
    undecidedRules: [...undecidedPairs],
    detachedRules: detached,
    undecidedRenames: unpaired.renames,
    ...permissionEffect(base, head, (p) => !readOnHead(p)),
    denyLimits,
    gapsAdded: base === undefined || head === undefined ? [] : multisetMinus(head.permissionGaps, base.permissionGaps).map((g) => head.permissionGapTexts.get(g) ?? g),
    gapsRemoved: base === undefined || head === undefined ? [] : multisetMinus(base.permissionGaps, head.permissionGaps).map((g) => base.permissionGapTexts.get(g) ?? g),
    ecsExec: { before: base?.ecsExec, after: head?.ecsExec },
    unread: [...unread].sort(compare),
  };
  // Changes to an endpoint the service uses on both sides count toward the verdict; an endpoint it
  // starts or stops using replaces another path, judged by the route and coverage reasons instead.
  if (base !== undefined && head !== undefined) {
    const started = [...head.endpoints].filter((e) => !steady.has(e)).sort(compare);
    const stopped = [...base.endpoints].filter((e) => !steady.has(e) && !renamed.has(e)).sort(compare);
    if (started.length + stopped.length > 0) diff.endpointsUsed = { started, stopped };
  }
  const exec = effects.ecsExec;
  if (exec.before !== undefined && exec.after !== undefined && exec.before !== exec.after) diff.ecsExec = { before: exec.before, after: exec.after };
  diff.reasons = orderReasons(reasonsFor(diff, steady, effects));
  diff.verdict = verdictOf(diff.reasons);
  const removedAsCompared = diff.securityGroupRules.removed;
  markCovered(diff, judged, effects);
  // Removed rules of a renamed group are compared under head's name and listed as base wrote them
  // (markCovered copies the covered ones, in order: found by position).
  if (asWritten.size > 0) {
    diff.securityGroupRules.removed = diff.securityGroupRules.removed.map((r, i) => {
      const written = asWritten.get(removedAsCompared[i]!);
      return written === undefined ? r : r.covered === true ? { ...written, covered: true } : written;
    });
  }
  return diff;
}

/**
 * Marks the listed changes that were judged and found to change nothing (see PermissionChange.covered),
 * on copies: the listed objects may be shared with other services' comparisons.
 */
function markCovered(
  diff: ServiceDiff,
  judged: { statements: { added: EndpointPolicyChange[]; removed: EndpointPolicyChange[] }; rules: { added: SecurityGroupRuleChange[]; removed: SecurityGroupRuleChange[] } },
  effects: Effects,
): void {
  const mark = <T extends { covered?: true }>(list: T[], covered: (item: T) => boolean): T[] => list.map((item) => (covered(item) ? { ...item, covered: true } : item));
  const uncovered = <T>(judgedItems: T[], effective: T[]): ((item: T) => boolean) => {
    const judgedSet = new Set(judgedItems);
    const effectiveSet = new Set(effective);
    return (item) => judgedSet.has(item) && !effectiveSet.has(item);
  };
  diff.permissions.added = mark(diff.permissions.added, (p) => effects.coveredGrants.has(p));
  diff.permissions.removed = mark(diff.permissions.removed, (p) => effects.coveredGrants.has(p));
  diff.securityGroupRules.added = mark(diff.securityGroupRules.added, uncovered(judged.rules.added, effects.rules.added));
  diff.securityGroupRules.removed = mark(diff.securityGroupRules.removed, uncovered(judged.rules.removed, effects.rules.removed));
  // A Deny is never covered (uncoveredStatements keeps every one).
  diff.endpointPolicies.added = mark(diff.endpointPolicies.added, uncovered(judged.statements.added, effects.statements.added));
  diff.endpointPolicies.removed = mark(diff.endpointPolicies.removed, uncovered(judged.statements.removed, effects.statements.removed));
}

/**
 * How far the tasks' way out goes (see EgressPath: the route they can use, not only the route
 * table's): further is broader. `unknown` has no rank.
 */
const ROUTE_REACH: Record<EgressPath, number | undefined> = { none: 0, 'endpoints-only': 1, nat: 2, igw: 3, unknown: undefined };

const ROUTE_TEXT: Record<EgressPath, string> = {
  none: 'no way out',
  'endpoints-only': 'VPC endpoints only',
  nat: 'a NAT gateway',
  igw: 'an internet gateway',
  unknown: 'an unknown target',
};

/** What the comparison worked out about a service beyond the listed changes: what they mean for the verdict. */
interface Effects {
  /** Added rules the other side's rules did not already allow, and removed ones the new rules no longer allow. */
  rules: { added: SecurityGroupRuleChange[]; removed: SecurityGroupRuleChange[] };
  /**
   * Rules of one side the other's files no longer (or only now, `now`) decide: a standalone rule
   * whose group, or a rule naming the service whose peer (`peer`), became an import or the like.
   */
  detachedRules: { rule: SecurityGroupRuleChange; now: boolean; peer: boolean }[];
  /** Endpoint-policy statements likewise: Allows the other side did not cover (Denies as listed). */
  statements: { added: EndpointPolicyChange[]; removed: EndpointPolicyChange[] };
  /** Added grants not already allowed on the other side, and removed ones no longer allowed. */
  gained: number;
  /** Listed grants that are neither: the other side allows all they allow (see PermissionChange.covered). */
  coveredGrants: Set<PermissionChange>;
  lost: number;
  /** Of `gained` and `lost`, those of the execution role. */
  executionGained: number;
  executionLost: number;
  /** Grants both sides have that a Deny no longer (or newly, or in more cases) may take away (see denyLimitEffect). */
  denyLimits: { freed: number; tightened: number };
  gapsAdded: string[];
  gapsRemoved: string[];
  ecsExec: { before: boolean | 'unknown' | undefined; after: boolean | 'unknown' | undefined };
  /** Files the other side could not read that hold changes listed for the service (not compared). */
  unread: string[];
  /** Head's rules, each with base's rule it is, where one side leaves a part (ports, protocol, peer, a Condition) undecided (see undecidedRules). */
  undecidedRules: [after: SecurityGroupRuleChange, before: SecurityGroupRuleChange][];
  /** Groups renamed together that cannot be told apart, whose listed rules are not judged (see undecidedRenameRules). */
  undecidedRenames: Renames['undecided'];
}

/**
 * The listed rules of groups renamed together that cannot be told apart (see Renames.undecided),
 * or naming such a group as their peer, that some pairing of the groups would make no change: the
 * other side has the rule on one of the candidates. Whether they were gained (or lost) depends on
 * which group became which, which the files do not say. A rule no candidate has is judged as listed:
 * whichever group it is, it is a gain (or a loss).
 */
function undecidedRenameRules(
  listed: ServiceDiff['securityGroupRules'],
  baseRules: Map<string, SecurityGroupRuleChange> | undefined,
  headRules: Map<string, SecurityGroupRuleChange> | undefined,
  renames: Renames['undecided'],
  addresses: { base: ServiceAddresses | undefined; head: ServiceAddresses | undefined },
): { rules: Set<SecurityGroupRuleChange>; renames: Renames['undecided'] } {
  const rules = new Set<SecurityGroupRuleChange>();
  const touched = new Set<Renames['undecided'][number]>();
  if (renames.length === 0 || baseRules === undefined || headRules === undefined) return { rules, renames: [] };
  const judge = (list: SecurityGroupRuleChange[], on: 'base' | 'head', others: Map<string, SecurityGroupRuleChange>, self: ServiceAddresses | undefined): void => {
    const otherSide = on === 'head' ? 'base' : 'head';
    for (const rule of list) {
      for (const set of renames) {
        const byGroup = set[on].includes(rule.group);
        const byPeer = rule.peer.startsWith('sg:') && set[on].includes(rule.peer.slice(3));
        if (!byGroup && !byPeer) continue;
        const candidates = new Set(set[otherSide]);
        const asThis = [...others.values()].flatMap((o) => {
          const group = byGroup && candidates.has(o.group);
          const peer = byPeer && o.peer.startsWith('sg:') && candidates.has(o.peer.slice(3));
          return group || peer ? [{ ...o, ...(group ? { group: rule.group } : {}), ...(peer ? { peer: rule.peer } : {}) }] : [];
        });
        if (!ruleCovered(rule, asThis, self)) continue;
        rules.add(rule);
        touched.add(set);
      }
    }
  };
  judge(listed.added, 'head', baseRules, addresses.head);
  judge(listed.removed, 'base', headRules, addresses.base);
  return { rules, renames: renames.filter((set) => touched.has(set)) };
}

/**
 * Rules whose ports, protocol or peer the files no longer decide, or that now exist only under an
 * undecided Condition (or no longer do), paired with the rule they were: same group, direction and
 * relation, and the same in every part that is still known. The pair is neither a rule gained nor
 * one lost, but a rule that can no longer be judged (or, the other way round, now can).
 */
function undecidedRules(added: readonly SecurityGroupRuleChange[], removed: readonly SecurityGroupRuleChange[]): Map<SecurityGroupRuleChange, SecurityGroupRuleChange> {
  const pairs = new Map<SecurityGroupRuleChange, SecurityGroupRuleChange>();
  const paired = new Set<SecurityGroupRuleChange>();
  const unknownParts = (r: SecurityGroupRuleChange) => ({ ports: r.ports === 'unknown', protocol: protocolName(r.protocol) === 'unknown', peer: UNKNOWN_PEERS.has(r.peer) });
  const decided = (u: ReturnType<typeof unknownParts>): boolean => !u.ports && !u.protocol && !u.peer;
  const sameRule = (a: SecurityGroupRuleChange, b: SecurityGroupRuleChange): boolean =>
    a.group === b.group && a.direction === b.direction && a.relation === b.relation && a.endpoint === b.endpoint;
  // A part head no longer decides, or a rule that entered or left an undecided Condition.
  for (const after of added) {
    const unknown = unknownParts(after);
    const conditionChanged = (r: SecurityGroupRuleChange): boolean => (r.conditional === true) !== (after.conditional === true);
    if (decided(unknown) && !removed.some(conditionChanged)) continue;
    const before = removed.find((r) =>
      !paired.has(r) && sameRule(r, after) &&
      (unknown.ports || r.ports === after.ports) && (unknown.protocol || r.protocol === after.protocol) && (unknown.peer || r.peer === after.peer));
    if (before === undefined || (decided(unknown) && !conditionChanged(before))) continue;
    pairs.set(after, before);
    paired.add(before);
  }
  // The reverse: a part base left undecided that head decides. Whether head allows more than
  // base did is as unknown as in the first case.
  for (const before of removed) {
    if (paired.has(before)) continue;
    const unknown = unknownParts(before);
    if (decided(unknown)) continue;
    const after = added.find((r) =>
      !pairs.has(r) && sameRule(r, before) && decided(unknownParts(r)) &&
      (unknown.ports || r.ports === before.ports) && (unknown.protocol || r.protocol === before.protocol) && (unknown.peer || r.peer === before.peer));
    if (after === undefined) continue;
    pairs.set(after, before);
    paired.add(before);
  }
  return pairs;
}

function reasonsFor(s: ServiceDiff, steadyEndpoints: Set<string>, effects: Effects): VerdictReason[] {
  const out: VerdictReason[] = [];
  const add = (effect: VerdictReason['effect'], text: string): void => void out.push({ service: s.key, effect, text });
  if (s.status === 'added') add('broader', 'is new');
  if (s.status === 'removed') add('narrower', 'is removed');
  if (s.status === 'added' || s.status === 'removed') return out;

  if (effects.gained > 0) add('broader', `gains ${permissionCount(effects.gained, effects.executionGained)}`);
  if (effects.lost > 0) add('narrower', `loses ${permissionCount(effects.lost, effects.executionLost)}`);
  // A Deny that cannot be applied with certainty (under a Condition, on part of the resources)
  // can only take permissions away: added, it narrows; any other new gap leaves them open.
  const [denyGaps, openGaps] = partition(effects.gapsAdded, (g) => DENY_GAP.test(g));
  if (denyGaps.length > 0) add('narrower', `may lose permissions: ${denyGaps[0]}${more(denyGaps)}`);
  else if (effects.denyLimits.tightened > 0) add('narrower', `may lose permissions: a Deny limits ${count(effects.denyLimits.tightened, 'more permission')} (or limits them in more cases)`);
  if (openGaps.length > 0) add('neutral', `permissions depend on what the files do not decide: ${openGaps[0]}${more(openGaps)}`);
  // A Deny gone or applying in fewer cases gives back what it may have taken: its gap going is no
  // news beside that.
  const { freed } = effects.denyLimits;
  if (freed > 0) add('broader', `may gain permissions: a Deny no longer limits ${count(freed, 'permission')} (or limits them in fewer cases)`);
  const gapsRemoved = freed > 0 ? effects.gapsRemoved.filter((g) => !DENY_GAP.test(g)) : effects.gapsRemoved;
  if (gapsRemoved.length > 0) add('neutral', `permissions no longer depend on what the files did not decide: ${gapsRemoved[0]}${more(gapsRemoved)}`);
  if (effects.unread.length > 0) add('neutral', `cannot be compared where one side could not read ${effects.unread[0]}${more(effects.unread)}`);
  for (const [r, before] of effects.undecidedRules) add('neutral', `${r.group} ${r.direction} rule ${r.direction === 'ingress' ? 'from' : 'to'} ${r.peer} ${undecidedPart(r, before)}`);
  for (const { base, head } of effects.undecidedRenames) {
    add('neutral', `cannot tell which of groups ${base.join(', ')} became which of ${head.join(', ')} (renamed together, attached to the same things): their rules are not judged`);
  }
  for (const { rule: r, now, peer } of effects.detachedRules) {
    const what = `${r.group} ${r.direction} rule ${r.direction === 'ingress' ? 'from' : 'to'} ${r.peer}${r.standalone === undefined ? '' : ` (${r.standalone})`}`;
    const part = peer ? 'its peer' : 'the group it applies to';
    add('neutral', now ? `${what} is decided from the files now (${part} was not)` : `${what} can no longer be decided from the files (${part})`);
  }
  const { before: execBefore, after: execAfter } = effects.ecsExec;
  if (execBefore !== undefined && execAfter !== undefined) {
    flag(execBefore, execAfter, 'now allows ECS Exec (a shell into its running tasks)', 'no longer allows ECS Exec', 'ECS Exec', add);
  }
  for (const direction of ['ingress', 'egress'] as const) {
    const added = effects.rules.added.filter((r) => r.relation !== 'endpoint' && r.serviceDirection === direction).length;
    const removed = effects.rules.removed.filter((r) => r.relation !== 'endpoint' && r.serviceDirection === direction).length;
    if (added > 0) add('broader', `gains ${count(added, `${direction} rule`)}`);
    if (removed > 0) add('narrower', `loses ${count(removed, `${direction} rule`)}`);
  }
  // Rules of the groups of the endpoints it uses: a rule added lets more reach those endpoints
  // (an endpoint group opened to the world is broadening), a rule removed lets fewer.
  const steadyRule = (r: SecurityGroupRuleChange): boolean => r.relation === 'endpoint' && steadyEndpoints.has(r.endpoint ?? '');
  const endpointRulesAdded = effects.rules.added.filter(steadyRule).length;
  const endpointRulesRemoved = effects.rules.removed.filter(steadyRule).length;
  const world = effects.rules.added.filter((r) => steadyRule(r) && r.world).length;
  if (endpointRulesAdded > 0) {
    add('broader', `endpoint security groups gain ${count(endpointRulesAdded, 'rule')}${world === 0 ? '' : ` (${world} open to the internet)`}`);
  }
  if (endpointRulesRemoved > 0) add('narrower', `endpoint security groups lose ${count(endpointRulesRemoved, 'rule')}`);
  // Endpoint policies: an Allow added or a Deny removed lets more through; the reverse lets less.
  // An Allow the other side's Allows already covered (a default full-access policy replaced by a
  // narrower one) is no more; one the new side no longer covers is less.
  const steadyStatement = (p: EndpointPolicyChange): boolean => steadyEndpoints.has(p.endpoint);
  const policy = { added: effects.statements.added.filter(steadyStatement), removed: effects.statements.removed.filter(steadyStatement) };
  const wider = policy.added.filter((p) => p.effect === 'Allow').length + policy.removed.filter((p) => p.effect === 'Deny').length;
  const tighter = policy.added.filter((p) => p.effect === 'Deny').length + policy.removed.filter((p) => p.effect === 'Allow').length;
  if (wider > 0) add('broader', `endpoint policies allow ${count(wider, 'more statement action')}`);
  if (tighter > 0) add('narrower', `endpoint policies allow ${count(tighter, 'fewer statement action')}`);

  const { before, after } = s.exposure;
  if (before !== null && after !== null) {
    flag(before.publicIp, after.publicIp, `now gets a public IP${anyWhen(after.publicIpCondition)}`, 'no longer gets a public IP', 'public IP', add);
    // A public IP under some outcomes that every deployment now gets (or another outcome does) is
    // more; one that every deployment got, or more outcomes got, and now fewer get is less.
    if (before.publicIp === true && after.publicIp === true && !sameOutcomes(before.publicIpCondition, after.publicIpCondition)) {
      if (after.publicIpCondition === undefined) add('broader', `now gets a public IP in every deployment (before, only${anyWhen(before.publicIpCondition)})`);
      else if (before.publicIpCondition === undefined) add('narrower', `now gets a public IP only${anyWhen(after.publicIpCondition)}`);
      else if (outcomesWithin(after.publicIpCondition, before.publicIpCondition)) add('narrower', `now gets a public IP only${anyWhen(after.publicIpCondition)} (before,${anyWhen(before.publicIpCondition)})`);
      else add('broader', `now gets a public IP${anyWhen(after.publicIpCondition)} (before, only${anyWhen(before.publicIpCondition)})`);
    }
    flag(before.internetIngress, after.internetIngress, 'is now reachable from the internet', 'is no longer reachable from the internet', 'reachability from the internet', add);
    const ways = internetPathChanges(s);
    const named = (labels: string[], n = labels.length): string => waysIn(labels, n, (l) => l);
    if (ways.opened.length > 0) add('broader', `has ${ways.openedCount === 1 ? 'a new way' : `${ways.openedCount} new ways`} in from the internet: ${named(ways.opened, ways.openedCount)}`);
    if (ways.closed.length > 0) add('narrower', `has fewer ways in from the internet: no longer ${named(ways.closed, ways.closedCount)}`);
    if (ways.undecided.length > 0) add('neutral', `reachability from the internet through ${named(ways.undecided)} can no longer be decided from the files`);
    if (ways.direct === 'opened') add('broader', 'has a new way in from the internet: directly (a public IP, and a rule admitting the world)');
    if (ways.direct === 'closed') add('narrower', 'has fewer ways in from the internet: no longer directly (public IP and a rule admitting the world)');
    if (before.defaultRoute !== after.defaultRoute) {
      const from = ROUTE_REACH[before.defaultRoute];
      const to = ROUTE_REACH[after.defaultRoute];
      const text = `egress: ${ROUTE_TEXT[before.defaultRoute]} → ${ROUTE_TEXT[after.defaultRoute]}`;
      add(from === undefined || to === undefined ? 'neutral' : to > from ? 'broader' : 'narrower', text);
    }
  }
  if (s.needs.lost.length > 0) add('broader', `can no longer reach ${s.needs.lost.map((n) => n.service).filter(unique).join(', ')}`);
  // The IAM side of "will its tasks still start": the network side is the needs above.
  if (s.findings.new.some(stopsStartup)) add('broader', 'can no longer start its tasks: its execution role cannot do what starting them needs (FW107)');
  if (s.needs.gained.length > 0) add('narrower', `can now reach ${s.needs.gained.map((n) => n.service).filter(unique).join(', ')}`);
  if (s.needs.uncertain.length > 0) add('neutral', `reaching ${s.needs.uncertain.map((n) => n.service).filter(unique).join(', ')} can no longer be decided from the files`);
  return out;
}

/** ` when Condition IsDev is true`, ` when Env is staging or prod`: the outcomes a public IP holds under. */
function anyWhen(outcomes: readonly StackOutcome[] | undefined): string {
  return outcomes === undefined ? '' : ` ${describeAnyOutcome(outcomes)}`;
}

/** A boolean-or-unknown exposure flag: true is broader than false and than unknown, unknown than false; a move to unknown is neither. */
function flag(
  before: boolean | 'unknown',
  after: boolean | 'unknown',
  gained: string,
  lost: string,
  what: string,
  add: (effect: VerdictReason['effect'], text: string) => void,
): void {
  if (before === after) return;
  if (after === true) add('broader', gained);
  else if (before === true && after === false) add('narrower', lost);
  else if (after === 'unknown') add('neutral', `${what} can no longer be decided from the files`);
  // What some deployments may have had and none has now is less, as a need that is covered now
  // after the files did not decide it is gained: removing a world-open rule from tasks whose
  // subnets are parameters ends their reachability from the internet, undecided before.
  else if (before === 'unknown' && after === false) add('narrower', `${what}: unknown → no`);
}

const EFFECT_ORDER: Record<VerdictReason['effect'], number> = { broader: 0, narrower: 1, neutral: 2 };

function orderReasons(reasons: VerdictReason[]): VerdictReason[] {
  return reasons
    .map((r, i) => ({ r, i }))
    .sort((a, b) => EFFECT_ORDER[a.r.effect] - EFFECT_ORDER[b.r.effect] || a.i - b.i)
    .map(({ r }) => r);
}

/** What about a pair of `undecidedRules` (head's rule, base's) one side's files leave open, for its reason. */
function undecidedPart(r: SecurityGroupRuleChange, before: SecurityGroupRuleChange): string {
  if (r.ports === 'unknown') return 'can no longer be decided from the files (its ports)';
  if (protocolName(r.protocol) === 'unknown') return 'can no longer be decided from the files (its protocol)';
  if (UNKNOWN_PEERS.has(r.peer) && UNKNOWN_PEERS.has(before.peer)) return `depends on what the files do not decide differently now (its peer: ${r.peerReason ?? 'unknown'})`;
  if (UNKNOWN_PEERS.has(r.peer)) return 'can no longer be decided from the files (its peer)';
  if (before.ports === 'unknown') return `is decided from the files now (its ports, ${r.ports}, were not), so whether it allows more than before is not known`;
  if (protocolName(before.protocol) === 'unknown') return 'is decided from the files now (its protocol was not), so whether it allows more than before is not known';
  if (UNKNOWN_PEERS.has(before.peer)) return 'is decided from the files now (its peer was not), so whether it allows more than before is not known';
  if (r.conditional !== true) return 'no longer depends on a Condition the files do not decide';
  const outcomes = stackOutcomesOf(r.condition);
  return outcomes.length > 0
    ? `can no longer be decided from the files (it exists only ${describeOutcomes(outcomes)}, which they do not decide)`
    : 'can no longer be decided from the files (it exists only under a Condition they do not decide)';
}

/** A gap note of a Deny not applied with certainty (see RoleAccumulator in analysis/permissions.ts). */
const DENY_GAP = /\bDeny in .*(?:it may remove (?:is|are) kept|covers only part of the resources of)/;

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const item of items) (test(item) ? yes : no).push(item);
  return [yes, no];
}

function verdictOf(reasons: readonly VerdictReason[]): Verdict {
  if (reasons.some((r) => r.effect === 'broader')) return 'broadening';
  const narrower = reasons.some((r) => r.effect === 'narrower');
  const neutral = reasons.some((r) => r.effect === 'neutral');
  if (narrower && !neutral) return 'narrowing';
  return narrower || neutral ? 'mixed' : 'none';
}

function unique<T>(value: T, index: number, all: T[]): boolean {
  return all.indexOf(value) === index;
}

function more(list: readonly string[]): string {
  return list.length > 1 ? ` (and ${list.length - 1} more)` : '';
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
