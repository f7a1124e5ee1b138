import { describe, expect, it } from "vitest";
import { echoEmbedding } from "../../../../../runtime/core/models/echo/echoEmbedding.ts";

const length = (vector: number[]) => Math.hypot(...vector);

describe("echoEmbedding", () => {
  it.each([1, 2, 8, 9, 1536, 3072])("makes a unit vector of %i numbers in [-1, 1]", (dimensions) => {
    const vector = echoEmbedding("hello", dimensions);

    expect(vector).toHaveLength(dimensions);
    expect(length(vector)).toBeCloseTo(1, 12);
    expect(vector.every((value) => value >= -1 && value <= 1)).toBe(true);
  });

  it("gives the same text the same vector", () => {
    expect(echoEmbedding("same text", 64)).toEqual(echoEmbedding("same text", 64));
  });

  it("gives different texts different, not parallel vectors", () => {
    const [a, b] = [echoEmbedding("cat", 64), echoEmbedding("cats", 64)];
    const cosine = a.reduce((sum, value, index) => sum + value * (b[index] ?? 0), 0);

    expect(Math.abs(cosine)).toBeLessThan(0.9);
  });

  it("keeps the direction of the first numbers when shortened, renormalised", () => {
    const long = echoEmbedding("prefix", 16);
    const short = echoEmbedding("prefix", 8);
    const scale = length(long.slice(0, 8));

    expect(short.map((value) => value * scale)).toEqual(
      long.slice(0, 8).map((value) => expect.closeTo(value, 12)),
    );
  });
});
