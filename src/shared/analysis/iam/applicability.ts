import type { IamCatalog } from '../catalog.ts';
import type { ExpandedAction } from './expand.ts';
import { patternMayMatchFormat } from './resource-match.ts';

/**
 * Whether an Allow on `resource` can grant `action` at all. IAM authorizes an action against the
 * ARN of the resource it acts on, so a statement grants it only on resources of the action's
 * types (the service authorization reference): `s3:*` on `arn:aws:s3:::bucket/*` grants the object
 * actions, not `s3:DeleteBucket` or `s3:PutBucketPolicy`, whose resource is the bucket.
 *
 * The answer errs towards "it applies", so a permission is never dropped on a guess:
 * - a resource that is not an ARN pattern (`*`, a placeholder for a whole ARN such as
 *   `${Bucket.Arn}`, an unresolved value, a NotResource list) applies to every action;
 * - an action the catalog gives no resource type is left alone. IAM wants `"*"` for those, but the
 *   reference has gaps there (calls documented without a type that AWS checks against an ARN);
 * - a catalog without ARN formats (a test's) applies every action.
 */
export function actionAppliesTo(action: ExpandedAction, resource: string, catalog: IamCatalog): boolean {
  const types = action.info.resourceTypes;
  if (types.length === 0 || !isArnPattern(resource)) return true;
  const applicable = applicableTypes(catalog, serviceOf(action.action), resource);
  if (applicable === undefined) return true;
  for (const type of types) if (applicable.has(type.toLowerCase())) return true;
  return false;
}

function isArnPattern(resource: string): boolean {
  return resource.length > 4 && resource.slice(0, 4).toLowerCase() === 'arn:';
}

function serviceOf(action: string): string {
  const colon = action.indexOf(':');
  return colon === -1 ? action : action.slice(0, colon);
}

const CACHE_LIMIT = 50_000;
const byCatalog = new WeakMap<IamCatalog, Map<string, ReadonlySet<string> | undefined>>();

/**
 * The lower-cased resource types of `service` whose ARNs `resource` may match, or undefined when
 * the catalog has no formats for it (then nothing is dropped). One answer per resource and service,
 * since a statement's resources meet the same few services again and again.
 */
function applicableTypes(catalog: IamCatalog, service: string, resource: string): ReadonlySet<string> | undefined {
  let cache = byCatalog.get(catalog);
  if (cache === undefined) {
    cache = new Map();
    byCatalog.set(catalog, cache);
  }
  const key = `${service}\n${resource}`;
  if (cache.has(key)) return cache.get(key);
  const formats = catalog.resourceTypes?.(service);
  let applicable: Set<string> | undefined;
  if (formats !== undefined && formats.size > 0) {
    applicable = new Set();
    for (const [type, format] of formats) if (patternMayMatchFormat(resource, format)) applicable.add(type);
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, applicable);
  return applicable;
}
