import type { Loc, ResolvedTemplate, RObject, RValue } from './resolved.ts';
import { fromFile, knownText } from './intrinsics/context.ts';

/**
 * Reading a CDK cloud assembly (`cdk.out`) without touching the file system: the caller hands in
 * the manifest text and a function that returns the text of a file next to it.
 *
 * Format (cloud-assembly-schema): `manifest.json` holds `artifacts`, keyed by artifact id. Stacks
 * have `type: "aws:cloudformation:stack"`, `properties.templateFile` (relative to the assembly
 * directory), optional `properties.stackName` / `properties.parameters`, and `metadata` keyed by
 * construct path (`/Stack/Construct/Resource`) listing entries `{ type, data?, trace? }`. Since
 * manifest version 54 (aws-cdk-lib 2.1xx) the metadata moved to a side file named by the
 * artifact's `additionalMetadataFile` (`<artifactId>.metadata.json`, same shape); both layouts
 * are read. `aws:cdk:logicalId` entries map construct paths to logical IDs; their `trace`, or an
 * `aws:cdk:creationStack` entry's `data`, is the stack trace of the construct's creation.
 * Stages are nested assemblies: `type: "cdk:cloud-assembly"` with `properties.directoryName`.
 */
export interface CloudAssemblyStack {
  artifactId: string;
  /** Deployed stack name: `properties.stackName`, else the artifact id. */
  stackName: string;
  displayName?: string;
  /** Template path relative to the root `cdk.out` directory (nested assemblies included). */
  templateFile: string;
  /** The directory of the (stage) assembly whose manifest lists the stack, relative to the root `cdk.out`; `''` for the root. */
  assemblyDirectory: string;
  /** `aws://account/region`; `unknown-account`/`unknown-region` when environment-agnostic. */
  environment?: string;
  /** Parameter values the CDK passes at deployment (asset parameters of older synthesizers). */
  parameters: Record<string, string>;
  dependencies: string[];
  /** Logical ID → construct path, without the leading `/` (same form as `aws:cdk:path`). */
  constructPaths: Map<string, string>;
  /** Logical ID → creation stack trace frames, when synth recorded them. */
  creationStacks: Map<string, string[]>;
  /** Nested stack templates (`*.nested.template.json`) the stack's template refers to, relative to `cdk.out`. */
  nestedTemplates: string[];
  /**
   * Per nested template, the names of the constructs under its nested stack only: the same
   * construct class nested twice declares the same logical IDs, which the stack-wide maps above
   * can hold once. Absent for a nested template whose stack resource the metadata does not name.
   */
  nested: Map<string, { constructPaths: Map<string, string>; creationStacks: Map<string, string[]> }>;
}

export interface CloudAssembly {
  version: string;
  stacks: CloudAssemblyStack[];
  /** The directories of the nested (stage) assemblies the manifests list, relative to the root `cdk.out`, whether or not they could be read. */
  stages: string[];
  /** Things that were skipped (unsafe paths, unreadable side files); the stacks that could be read are still returned. */
  warnings: string[];
  /** `additionalMetadataFile`s that could not be read, relative to the root `cdk.out`: the stack has no construct paths. */
  missingMetadata: { artifactId: string; file: string }[];
}

/** Stages nest assemblies; deeper than this is not something `cdk synth` writes. */
const MAX_ASSEMBLY_NESTING = 8;
/** Manifests are small; a huge one is not a manifest. */
const MAX_MANIFEST_CHARS = 50 * 1024 * 1024;

