import { SEVERITY_RANK, type Finding, type ResourceEntry } from '../model/index.ts';

/**
 * Names that survive a CDK logical-ID hash change. CDK derives logical IDs from construct paths
 * plus a hash, so the same construct may be `TableCD117FA1` on base and `Table39D09A7B` on head;
 * its construct path (`OrdersStack/Table/Resource`) is the same on both. Values and messages are
 * compared after logical IDs that have a construct path are replaced by it.
 */
export class StableNames {
  private readonly byFile = new Map<string, Map<string, string>>();
  /** Logical ID → construct path when every file agrees; `null` when files disagree. */
  private readonly anyFile = new Map<string, string | null>();

  constructor(infra: { resources: readonly Pick<ResourceEntry, 'file' | 'logicalId' | 'cdkPath'>[] }) {
    for (const r of infra.resources) {
      if (r.cdkPath === undefined) continue;
      let names = this.byFile.get(r.file);
      if (names === undefined) this.byFile.set(r.file, (names = new Map()));
      names.set(r.logicalId, r.cdkPath);
      const seen = this.anyFile.get(r.logicalId);
      this.anyFile.set(r.logicalId, seen === undefined || seen === r.cdkPath ? r.cdkPath : null);
    }
  }

  private lookup(logicalId: string, file: string | undefined): string | undefined {
    const inFile = file === undefined ? undefined : this.byFile.get(file)?.get(logicalId);
    return inFile ?? this.anyFile.get(logicalId) ?? undefined;
  }

  /** `${TableCD117FA1.Arn}/index/*` → `${OrdersStack/Table/Resource.Arn}/index/*`. */
  stabilize(value: string, file?: string): string {
    if (this.anyFile.size === 0 || !value.includes('${')) return value;
    return value.replace(/\$\{([A-Za-z0-9]+)((?:\.[^}]*)?)\}/g, (whole, id: string, attribute: string) => {
      const path = this.lookup(id, file);
      return path === undefined ? whole : `\${${path}${attribute}}`;
    });
  }

  /** Every word of a message that is a logical ID with a construct path becomes that path. */
  message(text: string, file?: string): string {
    if (this.anyFile.size === 0) return text;
    return text.replace(/[A-Za-z][A-Za-z0-9]*/g, (word) => this.lookup(word, file) ?? word);
  }
}

/**
 * What makes two findings "the same finding" on base and head: the same rule, on the same
 * resource (by construct path when it has one), for the same service, at the same severity.
 * The message is not part of it: messages carry counts and lists ("allows 3 action(s) …: a, b,
 * c") that change when the problem grows or shrinks, and a finding that is still there is not
 * new. A change of severity is (FW103 going from medium to high when a Write action joins Read
 * ones): the escalated finding is new, the old one resolved, so `--fail-on` sees it; one that
 * went down pairs after all (see pairDeescalated). A finding
 * whose service appears or disappears because its role or VPC gained or lost a sharer is still
 * paired, by matchFindings, after findings of one identity are.
 */
export function findingIdentity(f: Finding): string {
  return [f.ruleId, f.cdkPath ?? f.resource, f.service ?? '', f.severity].join('\0');
}

/**
 * Pairs base and head findings. Within one identity:
 * 1. findings whose messages are the same (after stable names) pair first;
 * 2. a rule that reports several findings on one resource for one service (FW301, one per
 *    unreachable AWS service; FW202, one per world-open rule of a group) is told apart by the
 *    words that distinguish sibling findings of the identity on either side (`dynamodb` vs `sqs`):
 *    what is left pairs only with a finding that has the same distinguishing words (words
 *    that are not numbers first, so a count changing in one of them does not unpair it);
 * 3. when no side has siblings, what is left is one finding reworded (a count or a list in its
 *    message changed) and pairs with the one left on the other side.
 * Then findings left over that differ only in their service, one side naming none, pair (see
 * pairReattributed): a role or VPC that gained or lost a sharer has the same findings as before.
 * What is left over is new (head) or resolved (base). Suppressed findings take no part (see
 * pairFindings for pairing them).
 */
