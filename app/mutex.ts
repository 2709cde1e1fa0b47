/**
 * One queue per key: `run(key, fn)` starts `fn` once every earlier `run` with the same key has
 * settled. The App keys it by repository, so two deliveries for one repository (a push and a
 * redelivery, a push and a `/fargate-warden rescan`) never reconcile at the same time inside one
 * process. Across processes (replicas, Lambda) creation is idempotent instead, and a run never
 * rebases or closes a fix branch that is already on a newer commit than it scanned: see reconcile.ts.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const current = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => current);
    this.tails.set(key, tail);
    await previous;
    try {
      return await fn();
    } finally {
      release();
      // The last one out removes the key, so the map does not grow with every repository ever seen.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Resolves once nothing runs or waits under any key (graceful shutdown, tests). */
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()]);
  }

  /** Keys with a run in progress or queued (for tests and diagnostics). */
  get size(): number {
    return this.tails.size;
  }
}
