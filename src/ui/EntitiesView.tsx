/** The entity registry: every entity with its mention counts (being built). */
export function EntitiesView() {
  return <section aria-label="Entities" />;
}