export function matchFindings(
  base: readonly Finding[],
  head: readonly Finding[],
  baseNames: StableNames,
  headNames: StableNames,
  /** Each side's name for a finding's file, when the sides are two trees (see DiffSide.root). */
  fileOf: { base: (f: Finding) => string; head: (f: Finding) => string } = { base: (f) => f.file, head: (f) => f.file },
  /**
   * Findings whose rule, resource and service do not single them out: several stacks declare the
   * resource's logical ID. Their identity includes the file, so a finding fixed in prod and
   * introduced in staging is one resolved and one new.
   */
  ambiguous: (f: Finding) => boolean = () => false,
): {
  new: Finding[];
  resolved: Finding[];
  unchanged: Finding[];
  /** New findings that base reported at a lower severity: those (matched, not resolved), by head's finding. */
  escalated: Map<Finding, Finding>;
} {
  const active = (fs: readonly Finding[]): Finding[] => fs.filter((f) => f.suppressed === undefined);
  return pairFindings(active(base), active(head), baseNames, headNames, fileOf, ambiguous);
}

/** matchFindings on findings as given, suppressed or not. */
export function pairFindings(
  b: readonly Finding[],
  h: readonly Finding[],
  baseNames: StableNames,
  headNames: StableNames,
  fileOf: { base: (f: Finding) => string; head: (f: Finding) => string },
  ambiguous: (f: Finding) => boolean,
): {
  new: Finding[];
  resolved: Finding[];
  unchanged: Finding[];
  escalated: Map<Finding, Finding>;
} {
  const identity = (file: (f: Finding) => string) => (f: Finding): string => (ambiguous(f) ? `${findingIdentity(f)}\0${file(f)}` : findingIdentity(f));
  const baseGroups = groupBy(b, identity(fileOf.base));
  const headGroups = groupBy(h, identity(fileOf.head));
  const matchedBase = new Set<Finding>();
  const matchedHead = new Set<Finding>();
  const baseText = (f: Finding): string => baseNames.message(f.message, f.file);
  const headText = (f: Finding): string => headNames.message(f.message, f.file);

  for (const [identity, headGroup] of headGroups) {
    const baseGroup = baseGroups.get(identity);
    if (baseGroup === undefined) continue;
    const pairBy = (baseKey: (f: Finding) => string, headKey: (f: Finding) => string): void => {
      const waiting = groupBy(baseGroup.filter((f) => !matchedBase.has(f)), baseKey);
      for (const y of headGroup) {
        if (matchedHead.has(y)) continue;
        const x = waiting.get(headKey(y))?.find((c) => !matchedBase.has(c));
        if (x === undefined) continue;
        matchedBase.add(x);
        matchedHead.add(y);
      }
    };
    pairBy(baseText, headText);
    const distinguishing = new Set([...distinguishingWords(baseGroup.map(baseText)), ...distinguishingWords(headGroup.map(headText))]);
    const withoutNumbers = new Set([...distinguishing].filter((w) => !NUMBER.test(w)));
    for (const words of [withoutNumbers, distinguishing]) {
      if (words.size === 0) continue;
      const signature = (text: string): string => [...wordsOf(text)].filter((w) => words.has(w)).sort().join(' ');
      pairBy((f) => signature(baseText(f)), (f) => signature(headText(f)));
    }
    if (distinguishing.size === 0) pairBy(() => '', () => '');
  }
  const leftovers: Leftovers = { base: b, head: h, matchedBase, matchedHead, baseText, headText, fileOf, ambiguous };
  pairReattributed(leftovers);
  pairDeescalated(leftovers);
  const escalated = pairEscalated(leftovers);
  return {
    new: h.filter((f) => !matchedHead.has(f)),
    resolved: b.filter((f) => !matchedBase.has(f)),
    unchanged: h.filter((f) => matchedHead.has(f)),
    escalated,
  };
}

