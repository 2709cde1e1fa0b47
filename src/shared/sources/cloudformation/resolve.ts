import { exactArray } from './exact-array.ts';
import { Fields, shareKeyList } from './resolved.ts';
import type { Loc, RObject, ResolveProblem, ResolvedResource, ResolvedTemplate, RString, RUnknown, RValue } from './resolved.ts';
import type { ParsedTemplate, PEntry, PMap, PNode, PPos } from './parse.ts';
import { ConditionEvaluator } from './conditions.ts';
import type { ConditionDefinition } from './conditions.ts';
import { TemplateFileIndex, matchNestedTemplate, nestedStackLinks, parametersOfLink } from './cdk-assembly.ts';
import { NO_VALUE, emptyObject, foreignRefsOf, fromFile, knownText, literalString, placeholderOf, setForeignRefs, setPlaceholder, stringValue } from './intrinsics/context.ts';
import { splitString } from './intrinsics/split.ts';
import type { Call, EvalContext, Evaluated, ResourceInfo, StringPseudoParameter, Tri } from './intrinsics/context.ts';
import { CONDITION_FUNCTIONS, INTRINSICS } from './intrinsics/index.ts';
import { importPlaceholder } from './intrinsics/import-value.ts';

export type { StringPseudoParameter } from './intrinsics/context.ts';

export interface ResolveOptions {
  /** Export name → value, from other templates (see `resolveTemplates`, which fills this itself). */
  exports?: Map<string, RValue>;
  /** Values for the template's parameters, winning over their defaults (nested stacks, CDK manifests, user input). */
  parameterValues?: Record<string, RValue>;
  /**
   * Accepted for callers that pass the cloud assembly's view of a nested stack; parameters of
   * nested stacks are read through `parameterValues` (see `nestedStackParameters`).
   */
  assemblyNested?: unknown;
  /** Known values of pseudo parameters (e.g. a region the user named). Absent ones stay `${AWS::X}` placeholders. */
  pseudoParameters?: Partial<Record<StringPseudoParameter, string>>;
}

/** Deeper than this, evaluation stops with a problem; parsing already limits structure to 200 levels. */
export const MAX_EVAL_DEPTH = 300;

/**
 * `Fn::GetAtt` attributes that return the value of one of the resource's own properties, so a
 * known property makes the attribute known (`!GetAtt Vpc.CidrBlock` in a subnet's `!Cidr`).
 */
const MIRRORED_ATTRIBUTES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'AWS::EC2::VPC': { CidrBlock: 'CidrBlock' },
  'AWS::EC2::Subnet': { CidrBlock: 'CidrBlock', AvailabilityZone: 'AvailabilityZone', VpcId: 'VpcId' },
  'AWS::EC2::SecurityGroup': { VpcId: 'VpcId' },
  'AWS::ECS::Service': { Name: 'ServiceName' },
  'AWS::SSM::Parameter': { Value: 'Value', Type: 'Type' },
};

const NESTED_STACK_TYPES = new Set(['AWS::CloudFormation::Stack', 'AWS::Serverless::Application']);

type ImportLookup = { value: RValue } | { ambiguous: string[] } | undefined;

interface Hooks {
  parameterValues?: Record<string, RValue>;
  pseudo: Partial<Record<StringPseudoParameter, string>>;
  importValue?: (name: string) => ImportLookup;
  stackOutput?: (logicalId: string, outputName: string) => RValue | undefined;
}

interface InternalResult {
  template: ResolvedTemplate;
  outputs: Map<string, RValue>;
  /** Exports whose names are partial strings (`${AWS::StackName}-Vpc`), matched by pattern across templates. */
  exportPatterns: { name: string; value: RValue }[];
  usesImports: boolean;
  usesNestedOutputs: boolean;
}

export function resolveTemplate(parsed: ParsedTemplate, options: ResolveOptions = {}): ResolvedTemplate {
  const exportsMap = options.exports;
  const hooks: Hooks = {
    parameterValues: options.parameterValues,
    pseudo: options.pseudoParameters ?? {},
    importValue: exportsMap === undefined ? undefined : (name) => {
      const value = exportsMap.get(name);
      return value === undefined ? undefined : { value };
    },
  };
  return new Resolver(parsed, hooks).run().template;
}

export interface ResolveTemplatesOptions {
  /** Per file: parameter values that win over defaults and over values passed by a parent stack. */
  parameterValues?: Map<string, Record<string, RValue>>;
  /** Pseudo parameter values for every template. */
  pseudoParameters?: Partial<Record<StringPseudoParameter, string>>;
  /** Per file, winning over `pseudoParameters` (e.g. a CDK stack's account and region, see `environmentPseudoParameters`). */
  pseudoParametersByFile?: Map<string, Partial<Record<StringPseudoParameter, string>>>;
  /**
   * Per file, the account and region (`account/region`) its stack deploys to, when a cloud
   * assembly pins both: `Fn::ImportValue` prefers the export of the importer's environment.
   */
  environmentByFile?: Map<string, string>;
  /**
   * Per file, the cloud assembly (cdk.out, or a stage's `assembly-*` directory) that lists its
   * stack: CDK writes an `Fn::ImportValue` only for an export of a stack of the same assembly, so
   * an import reads that export first, before any other scanned template's.
   */
  assemblyByFile?: Map<string, string>;
}

