/**
 * The fix engine's public face: rules attach `Fix` data to findings; `verifyFixes` keeps the ones
 * re-analysis confirms; `groupFixes` / `combineFixes` apply them together; `unifiedDiff` shows them.
 */
export type { ApplyResult, DroppedFix, Edit, Fix, FixGroup, GroupBy, VerifiedFix } from './types.ts';
export { applyEdits } from './apply.ts';
export { verifyFixes, type VerifyOptions } from './verify.ts';
export { combineFixes, groupFixes, slug, type Combined, type GroupOptions } from './group.ts';
export { unifiedDiff, type DiffOptions } from './unified-diff.ts';
export { templateDoc, type TemplateDoc } from './doc.ts';
export { appendItems, insertEntries, insertResources, replaceEntry, replaceItem, replaceNode, setKey } from './edit.ts';
export { getAtt, ref, sub, type CfnObject, type CfnValue } from './value.ts';