const NUMBER = /^[\d.,/]+$/;

/** What the passes after the first pairing work on: the findings of each side, those paired so far, how each reads and names its file. */
interface Leftovers {
  base: readonly Finding[];
  head: readonly Finding[];
  matchedBase: Set<Finding>;
  matchedHead: Set<Finding>;
  baseText: (f: Finding) => string;
  headText: (f: Finding) => string;
  fileOf: { base: (f: Finding) => string; head: (f: Finding) => string };
  ambiguous: (f: Finding) => boolean;
}

/** The unpaired findings of each side grouped by `key` (each side naming files its own way): the groups both sides have. */
function leftoverGroups(l: Leftovers, key: (file: (f: Finding) => string) => (f: Finding) => string): [Finding[], Finding[]][] {
  const baseGroups = groupBy(l.base.filter((f) => !l.matchedBase.has(f)), key(l.fileOf.base));
  const out: [Finding[], Finding[]][] = [];
  for (const [k, headGroup] of groupBy(l.head.filter((f) => !l.matchedHead.has(f)), key(l.fileOf.head))) {
    const baseGroup = baseGroups.get(k);
    if (baseGroup !== undefined) out.push([baseGroup, headGroup]);
  }
  return out;
}

/**
 * Rules that find a problem on a shared role or VPC (FW102, FW103, FW109, FW209) name its service
 * only when exactly one service uses it, so removing one of two sharers turns "services a, b" with
 * no service into "service a" for a: the same finding, attributed differently, and not new for a
 * service nobody touched. Leftovers of one rule, resource and severity pair when one side names no
 * service and the other names one, but only when that is unambiguous: never when the leftovers
 * name more than one service (which one's finding would it be?), and after equal messages only by
 * distinguishing words that a single leftover on each side has. Services are in the messages
 * ("of services a, b" vs "of service a"), so sibling words are taken within a side, where every
 * sibling carries the same list.
 */
function pairReattributed(l: Leftovers): void {
  // The file too when several stacks declare the logical ID (their findings are not one), and
  // only then: `--base a.yaml --head b.yaml` compares one template under two names. Asked of the
  // finding without its service, so the named and the unnamed finding of one resource agree.
  const loose = (file: (f: Finding) => string) => (f: Finding): string =>
    [f.ruleId, f.cdkPath ?? f.resource, f.severity, ...(l.ambiguous({ ...f, service: undefined }) ? [file(f)] : [])].join('\0');
  for (const [baseGroup, headGroup] of leftoverGroups(l, loose)) {
    const services = new Set([...baseGroup, ...headGroup].flatMap((f) => (f.service === undefined ? [] : [f.service])));
    if (services.size !== 1) continue;
    const unnamed = (f: Finding): boolean => f.service === undefined;
    pairUnambiguous(baseGroup.filter(unnamed), headGroup.filter((f) => !unnamed(f)), l.matchedBase, l.matchedHead, l.baseText, l.headText);
    pairUnambiguous(baseGroup.filter((f) => !unnamed(f)), headGroup.filter(unnamed), l.matchedBase, l.matchedHead, l.baseText, l.headText);
  }
}

/**
 * A finding whose severity went down (FW103 from high to medium when the Write actions go) is the
 * same finding, not a new one: the change did not introduce it, and `--fail-on medium` must not
 * fail a pull request that only narrows. A severity that went up stays new (see findingIdentity).
 * Leftovers of one rule, resource and service pair as pairUnambiguous pairs them, from the
 * closest severities down.
 */
