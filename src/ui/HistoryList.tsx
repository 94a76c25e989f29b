/**
 * The history of some records (an entity, an annotation…): every event concerning any of `ids`,
 * oldest first, one entry per action with what it changed. Live: an action here or in another tab
 * shows up at once. Compact, so the annotation panel can embed it as well as the entity page.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { HistoryEvent, StoredRecord } from '../model/history';
import { historyOf, tableOf } from '../db/history';
import { db } from '../db/instance';
import { describeChange, describeRecord, entityIdsIn, lastNameIn } from './entity-history-text';
import './entities.css';

interface Group {
  groupId: string;
  at: string;
  reviewer: string;
  action: string;
  reason?: string;
  /** Each event in words, naming the record it changed unless it is the one record shown. */
  changes: { event: HistoryEvent; text: string }[];
}

const recordKey = (table: string, id: string) => `${table} ${id}`;

/** Read the events and everything needed to put them in words, in one live query. */
async function readHistory(ids: readonly string[]): Promise<Group[]> {
  const events = await historyOf(db, ids);

  // The records the events changed: as stored now, else as a create or delete event carried them.
  const records = new Map<string, StoredRecord>();
  for (const e of events) {
    if (e.op === 'create') records.set(recordKey(e.table, e.targetId), e.after as StoredRecord);
    if (e.op === 'delete') records.set(recordKey(e.table, e.targetId), e.before as StoredRecord);
  }
  const byTable = new Map<HistoryEvent['table'], Set<string>>();
  for (const e of events) byTable.set(e.table, (byTable.get(e.table) ?? new Set()).add(e.targetId));
  for (const [table, targetIds] of byTable) {
    const list = [...targetIds];
    const stored = await tableOf(db, table).bulkGet(list);
    stored.forEach((r, i) => r && records.set(recordKey(table, list[i]!), r));
  }

  // Entity names, for ids in values; an entity merged away is named from its own history.
  const names = new Map<string, string>();
  const wanted = [...entityIdsIn(events)];
  const entities = await db.entities.bulkGet(wanted);
  for (const [i, id] of wanted.entries()) {
    const name = entities[i]?.name ?? lastNameIn(await historyOf(db, [id]), id);
    if (name !== undefined) names.set(id, name);
  }

  const single = ids.length === 1 ? ids[0] : undefined;
  const groups: Group[] = [];
  for (const event of events) {
    let group = groups.at(-1);
    if (group?.groupId !== event.groupId) {
      group = { groupId: event.groupId, at: event.at, reviewer: event.reviewer, action: event.action, reason: event.reason, changes: [] };
      groups.push(group);
    }
    const record = event.targetId === single ? '' : describeRecord(event.table, records.get(recordKey(event.table, event.targetId)));
    const change = describeChange(event, names);
    group.changes.push({ event, text: record ? `${record}: ${change}` : change });
  }
  return groups;
}

/** The history of the records `ids`, as a region titled `title` with an ordered list of actions. */
export function HistoryList({ ids, title = 'History' }: { ids: string[]; title?: string }) {
  const key = ids.join(' ');
  const groups = useLiveQuery(() => readHistory(ids), [key]);
  return (
    <section aria-label={title} className="mg-history-region">
      <h3>{title}</h3>
      {groups === undefined ? (
        <p className="mg-hint">Loading…</p>
      ) : groups.length === 0 ? (
        <p className="mg-hint">Nothing recorded yet.</p>
      ) : (
        <ol aria-label="Events" className="mg-history-list">
          {groups.map((g) => (
            <li key={g.groupId}>
              <div className="mg-history-meta">
                <time dateTime={g.at}>{new Date(g.at).toLocaleString()}</time>
                <span> · {g.reviewer}</span>
                <span className="mg-history-action"> · {g.action}</span>
              </div>
              <ul className="mg-history-changes">
                {g.changes.map((c) => (
                  <li key={c.event.id}>{c.text}</li>
                ))}
              </ul>
              {g.reason ? <p className="mg-history-reason">Reason: {g.reason}</p> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
