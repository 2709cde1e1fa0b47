import type { Infra, StackEnvironment, TextRange } from '../model/index.ts';
import { emptyInfra } from '../analysis/infra-index.ts';
import { qualifyServiceKeys } from '../analysis/service-keys.ts';
import type { SourceFile } from './types.ts';
import { looksLikeCloudFormation } from './cloudformation/detect.ts';
import type { ParsedTemplate } from './cloudformation/parse.ts';
import { parseTemplateReusing, rememberParsed } from './cloudformation/parsed-cache.ts';
import { resolveTemplate, resolveTemplates } from './cloudformation/resolve.ts';
import { environmentPseudoParameters, readCloudAssembly, type CloudAssembly } from './cloudformation/cdk-assembly.ts';
import { adaptTemplates, type TemplateMeta } from './cloudformation/index.ts';
import type { ResolvedTemplate } from './cloudformation/resolved.ts';

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** Joins a manifest-relative path onto the manifest's directory, folding `.` and `..`. */
function joinPath(dir: string, rel: string): string {
  const parts = dir === '' ? [] : dir.split('/');
  for (const part of rel.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

function isManifest(path: string): boolean {
  return /(^|\/)manifest\.json$/i.test(path);
}

/**
 * CDK cloud assemblies among the files: each `manifest.json` lists its stacks' templates, their
 * construct paths and creation stacks. Keyed by template path as it appears in `files`.
 * `abandoned` receives the stage directories (`assembly-*`) the manifest above them no longer lists.
 */
function cloudAssemblies(files: SourceFile[], byPath: Map<string, SourceFile>, infra: Infra, assemblyOf: Map<string, string>, abandoned: Set<string>): Map<string, TemplateMeta> {
  const meta = new Map<string, TemplateMeta>();
  const read: { file: SourceFile; dir: string; assembly: CloudAssembly }[] = [];
  for (const file of files) {
    if (!isManifest(file.path)) continue;
    const dir = dirname(file.path.replace(/\\/g, '/'));
    try {
      const assembly = readCloudAssembly(file.text, (rel) => byPath.get(joinPath(dir, rel))?.text);
      if ('error' in assembly) {
        // Any JSON file can be called manifest.json; only complain about ones that are cloud assemblies
        // (a truncated one may have lost its stacks, but still opens like one, or sits beside stack templates).
        if (/"artifacts"\s*:/.test(file.text) || files.some((f) => dirname(f.path.replace(/\\/g, '/')) === dir && f.path.endsWith('.template.json'))) {
          infra.errors.push({ file: file.path, line: jsonErrorLine(file.text, assembly.error), message: `CDK cloud assembly could not be read: ${assembly.error}; its stacks are analyzed without their construct paths, so services may not match the other side of a diff. Run cdk synth again` });
        }
        continue;
      }
      // The walk reads every *.metadata.json beside the templates: one the manifest names but the files lack is missing.
      for (const missing of assembly.missingMetadata) {
        infra.errors.push({ file: joinPath(dir, missing.file), line: 1, message: `missing: ${file.path} names it as the construct metadata of stack ${missing.artifactId} (additionalMetadataFile), so the stack is analyzed without its construct paths and its services may not match the other side of a diff. Run cdk synth again` });
      }
      read.push({ file, dir, assembly });
    } catch (error) {
      infra.errors.push({ file: file.path, line: 1, message: `CDK cloud assembly could not be read: ${message(error)}` });
    }
  }
  // `cdk synth` leaves the directory of a stage the app no longer has, as it leaves a removed stack's template.
  const assemblyDirs = new Set(read.map((r) => r.dir));
  const listedStages = new Set(read.flatMap((r) => r.assembly.stages.map((stage) => joinPath(r.dir, stage))));
  for (const { dir } of read) {
    const parent = dirname(dir);
    if (dir.slice(parent === '' ? 0 : parent.length + 1).startsWith('assembly-') && assemblyDirs.has(parent) && !listedStages.has(dir)) abandoned.add(dir);
  }
  for (const { file, dir, assembly } of read) {
    if (isWithin(dir, abandoned)) continue;
    try {
      for (const stack of assembly.stacks) {
        const environment = stackEnvironment(stack.environment);
        const stackMeta: TemplateMeta = { stackName: stack.stackName, constructPaths: stack.constructPaths, creationStacks: stack.creationStacks, ...environment };
        meta.set(joinPath(dir, stack.templateFile), stackMeta);
        // A stage's manifest is read again on its own; either way the stage's directory is its assembly.
        const assemblyDir = joinPath(dir, stack.assemblyDirectory);
        assemblyOf.set(joinPath(dir, stack.templateFile), assemblyDir);
        for (const nested of stack.nestedTemplates) if (!assemblyOf.has(joinPath(dir, nested))) assemblyOf.set(joinPath(dir, nested), assemblyDir);
        // A nested stack's constructs are recorded in its parent's metadata: the same map names them,
        // so a re-hashed logical ID in a nested template is still the same construct.
        for (const nested of stack.nestedTemplates) {
          if (meta.has(joinPath(dir, nested))) continue;
          const own = stack.nested.get(nested);
          meta.set(joinPath(dir, nested), own === undefined ? stackMeta : { stackName: stack.stackName, ...own, ...environment });
        }
      }
    } catch (error) {
      infra.errors.push({ file: file.path, line: 1, message: `CDK cloud assembly could not be read: ${message(error)}` });
    }
  }
  return meta;
}

/** The line of a JSON.parse error's `position N` in `text`; 1 when the message names none. */
function jsonErrorLine(text: string, error: string): number {
  const m = /position (\d+)/.exec(error);
  if (m === null) return text.split('\n').length > 1 && /end of JSON input|Unterminated/.test(error) ? text.split('\n').length : 1;
  const at = Math.min(Number(m[1]), text.length);
  let line = 1;
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function isWithin(path: string, dirs: ReadonlySet<string>): boolean {
  for (let dir = path; dir !== ''; dir = dirname(dir)) if (dirs.has(dir)) return true;
  return false;
}

const LEFTOVER_STACK = 'not analyzed: the cloud assembly beside it (manifest.json) does not list this stack, so it is left over from an earlier synth (cdk synth does not delete the templates of stacks it no longer has)';
const LEFTOVER_STAGE = 'not analyzed: the cloud assembly above it (manifest.json) does not list this stage, so it is left over from an earlier synth (cdk synth does not delete the directories of stages it no longer has)';

/**
 * Stack templates in a cloud assembly's directory that no manifest lists: `cdk synth` leaves the
 * template of a stack that was renamed or removed in cdk.out, and analysing it would report a
 * service that no longer deploys. Nested stack templates (`*.nested.template.json`) are listed by
 * their parents' metadata, not the manifest, and are kept. Every template of an abandoned stage
 * is left over. Path → why.
 */
function leftoverTemplates(files: SourceFile[], meta: Map<string, TemplateMeta>, abandoned: ReadonlySet<string>): Map<string, string> {
  const out = new Map<string, string>();
  if (meta.size === 0 && abandoned.size === 0) return out;
  const assemblyDirs = new Set([...meta.keys()].map((path) => dirname(path)));
  for (const file of files) {
    const path = file.path.replace(/\\/g, '/');
    if (!path.endsWith('.template.json')) continue;
    if (isWithin(dirname(path), abandoned)) out.set(file.path, LEFTOVER_STAGE);
    else if (!path.endsWith('.nested.template.json') && !meta.has(path) && assemblyDirs.has(dirname(path))) out.set(file.path, LEFTOVER_STACK);
  }
  return out;
}

/** A stack artifact's `environment` as TemplateMeta: nothing when it pins neither account nor region. */
function stackEnvironment(environment: string | undefined): Pick<TemplateMeta, 'environment'> {
  const pinned = environmentPseudoParameters(environment);
  const out: StackEnvironment = {};
  if (pinned['AWS::AccountId'] !== undefined) out.account = pinned['AWS::AccountId'];
  if (pinned['AWS::Region'] !== undefined) out.region = pinned['AWS::Region'];
  return out.account === undefined && out.region === undefined ? {} : { environment: out };
}

function pseudoParametersOf(environment: StackEnvironment | undefined): { 'AWS::AccountId'?: string; 'AWS::Region'?: string } | undefined {
  if (environment === undefined) return undefined;
  const out: { 'AWS::AccountId'?: string; 'AWS::Region'?: string } = {};
  if (environment.account !== undefined) out['AWS::AccountId'] = environment.account;
  if (environment.region !== undefined) out['AWS::Region'] = environment.region;
  return out;
}

/** Each resource's declaration, from its key to the end of its body, so fixes can replace or delete it whole. */
function resourceRanges(parsed: ParsedTemplate): Map<string, TextRange> {
  const out = new Map<string, TextRange>();
  if (parsed.root.kind !== 'map') return out;
  const resources = parsed.root.entries.find((e) => e.key === 'Resources')?.value;
  if (resources?.kind !== 'map') return out;
  for (const entry of resources.entries) out.set(entry.key, { start: entry.keyPos.range.start, end: Math.max(entry.keyPos.range.end, entry.value.pos.range.end) });
  return out;
}

function resolveAll(parsed: ParsedTemplate[], infra: Infra, meta: Map<string, TemplateMeta>, assemblyOf: Map<string, string>): ResolvedTemplate[] {
  const environmentByFile = new Map<string, string>();
  const assemblyByFile = new Map<string, string>();
  // A stack pinned to an account and region deploys there only: its `AWS::Region` is that region,
  // so a `Ref` and the literal CDK writes in its place read the same, and a need's region is known.
  const pseudoParametersByFile = new Map<string, { 'AWS::AccountId'?: string; 'AWS::Region'?: string }>();
  for (const template of parsed) {
    const environment = meta.get(template.file.replace(/\\/g, '/'))?.environment;
    if (environment?.account !== undefined && environment.region !== undefined) environmentByFile.set(template.file, `${environment.account}/${environment.region}`);
    const assembly = assemblyOf.get(template.file.replace(/\\/g, '/'));
    if (assembly !== undefined) assemblyByFile.set(template.file, assembly);
    const pinned = pseudoParametersOf(environment);
    if (pinned !== undefined) pseudoParametersByFile.set(template.file, pinned);
  }
  try {
    return resolveTemplates(parsed, {
      ...(environmentByFile.size === 0 ? {} : { environmentByFile }),
      ...(pseudoParametersByFile.size === 0 ? {} : { pseudoParametersByFile }),
      ...(assemblyByFile.size === 0 ? {} : { assemblyByFile }),
    });
  } catch {
    // Resolving together failed; resolve each alone so one template cannot cost the others.
    const out: ResolvedTemplate[] = [];
    for (const template of parsed) {
      try {
        const pseudoParameters = pseudoParametersByFile.get(template.file);
        out.push(resolveTemplate(template, pseudoParameters === undefined ? {} : { pseudoParameters }));
      } catch (error) {
        infra.errors.push({ file: template.file, line: 1, message: `template could not be resolved: ${message(error)}; please report this` });
      }
    }
    return out;
  }
}

export interface LoadOptions {
  /**
   * Keep the position-keeping trees for fix builders (parsed-cache), default true. A tree is many
   * times the size of its text: callers that never build fixes say false, so it can be collected.
   */
  keepParsed?: boolean;
}

/**
 * Files → model. Picks the CloudFormation templates among `files` (other files are ignored: the
 * caller decides whether that is an error), reads CDK cloud assemblies for construct paths and
 * stack names, and resolves all templates together so cross-stack exports connect. A file that
 * fails to parse is reported in `errors` with its position; every other file is still read.
 */
export function loadInfra(files: SourceFile[], options: LoadOptions = {}): Infra {
  const infra = emptyInfra();
  const byPath = new Map(files.map((f) => [f.path.replace(/\\/g, '/'), f]));
  const assemblyOf = new Map<string, string>();
  const abandoned = new Set<string>();
  const meta = cloudAssemblies(files, byPath, infra, assemblyOf, abandoned);

  const leftover = leftoverTemplates(files, meta, abandoned);
  const parsed: ParsedTemplate[] = [];
  for (const file of files) {
    try {
      const why = leftover.get(file.path);
      if (why !== undefined) {
        infra.unresolved.push({ file: file.path, line: 1, path: '', reason: why });
        continue;
      }
      if (!looksLikeCloudFormation(file.path, file.text)) continue;
      const result = parseTemplateReusing(file.path, file.text);
      if (result.ok) {
        parsed.push(result);
        if (options.keepParsed !== false) rememberParsed(result);
        // What parsing read in its own way (an unknown tag, a second document) is shown with what the files leave unknown.
        for (const w of result.warnings) infra.unresolved.push({ file: file.path, line: w.line, path: '', reason: w.message });
      }
      else infra.errors.push({ file: file.path, line: result.error.line, column: result.error.column, message: result.error.message });
    } catch (error) {
      infra.errors.push({ file: file.path, line: 1, message: `template could not be read: ${message(error)}; please report this` });
    }
  }

  const resolved = resolveAll(parsed, infra, meta, assemblyOf);
  const metaByFile = new Map<string, TemplateMeta>();
  for (const template of parsed) {
    const ranges = resourceRanges(template);
    metaByFile.set(template.file, { ...meta.get(template.file.replace(/\\/g, '/')), resourceRanges: ranges });
  }
  adaptTemplates(resolved, metaByFile, infra);
  // Services of one name in several files are told apart once all of them are known.
  qualifyServiceKeys(infra);
  return infra;
}