/** Cross-template resolution converges in a few passes for real stacks (network → cluster → service); more would only cost time. */
export const MAX_CROSS_TEMPLATE_PASSES = 4;

/**
 * Resolves every template, then lets them see one another: `Fn::ImportValue` reads the exports of
 * the other templates, a nested stack reads the parameters its parent passes, and a parent reads
 * `!GetAtt Child.Outputs.X` from the child template. Repeated for a bounded number of passes, so
 * chains of stacks resolve and cycles between them stop.
 */
export function resolveTemplates(parsed: ParsedTemplate[], options: ResolveTemplatesOptions = {}): ResolvedTemplate[] {
  const pseudoFor = (file: string): Partial<Record<StringPseudoParameter, string>> => ({ ...options.pseudoParameters, ...options.pseudoParametersByFile?.get(file) });
  const files = parsed.map((p) => p.file);
  let results = parsed.map((p) => new Resolver(p, { pseudo: pseudoFor(p.file), parameterValues: options.parameterValues?.get(p.file) }).run());
  const links = linkNestedStacks(results, files);
  // After the first pass every template counts as changed; later, only those whose result moved.
  let changed = new Set(results.map((_, i) => i));
  const fingerprints = results.map(fingerprintOf);
  for (let pass = 1; pass < MAX_CROSS_TEMPLATE_PASSES && changed.size > 0; pass++) {
    const exportersChanged = [...changed].some((i) => results[i]!.template.exports.size > 0 || results[i]!.exportPatterns.length > 0);
    const registry = new ExportRegistry(results, (file) => {
      const pinned = options.environmentByFile?.get(file);
      if (pinned !== undefined) return pinned;
      const pseudo = pseudoFor(file);
      return pseudo['AWS::AccountId'] !== undefined && pseudo['AWS::Region'] !== undefined ? `${pseudo['AWS::AccountId']}/${pseudo['AWS::Region']}` : undefined;
    }, (file) => options.assemblyByFile?.get(file));
    const previous = results;
    const nowChanged = new Set<number>();
    results = parsed.map((p, i) => {
      const before = previous[i]!;
      const parent = links.parentOf.get(i);
      const children = links.childrenOf.get(i);
      const inputsChanged =
        (before.usesImports && exportersChanged) ||
        (parent !== undefined && changed.has(parent.index)) ||
        (children !== undefined && [...children.values()].some((c) => changed.has(c)));
      if (!inputsChanged) return before;
      const fromParent = parent === undefined ? undefined : parametersOfLink(previous[parent.index]!.template, parent.logicalId);
      const parameterValues = { ...fromParent, ...options.parameterValues?.get(p.file) };
      const after = new Resolver(p, {
        pseudo: pseudoFor(p.file),
        parameterValues,
        importValue: (name) => registry.lookup(name, p.file),
        stackOutput: children === undefined ? undefined : (logicalId, outputName) => {
          const child = children.get(logicalId);
          if (child === undefined) return undefined;
          const value = previous[child]!.outputs.get(outputName);
          return value === undefined ? undefined : fromFile(value, files[child]!);
        },
      }).run();
      const fingerprint = fingerprintOf(after);
      if (fingerprint !== fingerprints[i]) nowChanged.add(i);
      fingerprints[i] = fingerprint;
      return after;
    });
    changed = nowChanged;
  }
  return results.map((r) => r.template);
}

/**
 * What other templates can see of a result: its outputs, exports and the parameters it passes to
 * nested stacks. A template is resolved again only when one it reads from changed here.
 */
function fingerprintOf(r: InternalResult): string {
  const parts: string[] = [];
  for (const [name, value] of r.outputs) parts.push(`o:${name}=${compact(value, 0)}`);
  for (const [name, value] of r.template.exports) parts.push(`e:${name}=${compact(value, 0)}`);
  for (const { name, value } of r.exportPatterns) parts.push(`p:${name}=${compact(value, 0)}`);
  for (const resource of r.template.resources.values()) {
    if (NESTED_STACK_TYPES.has(resource.type)) parts.push(`n:${resource.logicalId}=${compact(resource.properties, 0)}`);
  }
  return parts.join('\n');
}

function compact(value: RValue, depth: number): string {
  if (depth > 16) return '…';
  switch (value.kind) {
    case 'string':
      return JSON.stringify(value.value) + (value.partial === true ? '~' : '');
    case 'number':
    case 'boolean':
      return String(value.value);
    case 'null':
      return 'null';
    case 'array':
      return `[${value.items.map((v) => compact(v, depth + 1)).join(',')}]`;
    case 'object':
      return `{${[...value.entries].map(([k, v]) => `${k}:${compact(v, depth + 1)}`).join(',')}}`;
    case 'ref':
      return `<${value.file ?? ''}#${value.target}.${value.attribute ?? ''}>`;
    case 'unknown':
      return `?${placeholderOf(value) ?? ''}`;
  }
}

