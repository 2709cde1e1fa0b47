import type { ActionInfo, IamCatalog } from '../catalog.ts';
import { boundedMemo } from '../memo.ts';

export { resourceMatches, resourcesOverlap } from './resource-match.ts';

/** One catalog action: canonical `service:Name` and what the catalog says about it. */
export interface ExpandedAction {
  readonly action: string;
  /** The service prefix, lower case (`s3`). */
  readonly service: string;
  readonly info: ActionInfo;
}

/**
 * The actions an `Action` pattern stands for. The array is shared between callers (expansions
 * are cached), so it is read-only. `unrecognised`: the pattern matched no catalog action (a typo,
 * an action newer than the catalog, an unresolved `${…}` placeholder, or not `service:action`).
 */
export interface ActionExpansion {
  readonly actions: readonly ExpandedAction[];
  readonly unrecognised: boolean;
}

/** The actions a `NotAction` list leaves allowed, and which of its patterns matched nothing. */
export interface NotActionExpansion {
  readonly actions: readonly ExpandedAction[];
  readonly unrecognised: readonly string[];
}

interface ServiceActions {
  readonly list: readonly ExpandedAction[];
  readonly byLowerName: ReadonlyMap<string, ExpandedAction>;
}

interface CatalogCache {
  services: readonly string[] | undefined;
  byService: Map<string, ServiceActions | undefined>;
  all: readonly ExpandedAction[] | undefined;
  patterns: Map<string, ActionExpansion>;
  notActions: Map<string, NotActionExpansion>;
}

// Keyed by catalog so two catalogs (tests, a future live catalog) never see each other's answers.
const caches = new WeakMap<IamCatalog, CatalogCache>();

const NOTHING: ActionExpansion = Object.freeze({ actions: Object.freeze([]), unrecognised: true });

function cacheOf(catalog: IamCatalog): CatalogCache {
  let cache = caches.get(catalog);
  if (cache === undefined) {
    cache = { services: undefined, byService: new Map(), all: undefined, patterns: new Map(), notActions: new Map() };
    caches.set(catalog, cache);
  }
  return cache;
}

function servicesOf(cache: CatalogCache, catalog: IamCatalog): readonly string[] {
  cache.services ??= catalog.services().map((s) => s.toLowerCase());
  return cache.services;
}

function serviceActions(cache: CatalogCache, catalog: IamCatalog, prefix: string): ServiceActions | undefined {
  if (cache.byService.has(prefix)) return cache.byService.get(prefix);
  const infos = catalog.actions(prefix);
  let entry: ServiceActions | undefined;
  if (infos !== undefined) {
    const list: ExpandedAction[] = [];
    const byLowerName = new Map<string, ExpandedAction>();
    for (const info of infos) {
      const lower = info.name.toLowerCase();
      if (byLowerName.has(lower)) continue;
      const expanded: ExpandedAction = Object.freeze({ action: `${prefix}:${info.name}`, service: prefix, info });
      list.push(expanded);
      byLowerName.set(lower, expanded);
    }
    entry = { list: Object.freeze(list), byLowerName };
  }
  cache.byService.set(prefix, entry);
  return entry;
}

/** True when the text holds a `${…}` placeholder (an unresolved template value or a policy variable). */
export function hasPlaceholder(text: string): boolean {
  return text.includes('${') && /\$\{[^}]*\}/.test(text);
}

function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

/** A case-insensitive IAM glob (`*`, `?`) as an anchored regular expression over lower-case text. */
const globRegex = boundedMemo((lowerGlob): RegExp => {
  const body = lowerGlob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 's');
});

/** Every action of every service, in catalog order. Reads the whole catalog once. */
export function allActions(catalog: IamCatalog): readonly ExpandedAction[] {
  const cache = cacheOf(catalog);
  if (cache.all === undefined) {
    const all: ExpandedAction[] = [];
    for (const prefix of servicesOf(cache, catalog)) {
      const entry = serviceActions(cache, catalog, prefix);
      if (entry !== undefined) for (const a of entry.list) all.push(a);
    }
    cache.all = Object.freeze(all);
  }
  return cache.all;
}

/** The catalog entry for an exact action name (any case), or undefined. */
export function lookupAction(action: string, catalog: IamCatalog): ExpandedAction | undefined {
  const colon = action.indexOf(':');
  if (colon <= 0) return undefined;
  const cache = cacheOf(catalog);
  return serviceActions(cache, catalog, action.slice(0, colon).toLowerCase())?.byLowerName.get(action.slice(colon + 1).toLowerCase());
}

