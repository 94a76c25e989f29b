/** One entity's page (being built). */
export function EntityPage({ id }: { id: string; reviewer: string }) {
  return <section aria-label="Entity" data-id={id} />;
}
