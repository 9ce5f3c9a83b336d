/** A manifest, or the catalog as a whole, is wrong: one line per problem, each naming the file and field. */
export class CatalogError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.length === 1 ? problems[0] : `${problems.length} problems in the service catalog:\n  ${problems.join('\n  ')}`);
    this.name = 'CatalogError';
  }
}
