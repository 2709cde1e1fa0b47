import {
  describeAnyOutcome, describeOutcomes, type Edit, type Entity, type EntityRef, type Fix, type FixDeclined, type SecurityGroup, type SecurityGroupRule,
  type StackOutcome,
} from '../../model/index.ts';
import type { PMap, PNode, PSeq } from '../../sources/cloudformation/parse.ts';
import type { RuleContext } from '../../rules/types.ts';
import { refId } from '../../analysis/infra-index.ts';
import {
  docFor, isIntrinsic, mapChild, mapEntry, nodeAt, nodeWithRange, parsePath, propertiesNode, referencedIds, resourceNode, resourceType,
  resourcesMap, type TemplateDoc,
} from '../doc.ts';
import { getAtt, nodeToValue, ref, type CfnValue } from '../value.ts';

/**
 * Helpers every fix builder uses. Builders return `undefined` whenever something they would
 * write depends on what the files do not say (a value from a parameter, a resource in another
 * template, an intrinsic where a literal list is expected): a rule declines rather than guesses.
 */

/**
 * A builder that throws (a shape of template nobody foresaw) must not take its rule's findings
 * down with it: the finding is reported without a fix instead.
 */
export function guarded<A extends unknown[], R extends Fix | FixDeclined>(build: (...args: A) => R | undefined): (...args: A) => R | undefined {
  return (...args: A) => {
    try {
      return build(...args);
    } catch {
      return undefined;
    }
  };
}

/** A builder's answer when it knows why it cannot write a fix: `fix` lists the reason. */
export function declined(reason: string): FixDeclined {
  return { declined: reason };
}

/**
 * The decline for something that exists only under some outcomes of a choice the files leave to
 * the deployment (an undecided `Fn::If`, an `Fn::FindInMap` on a key they do not give): rewriting
 * it would take that choice away, or change what the other outcomes deploy. `anyOf`: under any of
 * `outcomes` (`when Env is dev or staging`) rather than under all of them together.
 */
export function declinedUnderChoice(what: string, outcomes: readonly StackOutcome[], byHand: string, anyOf = false): FixDeclined {
  const when = anyOf ? describeAnyOutcome(outcomes) : describeOutcomes(outcomes);
  const how = outcomes.every((o) => typeof o.value === 'boolean')
    ? 'an Fn::If on a condition the files do not decide'
    : outcomes.every((o) => typeof o.value === 'string')
      ? 'an Fn::FindInMap on a key the files do not give'
      : 'an Fn::If and an Fn::FindInMap the files do not decide';
  return declined(`${what} only ${when} (${how}): a fix would take that choice from the deployment or change what the other outcomes deploy; ${byHand}`);
}

export function makeFix(title: string, explanation: string, edits: (Edit | undefined)[]): Fix | undefined {
  if (edits.length === 0 || edits.some((e) => e === undefined)) return undefined;
  return { title, explanation, edits: edits as Edit[] };
}

/**
 * The template that declares `entity`, when it is a CloudFormation template a person edits. A
 * template CDK synthesized (from a cloud assembly, or carrying `aws:cdk:path` metadata) is
 * regenerated on the next synth: the fix belongs in the CDK code, so none is offered.
 */
export function docOf(ctx: RuleContext, entity: Entity): TemplateDoc | undefined {
  if (entity.cdkPath !== undefined) return undefined;
  const stack = ctx.posture.infra.stacks.find((s) => s.file === entity.file);
  if (stack === undefined || stack.name !== undefined) return undefined;
  const doc = docFor(ctx.posture.infra, entity.file);
  if (doc === undefined || resourceNode(doc, entity.logicalId) === undefined) return undefined;
  return doc;
}

/** `Properties` of a resource as a literal mapping. */
export function propsOf(doc: TemplateDoc, entity: Entity): PMap | undefined {
  return propertiesNode(doc, entity.logicalId);
}

