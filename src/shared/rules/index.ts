import type { Rule } from './types.ts';
import { iamRules } from './iam/index.ts';
import { networkRules } from './network/index.ts';
import { endpointRules } from './endpoints/index.ts';

/** Every rule, in catalog order (FW1xx IAM, FW2xx network, FW3xx endpoints). */
export const allRules: Rule[] = [...iamRules, ...networkRules, ...endpointRules].sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0));

const byId = new Map(allRules.map((r) => [r.meta.id, r]));

export function ruleById(id: string): Rule | undefined {
  return byId.get(id.toUpperCase());
}

export const ruleIds: readonly string[] = allRules.map((r) => r.meta.id);
