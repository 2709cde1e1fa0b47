import type { AnalysisDeps } from '../src/shared/analysis/posture.ts';
import { loadIamCatalog } from '../src/shared/io/iam-catalog.ts';
import { loadManagedPolicies } from '../src/shared/io/managed-policies.ts';
import type { GroupBy } from '../src/shared/fixes/types.ts';
import { engineFixSource, type FixSource } from './fix-source.ts';
import type { Person } from './github/repo.ts';
import { KeyedMutex } from './mutex.ts';
import { DEFAULT_FILE_LIMITS, type FileLimits } from './repo-files.ts';
import type { Runtime } from './reconcile.ts';

/** What a deployment or a test may change; everything has a default. */
export interface AppOptions {
  fixSource?: FixSource;
  deps?: AnalysisDeps;
  /**
   * Author and committer of the App's commits. The App recognises its own commits by this identity
   * and the `Fargate-Warden-Group` trailer, so change it only together with open pull requests'
   * branches in mind. Env: FARGATE_WARDEN_GIT_NAME / FARGATE_WARDEN_GIT_EMAIL.
   */
  identity?: Person;
  limits?: Partial<FileLimits>;
  /** Default when `.github/fargate-warden.yml` has no `app.groupBy`. Env: FARGATE_WARDEN_GROUP_BY. */
  groupBy?: GroupBy;
  /**
   * Most repositories one installation delivery scans; the others wait for their next push or
   * `/fargate-warden rescan`. Env: FARGATE_WARDEN_INITIAL_SCAN_LIMIT.
   */
  initialScanLimit?: number;
  /** Share one mutex between app instances in one process (tests). */
  mutex?: KeyedMutex;
  env?: Record<string, string | undefined>;
  /**
   * The App's own login (`<slug>[bot]`), by which it lists only its own open issues. By default it
   * is asked of GitHub (`GET /app`, with the App's JWT) once per process.
   */
  appLogin?: string;
}

/** Repositories scanned in one installation delivery by default: a few minutes of work at most. */
export const DEFAULT_INITIAL_SCAN_LIMIT = 10;

export const DEFAULT_IDENTITY: Person = {
  name: 'fargate-warden[bot]',
  email: 'fargate-warden[bot]@users.noreply.github.com',
};

/**
 * `askLogin` is how the App learns its login when the options do not set it. A failure is not
 * remembered: the next delivery asks again, and this one lists issues without the filter.
 */
export function createRuntime(options: AppOptions = {}, askLogin?: () => Promise<string>): Runtime {
  const env = options.env ?? process.env;
  let deps = options.deps;
  let login: Promise<string | undefined> | undefined = options.appLogin === undefined ? undefined : Promise.resolve(options.appLogin);
  const appLogin = (): Promise<string | undefined> =>
    (login ??= (askLogin === undefined ? Promise.resolve(undefined) : askLogin()).catch(() => {
      login = undefined;
      return undefined;
    }));
  const envGroupBy = env.FARGATE_WARDEN_GROUP_BY;
  const envScanLimit = Number(env.FARGATE_WARDEN_INITIAL_SCAN_LIMIT);
  return {
    mutex: options.mutex ?? new KeyedMutex(),
    fixSource: options.fixSource ?? engineFixSource,
    deps: () => (deps ??= { catalog: loadIamCatalog(), managedPolicies: loadManagedPolicies() }),
    appLogin,
    identity: options.identity ?? {
      name: env.FARGATE_WARDEN_GIT_NAME || DEFAULT_IDENTITY.name,
      email: env.FARGATE_WARDEN_GIT_EMAIL || DEFAULT_IDENTITY.email,
    },
    limits: { ...DEFAULT_FILE_LIMITS, ...options.limits },
    groupBy: options.groupBy ?? (envGroupBy === 'service' || envGroupBy === 'rule' ? envGroupBy : 'rule'),
    initialScanLimit: options.initialScanLimit ?? (Number.isSafeInteger(envScanLimit) && envScanLimit > 0 ? envScanLimit : DEFAULT_INITIAL_SCAN_LIMIT),
  };
}