export function readCloudAssembly(manifestText: string, readSibling: (relPath: string) => string | undefined): CloudAssembly | { error: string } {
  const warnings: string[] = [];
  const root = parseManifest(manifestText);
  if ('error' in root) return root;
  const stacks: CloudAssemblyStack[] = [];
  const stages: string[] = [];
  const missingMetadata: CloudAssembly['missingMetadata'] = [];
  const safeRead = (relPath: string): string | undefined => {
    try {
      return readSibling(relPath);
    } catch (error) {
      warnings.push(`${relPath}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  };
  readAssembly(root.manifest, '', safeRead, stacks, warnings, 0, stages, missingMetadata);
  return { version: root.manifest.version, stacks, stages, warnings, missingMetadata };
}

interface Manifest {
  version: string;
  artifacts: Record<string, unknown>;
}

function parseManifest(text: string): { manifest: Manifest } | { error: string } {
  if (text.length > MAX_MANIFEST_CHARS) return { error: 'manifest.json is too large to be a cloud assembly manifest' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { error: `manifest.json is not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!isRecord(json) || typeof json.version !== 'string') return { error: 'manifest.json has no "version": not a cloud assembly manifest' };
  const artifacts = json.artifacts === undefined ? {} : json.artifacts;
  if (!isRecord(artifacts)) return { error: 'manifest.json "artifacts" is not an object' };
  return { manifest: { version: json.version, artifacts } };
}

function readAssembly(
  manifest: Manifest,
  directory: string,
  readSibling: (relPath: string) => string | undefined,
  stacks: CloudAssemblyStack[],
  warnings: string[],
  depth: number,
  stages: string[],
  missingMetadata: CloudAssembly['missingMetadata'],
): void {
  for (const [artifactId, raw] of Object.entries(manifest.artifacts)) {
    if (!isRecord(raw)) continue;
    const properties = isRecord(raw.properties) ? raw.properties : {};
    if (raw.type === 'cdk:cloud-assembly') {
      const dir = properties.directoryName;
      if (typeof dir !== 'string' || !isSafeRelativePath(dir)) {
        warnings.push(`nested assembly ${artifactId}: directoryName is missing or leaves the assembly`);
        continue;
      }
      if (depth + 1 > MAX_ASSEMBLY_NESTING) {
        warnings.push(`nested assembly ${artifactId}: nested more than ${MAX_ASSEMBLY_NESTING} levels`);
        continue;
      }
      const nestedDir = joinPath(directory, dir);
      stages.push(nestedDir);
      const text = readSibling(joinPath(nestedDir, 'manifest.json'));
      if (text === undefined) {
        warnings.push(`nested assembly ${artifactId}: ${joinPath(nestedDir, 'manifest.json')} could not be read`);
        continue;
      }
      const nested = parseManifest(text);
      if ('error' in nested) {
        warnings.push(`nested assembly ${artifactId}: ${nested.error}`);
        continue;
      }
      readAssembly(nested.manifest, nestedDir, readSibling, stacks, warnings, depth + 1, stages, missingMetadata);
      continue;
    }
    if (raw.type !== 'aws:cloudformation:stack') continue;
    const templateFile = properties.templateFile;
    if (typeof templateFile !== 'string' || !isSafeRelativePath(templateFile)) {
      warnings.push(`stack ${artifactId}: templateFile is missing or leaves the assembly`);
      continue;
    }
    const metadata = new Map<string, unknown[]>();
    addMetadata(metadata, raw.metadata);
    const sideFile = typeof raw.additionalMetadataFile === 'string' ? raw.additionalMetadataFile : properties.additionalMetadataFile;
    if (typeof sideFile === 'string') {
      if (!isSafeRelativePath(sideFile)) {
        warnings.push(`stack ${artifactId}: additionalMetadataFile leaves the assembly`);
      } else {
        const text = readSibling(joinPath(directory, sideFile));
        if (text === undefined) {
          warnings.push(`stack ${artifactId}: ${joinPath(directory, sideFile)} could not be read`);
          missingMetadata.push({ artifactId, file: joinPath(directory, sideFile) });
        } else {
          try {
            addMetadata(metadata, JSON.parse(text));
          } catch {
            warnings.push(`stack ${artifactId}: ${joinPath(directory, sideFile)} is not valid JSON`);
          }
        }
      }
    }
    const { constructPaths, creationStacks } = logicalIds(metadata);
    const templatePath = joinPath(directory, templateFile);
    const templateText = readSibling(templatePath);
    const stack: CloudAssemblyStack = {
      artifactId,
      stackName: typeof properties.stackName === 'string' ? properties.stackName : artifactId,
      templateFile: templatePath,
      assemblyDirectory: directory,
      parameters: stringRecord(properties.parameters),
      dependencies: Array.isArray(raw.dependencies) ? raw.dependencies.filter((d): d is string => typeof d === 'string') : [],
      constructPaths,
      creationStacks,
      nestedTemplates: nestedTemplateFiles(templateText, directory),
      nested: nestedConstructs(templateText, directory, constructPaths, metadata),
    };
    if (typeof raw.displayName === 'string') stack.displayName = raw.displayName;
    if (typeof raw.environment === 'string') stack.environment = raw.environment;
    stacks.push(stack);
  }
}

function addMetadata(into: Map<string, unknown[]>, raw: unknown): void {
  if (!isRecord(raw)) return;
  for (const [path, entries] of Object.entries(raw)) {
    if (!Array.isArray(entries)) continue;
    const list = into.get(path);
    if (list === undefined) into.set(path, [...entries]);
    else list.push(...entries);
  }
}

function logicalIds(metadata: Map<string, unknown[]>): { constructPaths: Map<string, string>; creationStacks: Map<string, string[]> } {
  const constructPaths = new Map<string, string>();
  const creationStacks = new Map<string, string[]>();
  const creationByPath = new Map<string, string[]>();
  for (const [path, entries] of metadata) {
    for (const entry of entries) {
      if (isRecord(entry) && entry.type === 'aws:cdk:creationStack' && isStringArray(entry.data)) creationByPath.set(path, entry.data);
    }
  }
  for (const [path, entries] of metadata) {
    for (const entry of entries) {
      if (!isRecord(entry) || entry.type !== 'aws:cdk:logicalId' || typeof entry.data !== 'string') continue;
      const logicalId = entry.data;
      if (!constructPaths.has(logicalId)) constructPaths.set(logicalId, path.replace(/^\//, ''));
      // The L1 `…/Resource` often carries no trace of its own; its L2 parent's is where the user's code is.
      const trace = isStringArray(entry.trace) ? entry.trace : creationByPath.get(path) ?? creationByPath.get(path.replace(/\/Resource$/, ''));
      if (trace !== undefined && !creationStacks.has(logicalId)) creationStacks.set(logicalId, trace);
    }
  }
  return { constructPaths, creationStacks };
}

/**
 * Nested stack templates named in a parent template's `aws:asset:path` metadata. A text scan, so
 * the manifest can be read without parsing every template; the resolver links them properly.
 */
function nestedTemplateFiles(templateText: string | undefined, directory: string): string[] {
  if (templateText === undefined) return [];
  const out = new Set<string>();
  const pattern = /"aws:asset:path"\s*:\s*"([^"\\]+\.nested\.template\.json)"/g;
  for (let m = pattern.exec(templateText); m !== null; m = pattern.exec(templateText)) {
    if (isSafeRelativePath(m[1]!)) out.add(joinPath(directory, m[1]!));
  }
  return [...out];
}

/**
 * The constructs of each nested stack, by its template: the parent template's
 * `AWS::CloudFormation::Stack` resource with that `aws:asset:path` has the construct path
 * `Parent/Name.NestedStack/Name.NestedStackResource`, and the nested stack's own constructs are
 * under `Parent/Name/`. A template that is not JSON, or a path of another shape, gives nothing.
 */
function nestedConstructs(
  templateText: string | undefined,
  directory: string,
  constructPaths: Map<string, string>,
  metadata: Map<string, unknown[]>,
): CloudAssemblyStack['nested'] {
  const out: CloudAssemblyStack['nested'] = new Map();
  if (templateText === undefined || !templateText.includes('.nested.template.json')) return out;
  let resources: unknown;
  try {
    resources = (JSON.parse(templateText) as { Resources?: unknown }).Resources;
  } catch {
    return out;
  }
  if (!isRecord(resources)) return out;
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isRecord(resource) || !isRecord(resource.Metadata)) continue;
    const asset = resource.Metadata['aws:asset:path'];
    if (typeof asset !== 'string' || !asset.endsWith('.nested.template.json') || !isSafeRelativePath(asset)) continue;
    const ownPath = constructPaths.get(logicalId) ?? (typeof resource.Metadata['aws:cdk:path'] === 'string' ? resource.Metadata['aws:cdk:path'] : undefined);
    const scope = ownPath === undefined ? null : /^(.*)\.NestedStack\/[^/]+\.NestedStackResource(?:\/Resource)?$/.exec(ownPath);
    if (scope === null || scope === undefined) continue;
    const prefix = `/${scope[1]}/`;
    const under = new Map([...metadata].filter(([path]) => path.startsWith(prefix)));
    out.set(joinPath(directory, asset), logicalIds(under));
  }
  return out;
}

