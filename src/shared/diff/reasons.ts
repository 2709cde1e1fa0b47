/**
 * How PostureDiff.reasons starts the reason of a comparison left incomplete: a file only one side
 * could read may define anything, so no change found elsewhere makes the verdict `mixed`, not `none`.
 */
export const INCOMPLETE_REASON = 'the comparison is incomplete';
