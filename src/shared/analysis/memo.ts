/**
 * A memo of a pure function of a string. Module-level memos outlive one analysis (the App analyses
 * repository after repository in one process), so each is emptied when it reaches `limit` entries
 * instead of growing without bound.
 */
export function boundedMemo<V>(compute: (key: string) => V, limit = 10_000): (key: string) => V {
  const cache = new Map<string, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined && !cache.has(key)) {
      if (cache.size >= limit) cache.clear();
      value = compute(key);
      cache.set(key, value);
    }
    return value as V;
  };
}