function pairDeescalated(l: Leftovers): void {
  for (const [baseGroup, headGroup] of leftoverGroups(l, sameFinding(l))) {
    const steps = [...new Set(baseGroup.flatMap((x) => headGroup.map((y) => SEVERITY_RANK[y.severity] - SEVERITY_RANK[x.severity])))].filter((d) => d > 0).sort((a, c) => a - c);
    for (const step of steps) {
      for (const rank of new Set(baseGroup.map((x) => SEVERITY_RANK[x.severity]))) {
        const xs = baseGroup.filter((x) => !l.matchedBase.has(x) && SEVERITY_RANK[x.severity] === rank);
        const ys = headGroup.filter((y) => !l.matchedHead.has(y) && SEVERITY_RANK[y.severity] === rank + step);
        pairUnambiguous(xs, ys, l.matchedBase, l.matchedHead, l.baseText, l.headText);
      }
    }
  }
}

/** One rule on one resource for one service (and file, where several stacks declare the resource), whatever the severity. */
function sameFinding(l: Leftovers): (file: (f: Finding) => string) => (f: Finding) => string {
  return (file) => (f) => [f.ruleId, f.cdkPath ?? f.resource, f.service ?? '', ...(l.ambiguous(f) ? [file(f)] : [])].join('\0');
}

/**
 * A finding whose severity went up (FW103 from medium to high when a Write action joins) stays new,
 * so `--fail-on` sees it, but base's is not resolved: nothing was fixed. Pairs as pairDeescalated
 * does, the other way; head's findings stay unmatched and are returned with base's.
 */
function pairEscalated(l: Leftovers): Map<Finding, Finding> {
  const out = new Map<Finding, Finding>();
  for (const [baseGroup, headGroup] of leftoverGroups(l, sameFinding(l))) {
    for (const rank of new Set(baseGroup.map((x) => SEVERITY_RANK[x.severity]))) {
      const xs = baseGroup.filter((x) => !l.matchedBase.has(x) && SEVERITY_RANK[x.severity] === rank);
      const ys = headGroup.filter((y) => !l.matchedHead.has(y) && !out.has(y) && SEVERITY_RANK[y.severity] < rank);
      // Paired against a set of its own: head's findings must stay new.
      const pairedHead = new Set<Finding>();
      const before = new Set(l.matchedBase);
      pairUnambiguous(xs, ys, l.matchedBase, pairedHead, l.baseText, l.headText);
      const newlyMatched = xs.filter((x) => l.matchedBase.has(x) && !before.has(x));
      ys.filter((y) => pairedHead.has(y)).forEach((y, i) => out.set(y, newlyMatched[i] ?? newlyMatched[0]!));
    }
  }
  return out;
}

function pairUnambiguous(
  xs: readonly Finding[],
  ys: readonly Finding[],
  matchedBase: Set<Finding>,
  matchedHead: Set<Finding>,
  baseText: (f: Finding) => string,
  headText: (f: Finding) => string,
): void {
  if (xs.length === 0 || ys.length === 0) return;
  const pair = (x: Finding, y: Finding): void => {
    matchedBase.add(x);
    matchedHead.add(y);
  };
  // Equal messages are interchangeable, so repeats pair in order.
  const waiting = groupBy(xs, baseText);
  for (const y of ys) {
    const x = waiting.get(headText(y))?.find((c) => !matchedBase.has(c));
    if (x !== undefined) pair(x, y);
  }
  const distinguishing = new Set([...distinguishingWords(xs.map(baseText)), ...distinguishingWords(ys.map(headText))]);
  const withoutNumbers = new Set([...distinguishing].filter((w) => !NUMBER.test(w)));
  // Without sibling words every signature is empty: a lone leftover on each side pairs, more do not.
  const passes = distinguishing.size === 0 ? [distinguishing] : [withoutNumbers, distinguishing].filter((w) => w.size > 0);
  for (const words of passes) {
    const signature = (text: string): string => [...wordsOf(text)].filter((w) => words.has(w)).sort().join(' ');
    const left = groupBy(xs.filter((f) => !matchedBase.has(f)), (f) => signature(baseText(f)));
    const right = groupBy(ys.filter((f) => !matchedHead.has(f)), (f) => signature(headText(f)));
    for (const [sig, [x, ...moreX]] of left) {
      const [y, ...moreY] = right.get(sig) ?? [];
      if (x !== undefined && y !== undefined && moreX.length === 0 && moreY.length === 0) pair(x, y);
    }
  }
}

