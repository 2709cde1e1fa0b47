/**
 * A small glob matcher for config `paths.include` / `paths.exclude`, matched against report paths
 * (relative, forward slashes). `*` and `?` stay inside one path segment; `**` as a whole segment
 * spans any number of segments, including none, so `infra/**` also matches the `infra` directory
 * itself (which lets the walker prune excluded directories). A pattern without `/` matches a
 * file or directory name at any depth, as in .gitignore. No braces or character classes: `[`
 * and `{` are literal.
 */
export function globToRegExp(pattern: string): RegExp {
  let body = pattern.trim().replace(/\\/g, '/');
  while (body.startsWith('./')) body = body.slice(2);
  body = body.replace(/\/+$/, '');
  const anchored = body.includes('/');
  body = body.replace(/^\/+/, '');
  if (!anchored && body !== '**') body = `**/${body}`;
  // Consecutive `**` segments mean the same as one.
  const segments = body.split('/').filter((seg, i, all) => !(seg === '**' && all[i - 1] === '**'));
  let out = '';
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === '**') {
      if (!last) out += '(?:[^/]+/)*';
      else out = i === 0 ? '.*' : `${out.replace(/\/$/, '')}(?:/.*)?`;
      return;
    }
    out += segmentToRegExp(segment) + (last ? '' : '/');
  });
  return new RegExp(`^${out}$`);
}

function segmentToRegExp(segment: string): string {
  let out = '';
  let previousStar = false;
  for (const ch of segment) {
    if (ch === '*') {
      // `a**b` inside a segment means the same as `a*b`.
      if (!previousStar) out += '[^/]*';
      previousStar = true;
      continue;
    }
    previousStar = false;
    out += ch === '?' ? '[^/]' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return out;
}

function normalisePath(path: string): string {
  let p = path.replace(/\\/g, '/');
  while (p.startsWith('./')) p = p.slice(2);
  return p.replace(/\/+$/, '');
}

/** A matcher for a list of patterns; an empty list matches nothing. */
export function globMatcher(patterns: readonly string[]): (path: string) => boolean {
  const regexps = patterns.map(globToRegExp);
  return (path) => {
    const p = normalisePath(path);
    return regexps.some((re) => re.test(p));
  };
}

export function globMatch(pattern: string, path: string): boolean {
  return globToRegExp(pattern).test(normalisePath(path));
}
