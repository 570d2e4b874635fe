/** A problem the API server's validation finds beyond the schema's types. */
export interface SemanticFinding {
  path: (string | number)[];
  message: string;
  hint?: string;
  /** Point at this key of the map at `path` rather than at the value. */
  key?: string;
}
