/** One page of a DynamoDB query; `lastKey` feeds the next page's cursor. */
export interface Page<T> {
  items: T[];
  lastKey?: Record<string, unknown>;
}
