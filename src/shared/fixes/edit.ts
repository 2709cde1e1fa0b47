import type { Edit } from '../model/index.ts';
import type { PMap, PNode, PSeq } from '../sources/cloudformation/parse.ts';
import { isFlow, lineIndent, mapEntry, removeFlowMember, resourcesMap, type TemplateDoc } from './doc.ts';
import { jsonAppendItems, jsonInsertEntries, jsonReplaceItem, jsonReplaceNode, jsonValue, ownsLine } from './json-edit.ts';
import type { CfnObject, CfnValue } from './value.ts';
import {
  yamlAppendItems, yamlInsertEntries, yamlKeyText, yamlRemoveEntry, yamlReplaceEntryValue, yamlReplaceItem, yamlReplaceNode,
} from './yaml-edit.ts';

/**
 * Format-independent edit helpers for fix builders. Each returns the `Edit`s for one change and
 * leaves every other byte of the file alone; `undefined` means the change cannot be written
 * safely here (the builder then declines to fix).
 */

/** Replaces a node (a scalar, a list item, a whole value) with `v`. */
export function replaceNode(doc: TemplateDoc, node: PNode, v: CfnValue): Edit {
  return doc.format === 'json' ? jsonReplaceNode(doc, node, v) : yamlReplaceNode(doc, node, v);
}

/**
 * Sets `key` of a mapping: replaces its value when present, else adds the entry after the first
 * of `after` that exists (so a new key lands next to the keys it belongs with), else at the end.
 */
export function setKey(doc: TemplateDoc, map: PMap, key: string, v: CfnValue, after: readonly string[] = []): Edit {
  const entry = mapEntry(map, key);
  if (entry === undefined) return insertEntries(doc, map, [[key, v]], after.find((k) => mapEntry(map, k) !== undefined));
  return doc.format === 'json' ? jsonReplaceNode(doc, entry.value, v) : yamlReplaceEntryValue(doc, map, entry, v);
}

/**
 * Replaces one entry, key and value, by another (`CidrIp: 0.0.0.0/0` → `SourceSecurityGroupId:
 * !GetAtt Lb.GroupId`), leaving the mapping's other entries exactly as written.
 */
export function replaceEntry(doc: TemplateDoc, map: PMap, oldKey: string, newKey: string, v: CfnValue): Edit | undefined {
  const entry = mapEntry(map, oldKey);
  if (entry === undefined) return undefined;
  const start = entry.keyPos.range.start;
  if (doc.format === 'json') {
    return { file: doc.file, range: { start, end: entry.value.pos.range.end }, text: `${JSON.stringify(newKey)}: ${jsonValue(doc, v, lineIndent(doc.text, start), ownsLine(doc, start))}` };
  }
  const edit = yamlReplaceEntryValue(doc, map, entry, v);
  // Re-key: the value edit starts at or after the colon; take the key along.
  const keyText = yamlKeyText(doc, newKey);
  const colon = doc.text.indexOf(':', entry.keyPos.range.end);
  return { file: doc.file, range: { start, end: edit.range.end }, text: `${keyText}:${doc.text.slice(colon + 1, edit.range.start)}${edit.text}` };
}

/**
 * Removes the entry `key` of a mapping, with the separator that goes with it, leaving the other
 * entries exactly as written. `undefined` when there is no such entry, it is the mapping's only
 * one, or it cannot be cut out cleanly (a YAML key that does not start its line).
 */
export function removeEntry(doc: TemplateDoc, map: PMap, key: string): Edit | undefined {
  const index = map.entries.findIndex((e) => e.key === key);
  const entry = map.entries[index];
  if (entry === undefined || map.entries.length === 1) return undefined;
  if (!isFlow(doc, map)) return yamlRemoveEntry(doc, map, index);
  return removeFlowMember(doc, map.entries.map((e) => ({ start: e.keyPos.range.start, end: e.value.pos.range.end })), index);
}

/** Adds entries at the end of a mapping (or after the entry `after`), indented like its other keys. */
export function insertEntries(doc: TemplateDoc, map: PMap, entries: [string, CfnValue][], after?: string): Edit {
  return doc.format === 'json' ? jsonInsertEntries(doc, map, entries, after) : yamlInsertEntries(doc, map, entries, { after });
}

/** Appends items to a list, in its style. */
export function appendItems(doc: TemplateDoc, seq: PSeq, items: CfnValue[]): Edit {
  return doc.format === 'json' ? jsonAppendItems(doc, seq, items) : yamlAppendItems(doc, seq, items);
}

/** Replaces item `index` of a list with zero or more items (removing the only item is refused). */
export function replaceItem(doc: TemplateDoc, seq: PSeq, index: number, items: CfnValue[]): Edit | undefined {
  return doc.format === 'json' ? jsonReplaceItem(doc, seq, index, items) : yamlReplaceItem(doc, seq, index, items);
}

/**
 * Adds whole resources at the end of `Resources`. In YAML a blank line separates them when the
 * file separates its resources that way.
 */
export function insertResources(doc: TemplateDoc, resources: [string, CfnObject][]): Edit | undefined {
  const map = resourcesMap(doc);
  if (map === undefined || resources.length === 0) return undefined;
  if (doc.format === 'json') return jsonInsertEntries(doc, map, resources);
  return yamlInsertEntries(doc, map, resources, { blankLine: separatedByBlankLines(doc, map) });
}

/** Whether most resources of the file are separated by a blank line. */
function separatedByBlankLines(doc: TemplateDoc, map: PMap): boolean {
  let blank = 0;
  for (let i = 1; i < map.entries.length; i++) {
    const between = doc.text.slice(map.entries[i - 1].value.pos.range.end, map.entries[i].keyPos.range.start);
    if (/\n[ \t]*\r?\n/.test(between)) blank++;
  }
  return map.entries.length > 1 && blank * 2 >= map.entries.length - 1;
}
