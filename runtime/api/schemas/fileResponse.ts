/** A success that is a file, not JSON: what the API reference says of it. */
export interface FileResponse {
  readonly mediaType: string;
  readonly description: string;
  /** The headers the route sets beside `Content-Type`, by name, each with what it carries. */
  readonly headers: Readonly<Record<string, string>>;
  /** When the route may answer 303 to a direct link instead (a file too large for one response): why. */
  readonly redirect?: string;
}
