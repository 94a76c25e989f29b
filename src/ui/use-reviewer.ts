/** The reviewer's name, stored in the database and shared by every tab. */
import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../db/instance';
import { getSetting, setSetting } from '../db/repository';

export const REVIEWER_KEY = 'reviewerName';

/** The reviewer's name ('' when not set yet), or undefined while loading. */
export function useReviewer(): string | undefined {
  return useLiveQuery(() => getSetting(db, REVIEWER_KEY, ''), []);
}

export function saveReviewer(name: string): Promise<void> {
  return setSetting(db, REVIEWER_KEY, name.trim());
}