interface NestedLinks {
  parentOf: Map<number, { index: number; logicalId: string }>;
  childrenOf: Map<number, Map<string, number>>;
}

function linkNestedStacks(results: InternalResult[], files: string[]): NestedLinks {
  const parentOf = new Map<number, { index: number; logicalId: string }>();
  const childrenOf = new Map<number, Map<string, number>>();
  const indexOf = new Map(files.map((f, i) => [f, i]));
  const fileIndex = new TemplateFileIndex(files);
  results.forEach((r, parentIndex) => {
    for (const link of nestedStackLinks(r.template)) {
      const childFile = matchNestedTemplate(r.template.file, link, fileIndex);
      const childIndex = childFile === undefined ? undefined : indexOf.get(childFile);
      if (childIndex === undefined || childIndex === parentIndex) continue;
      // A template nested twice is resolved once, with the parameters of the first parent that names it.
      if (!parentOf.has(childIndex)) parentOf.set(childIndex, { index: parentIndex, logicalId: link.logicalId });
      let children = childrenOf.get(parentIndex);
      if (children === undefined) childrenOf.set(parentIndex, (children = new Map()));
      children.set(link.logicalId, childIndex);
    }
  });
  return { parentOf, childrenOf };
}

class ExportRegistry {
  private readonly exact = new Map<string, { file: string; value: RValue }[]>();
  private readonly patterns: { regex: RegExp; file: string; value: RValue }[] = [];

  /**
   * @param environment the account and region a file's stack deploys to, when its cloud assembly
   *   pins them: export names are unique only within one account and region, so the same name
   *   exported by a prod and a staging stage is two exports, each for the importers beside it.
   */
  constructor(
    results: InternalResult[],
    private readonly environment: (file: string) => string | undefined = () => undefined,
    private readonly assembly: (file: string) => string | undefined = () => undefined,
  ) {
    for (const r of results) {
      const file = r.template.file;
      for (const [name, value] of r.template.exports) {
        let list = this.exact.get(name);
        if (list === undefined) this.exact.set(name, (list = []));
        list.push({ file, value: fromFile(value, file) });
      }
      for (const { name, value } of r.exportPatterns) {
        const source = name
          .split(/(\$\{[^}]*\})/)
          .map((part) => (part.startsWith('${') && part.endsWith('}') ? '.+?' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
          .join('');
        this.patterns.push({ regex: new RegExp(`^${source}$`), file, value: fromFile(value, file) });
      }
    }
  }

  lookup(name: string, importer: string): ImportLookup {
    const own = this.assembly(importer);
    if (own !== undefined) {
      // Two synths (or two stages) of one app export the same names; CDK imports only within its assembly.
      const sameAssembly = (file: string): boolean => file !== importer && this.assembly(file) === own;
      const beside = (this.exact.get(name) ?? []).filter((e) => sameAssembly(e.file));
      if (beside.length === 1) return { value: beside[0]!.value };
      if (beside.length > 1) return { ambiguous: beside.map((e) => e.file) };
      const byPattern = this.patterns.filter((p) => sameAssembly(p.file) && p.regex.test(name));
      if (byPattern.length === 1) return { value: byPattern[0]!.value };
      if (byPattern.length > 1) return { ambiguous: [...new Set(byPattern.map((p) => p.file))] };
    }
    let exact = (this.exact.get(name) ?? []).filter((e) => e.file !== importer);
    const here = exact.length > 1 ? this.environment(importer) : undefined;
    if (here !== undefined) {
      const beside = exact.filter((e) => this.environment(e.file) === here);
      // Only when every exporter's environment is known: an agnostic one may deploy anywhere.
      if (exact.every((e) => this.environment(e.file) !== undefined)) exact = beside;
    }
    if (exact.length === 1) return { value: exact[0]!.value };
    if (exact.length > 1) return { ambiguous: exact.map((e) => e.file) };
    const byPattern = this.patterns.filter((p) => p.file !== importer && p.regex.test(name));
    const matchedFiles = [...new Set(byPattern.map((p) => p.file))];
    if (matchedFiles.length === 1 && byPattern.length === 1) return { value: byPattern[0]!.value };
    if (matchedFiles.length > 0) return { ambiguous: matchedFiles };
    return undefined;
  }
}

interface ParameterDefinition {
  node: PNode;
  keyPos: PPos;
  value?: RValue;
}

interface ResourceDefinition {
  entry: PEntry;
  node: PMap | undefined;
  info: ResourceInfo | undefined;
}

class Resolver implements EvalContext {
  private readonly parsed: ParsedTemplate;
  private readonly hooks: Hooks;
  private readonly problems: ResolveProblem[] = [];
  private readonly problemKeys = new Set<string>();
  private readonly unresolved: { loc: Loc; reason: string }[] = [];
  private readonly unresolvedKeys = new Set<string>();
  private readonly parameters = new Map<string, ParameterDefinition>();
  private readonly mappings = new Map<string, PNode>();
  private readonly resourceDefs = new Map<string, ResourceDefinition>();
  private readonly attributeCache = new Map<string, RValue | null>();
  private readonly keyLists = new KeyLists();
  /**
   * Items and entry values of the arrays and objects being evaluated, innermost last: each takes
   * its own off the top when done, into an array of exactly its length (see `exactArray`).
   */
  private readonly open: RValue[] = [];
  private openCount = 0;
  private readonly attributesInProgress = new Set<string>();
  private readonly conditions: ConditionEvaluator;
  private readonly conditionDefs = new Map<string, ConditionDefinition>();
  private budget: number;
  private budgetExhausted = false;
  private usesImports = false;
  private usesNestedOutputs = false;

