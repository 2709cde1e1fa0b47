import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Node as YamlNode, Pair, YAMLMap } from 'yaml';
import { SEVERITIES, type Severity } from '../model/index.ts';
import { defaultConfig, FAIL_ON_VALUES, GROUP_BY_VALUES, type AppGroupBy, type Config, type ConfigError, type FailOn } from './types.ts';

export interface ParseConfigOptions {
  /**
   * Rule IDs that exist. Without it, IDs are only checked for their shape (`FW` and three
   * digits); callers that have the rule list pass it so a typo is caught.
   */
  ruleIds?: Iterable<string>;
}

const TOP_KEYS = ['paths', 'rules', 'failOn', 'fail-on', 'suppressions', 'app'];
const PATHS_KEYS = ['include', 'exclude'];
const RULES_KEYS = ['disable', 'severity'];
const SUPPRESSION_KEYS = ['rule', 'resource', 'reason'];
const APP_KEYS = ['groupBy'];

/**
 * Parses `.github/fargate-warden.yml`. Every problem is returned with its line, and the entries
 * that are valid still apply: a typo in one suppression must not switch the whole file off.
 */
export function parseConfig(text: string, file: string, options: ParseConfigOptions = {}): { config: Config; errors: ConfigError[] } {
  const config = defaultConfig();
  const errors: ConfigError[] = [];
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (node: YamlNode | null | undefined): number => (node?.range ? lineCounter.linePos(node.range[0]).line : 1);
  const error = (node: YamlNode | null | undefined, message: string): void => {
    errors.push({ file, line: lineOf(node), message });
  };

  for (const e of doc.errors) {
    errors.push({ file, line: lineCounter.linePos(e.pos[0]).line, message: `invalid YAML: ${firstLine(e.message)}` });
  }
  if (doc.errors.length > 0) return { config, errors };

  const known = options.ruleIds === undefined ? undefined : new Set([...options.ruleIds].map((id) => id.toUpperCase()));
  const ruleId = (node: YamlNode | null | undefined, what: string): string | undefined => {
    const value = scalarString(node);
    if (value === undefined) {
      error(node, `${what} must be a rule ID such as FW203`);
      return undefined;
    }
    const id = value.trim().toUpperCase();
    const exists = known === undefined ? /^FW\d{3}$/.test(id) : known.has(id);
    if (!exists) {
      error(node, `${what}: unknown rule ID "${value}" (rule IDs look like FW203; see the rule list in the README)`);
      return undefined;
    }
    return id;
  };

  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { config, errors };
  if (!isMap(root)) {
    error(root, 'the config file must be a mapping with keys paths, rules, failOn, suppressions, app');
    return { config, errors };
  }

  let failOnSeen: string | undefined;
  for (const pair of pairs(root, TOP_KEYS, '', error)) {
    const key = keyOf(pair);
    const value = pair.value as YamlNode | null;
    if (key === 'paths') {
      const map = expectMap(value, 'paths', pair, error);
      if (map === undefined) continue;
      for (const p of pairs(map, PATHS_KEYS, 'paths.', error)) {
        const k = keyOf(p) as 'include' | 'exclude';
        config.paths[k] = stringList(p.value as YamlNode | null, `paths.${k}`, p, error);
      }
    } else if (key === 'rules') {
      const map = expectMap(value, 'rules', pair, error);
      if (map === undefined) continue;
      for (const p of pairs(map, RULES_KEYS, 'rules.', error)) {
        const k = keyOf(p);
        if (k === 'disable') {
          const list = listItems(p.value as YamlNode | null, 'rules.disable', p, error);
          for (const item of list) {
            const id = ruleId(item, 'rules.disable');
            if (id !== undefined && !config.rules.disable.includes(id)) config.rules.disable.push(id);
          }
        } else {
          const sevMap = expectMap(p.value as YamlNode | null, 'rules.severity', p, error);
          if (sevMap === undefined) continue;
          for (const s of sevMap.items) {
            const id = ruleId(s.key as YamlNode, 'rules.severity');
            const severity = severityOf(s.value as YamlNode | null);
            if (severity === undefined) {
              error((s.value as YamlNode | null) ?? (s.key as YamlNode), `rules.severity.${scalarString(s.key as YamlNode) ?? '?'}: severity must be one of ${SEVERITIES.join(', ')}`);
              continue;
            }
            if (id !== undefined) config.rules.severity[id] = severity;
          }
        }
      }
    } else if (key === 'failOn' || key === 'fail-on') {
      if (failOnSeen !== undefined) {
        error(pair.key as YamlNode, `both ${failOnSeen} and ${key} are set: keep one`);
        continue;
      }
      failOnSeen = key;
      const raw = scalarString(value)?.trim().toLowerCase();
      if (raw === undefined || !(FAIL_ON_VALUES as readonly string[]).includes(raw)) {
        error(value ?? (pair.key as YamlNode), `${key} must be one of ${FAIL_ON_VALUES.join(', ')}`);
        continue;
      }
      config.failOn = raw as FailOn;
    } else if (key === 'app') {
      const map = expectMap(value, 'app', pair, error);
      if (map === undefined) continue;
      config.app = {};
      for (const p of pairs(map, APP_KEYS, 'app.', error)) {
        const v = p.value as YamlNode | null;
        const raw = scalarString(v)?.trim().toLowerCase();
        if (raw === undefined || !(GROUP_BY_VALUES as readonly string[]).includes(raw)) {
          error(v ?? (p.key as YamlNode), `app.groupBy must be one of ${GROUP_BY_VALUES.join(', ')}`);
          continue;
        }
        config.app.groupBy = raw as AppGroupBy;
      }
    } else if (key === 'suppressions') {
      if (isScalar(value) && value.value !== null) {
        error(value, 'suppressions must be a list of mappings with rule, resource and reason');
        continue;
      }
      for (const item of isMap(value) ? [value] : listItems(value, 'suppressions', pair, error)) {
        if (!isMap(item)) {
          error(item, 'each suppression must be a mapping with rule, resource and reason');
          continue;
        }
        const fields: Partial<Record<'rule' | 'resource' | 'reason', string>> = {};
        const invalid = new Set<string>();
        for (const p of pairs(item, SUPPRESSION_KEYS, 'suppressions[].', error)) {
          const k = keyOf(p) as 'rule' | 'resource' | 'reason';
          const v = p.value as YamlNode | null;
          const s = k === 'rule' ? ruleId(v ?? (p.key as YamlNode), 'suppressions[].rule') : nonEmpty(v);
          if (s === undefined) {
            if (k !== 'rule') error(v ?? (p.key as YamlNode), `suppressions[].${k} must be a non-empty string`);
            invalid.add(k);
          } else fields[k] = s;
        }
        const missing = SUPPRESSION_KEYS.filter((k) => fields[k as 'rule'] === undefined && !invalid.has(k));
        if (missing.length > 0) {
          const why = missing.includes('reason') ? ' (say why the finding is accepted, so the next reader can judge it)' : '';
          error(item, `suppression is missing ${missing.join(', ')}${why}`);
        }
        const { rule, resource, reason } = fields;
        if (rule !== undefined && resource !== undefined && reason !== undefined) {
          config.suppressions.push({ rule, resource, reason, source: { file, line: lineOf(item) } });
        }
      }
    }
  }
  return { config, errors };
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.trim() ?? message;
}

