import type { NetworkPath, SecurityGroupRuleChange, ServiceDiff } from '../../diff/types.ts';
import { internetPathChanges } from '../../diff/exposure.ts';
import { isIcmp, portsPhrase } from '../summary.ts';

/** Most nodes drawn per kind; a flowchart is a picture, the tables above it are the record. */
const MAX_INGRESS = 8;
const MAX_NEEDS = 16;
const MAX_RULES = 8;
const MAX_GONE_HOPS = 4;

const CLASS_STYLE = {
  lost: 'stroke:#cf222e,stroke-width:3px,stroke-dasharray:5 4',
  gained: 'stroke:#1a7f37,stroke-width:3px',
  changed: 'stroke:#9a6700,stroke-width:3px',
  uncertain: 'stroke:#9a6700,stroke-width:2px,stroke-dasharray:2 3',
};

/**
 * A Mermaid flowchart of one service's network path after the change: who reaches it, the
 * service, how it gets out (NAT, internet gateway, endpoints), and the AWS services it needs.
 * What changed is highlighted: lost reachability, removed sources, removed rules and ways out no
 * longer used red and dashed, regained reachability green, new ingress sources, added rules, new
 * ways out and a changed public IP amber, reachability that can no longer be decided amber dotted.
 */
export function serviceFlowchart(s: ServiceDiff): string[] {
  const after = s.network.after;
  if (after === null) return [];
  const before = s.network.before;
  const lines: string[] = ['```mermaid', 'flowchart LR'];
  const classes: Record<'lost' | 'gained' | 'changed' | 'uncertain', string[]> = { lost: [], gained: [], changed: [], uncertain: [] };
  const keyOf = (i: NetworkPath['ingress'][number]): string => `${i.kind}|${i.label}`;
  const beforeIngress = new Set((before?.ingress ?? []).map(keyOf));
  const afterIngress = new Set(after.ingress.map(keyOf));

  lines.push(`  svc["${label(s.key)}<br/>public IP: ${after.publicIp === 'unknown' ? 'unknown' : after.publicIp ? 'yes' : 'no'}"]`);
  if (before !== null && before.publicIp !== after.publicIp) classes.changed.push('svc');

  // Security-group rules the change added or removed, drawn from the service's point of view:
  // who may now reach it, what it may now reach (a database admitting it), what it no longer may.
  // Rules of the groups of endpoints it uses are not edges of the service: the details list them.
  // Nor are those of a load balancer's groups: they admit traffic to the load balancer, whose node
  // is marked instead. A rule that only restates what was allowed (see PermissionChange.covered)
  // changes no path.
  const allRuleChanges = [
    ...s.securityGroupRules.added.map((r) => ({ r, added: true })),
    ...s.securityGroupRules.removed.map((r) => ({ r, added: false })),
  ].filter(({ r }) => r.relation !== 'endpoint' && r.relation !== 'load-balancer' && r.covered !== true);
  const balancerRulesChanged = new Set(
    [...s.securityGroupRules.added, ...s.securityGroupRules.removed].flatMap((r) => (r.relation === 'load-balancer' && r.loadBalancer !== undefined && r.covered !== true ? [r.loadBalancer] : [])),
  );
  const ruleChanges = allRuleChanges.slice(0, MAX_RULES);
  const otherEnd = (r: SecurityGroupRuleChange): string => (r.relation === 'own' ? r.peer : `sg:${r.group}`);
  const ruleFrom = (added: boolean): Set<string> => new Set(ruleChanges.filter((c) => c.added === added && c.r.serviceDirection === 'ingress').map((c) => otherEnd(c.r)));
  const [addedFrom, removedFrom] = [ruleFrom(true), ruleFrom(false)];

  // Each source once: a rule change from a source drawn here is an edge from its node (instead of
  // the plain edge), not a second node.
  const nodeByPeer = { added: new Map<string, string>(), removed: new Map<string, string>() };
  // The internet is one node, whether it reaches the service directly (a public IP and a world-open
  // rule), through an internet-facing load balancer, or did so before the change.
  let internetDrawn = false;
  const internet = (): string => {
    if (!internetDrawn) lines.push('  net(("Internet"))');
    internetDrawn = true;
    return 'net';
  };
  /** Sources of one side as nodes `<prefix><i>`: their plain edge unless a rule change draws it, and who they stand for. */
  const drawSources = (sources: NetworkPath['ingress'], side: 'added' | 'removed', reachable: boolean | 'unknown' | undefined): string[] => {
    const [prefix, edge, ruled] = side === 'added' ? ['in', '-->', addedFrom] : ['gone', '-.->|"removed"|', removedFrom];
    const ids = sources.slice(0, MAX_INGRESS).map((source, i) => {
      const peers = peersOf(source);
      const id = source.kind === 'internet' && reachable === true ? internet() : `${prefix}${i}`;
      if (id !== 'net') lines.push(ingressNode(id, source, reachable));
      // Once: 0.0.0.0/0 and ::/0 are two sources, and one internet node.
      const plain = `  ${id} ${edge} svc`;
      if (!peers.some((p) => ruled.has(p)) && !(id === 'net' && lines.includes(plain))) lines.push(plain);
      for (const peer of peers) nodeByPeer[side].set(peer, id);
      return id;
    });
    moreNode(lines, `${prefix}more`, sources.length - MAX_INGRESS, side === 'added' ? 'source' : 'removed source', (id) => `  ${id} ${side === 'added' ? '-->' : '-.->'} svc`);
    return ids;
  };
  // A world-open rule is the internet reaching the tasks only with a public IP in a subnet routed to
  // an internet gateway: behind an open load balancer, the service's own exposure says yes, but a
  // world rule on its group is no direct path.
  const direct = (path: NetworkPath | null, overall: boolean | 'unknown' | undefined): boolean | 'unknown' | undefined => {
    if (path === null || overall === undefined) return overall;
    if (overall === false || path.publicIp === false) return false;
    if (path.publicIp === true && path.egress === 'igw') return overall;
    return path.publicIp === 'unknown' || path.egress === 'unknown' ? 'unknown' : false;
  };
  const drawn = drawSources(after.ingress, 'added', direct(after, s.exposure.after?.internetIngress));
  drawn.forEach((id, i) => {
    if (before !== null && !beforeIngress.has(keyOf(after.ingress[i]!))) classes.changed.push(id);
  });
  // The internet in front of a load balancer it reaches the service through (the path the exposure
  // row means): not one whose groups admit only a corporate range, whatever its scheme.
  const facing = drawn.filter((_, i) => {
    const source = after.ingress[i]!;
    return source.internet === true || (source.internet !== false && source.internetFacing === true);
  });
  for (const id of facing) lines.push(`  ${internet()} --> ${id}`);
  // A load balancer in front before that the internet now reaches the service through (a new way
  // in), or whose groups admit others than before.
  const newlyOpen = new Set(internetPathChanges(s).opened);
  drawn.forEach((id, i) => {
    const source = after.ingress[i]!;
    const changed = newlyOpen.has(source.label) || balancerRulesChanged.has(source.label);
    if (source.kind === 'load-balancer' && changed && !classes.changed.includes(id)) classes.changed.push(id);
  });
  // The internet node stays unmarked when it is still drawn for head: only its removed edge is lost.
  const stillThere = internetDrawn;
  const removed = drawSources((before?.ingress ?? []).filter((source) => !afterIngress.has(keyOf(source))), 'removed', direct(before, s.exposure.before?.internetIngress));
  classes.lost.push(...removed.filter((id) => !(id === 'net' && stillThere)));

  ruleChanges.forEach(({ r, added }, i) => {
    const other = otherEnd(r);
    const ports = r.protocol === 'all' || r.protocol === '-1' ? 'all traffic' : `${r.protocol} ${isIcmp(r.protocol) || r.ports === 'all' ? portsPhrase(r) : r.ports}`;
    const edge = added ? `-->|"${label(ports)}"|` : `-.->|"removed ${label(ports)}"|`;
    // A removed rule from a source that is still drawn (another rule still admits it) is an edge from it too.
    const drawn = r.serviceDirection !== 'ingress' ? undefined : added ? nodeByPeer.added.get(other) : nodeByPeer.removed.get(other) ?? nodeByPeer.added.get(other);
    if (drawn !== undefined) {
      lines.push(`  ${drawn} ${edge} svc`);
      return;
    }
    const id = `rule${i}`;
    lines.push(`  ${id}["${label(other)}"]`);
    lines.push(r.serviceDirection === 'ingress' ? `  ${id} ${edge} svc` : `  svc ${edge} ${id}`);
    (added ? classes.changed : classes.lost).push(id);
  });
  moreNode(lines, 'rulemore', allRuleChanges.length - MAX_RULES, 'rule change', (id) => `  ${id} -.-> svc`);

  const lost = new Set(s.needs.lost.map((n) => n.service));
  const gained = new Set(s.needs.gained.map((n) => n.service));
  const uncertain = new Set(s.needs.uncertain.map((n) => n.service));
  const hops = new Map<string, string>();
  after.needs.slice(0, MAX_NEEDS).forEach((need, i) => {
    const id = `aws${i}`;
    lines.push(`  ${id}["${label(need.service)}"]`);
    const vias = need.via === undefined ? [] : need.via.split(',').filter((v) => v !== '');
    if (need.covered === true && vias.length > 0) {
      for (const via of vias) lines.push(`  ${hopFor(via, hops, lines)} --> ${id}`);
    } else {
      lines.push(`  svc -.->|"${need.covered === 'unknown' ? 'unknown' : 'no route'}"| ${id}`);
    }
    if (lost.has(need.service)) classes.lost.push(id);
    if (gained.has(need.service)) classes.gained.push(id);
    if (uncertain.has(need.service)) classes.uncertain.push(id);
  });
  moreNode(lines, 'awsmore', after.needs.length - MAX_NEEDS, 'AWS service', (id) => `  svc -.-> ${id}`);
  // The ways out: new ones highlighted, ones base used and head does not drawn as removed.
  const viasOf = (path: NetworkPath | null): Set<string> =>
    new Set((path?.needs ?? []).filter((n) => n.covered === true).flatMap((n) => (n.via ?? '').split(',').filter((v) => v !== '')));
  const beforeVias = viasOf(before);
  for (const [via, hop] of hops) {
    lines.push(`  svc --> ${hop}`);
    if (before !== null && !beforeVias.has(via)) classes.changed.push(hop);
  }
  const afterVias = viasOf(after);
  const goneVias = [...beforeVias].filter((via) => !afterVias.has(via));
  goneVias.slice(0, MAX_GONE_HOPS).forEach((via, i) => {
    const id = `gonehop${i}`;
    lines.push(`  ${id}{{"${label(hopText(via))}"}}`, `  svc -.->|"no longer used"| ${id}`);
    classes.lost.push(id);
  });
  // Ways out are in no table: the egress reason and the reachability list name them.
  moreNode(lines, 'gonehopmore', goneVias.length - MAX_GONE_HOPS, 'way out no longer used', (id) => `  svc -.-> ${id}`, 'see the reasons and the reachability list');

  for (const [name, ids] of Object.entries(classes) as [keyof typeof CLASS_STYLE, string[]][]) {
    if (ids.length > 0) lines.push(`  classDef ${name} ${CLASS_STYLE[name]}`, `  class ${ids.join(',')} ${name}`);
  }
  lines.push('```', '');
  return lines;
}

