import { Writable } from "node:stream";

/** One write that reached the Lambda service, with when it arrived (ms since the invocation started). */
export interface RecordedChunk {
  readonly bytes: Buffer;
  readonly atMs: number;
}

/** What the Lambda runtime sends before a response stream's first write when nothing set another type. */
export const defaultStreamContentType = "application/octet-stream";

/**
 * The response stream the Lambda Node.js runtime hands a streaming handler, kept local: a `Writable` with
 * `setContentType` (only before the first write) and the `_onBeforeFirstWrite` hook that
 * `HttpResponseStream.from` installs, run once just before the first write, exactly as
 * aws/aws-lambda-nodejs-runtime-interface-client src/stream/response-stream.ts does (a non-string,
 * non-binary chunk is written as JSON there too). Instead of an HTTP request to the Lambda service, it
 * records every chunk with its arrival time.
 */
export class RecordingResponseStream extends Writable {
  readonly chunks: RecordedChunk[] = [];
  contentType = defaultStreamContentType;
  /** Set by `HttpResponseStream.from`; receives the underlying write. */
  _onBeforeFirstWrite?: ((write: (chunk: string | Uint8Array) => void) => void) | undefined;
  private writeCalled = false;
  private readonly startedAt = performance.now();

  setContentType(contentType: string): void {
    if (this.writeCalled) throw new Error("Cannot set content-type, too late.");
    this.contentType = contentType;
  }

  // biome-ignore lint/suspicious/noExplicitAny: Writable.write's overloads, passed through
  override write(chunk: unknown, ...rest: any[]): boolean {
    const data =
      typeof chunk === "string" || Buffer.isBuffer(chunk) || chunk instanceof Uint8Array
        ? chunk
        : JSON.stringify(chunk);
    if (!this.writeCalled && typeof this._onBeforeFirstWrite === "function") {
      this._onBeforeFirstWrite((early) => super.write(early));
    }
    this.writeCalled = true;
    return super.write(data, ...rest);
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.chunks.push({ bytes: Buffer.from(chunk), atMs: performance.now() - this.startedAt });
    callback();
  }

  /** Every byte written so far, in order. */
  bytes(): Buffer {
    return Buffer.concat(this.chunks.map((chunk) => chunk.bytes));
  }
}
