import { MAX_DIFF_FILES, type CommitInfo, type FileChange, type GitHubRepo, type Person } from './github/repo.ts';
import { TRAILER_GROUP, trailers } from './markers.ts';

/**
 * Whose a fix branch is. The App keeps maintaining a branch whose head is its own commit, or its
 * own commit under merges of the base branch that change nothing else (GitHub's "Update branch"
 * button: a merge commit by the person who clicked it, committed by `web-flow`). Resetting such a
 * branch loses nothing a person wrote: its content is a base-branch commit plus the App's fix.
 * Anything else is a person's, and the App leaves it alone.
 */

/** A branch the App still maintains. */
export interface AppBranch {
  /** The App's own commit for the group (the head, or below the merges). */
  commit: CommitInfo;
  /** The default-branch commit the branch's content sits on: the App commit's parent, or the last merged base commit. */
  base: string;
  /** How many base-branch merges sit on top of the App's commit. */
  merges: number;
}

/** "Update branch" clicked this many times in a row is still followed; more is a person's history. */
const MAX_BASE_MERGES = 5;

/**
 * A commit the App made for this group, untouched: one parent, the App's identity as author and
 * committer (an amend or rebase by a person changes the committer), and the group trailer.
 */
export function isAppCommit(commit: CommitInfo, groupId: string, identity: Person): boolean {
  return (
    commit.parents.length === 1 &&
    trailers(commit.message).get(TRAILER_GROUP) === groupId &&
    commit.author.name === identity.name &&
    commit.author.email === identity.email &&
    commit.committer.name === identity.name &&
    commit.committer.email === identity.email
  );
}

/**
 * The App's branch under `head`, or undefined when a person changed it. A merge on top counts as
 * the base branch's only when its second parent is on `baseRef` (GitHub's merge base of `baseRef`
 * and the head is that parent) and the diff from it to the head is the App's fix and nothing else:
 * only the fix's files, each with the same removed and added lines. A fix file the diff leaves out
 * is one the base branch already changed the same way. A conflict resolved by hand, or any other
 * change, fails that test.
 */
export async function appBranchUnder(repo: GitHubRepo, head: CommitInfo, groupId: string, identity: Person, baseRef: string): Promise<AppBranch | undefined> {
  if (isAppCommit(head, groupId, identity)) return { commit: head, base: head.parents[0], merges: 0 };
  if (head.parents.length !== 2) return undefined;
  let below = head;
  for (let merges = 1; merges <= MAX_BASE_MERGES; merges++) {
    const next = await repo.commitWithFiles(below.parents[0]);
    if (isAppCommit(next.commit, groupId, identity)) {
      const mergedBase = head.parents[1];
      const comparison = await repo.compare(baseRef, head.sha);
      if (comparison.mergeBase !== mergedBase || !onlyTheFix(comparison.files, next.files)) return undefined;
      return { commit: next.commit, base: mergedBase, merges };
    }
    if (next.commit.parents.length !== 2) return undefined;
    below = next.commit;
  }
  return undefined;
}

/** Every file in `diff` is one the fix changes, with the same lines removed and added. */
function onlyTheFix(diff: readonly FileChange[], fix: readonly FileChange[]): boolean {
  if (diff.length >= MAX_DIFF_FILES || fix.length >= MAX_DIFF_FILES) return false;
  const fixed = new Map(fix.map((f) => [f.path, f]));
  return diff.every((f) => {
    const own = fixed.get(f.path);
    if (own === undefined || f.status !== own.status || f.patch === undefined || own.patch === undefined) return false;
    return changedLines(f.patch) === changedLines(own.patch);
  });
}

/** A patch's removed and added lines, without hunk headers and context (the base may have moved them). */
export function changedLines(patch: string): string {
  return patch
    .split(/\r?\n/)
    .filter((line) => line.startsWith('+') || line.startsWith('-'))
    .join('\n');
}
