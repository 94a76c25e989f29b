/**
 * Writing many records inside one transaction without holding the page: IndexedDB structured-clones
 * a request's records in the task that issues it (about 0.1 ms a record on the benchmark's machine),
 * so a thousand records sent at once are one task of 70 ms or more. Sent as requests of a few dozen
 * records, a request at a time per lane, each request's cloning runs in a task of its own, while the
 * transaction stays one (it has a request pending throughout).
 */

/** Write requests in flight at once within a transaction: while the page clones one, the database stores the other. */
const WRITE_LANES = 2;

/** A write request of some records, issued when called. */
export type Write = () => Promise<unknown>;

/**
 * One write request per `size` records of `list`, fewer when `weight` (a record's text length) sums
 * past `maxWeight` first; none for an empty list.
 */
export function chunked<T>(list: readonly T[], size: number, write: (part: T[]) => Promise<unknown>, weight?: (record: T) => number, maxWeight = Infinity): Write[] {
  const writes: Write[] = [];
  let part: T[] = [];
  let sum = 0;
  const flush = () => {
    const full = part;
    writes.push(() => write(full));
    [part, sum] = [[], 0];
  };
  for (const record of list) {
    part.push(record);
    sum += weight?.(record) ?? 0;
    if (part.length >= size || sum >= maxWeight) flush();
  }
  if (part.length > 0) flush();
  return writes;
}

/**
 * Issue `writes` within the current transaction, WRITE_LANES at a time: a lane issues its next request
 * when its last one succeeded, so each request's cloning runs in a task of its own (that success event)
 * and the transaction stays open throughout. Rejects with the first failure, after which no lane issues
 * another request (the transaction is then aborted whole by its caller).
 */
export async function inLanes(writes: readonly Write[]): Promise<void> {
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && next < writes.length) {
      const write = writes[next++]!;
      try {
        await write();
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(WRITE_LANES, writes.length) }, lane));
}