  constructor(parsed: ParsedTemplate, hooks: Hooks) {
    this.parsed = parsed;
    this.hooks = hooks;
    this.budget = 1_000_000 + 20 * parsed.nodeCount;
    this.conditions = new ConditionEvaluator(this, this.conditionDefs);
  }

  run(): InternalResult {
    const resources = new Map<string, ResolvedResource>();
    const exports = new Map<string, RValue>();
    const outputs = new Map<string, RValue>();
    const exportPatterns: { name: string; value: RValue }[] = [];
    const template: ResolvedTemplate = {
      file: this.parsed.file,
      format: this.parsed.format,
      text: this.parsed.text,
      resources,
      exports,
      unresolved: this.unresolved,
      problems: this.problems,
    };
    const result = (): InternalResult => ({ template, outputs, exportPatterns, usesImports: this.usesImports, usesNestedOutputs: this.usesNestedOutputs });
    const root = this.parsed.root;
    if (root.kind !== 'map') {
      this.problem(this.locOf(root, ''), 'a template must be a mapping of sections (Resources, Parameters, …)', 'structure');
      return result();
    }
    const section = (name: string): PMap | undefined => {
      const entry = root.entries.find((e) => e.key === name);
      if (entry === undefined) return undefined;
      if (entry.value.kind !== 'map') {
        if (!(entry.value.kind === 'scalar' && entry.value.value === null)) this.problem(this.locOf(entry.value, name), `${name} must be a mapping`, 'structure');
        return undefined;
      }
      return entry.value;
    };
    for (const e of section('Parameters')?.entries ?? []) this.parameters.set(e.key, { node: e.value, keyPos: e.keyPos });
    for (const e of section('Mappings')?.entries ?? []) this.mappings.set(e.key, e.value);
    for (const e of section('Conditions')?.entries ?? []) this.conditionDefs.set(e.key, { node: e.value, keyPos: e.keyPos });
    const resourcesSection = section('Resources');
    for (const entry of resourcesSection?.entries ?? []) this.defineResource(entry);
    for (const entry of resourcesSection?.entries ?? []) {
      const resource = this.resolveResource(entry);
      if (resource !== undefined) resources.set(entry.key, resource);
    }
    for (const entry of section('Outputs')?.entries ?? []) this.resolveOutput(entry, outputs, exports, exportPatterns);
    return result();
  }

  private defineResource(entry: PEntry): void {
    const node = entry.value.kind === 'map' ? entry.value : undefined;
    const typeNode = node === undefined ? undefined : fieldOf(node, 'Type');
    const type = typeNode === undefined ? undefined : literalString(typeNode);
    const conditionNode = node === undefined ? undefined : fieldOf(node, 'Condition');
    const conditionName = conditionNode === undefined ? undefined : literalString(conditionNode);
    const info: ResourceInfo | undefined = type === undefined ? undefined : { type, condition: conditionNode === undefined ? true : undefined, conditionName };
    this.resourceDefs.set(entry.key, { entry, node, info });
  }

  private resolveResource(entry: PEntry): ResolvedResource | undefined {
    const logicalId = entry.key;
    const path = `Resources.${logicalId}`;
    const loc = this.keyLoc(entry, path);
    const def = this.resourceDefs.get(logicalId)!;
    if (logicalId.startsWith('Fn::ForEach::')) {
      this.problem(loc, `${logicalId} (AWS::LanguageExtensions) is not expanded; the resources it generates are not analyzed`);
      return undefined;
    }
    if (def.node === undefined) {
      this.problem(loc, `resource ${logicalId} must be a mapping with a Type`, 'structure');
      return undefined;
    }
    if (def.info === undefined) {
      this.problem(loc, `resource ${logicalId} has no Type (or one that is not a literal string)`, 'structure');
      return undefined;
    }
    try {
      const condition = this.resourceCondition(logicalId, 0);
      if (condition === false) return undefined;
      const node = def.node;
      const propertiesNode = fieldOf(node, 'Properties');
      const properties = propertiesNode === undefined ? emptyObject({ ...loc, path: `${path}.Properties` }) : this.objectAt(propertiesNode, `${path}.Properties`);
      const metadataNode = fieldOf(node, 'Metadata');
      const metadata = metadataNode === undefined ? undefined : this.objectAt(metadataNode, `${path}.Metadata`);
      const dependsOn = this.dependsOn(fieldOf(node, 'DependsOn'), `${path}.DependsOn`);
      const resource: ResolvedResource = { logicalId, type: def.info.type, properties, condition, dependsOn, loc };
      if (metadata !== undefined) resource.metadata = metadata;
      return resource;
    } catch (error) {
      // Collections left open by the failed evaluation must not leak into the next one.
      this.openCount = 0;
      this.problem(loc, `resource ${logicalId} could not be resolved: ${error instanceof Error ? error.message : String(error)}`, 'internal');
      return undefined;
    }
  }

