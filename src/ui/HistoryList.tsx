/** The history of some records (being built). */
export function HistoryList({ ids, title = 'History' }: { ids: string[]; title?: string }) {
  return <section aria-label={title} data-ids={ids.join(' ')} />;
}
