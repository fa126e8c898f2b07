/**
 * Runs tasks of one key strictly one after another while tasks of different
 * keys run side by side: a consumer handles many aggregates at once but each
 * aggregate's events in the order they arrived.
 */
export function createKeyedSerializer() {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      const next = previous.then(task, task);
      const tail = next.catch(() => {});
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return next;
    },
    get size() {
      return tails.size;
    },
  };
}