/** Words that some but not all of the messages have: what tells sibling findings apart. */
function distinguishingWords(messages: string[]): Set<string> {
  if (messages.length < 2) return new Set();
  const sets = messages.map(wordsOf);
  const all = new Set<string>();
  for (const s of sets) for (const w of s) all.add(w);
  return new Set([...all].filter((w) => !sets.every((s) => s.has(w))));
}

/**
 * A sentence's full stop is no part of its last word: a list reordered ("b, a." for "a, b.") moves
 * it to another word, and `a.` and `a` must be one word for the siblings to pair.
 */
function wordsOf(text: string): Set<string> {
  return new Set(text.toLowerCase().split(/[^a-z0-9_:./*-]+/).map((w) => w.replace(/\.+$/, '')).filter((w) => w !== ''));
}

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list === undefined) out.set(k, [item]);
    else list.push(item);
  }
  return out;
}

/**
 * `f` naming its service (and, by `reword`, names in its message) as the comparison does (see
 * comparisonKeys in diff.ts). `reword` rewrites the text around the message's outcome clause
 * (Finding.outcome) as it does the message, so findings a report joins by their outcomes read as
 * each does. A fix not built yet stays lazy (see toFinding): a spread would build it, a
 * re-analysis per finding, and would copy a finding without one as having `fix: undefined`.
 */
export function forService(f: Finding, service: string | undefined, reword?: (text: string) => string): Finding {
  const message = reword === undefined ? f.message : reword(f.message);
  const outcome = reword === undefined || f.outcome === undefined ? f.outcome : { ...f.outcome, before: reword(f.outcome.before), after: reword(f.outcome.after) };
  const descriptors = Object.getOwnPropertyDescriptors(f);
  if (descriptors.fix?.get === undefined) {
    const copy: Finding = service === undefined ? { ...f, message } : { ...f, service, message };
    if (outcome !== undefined) copy.outcome = outcome;
    return copy;
  }
  delete descriptors.fix;
  const copy = Object.defineProperties({}, descriptors) as Finding;
  if (service !== undefined) copy.service = service;
  copy.message = message;
  if (outcome !== undefined) copy.outcome = outcome;
  const settle = (fix: Finding['fix']): void => {
    if (fix === undefined) delete copy.fix;
    else Object.defineProperty(copy, 'fix', { value: fix, writable: true, enumerable: true, configurable: true });
  };
  Object.defineProperty(copy, 'fix', {
    enumerable: true,
    configurable: true,
    get(): Finding['fix'] {
      const fix = f.fix;
      settle(fix);
      return fix;
    },
    set(fix: Finding['fix']) {
      Object.defineProperty(copy, 'fix', { value: fix, writable: true, enumerable: true, configurable: true });
    },
  });
  return copy;
}

/**
 * Findings that say the tasks will not start for a reason other than the network: FW107, the
 * execution role cannot fetch the image credentials, secrets or logs set-up the agent needs.
 * Like a need no longer reached, such a new finding is broadening (a capability lost).
 */
export function stopsStartup(f: Pick<Finding, 'ruleId'>): boolean {
  return f.ruleId === 'FW107';
}

/**
 * The findings a diff lists as changed, for the whole diff or one service: new, resolved, no
 * longer decidable and newly suppressed (unchanged ones are only counted).
 */
export function changedFindings(f: { new: readonly Finding[]; resolved: readonly Finding[]; undecided: readonly Finding[]; suppressed: readonly Finding[] }): Finding[] {
  return [...f.new, ...f.resolved, ...f.undecided, ...f.suppressed];
}
