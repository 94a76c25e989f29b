/** The library-wide claim board (being built). */
export function ClaimBoard() {
  return <section aria-label="Claims" />;
}
