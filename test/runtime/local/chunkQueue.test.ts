import { describe, expect, it } from "vitest";
import { ChunkQueue } from "../../../runtime/local/chunkQueue.ts";

describe("ChunkQueue", () => {
  it("hands a waiting reader each chunk as it is pushed, then the end", async () => {
    const queue = new ChunkQueue(100, () => undefined);
    const reader = queue[Symbol.asyncIterator]();

    const firstRead = reader.next();
    queue.push("a");
    const first = await firstRead;
    queue.push("b");
    queue.end();

    expect(first).toEqual({ done: false, value: "a" });
    expect(await reader.next()).toEqual({ done: false, value: "b" });
    expect(await reader.next()).toEqual({ done: true, value: undefined });
  });

  it("gives the queued chunks before the error of a failed stream", async () => {
    const queue = new ChunkQueue(100, () => undefined);
    queue.push("a");
    queue.fail(new Error("the process died"));
    const read: string[] = [];

    const reading = (async () => {
      for await (const chunk of queue) read.push(chunk);
    })();

    await expect(reading).rejects.toThrow("the process died");
    expect(read).toEqual(["a"]);
  });

  it("answers false once the unread chunks exceed the bound, and true again once read", async () => {
    const queue = new ChunkQueue(5, () => undefined);
    const reader = queue[Symbol.asyncIterator]();

    const pushes = [queue.push("abc"), queue.push("de"), queue.push("f")];
    await reader.next();
    const afterReading = queue.push("g");

    expect(pushes).toEqual([true, true, false]);
    expect(afterReading).toBe(true);
  });

  it("calls onCancel once when the reader breaks out, and ignores what is pushed after", async () => {
    let cancels = 0;
    const queue = new ChunkQueue(100, () => cancels++);
    queue.push("a");
    queue.push("b");

    for await (const chunk of queue) if (chunk === "a") break;
    queue.push("c");
    await queue[Symbol.asyncIterator]().return?.();

    expect(cancels).toBe(1);
    expect(await queue[Symbol.asyncIterator]().next()).toEqual({ done: true, value: undefined });
  });

  it("does not call onCancel when the stream had already ended", async () => {
    let cancels = 0;
    const queue = new ChunkQueue(100, () => cancels++);
    queue.push("a");
    queue.end();

    for await (const _chunk of queue) break;

    expect(cancels).toBe(0);
  });
});