function keyOf(pair: Pair): string {
  return scalarString(pair.key as YamlNode) ?? '';
}

function scalarString(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

function nonEmpty(node: YamlNode | null): string | undefined {
  const s = scalarString(node)?.trim();
  return s === undefined || s === '' ? undefined : s;
}

function severityOf(node: YamlNode | null): Severity | undefined {
  const raw = scalarString(node)?.trim().toLowerCase();
  return (SEVERITIES as readonly string[]).includes(raw ?? '') ? (raw as Severity) : undefined;
}

type ErrorSink = (node: YamlNode | null | undefined, message: string) => void;

/** The pairs of a map whose keys are allowed; others are reported (with a hint when close to a known key). */
function pairs(map: YAMLMap, allowed: string[], prefix: string, error: ErrorSink): Pair[] {
  const out: Pair[] = [];
  for (const pair of map.items) {
    const key = keyOf(pair);
    if (isAlias(pair.value)) {
      error(pair.value as YamlNode, `${prefix}${key}: YAML aliases are not supported in the config file`);
      continue;
    }
    if (allowed.includes(key)) {
      out.push(pair);
      continue;
    }
    const hint = closest(key, allowed);
    error(pair.key as YamlNode, `unknown key "${prefix}${key}"${hint === undefined ? '' : ` (did you mean "${prefix}${hint}"?)`}; allowed: ${allowed.join(', ')}`);
  }
  return out;
}

function expectMap(node: YamlNode | null, what: string, pair: Pair, error: ErrorSink): YAMLMap | undefined {
  if (isMap(node)) return node;
  if (node === null || (isScalar(node) && node.value === null)) return undefined;
  error(node ?? (pair.key as YamlNode), `${what} must be a mapping`);
  return undefined;
}

function listItems(node: YamlNode | null, what: string, pair: Pair, error: ErrorSink): YamlNode[] {
  if (node === null || (isScalar(node) && node.value === null)) return [];
  if (isSeq(node)) return node.items as YamlNode[];
  // A single value where a list is expected is what the user meant; accept it.
  if (isScalar(node)) return [node];
  error(node ?? (pair.key as YamlNode), `${what} must be a list`);
  return [];
}

function stringList(node: YamlNode | null, what: string, pair: Pair, error: ErrorSink): string[] {
  const out: string[] = [];
  for (const item of listItems(node, what, pair, error)) {
    const s = scalarString(item);
    if (s === undefined || s.trim() === '') error(item, `${what} entries must be non-empty strings (glob patterns)`);
    else out.push(s.trim());
  }
  return out;
}

function closest(key: string, candidates: string[]): string | undefined {
  const lower = key.toLowerCase().replace(/[-_]/g, '');
  for (const c of candidates) if (c.toLowerCase().replace(/[-_]/g, '') === lower) return c;
  if (key === 'id') return candidates.includes('rule') ? 'rule' : undefined;
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    const d = editDistance(key.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}
