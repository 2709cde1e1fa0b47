import { compactFixMarker, renderFixMarker, withFixMarker, type FixMarker } from './markers.ts';

/** GitHub refuses pull-request bodies over 65,536 characters. */
export const MAX_PULL_BODY = 65_536;

/**
 * The most of a body the marker may take while it lists the group's files. A rule fixed across a
 * few hundred stacks fits; thousands of long paths do not, and then the marker holds their count
 * instead (the description, which people read, keeps the room).
 */
const MAX_LISTING_MARKER = 32_768;

const FOOTER = [
  '---',
  '<sub>Opened by fargate-warden. It rebases this pull request when the default branch moves and closes it when the finding goes away.',
  'Pushing a commit here hands the pull request to you (fargate-warden stops updating it); closing it without merging declines this fix until it changes.',
  'Comment `/fargate-warden rescan` to re-run the analysis.</sub>',
].join('\n');

/**
 * A fix pull request's body: the group's body, the footer and the marker, within GitHub's limit
 * however many files the group changes. The group's body gets what the footer and marker leave.
 */
export function pullBody(body: string, marker: FixMarker): string {
  const fitted = renderFixMarker(marker).length <= MAX_LISTING_MARKER ? marker : compactFixMarker(marker);
  // Measured as the App rewrites it when it closes the pull request, so that edit fits too.
  const markerSize = renderFixMarker({ ...fitted, closedBy: 'fargate-warden' }).length;
  const footer = `\n\n${FOOTER}`;
  const room = MAX_PULL_BODY - footer.length - markerSize - 8; // the blank line before the marker, the newline after it
  return withFixMarker(`${limitBody(body, room)}${footer}`, fitted);
}

/** Planned truncation: whole paragraphs are dropped from the end, never half a table. */
function limitBody(body: string, budget: number): string {
  if (body.length <= budget) return body;
  const paragraphs = body.split(/\n{2,}/);
  const kept: string[] = [];
  let size = 0;
  for (const p of paragraphs) {
    if (size + p.length + 2 > budget - 200) break;
    kept.push(p);
    size += p.length + 2;
  }
  kept.push('_The description was shortened to fit GitHub\'s limit; the commit holds every change._');
  return kept.join('\n\n');
}