  private objectAt(node: PNode, path: string): RObject {
    const value = this.evaluate(node, path, 1);
    if (value !== NO_VALUE && value.kind === 'object') return value;
    const loc = this.locOf(node, path);
    if (value === NO_VALUE) return emptyObject(loc);
    if (value.kind !== 'unknown' && !(value.kind === 'null')) this.problem(loc, `${path} must be a mapping`);
    return emptyObject(loc);
  }

  private dependsOn(node: PNode | undefined, path: string): string[] {
    if (node === undefined) return [];
    const single = literalString(node);
    if (single !== undefined) return [single];
    if (node.kind === 'seq') {
      const out: string[] = [];
      for (const item of node.items) {
        const name = literalString(item);
        if (name === undefined) this.problem(this.locOf(item, path), 'DependsOn lists logical IDs');
        else out.push(name);
      }
      return out;
    }
    this.problem(this.locOf(node, path), 'DependsOn takes a logical ID or a list of them');
    return [];
  }

  private resolveOutput(entry: PEntry, outputs: Map<string, RValue>, exports: Map<string, RValue>, patterns: { name: string; value: RValue }[]): void {
    const path = `Outputs.${entry.key}`;
    if (entry.value.kind !== 'map') {
      this.problem(this.keyLoc(entry, path), `output ${entry.key} must be a mapping with a Value`, 'structure');
      return;
    }
    try {
      const output = entry.value;
      const conditionNode = fieldOf(output, 'Condition');
      if (conditionNode !== undefined) {
        const name = literalString(conditionNode);
        if (name !== undefined && this.conditions.get(name, this.locOf(conditionNode, `${path}.Condition`), 0) === false) return;
      }
      const valueNode = fieldOf(output, 'Value');
      if (valueNode === undefined) {
        this.problem(this.keyLoc(entry, path), `output ${entry.key} has no Value`, 'structure');
        return;
      }
      const value = this.evaluate(valueNode, `${path}.Value`, 1);
      if (value === NO_VALUE) return;
      outputs.set(entry.key, value);
      const exportNode = fieldOf(output, 'Export');
      const nameNode = exportNode?.kind === 'map' ? fieldOf(exportNode, 'Name') : undefined;
      if (nameNode === undefined) return;
      const name = this.evaluate(nameNode, `${path}.Export.Name`, 1);
      if (name === NO_VALUE) return;
      const known = knownText(name);
      if (known !== undefined) exports.set(known, value);
      else if (name.kind === 'string') patterns.push({ name: name.value, value });
    } catch (error) {
      this.openCount = 0;
      this.problem(this.keyLoc(entry, path), `output ${entry.key} could not be resolved: ${error instanceof Error ? error.message : String(error)}`, 'internal');
    }
  }

  // ---- EvalContext ----

  evaluate(node: PNode, path: string, depth: number): Evaluated {
    if (--this.budget < 0) return this.overBudget(node, path);
    if (depth > MAX_EVAL_DEPTH) {
      const loc = this.locOf(node, path);
      this.problem(loc, `evaluation nests deeper than ${MAX_EVAL_DEPTH} levels`);
      return this.unknown('evaluation nests too deeply', loc);
    }
    switch (node.kind) {
      case 'scalar': {
        const loc = this.locOf(node, path);
        const v = node.value;
        if (typeof v === 'string') return { kind: 'string', value: v, loc };
        if (typeof v === 'number') return { kind: 'number', value: v, loc };
        if (typeof v === 'boolean') return { kind: 'boolean', value: v, loc };
        return { kind: 'null', loc };
      }
      case 'seq': {
        const first = this.openCount;
        const prefix = `${path}[`;
        for (let i = 0; i < node.items.length; i++) {
          const item = this.evaluate(node.items[i]!, `${prefix}${i}]`, depth + 1);
          if (item !== NO_VALUE) this.open[this.openCount++] = item;
        }
        return { kind: 'array', items: this.takeOpen(first), loc: this.locOf(node, path) };
      }
      case 'map': {
        if (node.entries.length === 1) {
          const key = node.entries[0]!.key;
          if (key === 'Ref' || key.startsWith('Fn::')) return this.intrinsic(node, key, path, depth);
        }
        const entries = node.entries;
        const first = this.openCount;
        // Objects keep all their keys unless an `AWS::NoValue` drops some; only then do they need a key list of their own.
        let ownKeys: string[] | undefined;
        const prefix = path === '' ? '' : `${path}.`;
        for (let i = 0; i < entries.length; i++) {
          const entry = entries[i]!;
          const value = this.evaluate(entry.value, prefix + entry.key, depth + 1);
          if (value === NO_VALUE) {
            ownKeys ??= entries.slice(0, i).map((e) => e.key);
            continue;
          }
          ownKeys?.push(entry.key);
          this.open[this.openCount++] = value;
        }
        const values = this.takeOpen(first);
        const keys = ownKeys ?? this.keyLists.of(entries);
        return { kind: 'object', entries: new Fields(keys, values), loc: this.locOf(node, path) };
      }
    }
  }