/** A literal list under `key`, or undefined when it is absent or not literal (`!Ref ListParam`, `!If`). */
export function literalSeq(map: PMap | undefined, key: string): PSeq | undefined {
  const v = mapChild(map, key);
  return v?.kind === 'seq' ? v : undefined;
}

/** The node a source path points at, in `doc`. */
export function nodeAtPath(doc: TemplateDoc, path: string): PNode | undefined {
  return nodeAt(doc.root, parsePath(path));
}

/** The logical ID of an entity id in `doc`'s file, when it is declared there. */
export function localLogicalId(doc: TemplateDoc, id: string): string | undefined {
  const prefix = `${doc.file}#`;
  if (!id.startsWith(prefix)) return undefined;
  const logicalId = id.slice(prefix.length);
  return resourceNode(doc, logicalId) === undefined ? undefined : logicalId;
}

/** How `doc` refers to a security group: `!GetAtt Sg.GroupId` for its own, the literal `sg-…` for external ones. */
export function securityGroupValue(doc: TemplateDoc, ref: EntityRef | string): CfnValue | undefined {
  const id = typeof ref === 'string' ? ref : ref.kind === 'unknown' ? undefined : refId(ref);
  if (id === undefined) return undefined;
  const local = localLogicalId(doc, id);
  if (local !== undefined) return resourceType(doc, local) === 'AWS::EC2::SecurityGroup' ? getAtt(local, 'GroupId') : undefined;
  return /^sg-[0-9a-f]+$/.test(id) ? id : undefined;
}

/** How `doc` refers to a subnet, route table or VPC (all `Ref` to their ID), or the literal external ID. */
export function idValue(doc: TemplateDoc, id: string, literalPattern: RegExp): CfnValue | undefined {
  const local = localLogicalId(doc, id);
  if (local !== undefined) return ref(local);
  return literalPattern.test(id) ? id : undefined;
}

export const SUBNET_ID = /^subnet-[0-9a-f]+$/;
export const ROUTE_TABLE_ID = /^rtb-[0-9a-f]+$/;
export const VPC_ID = /^vpc-[0-9a-f]+$/;

/** The list node and index of a security group's inline rule (found by its text range). */
export function inlineRuleSlot(doc: TemplateDoc, sg: SecurityGroup, rule: SecurityGroupRule): { seq: PSeq; index: number; item: PNode } | undefined {
  if (rule.standaloneId !== undefined || rule.range === undefined || !rule.source.explicit || rule.source.file !== doc.file) return undefined;
  const key = rule.direction === 'ingress' ? 'SecurityGroupIngress' : 'SecurityGroupEgress';
  const seq = literalSeq(propsOf(doc, sg), key);
  if (seq === undefined) return undefined;
  const item = nodeWithRange(seq, rule.range);
  const index = item === undefined ? -1 : seq.items.indexOf(item);
  if (item === undefined || index < 0 || item.kind !== 'map' || isIntrinsic(item)) return undefined;
  return { seq, index, item };
}

/** Whether resource `from` references resource `to` (directly) in its declaration. */
export function references(doc: TemplateDoc, from: string, to: string): boolean {
  const node = resourceNode(doc, from);
  return node !== undefined && referencedIds(node).has(to);
}

/** Values of `Parameters` whose name matches, for lists the files cannot resolve (prefix list IDs). */
export function parameterNamed(doc: TemplateDoc, pattern: RegExp): string | undefined {
  const params = mapChild(doc.root, 'Parameters');
  if (params?.kind !== 'map') return undefined;
  const found = params.entries.filter((e) => pattern.test(e.key));
  return found.length === 1 ? found[0].key : undefined;
}

/** Copies a node's value (for reuse elsewhere) unless it is absent. */
export function valueOf(node: PNode | undefined): CfnValue | undefined {
  return node === undefined ? undefined : nodeToValue(node);
}

export { mapChild, mapEntry, resourcesMap };
