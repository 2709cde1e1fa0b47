import type { NetworkPath, ServiceDiff } from './types.ts';

/**
 * Load balancers through which the internet newly reaches a service it reached before too (so the
 * exposure flag stays the same): another way in, which may lack the first one's listener rules,
 * authentication or WAF. A load balancer that was in front of the service and now admits the
 * internet counts; a new one counts unless one base reached it through is gone from head (a
 * renamed load balancer is not a second way in).
 */
export function newInternetPaths(s: Pick<ServiceDiff, 'exposure' | 'network'>): string[] {
  const { before, after } = s.exposure;
  const paths = { before: s.network.before, after: s.network.after };
  if (before?.internetIngress !== true || after?.internetIngress !== true || paths.before === null || paths.after === null) return [];
  const balancers = (path: NetworkPath): NetworkPath['ingress'] => path.ingress.filter((i) => i.kind === 'load-balancer');
  const open = (path: NetworkPath): Set<string> => new Set(balancers(path).filter((i) => i.internet === true).map((i) => i.label));
  const [openBefore, openAfter] = [open(paths.before), open(paths.after)];
  const inFrontBefore = new Set(balancers(paths.before).map((i) => i.label));
  const inFrontAfter = new Set(balancers(paths.after).map((i) => i.label));
  const gone = [...openBefore].some((label) => !inFrontAfter.has(label));
  return [...openAfter].filter((label) => !openBefore.has(label) && (inFrontBefore.has(label) || !gone)).sort();
}