/**
 * A source node. `internet` sources are group rules admitting 0.0.0.0/0 (or ::/0): the internet
 * itself only when the service is reachable from it (a public IP or an internet-facing load
 * balancer); otherwise whatever can route to its private address.
 */
function ingressNode(id: string, source: NetworkPath['ingress'][number], reachable: boolean | 'unknown' | undefined): string {
  if (source.kind !== 'internet') return `  ${id}["${label(ingressLabel(source))}"]`;
  if (reachable === true) return `  ${id}(("Internet"))`;
  return `  ${id}["${reachable === false ? 'any address (0.0.0.0/0) that can route to it' : 'any address (0.0.0.0/0), the internet if it has a public path'}"]`;
}

/** The rule peers (`RuleChange.peer` spellings) a drawn source stands for. */
function peersOf(source: NetworkPath['ingress'][number]): string[] {
  switch (source.kind) {
    case 'internet':
      return ['0.0.0.0/0', '::/0'];
    case 'security-group':
      return [`sg:${source.label}`];
    case 'load-balancer':
      // Named after the load balancer; rules name its groups.
      return (source.groups ?? []).map((g) => `sg:${g}`);
    case 'service':
      return [];
    case 'prefix-list':
      // Rules write a prefix list as `pl:<id>`.
      return [`pl:${source.label}`, source.label];
    default:
      return [source.label];
  }
}

