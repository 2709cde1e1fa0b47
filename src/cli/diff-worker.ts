// `diff` analyses base on a worker thread while the main thread analyses head: the two scans are
// independent and each is most of the run. The sides then meet with little copying: the worker
// sends a fingerprint per service (see viewFingerprints), and the full view only of the services
// whose fingerprints differ from head's. A worker that cannot start or fails costs nothing but
// time: the caller analyses base itself.
import { availableParallelism } from 'node:os';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import type { Config } from '../shared/config/types.ts';
import { scan, type ScanError } from '../shared/engine.ts';
import { baseFromFingerprints, prepareSide, viewFingerprints, type EndpointLookups, type PreparedSide, type ServiceView } from '../shared/diff/diff.ts';
import { StableNames } from '../shared/diff/findings.ts';
import type { SideError } from '../shared/diff/types.ts';
import type { Finding, SecurityGroup } from '../shared/model/index.ts';
import type { SourceFile } from '../shared/sources/types.ts';
import { loadIamCatalog } from '../shared/io/iam-catalog.ts';
import { refId } from '../shared/analysis/infra-index.ts';
import { loadManagedPolicies } from '../shared/io/managed-policies.ts';

/** `FARGATE_WARDEN_DIFF_WORKER`: `auto` (default), `on`, `off`. */
export type DiffWorkerMode = 'auto' | 'on' | 'off';

/** Below this much base text a worker's start-up (loading the code and the IAM data again) costs more than it saves. */
export const WORKER_MIN_BASE_BYTES = 1024 * 1024;

const JOB_KIND = 'fargate-warden:diff-base';
const WORKER_YOUNG_GENERATION_MB = 4;

interface BaseJob {
  kind: typeof JOB_KIND;
  files: SourceFile[];
  errors: ScanError[];
  config: Config;
  root?: string;
}

/** Resource names with a construct path: all a StableNames needs (see its constructor). */
type NameEntry = { file: string; logicalId: string; cdkPath: string };

interface Summary {
  type: 'summary';
  keys: string[];
  fingerprints: [string, string][];
  findings: Finding[];
  errors: SideError[];
  unreadable: string[];
  read: string[];
  sharedLogicalIds: string[];
  /** PreparedSide.undecided (structured clone keeps Maps and Sets). */
  undecided: Map<string, Set<string>>;
  unresolved: PreparedSide['unresolved'];
  cidrRules: PreparedSide['cidrRules'];
  groupNames: PreparedSide['groupNames'];
  detachedRules: string[];
  /** PreparedSide.attachments. */
  attachments: Map<string, string>;
  distinctions: PreparedSide['distinctions'];
  fileContents: PreparedSide['fileContents'];
  names: NameEntry[];
}

interface Views {
  type: 'views';
  views: [string, Omit<ServiceView, 'index'>][];
  labels: Map<string, string>;
  endpoints: EndpointLookups['endpoints'];
  groups: Map<string, SecurityGroup>;
}

type FromWorker = Summary | Views | { type: 'failed'; message: string };

export function diffWorkerMode(env: Record<string, string | undefined> | undefined): DiffWorkerMode {
  const value = env?.FARGATE_WARDEN_DIFF_WORKER?.trim().toLowerCase();
  return value === 'on' || value === 'off' ? value : 'auto';
}

/**
 * CPUs needed before `auto` uses a worker. On two, V8's garbage-collection helper threads already
 * keep the second CPU busy: the bench's 1000-service pair took longer with the worker (median
 * 1.53 s against 1.42 s) and peaked ~65 MB higher.
 */
export const WORKER_MIN_CPUS = 4;

export function wantsWorker(mode: DiffWorkerMode, baseFiles: readonly SourceFile[], cpus = availableParallelism()): boolean {
  if (mode !== 'auto') return mode === 'on';
  if (cpus < WORKER_MIN_CPUS) return false;
  let bytes = 0;
  for (const f of baseFiles) bytes += f.text.length;
  return bytes >= WORKER_MIN_BASE_BYTES;
}

/** True in a thread started by startBaseWorker: the CLI entry then runs runBaseWorker instead of the CLI. */
export function isBaseWorker(): boolean {
  return parentPort !== null && (workerData as Partial<BaseJob> | null)?.kind === JOB_KIND;
}

export interface BaseWorker {
  /** Base as the comparison with `head` needs it; rejects if the worker failed (analyse base here then). */
  prepare(head: PreparedSide): Promise<PreparedSide>;
  stop(): void;
}