  /** The values evaluated since `first` (see `open`), as an array of their own, taken off the stack. */
  private takeOpen(first: number): RValue[] {
    const values = exactArray(this.open, first, this.openCount);
    this.openCount = first;
    return values;
  }

  evaluateList(node: PNode, path: string, depth: number): Evaluated {
    if (node.kind !== 'seq') return this.evaluate(node, path, depth);
    if (--this.budget < 0) return this.overBudget(node, path);
    const items: RValue[] = [];
    for (const item of node.items) {
      const value = this.evaluate(item, path, depth + 1);
      if (value !== NO_VALUE) items.push(value);
    }
    return { kind: 'array', items, loc: this.locOf(node, path) };
  }

  private intrinsic(node: PMap, name: string, path: string, depth: number): Evaluated {
    const loc = this.locOf(node, path);
    const handler = INTRINSICS.get(name);
    if (handler !== undefined) {
      const call: Call = { name, arg: node.entries[0]!.value, node, path, loc, depth };
      return handler(this, call);
    }
    if (CONDITION_FUNCTIONS.has(name)) {
      const result = this.conditions.expression(node, path, depth + 1);
      return result === 'unknown' ? this.unknown(`${name} cannot be decided from the files`, loc) : { kind: 'boolean', value: result, loc };
    }
    if (name.startsWith('Fn::ForEach::')) {
      this.problem(loc, `${name} (AWS::LanguageExtensions) is not expanded; the values it generates are unknown`);
      return this.unknown(`${name} is not expanded`, loc);
    }
    this.problem(loc, `${name} is not a CloudFormation intrinsic function`);
    return this.unknown(`${name} is not a known function`, loc);
  }

  private overBudget(node: PNode, path: string): RUnknown {
    const loc = this.locOf(node, path);
    if (!this.budgetExhausted) {
      this.budgetExhausted = true;
      this.problem(loc, 'the template takes more evaluation than any real template needs; what remains is left unknown');
    }
    return { kind: 'unknown', reason: 'evaluation budget exhausted', loc };
  }

  unknown(reason: string, loc: Loc, placeholder?: string): RUnknown {
    const value: RUnknown = { kind: 'unknown', reason, loc };
    if (placeholder !== undefined) setPlaceholder(value, placeholder);
    const key = `${loc.path}\u0000${reason}`;
    if (!this.unresolvedKeys.has(key)) {
      this.unresolvedKeys.add(key);
      this.unresolved.push({ loc, reason });
    }
    return value;
  }

  problem(loc: Loc, message: string, kind?: ResolveProblem['kind']): void {
    const key = `${loc.range.start}\u0000${message}`;
    if (this.problemKeys.has(key)) return;
    this.problemKeys.add(key);
    this.problems.push(kind === undefined ? { loc, message } : { loc, message, kind });
  }

  invalid(call: Call, message: string): RUnknown {
    this.problem(call.loc, message);
    return this.unknown(message, call.loc);
  }

  locOf(node: PNode, path: string): Loc {
    const pos = node.pos;
    return { line: pos.line, column: pos.column, path, range: pos.range };
  }

  private keyLoc(entry: PEntry, path: string): Loc {
    const pos = entry.keyPos;
    return { line: pos.line, column: pos.column, path, range: pos.range };
  }

  relocate(value: RValue, loc: Loc, depth = 0): RValue {
    if (--this.budget < 0) return { kind: 'unknown', reason: 'evaluation budget exhausted', loc };
    switch (value.kind) {
      case 'unknown':
        return this.unknown(value.reason, loc, placeholderOf(value));
      case 'array':
        return {
          kind: 'array',
          items: depth > MAX_EVAL_DEPTH ? [] : value.items.map((item, i) => this.relocate(item, { ...loc, path: `${loc.path}[${i}]` }, depth + 1)),
          loc,
        };
      case 'object': {
        const entries = new Fields();
        if (depth <= MAX_EVAL_DEPTH) {
          for (const [key, item] of value.entries) entries.set(key, this.relocate(item, { ...loc, path: `${loc.path}.${key}` }, depth + 1));
        }
        return { kind: 'object', entries, loc };
      }
      case 'string':
        return setForeignRefs({ ...value, loc }, foreignRefsOf(value));
      default:
        return { ...value, loc };
    }
  }

