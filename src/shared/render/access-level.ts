import type { AccessLevel } from '../model/index.ts';

/**
 * An access level as reports show it. `Unknown` is what an action the IAM reference does not list
 * gets (a typo such as `dynamodb:GetItme`, or an action newer than the bundled reference): saying
 * so lets a reviewer catch the typo, which grants nothing, instead of reading a level nobody knows.
 */
export function accessLevelText(level: AccessLevel): string {
  return level === 'Unknown' ? 'not in the IAM reference' : level;
}