/**
 * The account and region a stack artifact's `environment` (`aws://account/region`) pins, as
 * pseudo parameter values for the resolver. Environment-agnostic stacks (`unknown-account`,
 * `unknown-region`) pin nothing.
 */
export function environmentPseudoParameters(environment: string | undefined): { 'AWS::AccountId'?: string; 'AWS::Region'?: string } {
  const m = /^aws:\/\/([^/]+)\/([^/]+)$/.exec(environment ?? '');
  const out: { 'AWS::AccountId'?: string; 'AWS::Region'?: string } = {};
  if (m === null) return out;
  if (/^\d{12}$/.test(m[1]!)) out['AWS::AccountId'] = m[1]!;
  if (m[2] !== 'unknown-region' && /^[a-z]{2}(-[a-z]+)+-\d$/.test(m[2]!)) out['AWS::Region'] = m[2]!;
  return out;
}

/**
 * The first frame of a creation stack that is the user's code (not the CDK library, not
 * node_modules or Node internals), as file, line and column.
 */
export function userSourceLocation(frames: readonly string[]): { file: string; line: number; column: number } | undefined {
  for (const frame of frames) {
    // ESM frames name files as URLs (`file:///app/lib/x.ts:3:1`).
    const m = /\(?((?:[A-Za-z]:)?[^():]+):(\d+):(\d+)\)?\s*$/.exec(frame.replace(/file:\/\//g, ''));
    if (m === null) continue;
    const file = m[1]!.trim().replace(/^at\s+/, '');
    if (/node_modules|^node:|^internal\/|\/aws-cdk-lib\/|\/constructs\//.test(file)) continue;
    return { file, line: Number(m[2]), column: Number(m[3]) };
  }
  return undefined;
}

// ---- Nested stacks: CDK (`aws:asset:path`), plain CloudFormation (`TemplateURL`) and SAM (`Location`) ----

export interface NestedStackLink {
  /** Logical ID of the `AWS::CloudFormation::Stack` / `AWS::Serverless::Application` resource in the parent. */
  logicalId: string;
  /** How the child template is named: a path relative to the parent's directory, or a URL. */
  location: string;
  kind: 'asset' | 'relative' | 'url';
  /** The resolved `Parameters` the parent passes. */
  parameters?: RObject;
  loc: Loc;
}

export function nestedStackLinks(parent: ResolvedTemplate): NestedStackLink[] {
  const links: NestedStackLink[] = [];
  for (const resource of parent.resources.values()) {
    let location: string | undefined;
    let kind: NestedStackLink['kind'] = 'relative';
    if (resource.type === 'AWS::CloudFormation::Stack') {
      const asset = stringAt(resource.metadata?.entries.get('aws:asset:path'));
      if (asset !== undefined) {
        location = asset;
        kind = 'asset';
      } else {
        location = stringAt(resource.properties.entries.get('TemplateURL'));
      }
    } else if (resource.type === 'AWS::Serverless::Application') {
      location = stringAt(resource.properties.entries.get('Location'));
    } else {
      continue;
    }
    if (location === undefined || location === '') continue;
    if (kind !== 'asset' && /^[a-z][a-z0-9+.-]*:\/\//i.test(location)) kind = 'url';
    const parameters = resource.properties.entries.get('Parameters');
    const link: NestedStackLink = { logicalId: resource.logicalId, location, kind, loc: resource.loc };
    if (parameters?.kind === 'object') link.parameters = parameters;
    links.push(link);
  }
  return links;
}

/** Scanned files indexed for `matchNestedTemplate`; build once when matching many links. */
export class TemplateFileIndex {
  private readonly byPath = new Map<string, string>();
  private readonly byBase = new Map<string, { normalized: string; original: string }[]>();

  constructor(files: readonly string[]) {
    for (const original of files) {
      const normalized = normalizePath(original);
      if (!this.byPath.has(normalized)) this.byPath.set(normalized, original);
      const base = normalized.slice(normalized.lastIndexOf('/') + 1);
      let list = this.byBase.get(base);
      if (list === undefined) this.byBase.set(base, (list = []));
      list.push({ normalized, original });
    }
  }

  exact(normalized: string): string | undefined {
    return this.byPath.get(normalized);
  }

  withBase(base: string): readonly { normalized: string; original: string }[] {
    return this.byBase.get(base) ?? [];
  }
}

/**
 * Which of `candidates` (scanned files, as the I/O layer names them) the link points at. Relative
 * locations must match exactly after normalization. A URL matches the candidate sharing the most
 * trailing path segments with it, when that candidate is unique and shares at least two segments
 * (or the file name, for a file beside the parent or below it).
 */
export function matchNestedTemplate(parentFile: string, link: NestedStackLink, candidates: readonly string[] | TemplateFileIndex): string | undefined {
  const index = candidates instanceof TemplateFileIndex ? candidates : new TemplateFileIndex(candidates);
  const parentDir = dirname(normalizePath(parentFile));
  if (link.kind !== 'url') return index.exact(joinPath(parentDir, link.location));
  let urlPath: string;
  try {
    urlPath = decodeURIComponent(new URL(link.location).pathname);
  } catch {
    return undefined;
  }
  const urlSegments = urlPath.split('/').filter((s) => s !== '');
  const base = urlSegments[urlSegments.length - 1];
  if (base === undefined) return undefined;
  let best: string[] = [];
  let bestScore = 0;
  for (const { normalized, original } of index.withBase(base)) {
    const segments = normalized.split('/');
    let score = 0;
    while (score < urlSegments.length && score < segments.length && urlSegments[urlSegments.length - 1 - score] === segments[segments.length - 1 - score]) score++;
    const nearParent = parentDir === '' || normalized.startsWith(`${parentDir}/`);
    if (score < 2 && !nearParent) continue;
    if (score > bestScore) {
      bestScore = score;
      best = [original];
    } else if (score === bestScore) {
      best.push(original);
    }
  }
  return best.length === 1 ? best[0] : undefined;
}

/** The parameter values a resolved parent passes to the nested stack with logical ID `logicalId`, seen from the child. */
export function parametersOfLink(parent: ResolvedTemplate, logicalId: string): Record<string, RValue> | undefined {
  const link = nestedStackLinks(parent).find((l) => l.logicalId === logicalId);
  return link === undefined ? undefined : linkParameters(parent, link);
}

/**
 * The parameters `parent` passes to the nested template `nestedFile`, ready for
 * `resolveTemplate(child, { parameterValues })`. References to the parent's resources carry the
 * parent's file. Undefined when the parent does not nest that file; when it nests it twice, the
 * first resource wins.
 */
export function nestedStackParameters(parent: ResolvedTemplate, nestedFile: string): Record<string, RValue> | undefined {
  for (const link of nestedStackLinks(parent)) {
    if (matchNestedTemplate(parent.file, link, [nestedFile]) !== undefined) return linkParameters(parent, link);
  }
  return undefined;
}

function linkParameters(parent: ResolvedTemplate, link: NestedStackLink): Record<string, RValue> {
  const out: Record<string, RValue> = {};
  for (const [name, value] of link.parameters?.entries ?? []) out[name] = fromFile(value, parent.file);
  return out;
}

function stringAt(value: RValue | undefined): string | undefined {
  return value === undefined ? undefined : knownText(value);
}

// ---- Paths (POSIX-style, as the I/O layer reports them) ----

export function normalizePath(path: string): string {
  const out: string[] = [];
  const absolute = path.startsWith('/');
  for (const segment of path.replace(/\\/g, '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (segment === '..' && absolute) continue;
    else out.push(segment);
  }
  return (absolute ? '/' : '') + out.join('/');
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? '' : path.slice(0, i);
}

export function joinPath(dir: string, rel: string): string {
  if (rel.startsWith('/') || dir === '') return normalizePath(rel);
  return normalizePath(`${dir}/${rel}`);
}

/** Paths a manifest names must stay inside the assembly: no absolute paths, no `..`. */
function isSafeRelativePath(path: string): boolean {
  if (path === '' || path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.includes('\0')) return false;
  return !path.replace(/\\/g, '/').split('/').includes('..');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(value)) return out;
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}