  hasParameter(name: string): boolean {
    return this.parameters.has(name);
  }

  allowedValues(name: string): string[] | undefined {
    const node = this.parameters.get(name)?.node;
    const allowed = node?.kind === 'map' ? fieldOf(node, 'AllowedValues') : undefined;
    if (allowed?.kind !== 'seq' || !allowed.items.every((item) => item.kind === 'scalar')) return undefined;
    return allowed.items.map((item) => (item.kind === 'scalar' ? scalarText(item.value) : ''));
  }

  parameter(name: string, loc: Loc, _depth: number): RValue | undefined {
    const def = this.parameters.get(name);
    if (def === undefined) return undefined;
    def.value ??= this.parameterValue(name, def);
    return this.relocate(def.value, loc);
  }

  private parameterValue(name: string, def: ParameterDefinition): RValue {
    const loc = this.locOf(def.node, `Parameters.${name}`);
    const quietUnknown = (reason: string): RUnknown => {
      const u: RUnknown = { kind: 'unknown', reason, loc };
      setPlaceholder(u, `\${${name}}`);
      return u;
    };
    const definition = def.node.kind === 'map' ? def.node : undefined;
    const field = (key: string): PNode | undefined => (definition === undefined ? undefined : fieldOf(definition, key));
    const typeNode = field('Type');
    const type = (typeNode === undefined ? undefined : literalString(typeNode)) ?? 'String';
    const isList = type.startsWith('List<') || type === 'CommaDelimitedList';
    const given = this.hooks.parameterValues?.[name];
    if (given !== undefined) return isList ? asList(given) : given;
    const defaultNode = field('Default');
    if (type.startsWith('AWS::SSM::Parameter::Value<')) {
      const ssmName = defaultNode === undefined ? undefined : literalString(defaultNode);
      return quietUnknown(`parameter ${name} is read from SSM parameter ${ssmName ?? '(named at deployment)'} when the stack is deployed`);
    }
    let valueNode = defaultNode;
    if (valueNode === undefined) {
      // A parameter that allows exactly one value has that value, default or not.
      const allowed = field('AllowedValues');
      if (allowed?.kind === 'seq' && allowed.items.length === 1) valueNode = allowed.items[0];
    }
    if (valueNode === undefined) return quietUnknown(`parameter ${name} has no default`);
    const valueLoc = this.locOf(valueNode, `Parameters.${name}.Default`);
    if (valueNode.kind === 'seq') {
      const items = valueNode.items.map((item): RValue => stringValue(item.kind === 'scalar' ? scalarText(item.value) : '', this.locOf(item, valueLoc.path)));
      return isList ? { kind: 'array', items, loc: valueLoc } : stringValue(items.map((i) => (i.kind === 'string' ? i.value : '')).join(','), valueLoc);
    }
    if (valueNode.kind !== 'scalar') {
      this.problem(valueLoc, `parameter ${name} has a default that is not a string`);
      return quietUnknown(`parameter ${name} has a default that is not a string`);
    }
    const text = scalarText(valueNode.value);
    return isList ? asList(stringValue(text, valueLoc)) : stringValue(text, valueLoc);
  }

  pseudo(name: StringPseudoParameter): string | undefined {
    return this.hooks.pseudo[name];
  }

  resource(logicalId: string): ResourceInfo | undefined {
    return this.resourceDefs.get(logicalId)?.info;
  }

  roleArn(target: string, loc: Loc): RString | undefined {
    if (this.resourceDefs.get(target)?.info?.type !== 'AWS::IAM::Role') return undefined;
    const pathNode = this.propertyNode(target, 'Path');
    const path = pathNode === undefined ? '/' : literalString(pathNode);
    // IAM paths start and end with `/` and hold no placeholder characters.
    if (path === undefined || !/^\/(?:[\x21-\x7e]*\/)?$/.test(path) || /[${}]/.test(path)) return undefined;
    return stringValue(`arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role${path}\${${target}}`, loc, true, [target]);
  }

  resourceCondition(logicalId: string, depth: number): Tri {
    const def = this.resourceDefs.get(logicalId);
    const info = def?.info;
    if (def === undefined || info === undefined) return 'unknown';
    if (info.condition === undefined) {
      if (info.conditionName === undefined) {
        const conditionNode = def.node?.entries.find((e) => e.key === 'Condition')?.value;
        if (conditionNode !== undefined) this.problem(this.locOf(conditionNode, `Resources.${logicalId}.Condition`), 'a resource Condition names a condition');
        info.condition = 'unknown';
      } else {
        const conditionNode = def.node!.entries.find((e) => e.key === 'Condition')!.value;
        info.condition = this.conditions.get(info.conditionName, this.locOf(conditionNode, `Resources.${logicalId}.Condition`), depth + 1);
      }
    }
    return info.condition;
  }

