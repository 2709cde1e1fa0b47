import type { NetworkPath, ServiceDiff } from './types.ts';

export interface InternetPathChanges {
  /** Load balancers the internet now reaches the service through and did not before. */
  opened: string[];
  /** Load balancers it reached the service through before and no longer does. */
  closed: string[];
  /** Load balancers it reached the service through before, where head leaves that undecided. */
  undecided: string[];
}

const NONE: InternetPathChanges = { opened: [], closed: [], undecided: [] };

/**
 * The ways in from the internet that changed, for a service reachable from it before and after
 * (otherwise the exposure flag says it all): another way in may lack the first one's listener
 * rules, authentication or WAF. A load balancer in front on both sides counts when the internet
 * newly (or no longer) reaches the service through it. One that appears or disappears counts only
 * beyond those it may have been renamed from: per load balancer type, the ones that arrive open
 * are new ways in when more arrive than leave, and the ones that leave are ways in fewer when more
 * leave than arrive.
 */
export function internetPathChanges(s: Pick<ServiceDiff, 'exposure' | 'network'>): InternetPathChanges {
  const { before, after } = s.exposure;
  const paths = { before: s.network.before, after: s.network.after };
  if (before?.internetIngress !== true || after?.internetIngress !== true || paths.before === null || paths.after === null) return NONE;
  const balancers = (path: NetworkPath): Map<string, NetworkPath['ingress'][number]> =>
    new Map(path.ingress.filter((i) => i.kind === 'load-balancer').map((i) => [i.label, i]));
  const [was, now] = [balancers(paths.before), balancers(paths.after)];
  const out: InternetPathChanges = { opened: [], closed: [], undecided: [] };
  for (const [label, source] of now) {
    const old = was.get(label);
    if (old === undefined) continue;
    if (source.internet === true && old.internet !== true) out.opened.push(label);
    else if (old.internet === true && source.internet === false) out.closed.push(label);
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
  for (const [type, labels] of arrivedByType) if (labels.length > (leftByType.get(type)?.length ?? 0)) out.opened.push(...labels);
  for (const [type, labels] of leftByType) if (labels.length > (arrivedByType.get(type)?.length ?? 0)) out.closed.push(...labels);
  for (const list of [out.opened, out.closed, out.undecided]) list.sort();
  return out;
}

/** Whether internetPathChanges finds anything. */
export function internetPathsChanged(s: Pick<ServiceDiff, 'exposure' | 'network'>): boolean {
  const c = internetPathChanges(s);
  return c.opened.length + c.closed.length + c.undecided.length > 0;
}
