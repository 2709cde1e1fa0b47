import type { NetworkPath, ServiceDiff } from './types.ts';

export interface InternetPathChanges {
  /** Load balancers the internet now reaches the service through and did not before. */
  opened: string[];
  /**
   * How many ways in `opened` adds: fewer than it lists when load balancers of one type both left
   * and arrived, as any of the arrivals may be a rename of one that left.
   */
  openedCount: number;
  /** Load balancers it reached the service through before and no longer does. */
  closed: string[];
  /** How many ways in `closed` takes away: fewer than it lists for the same reason as openedCount. */
  closedCount: number;
  /** Load balancers it reached the service through before, where head leaves that undecided. */
  undecided: string[];
  /**
   * The direct way in (a public IP in a subnet routed to an internet gateway, and a group rule
   * admitting the world) that head newly has (`opened`) or no longer has (`closed`).
   */
  direct?: 'opened' | 'closed';
}

const NONE: InternetPathChanges = { opened: [], openedCount: 0, closed: [], closedCount: 0, undecided: [] };

/** Whether the internet reaches the tasks directly on a side (see InternetPathChanges.direct). */
function directlyReached(path: NetworkPath): boolean {
  return path.publicIp === true && path.egress === 'igw' && path.ingress.some((i) => i.kind === 'internet');
}

/**
 * The ways in from the internet that changed, for a service reachable from it before and after
 * (otherwise the exposure flag says it all): another way in may lack the first one's listener
 * rules, authentication or WAF. A load balancer in front on both sides counts when the internet
 * newly (or no longer) reaches the service through it. One that appears or disappears counts only
 * beyond those it may have been renamed from: per load balancer type, when more arrive open than
 * leave, the surplus are new ways in, and which of the arrivals they are cannot be told, so every
 * arrival is listed with the count; the same for more leaving than arriving.
 */
export function internetPathChanges(s: Pick<ServiceDiff, 'exposure' | 'network'>): InternetPathChanges {
  const { before, after } = s.exposure;
  const paths = { before: s.network.before, after: s.network.after };
  if (before?.internetIngress !== true || after?.internetIngress !== true || paths.before === null || paths.after === null) return NONE;
  const balancers = (path: NetworkPath): Map<string, NetworkPath['ingress'][number]> =>
    new Map(path.ingress.filter((i) => i.kind === 'load-balancer').map((i) => [i.label, i]));
  const [was, now] = [balancers(paths.before), balancers(paths.after)];
  const out: InternetPathChanges = { opened: [], openedCount: 0, closed: [], closedCount: 0, undecided: [] };
  for (const [label, source] of now) {
    const old = was.get(label);
    if (old === undefined) continue;
    if (source.internet === true && old.internet !== true) {
      out.opened.push(label);
      out.openedCount++;
    } else if (old.internet === true && source.internet === false) {
      out.closed.push(label);
      out.closedCount++;
    }
    else if (old.internet === true && source.internet === 'unknown') out.undecided.push(label);
  }
  const arrived = [...now].filter(([label, i]) => !was.has(label) && i.internet === true);
  const left = [...was].filter(([label, i]) => !now.has(label) && i.internet === true);
  const byType = (list: [string, NetworkPath['ingress'][number]][]): Map<string, string[]> => {
    const map = new Map<string, string[]>();
    for (const [label, i] of list) map.set(i.balancerType ?? 'unknown', [...(map.get(i.balancerType ?? 'unknown') ?? []), label]);
    return map;
  };
  const [arrivedByType, leftByType] = [byType(arrived), byType(left)];
  for (const [type, labels] of arrivedByType) {
    const surplus = labels.length - (leftByType.get(type)?.length ?? 0);
    if (surplus <= 0) continue;
    out.opened.push(...labels);
    out.openedCount += surplus;
  }
  for (const [type, labels] of leftByType) {
    const surplus = labels.length - (arrivedByType.get(type)?.length ?? 0);
    if (surplus <= 0) continue;
    out.closed.push(...labels);
    out.closedCount += surplus;
  }
  for (const list of [out.opened, out.closed, out.undecided]) list.sort();
  const [directBefore, directAfter] = [directlyReached(paths.before), directlyReached(paths.after)];
  if (directAfter && !directBefore) out.direct = 'opened';
  else if (directBefore && !directAfter) out.direct = 'closed';
  return out;
}

/**
 * How a list of ways in reads: `load balancer A, load balancer B` when each is one, `one of load
 * balancer A, load balancer B` (or `2 of …`) when only some of them are (see openedCount).
 */
export function waysIn(labels: string[], count: number, name: (label: string) => string): string {
  const list = labels.map((l) => `load balancer ${name(l)}`).join(', ');
  if (count >= labels.length) return list;
  return `${count === 1 ? 'one' : count} of ${list}`;
}

/** Whether internetPathChanges finds anything. */
export function internetPathsChanged(s: Pick<ServiceDiff, 'exposure' | 'network'>): boolean {
  const c = internetPathChanges(s);
  return c.opened.length + c.closed.length + c.undecided.length > 0 || c.direct !== undefined;
}