/**
 * Expand one `Action` entry with IAM's semantics: case-insensitive, `*` and `?` in the service
 * and the action part, `*` alone for every action of every service.
 */
const PATTERN_CACHE_LIMIT = 50_000;

export function expandActionPattern(pattern: string, catalog: IamCatalog): ActionExpansion {
  const cache = cacheOf(catalog);
  // Every role repeats the same few patterns as written: looking them up as written first spares lower-casing each one.
  const asWritten = cache.patterns.get(pattern);
  if (asWritten !== undefined) return asWritten;
  const key = pattern.toLowerCase();
  let result = cache.patterns.get(key);
  if (result === undefined) {
    result = computeExpansion(key, cache, catalog);
    // The catalog lives as long as the process (the App's): its patterns must not pile up.
    if (cache.patterns.size >= PATTERN_CACHE_LIMIT) cache.patterns.clear();
    cache.patterns.set(key, result);
  }
  cache.patterns.set(pattern, result);
  return result;
}

function computeExpansion(key: string, cache: CatalogCache, catalog: IamCatalog): ActionExpansion {
  if (hasPlaceholder(key)) return NOTHING;
  if (key === '*') return Object.freeze({ actions: allActions(catalog), unrecognised: false });
  const colon = key.indexOf(':');
  if (colon <= 0 || colon === key.length - 1) return NOTHING;
  const servicePart = key.slice(0, colon);
  const actionPart = key.slice(colon + 1);

  let prefixes: readonly string[];
  if (hasWildcard(servicePart)) {
    const re = globRegex(servicePart);
    prefixes = servicesOf(cache, catalog).filter((s) => re.test(s));
  } else {
    prefixes = [servicePart];
  }

  const actions: ExpandedAction[] = [];
  const actionRe = hasWildcard(actionPart) && actionPart !== '*' ? globRegex(actionPart) : undefined;
  for (const prefix of prefixes) {
    const entry = serviceActions(cache, catalog, prefix);
    if (entry === undefined) continue;
    if (actionPart === '*') {
      for (const a of entry.list) actions.push(a);
    } else if (actionRe === undefined) {
      const exact = entry.byLowerName.get(actionPart);
      if (exact !== undefined) actions.push(exact);
    } else {
      for (const a of entry.list) if (actionRe.test(a.info.name.toLowerCase())) actions.push(a);
    }
  }
  if (actions.length === 0) return NOTHING;
  // `svc:*` of one service is already a frozen catalog list; reuse it instead of copying.
  if (prefixes.length === 1 && actionPart === '*') return Object.freeze({ actions: serviceActions(cache, catalog, prefixes[0])?.list ?? actions, unrecognised: false });
  return Object.freeze({ actions: Object.freeze(actions), unrecognised: false });
}

/**
 * The complement of a `NotAction` list over the whole catalog. Thousands of actions for a typical
 * list, so the result is cached per set of patterns (order and case do not matter).
 */
export function expandNotAction(patterns: readonly string[], catalog: IamCatalog): NotActionExpansion {
  const cache = cacheOf(catalog);
  const lower = [...new Set(patterns.map((p) => p.toLowerCase()))].sort();
  const key = lower.join('\n');
  const hit = cache.notActions.get(key);
  if (hit !== undefined) return hit;

  const excluded = new Set<ExpandedAction>();
  const unrecognised: string[] = [];
  for (const p of patterns) {
    const expansion = expandActionPattern(p, catalog);
    if (expansion.unrecognised) unrecognised.push(p);
    for (const a of expansion.actions) excluded.add(a);
  }
  const all = allActions(catalog);
  const actions = excluded.size === 0 ? all : Object.freeze(all.filter((a) => !excluded.has(a)));
  const result: NotActionExpansion = Object.freeze({ actions, unrecognised: Object.freeze([...new Set(unrecognised)]) });
  cache.notActions.set(key, result);
  return result;
}

/**
 * Whether an `Action` pattern matches one action name, by IAM's case-insensitive glob rules and
 * without the catalog, so names the catalog does not know (new actions, typos) match too. A
 * pattern with a placeholder matches nothing: its value is unknown.
 */
export function actionMatches(pattern: string, action: string): boolean {
  if (pattern === '*') return true;
  const p = pattern.toLowerCase();
  if (hasPlaceholder(p)) return false;
  const a = action.toLowerCase();
  if (!hasWildcard(p)) return p === a;
  return globRegex(p).test(a);
}