  getAtt(target: string, attribute: string, loc: Loc, depth: number): RValue {
    const info = this.resourceDefs.get(target)?.info;
    if (info !== undefined && NESTED_STACK_TYPES.has(info.type) && attribute.startsWith('Outputs.')) {
      this.usesNestedOutputs = true;
      const value = this.hooks.stackOutput?.(target, attribute.slice('Outputs.'.length));
      if (value !== undefined) return this.relocate(value, loc);
    }
    const property = info === undefined ? undefined : MIRRORED_ATTRIBUTES[info.type]?.[attribute];
    if (property !== undefined) {
      const mirrored = this.mirroredProperty(target, property, depth);
      if (mirrored !== undefined) return this.relocate(mirrored, loc);
    }
    return { kind: 'ref', target, attribute, loc };
  }

  /** A resource's property as written, when its Properties are a mapping that has it. */
  private propertyNode(target: string, property: string): PNode | undefined {
    const properties = this.resourceDefs.get(target)?.node?.entries.find((e) => e.key === 'Properties')?.value;
    return properties?.kind === 'map' ? properties.entries.find((e) => e.key === property)?.value : undefined;
  }

  private mirroredProperty(target: string, property: string, depth: number): RValue | undefined {
    const key = `${target}.${property}`;
    const cached = this.attributeCache.get(key);
    if (cached !== undefined) return cached ?? undefined;
    if (this.attributesInProgress.has(key)) return undefined;
    const node = this.propertyNode(target, property);
    let value: RValue | null = null;
    if (node !== undefined) {
      this.attributesInProgress.add(key);
      try {
        const evaluated = this.evaluate(node, `Resources.${target}.Properties.${property}`, depth + 1);
        if (evaluated !== NO_VALUE && evaluated.kind !== 'unknown') value = evaluated;
      } finally {
        this.attributesInProgress.delete(key);
      }
    }
    this.attributeCache.set(key, value);
    return value ?? undefined;
  }

  condition(name: string, loc: Loc, depth: number): Tri {
    return this.conditions.get(name, loc, depth);
  }

  conditionExpression(node: PNode, path: string, depth: number): Tri {
    return this.conditions.expression(node, path, depth);
  }

  mapping(name: string): PNode | undefined {
    return this.mappings.get(name);
  }

  importValue(name: string, loc: Loc): RValue {
    this.usesImports = true;
    const found = this.hooks.importValue?.(name);
    if (found !== undefined && 'value' in found) return this.relocate(found.value, loc);
    if (found !== undefined) {
      return this.unknown(`Fn::ImportValue ${name}: exported by several scanned templates (${found.ambiguous.join(', ')})`, loc, importPlaceholder(name));
    }
    return this.unknown(`Fn::ImportValue ${name}`, loc, importPlaceholder(name));
  }
}

/**
 * One key list per distinct sequence of keys, shared by the `Fields` of every object that
 * has those keys: a large template has tens of thousands of small objects but a few dozen
 * distinct key lists. Lists are found by their first key, then compared key by key (the parser
 * interns keys, so that is mostly comparing references). Large objects, and objects whose first
 * key already starts many different lists, get a list of their own.
 */
class KeyLists {
  private readonly byFirstKey = new Map<string, string[][]>();

  of(entries: readonly PEntry[]): string[] {
    const size = entries.length;
    if (size === 0 || size > SHARED_KEY_LIST_MAX_KEYS) return entries.map((e) => e.key);
    const firstKey = entries[0]!.key;
    let candidates = this.byFirstKey.get(firstKey);
    if (candidates === undefined) this.byFirstKey.set(firstKey, (candidates = []));
    for (const keys of candidates) if (sameKeys(keys, entries)) return keys;
    const keys = shareKeyList(entries.map((e) => e.key));
    if (candidates.length < SHARED_KEY_LISTS_PER_FIRST_KEY) candidates.push(keys);
    return keys;
  }
}

function sameKeys(keys: readonly string[], entries: readonly PEntry[]): boolean {
  if (keys.length !== entries.length) return false;
  for (let i = 1; i < keys.length; i++) if (keys[i] !== entries[i]!.key) return false;
  return true;
}

const SHARED_KEY_LIST_MAX_KEYS = 16;
const SHARED_KEY_LISTS_PER_FIRST_KEY = 16;

function fieldOf(map: PMap, key: string): PNode | undefined {
  for (const entry of map.entries) if (entry.key === key) return entry.value;
  return undefined;
}

function scalarText(value: string | number | boolean | null): string {
  return value === null ? '' : String(value);
}

/**
 * CommaDelimitedList and List<…> parameters: a string value is split on commas, each item
 * trimmed. A list passed in as a joined partial string (`${SubnetA},${SubnetB}` from a parent
 * stack) splits back into references.
 */
function asList(value: RValue): RValue {
  if (value.kind === 'number' || value.kind === 'boolean') return { kind: 'array', items: [stringValue(String(value.value), value.loc)], loc: value.loc };
  if (value.kind !== 'string') return value;
  const result = splitString(value, ',', value.loc, true);
  return typeof result === 'string' ? value : result;
}
