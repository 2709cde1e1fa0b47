import type { Loc, RString, RUnknown, RValue } from '../resolved.ts';
import { describe, foreignRefsOf, placeholderOf, refPlaceholder, setForeignRefs, stringValue } from './context.ts';
import type { EvalContext } from './context.ts';

/**
 * Builds the result of `Fn::Sub` / `Fn::Join`: known text stays text, what cannot be known
 * becomes a `${Name}` placeholder (resources, pseudo parameters, parameters without default),
 * and anything with no stable name makes the whole string unknown.
 */
export class StringBuilder {
  private readonly parts: string[] = [];
  private partial = false;
  private readonly refs = new Set<string>();
  private foreignFile: string | undefined;
  private readonly foreign = new Set<string>();
  private mixedFiles = false;
  /** Set once a part could not be represented; the result is then this unknown. */
  failed: RUnknown | undefined;

  appendText(text: string): void {
    this.parts.push(text);
  }

  appendPlaceholder(placeholder: string, ref?: string): void {
    this.parts.push(placeholder);
    this.partial = true;
    if (ref !== undefined) this.refs.add(ref);
  }

  /** Returns false (and records why in `failed`) when the value cannot take part in a string. */
  append(ctx: EvalContext, value: RValue, what: string): boolean {
    if (this.failed !== undefined) return false;
    switch (value.kind) {
      case 'string':
        this.parts.push(value.value);
        if (value.partial === true) {
          this.partial = true;
          for (const r of value.refs ?? []) this.refs.add(r);
          const foreign = foreignRefsOf(value);
          if (foreign !== undefined) this.addForeign(foreign.file, foreign.refs);
        }
        return true;
      case 'number':
        this.parts.push(String(value.value));
        return true;
      case 'boolean':
        this.parts.push(value.value ? 'true' : 'false');
        return true;
      case 'ref':
        // A reference into another template keeps its placeholder but not its logical ID, which
        // would name a resource of this template.
        this.appendPlaceholder(refPlaceholder(value), value.file === undefined ? value.target : undefined);
        if (value.file !== undefined) this.addForeign(value.file, [value.target]);
        return true;
      case 'unknown': {
        const placeholder = placeholderOf(value);
        if (placeholder !== undefined) {
          this.appendPlaceholder(placeholder);
          return true;
        }
        this.failed = ctx.unknown(value.reason, value.loc);
        return false;
      }
      default:
        ctx.problem(value.loc, `${what} must be a string, found ${describe(value)}`);
        this.failed = ctx.unknown(`${what} is ${describe(value)}, not a string`, value.loc);
        return false;
    }
  }

  result(ctx: EvalContext, loc: Loc): RString | RUnknown {
    if (this.failed !== undefined) return ctx.unknown(this.failed.reason, loc);
    const s = stringValue(this.parts.join(''), loc, this.partial, this.refs);
    return this.mixedFiles || this.foreignFile === undefined ? s : setForeignRefs(s, { file: this.foreignFile, refs: [...this.foreign] });
  }

  private addForeign(file: string, refs: readonly string[]): void {
    // References into two other files cannot share one side entry; they are rare enough to drop.
    if (this.foreignFile !== undefined && this.foreignFile !== file) this.mixedFiles = true;
    this.foreignFile = file;
    for (const r of refs) this.foreign.add(r);
  }
}

/** A token of a partial string: literal text, or a `${…}` placeholder. */
export interface StringToken {
  text: string;
  placeholder: boolean;
}

/** Splits a partial string into literal text and its `${…}` placeholders. */
export function tokenizePartial(value: string): StringToken[] {
  const tokens: StringToken[] = [];
  let i = 0;
  while (i < value.length) {
    const open = value.indexOf('${', i);
    if (open === -1) break;
    const close = value.indexOf('}', open + 2);
    if (close === -1) break;
    if (open > i) tokens.push({ text: value.slice(i, open), placeholder: false });
    tokens.push({ text: value.slice(open, close + 1), placeholder: true });
    i = close + 1;
  }
  if (i < value.length) tokens.push({ text: value.slice(i), placeholder: false });
  return tokens;
}
