/**
 * `stack.slice(first, end)`, for the parser and the resolver, which gather the children of a
 * collection on a shared stack and give each collection an array of exactly its length.
 *
 * The short ones, most collections in a template, are built by array literals: V8 notices that
 * what those allocation sites build lives on and allocates it in the old generation directly,
 * where a sliced copy is born young and copied again by the next young-generation collection
 * (measured: half the bytes promoted while parsing a large template).
 */
export function exactArray<T>(stack: readonly T[], first: number, end: number): T[] {
  switch (end - first) {
    case 0:
      return [];
    case 1:
      return [stack[first]!];
    case 2:
      return [stack[first]!, stack[first + 1]!];
    case 3:
      return [stack[first]!, stack[first + 1]!, stack[first + 2]!];
    case 4:
      return [stack[first]!, stack[first + 1]!, stack[first + 2]!, stack[first + 3]!];
    default:
      return stack.slice(first, end);
  }
}