/** A node that says how many of a kind were left out of the picture (the tables list them all). */
function moreNode(lines: string[], id: string, hidden: number, noun: string, edge: (id: string) => string, where = 'see the tables'): void {
  if (hidden <= 0) return;
  lines.push(`  ${id}["${hidden} more ${noun}${hidden === 1 ? '' : 's'} (${where})"]`, edge(id));
}

function ingressLabel(source: NetworkPath['ingress'][number]): string {
  switch (source.kind) {
    case 'load-balancer':
      return `load balancer ${source.label}`;
    case 'service':
      return source.self === true ? 'its own tasks (its group admits itself)' : `service ${source.label}`;
    case 'security-group':
      return `SG ${source.label}`;
    default:
      return source.label;
  }
}

/** One node per way out (each NAT, the internet gateway, each endpoint), created on first use. */
function hopFor(via: string, hops: Map<string, string>, lines: string[]): string {
  const existing = hops.get(via);
  if (existing !== undefined) return existing;
  const id = `hop${hops.size}`;
  hops.set(via, id);
  lines.push(`  ${id}{{"${label(hopText(via))}"}}`);
  return id;
}

/** `nat:Nat1` → `NAT Nat1`, `endpoint:Logs` → `endpoint Logs`, `igw…` → `internet gateway`. */
function hopText(via: string): string {
  const colon = via.indexOf(':');
  const kind = colon < 0 ? via : via.slice(0, colon);
  const name = colon < 0 ? '' : via.slice(colon + 1);
  return kind === 'endpoint' ? `endpoint ${name}` : kind === 'nat' ? `NAT ${name}` : kind === 'igw' ? 'internet gateway' : via;
}

/**
 * Mermaid labels come from templates: keep only characters that cannot close the label, start
 * markup, close the code block or inject directives, and keep them short.
 */
export function label(text: string): string {
  const safe = text.replace(/[^A-Za-z0-9 _.:/()+-]/g, ' ').replace(/\s+/g, ' ').trim();
  // The middle goes: names that share a long start differ at the end.
  return safe.length > 60 ? `${safe.slice(0, 28)}...${safe.slice(-29)}` : safe || '?';
}
