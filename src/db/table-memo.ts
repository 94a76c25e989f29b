/**
 * A Dexie middleware that builds each table's middleware chain once per opened database instead of
 * once per transaction.
 *
 * Dexie asks its middleware stack for a table (`core.table(name)`) the first time a transaction
 * touches it; the hooks middleware does so for every write. Each answer is built afresh: the virtual
 * index middleware lists the table's indexes again, and the observability and cache middlewares wrap
 * the result again. That is about 0.1 ms per table per transaction on this project's machines, paid
 * by every tag (two tables) and every live query's read. The chain depends only on the table's name
 * and the schema of the open database (every middleware reads the transaction from the request or
 * the zone when it runs, not when it is built), so the first answer is kept. The stack, and this
 * memo with it, is built again whenever Dexie opens the database, so a new schema is never served
 * an old chain. A middleware added to this database later must keep to that rule: build nothing in
 * `table()` that belongs to one transaction.
 */
import type { DBCore, DBCoreTable, Middleware } from 'dexie';

export const tableMemo: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'TableMemo',
  // Outermost: the level above Dexie's own (at most 2) and the default of 10 for others.
  level: 100,
  create(down) {
    const tables = new Map<string, DBCoreTable>();
    return {
      ...down,
      table(name: string): DBCoreTable {
        let table = tables.get(name);
        if (!table) {
          table = down.table(name);
          tables.set(name, table);
        }
        return table;
      },
    };
  },
};
