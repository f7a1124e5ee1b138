import { SiloError } from "../../runtime/core/errors/siloError.ts";

/** An IPv4 CIDR block as numbers. */
export interface Cidr {
  /** Network address as an unsigned 32-bit number. */
  readonly base: number;
  readonly prefixLength: number;
}

const cidrPattern = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/**
 * Parses `a.b.c.d/n`; the address must be the network address (no host bits set).
 *
 * @example
 * parseCidr("10.1.0.0/16"); // { base: 167837696, prefixLength: 16 }
 */
export function parseCidr(text: string): Cidr {
  const match = cidrPattern.exec(text.trim());
  const octets = match?.slice(1, 5).map(Number) ?? [];
  const prefixLength = Number(match?.[5]);
  if (!match || octets.some((octet) => octet > 255) || prefixLength > 32) {
    throw new SiloError("CIDR_INVALID", `"${text}" is not an IPv4 CIDR block such as 10.1.0.0/16`);
  }
  const base = octets.reduce((value, octet) => value * 256 + octet, 0);
  if (base % 2 ** (32 - prefixLength) !== 0) {
    throw new SiloError(
      "CIDR_INVALID",
      `"${text}" has host bits set; use its network address, ${formatCidr({ base: base - (base % 2 ** (32 - prefixLength)), prefixLength })}`,
    );
  }
  return { base, prefixLength };
}

/** `a.b.c.d/n` of a parsed block. */
export function formatCidr(cidr: Cidr): string {
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(cidr.base / 2 ** shift) % 256);
  return `${octets.join(".")}/${cidr.prefixLength}`;
}

/** Whether two blocks share any address. */
export function cidrsOverlap(a: string, b: string): boolean {
  const left = parseCidr(a);
  const right = parseCidr(b);
  const leftEnd = left.base + 2 ** (32 - left.prefixLength);
  const rightEnd = right.base + 2 ** (32 - right.prefixLength);
  return left.base < rightEnd && right.base < leftEnd;
}

/**
 * `count` equal subnets, one per Availability Zone: the block is cut into 4 equal parts and the first `count`
 * are used, leaving room for more zones or later subnets.
 *
 * @example
 * subnetCidrs("10.1.0.0/16", 2); // ["10.1.0.0/18", "10.1.64.0/18"]
 */
export function subnetCidrs(block: string, count: number): string[] {
  const { base, prefixLength } = parseCidr(block);
  if (!Number.isInteger(count) || count < 1 || count > 4) {
    throw new SiloError("CIDR_INVALID", `can split ${block} into 1 to 4 subnets, not ${count}`);
  }
  if (prefixLength > 26) {
    throw new SiloError(
      "CIDR_INVALID",
      `${block} is too small to split into subnets per Availability Zone; use a /16 to /26 block`,
    );
  }
  const size = 2 ** (32 - prefixLength - 2);
  return Array.from({ length: count }, (_, index) =>
    formatCidr({ base: base + index * size, prefixLength: prefixLength + 2 }),
  );
}

/** Whether every address of `inner` lies in `outer`. */
export function cidrContains(outer: string, inner: string): boolean {
  const container = parseCidr(outer);
  const block = parseCidr(inner);
  return (
    block.prefixLength >= container.prefixLength &&
    block.base >= container.base &&
    block.base + 2 ** (32 - block.prefixLength) <= container.base + 2 ** (32 - container.prefixLength)
  );
}
