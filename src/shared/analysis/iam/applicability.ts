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
  const applicable = applicableTypes(catalog, action.service, resource);
  if (applicable === undefined) return true;
  for (const type of types) if (applicable.has(type.toLowerCase())) return true;
  return false;
}

function isArnPattern(resource: string): boolean {
  return resource.length > 4 && resource.slice(0, 4).toLowerCase() === 'arn:';
}

const CACHE_LIMIT = 50_000;

interface Cache {
  /** Resource → service → the answer of applicableTypes. */
  byResource: Map<string, Map<string, ReadonlySet<string> | undefined>>;
  size: number;
}

const byCatalog = new WeakMap<IamCatalog, Cache>();

/**
 * The lower-cased resource types of `service` whose ARNs `resource` may match, or undefined when
 * the catalog has no formats for it (then nothing is dropped). One answer per resource and service,
 * since a statement's resources meet the same few services again and again.
 */
function applicableTypes(catalog: IamCatalog, service: string, resource: string): ReadonlySet<string> | undefined {
  let cache = byCatalog.get(catalog);
  if (cache === undefined) byCatalog.set(catalog, (cache = { byResource: new Map(), size: 0 }));
  let byService = cache.byResource.get(resource);
  if (byService === undefined) {
    if (cache.size >= CACHE_LIMIT) {
      cache.byResource.clear();
      cache.size = 0;
    }
    cache.byResource.set(resource, (byService = new Map()));
  }
  if (byService.has(service)) return byService.get(service);
  const formats = catalog.resourceTypes?.(service);
  let applicable: Set<string> | undefined;
  if (formats !== undefined && formats.size > 0) {
    applicable = new Set();
    for (const [type, format] of formats) if (patternMayMatchFormat(resource, format)) applicable.add(type);
  }
  byService.set(service, applicable);
  cache.size++;
  return applicable;
}