/** Starts analysing base on a worker thread running `entry` (the CLI's entry module). */
export function startBaseWorker(entry: URL, job: Omit<BaseJob, 'kind'>): BaseWorker {
  const worker = new Worker(entry, {
    workerData: { kind: JOB_KIND, ...job } satisfies BaseJob,
    stdout: false,
    stderr: false,
    // Nearly all a scan allocates lives until it ends (the parsed, resolved and adapted model):
    // a large young generation only copies it once more before promoting it. A small one
    // measured ~20 MB less peak memory and less CPU on the 1000-service bench pair.
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
  });
  const messages: FromWorker[] = [];
  const waiting: ((m: FromWorker) => void)[] = [];
  const deliver = (m: FromWorker): void => {
    const next = waiting.shift();
    if (next === undefined) messages.push(m);
    else next(m);
  };
  worker.on('message', (m: FromWorker) => deliver(m));
  worker.on('error', (error) => deliver({ type: 'failed', message: error.message }));
  worker.on('exit', (code) => deliver({ type: 'failed', message: `the worker exited (${code})` }));
  const next = (): Promise<FromWorker> => {
    const m = messages.shift();
    return m !== undefined ? Promise.resolve(m) : new Promise((resolve) => waiting.push(resolve));
  };
  const expect = async <T extends FromWorker['type']>(type: T): Promise<Extract<FromWorker, { type: T }>> => {
    const m = await next();
    if (m.type === 'failed') throw new Error(m.message);
    if (m.type !== type) throw new Error(`expected ${type} from the base worker, got ${m.type}`);
    return m as Extract<FromWorker, { type: T }>;
  };

  return {
    async prepare(head) {
      const summary = await expect('summary');
      const headFingerprints = viewFingerprints(head);
      const wanted = summary.fingerprints.filter(([key, print]) => headFingerprints.get(key) !== print).map(([key]) => key);
      worker.postMessage({ type: 'views', keys: wanted });
      const sent = await expect('views');
      const names = new StableNames({ resources: summary.names });
      const lookups: EndpointLookups = { names, labels: sent.labels, root: job.root, groups: sent.groups, endpoints: sent.endpoints };
      const changed = new Map<string, ServiceView>(sent.views.map(([key, view]) => [key, { ...view, index: lookups }]));
      return baseFromFingerprints(head, { keys: summary.keys, changed, names, findings: summary.findings, errors: summary.errors, unreadable: new Set(summary.unreadable), read: new Set(summary.read), sharedLogicalIds: new Set(summary.sharedLogicalIds), undecided: summary.undecided, unresolved: summary.unresolved, cidrRules: summary.cidrRules, groupNames: summary.groupNames, detachedRules: new Set(summary.detachedRules), attachments: summary.attachments, distinctions: summary.distinctions, fileContents: summary.fileContents, ...(job.root === undefined ? {} : { root: job.root }) });
    },
    stop() {
      void worker.terminate();
    },
  };
}

/** The worker's side: analyse base, send fingerprints, then the views asked for. */
export function runBaseWorker(): void {
  const port = parentPort;
  if (port === null) return;
  const job = workerData as BaseJob;
  let prepared: PreparedSide;
  try {
    const deps = { catalog: loadIamCatalog(), managedPolicies: loadManagedPolicies() };
    const result = scan(job.files, deps, job.config, { inputErrors: job.errors, fixes: false });
    prepared = prepareSide({ ...result, root: job.root });
    const names: NameEntry[] = [];
    for (const r of result.posture.infra.resources) if (r.cdkPath !== undefined) names.push({ file: r.file, logicalId: r.logicalId, cdkPath: r.cdkPath });
    port.postMessage({
      type: 'summary',
      keys: [...prepared.views.keys()],
      fingerprints: [...viewFingerprints(prepared)],
      findings: [...prepared.findings],
      errors: [...prepared.errors],
      unreadable: [...prepared.unreadable],
      read: [...prepared.read],
      sharedLogicalIds: [...prepared.sharedLogicalIds],
      undecided: prepared.undecided,
      unresolved: prepared.unresolved,
      cidrRules: prepared.cidrRules,
      groupNames: prepared.groupNames,
      detachedRules: [...prepared.detachedRules],
      attachments: prepared.attachments,
      distinctions: prepared.distinctions,
      fileContents: prepared.fileContents,
      names,
    } satisfies Summary);
  } catch (error) {
    port.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    port.close();
    return;
  }
  port.once('message', (request: { type: 'views'; keys: string[] }) => {
    const views: Views['views'] = [];
    let lookups: EndpointLookups | undefined;
    for (const key of request.keys) {
      const view = prepared.views.get(key);
      if (view === undefined) continue;
      lookups = view.index;
      const { index: _index, ...rest } = view;
      views.push([key, rest]);
    }
    // One side's lookups are shared by all its views; the endpoints' groups are the only groups read.
    const groups = new Map<string, SecurityGroup>();
    if (lookups !== undefined) {
      for (const endpoint of lookups.endpoints.values()) {
        for (const ref of endpoint.securityGroups.items) {
          // Declared groups and stand-ins for `sg-…` groups outside the files, as endpointRules reads them.
          const group = ref.kind === 'unknown' ? undefined : lookups.groups.get(refId(ref));
          if (group !== undefined) groups.set(group.id, group);
        }
      }
    }
    port.postMessage({
      type: 'views',
      views,
      labels: lookups?.labels ?? new Map(),
      endpoints: lookups?.endpoints ?? new Map(),
      groups,
    } satisfies Views);
    port.close();
  });
}
