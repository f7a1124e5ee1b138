import { describe, expect, it } from "vitest";
import {
  cidrContains,
  cidrsOverlap,
  formatCidr,
  parseCidr,
  subnetCidrs,
} from "../../../components/network/cidr.ts";

describe("cidr", () => {
  it("parses and formats IPv4 blocks", () => {
    // Assess
    expect(formatCidr(parseCidr("10.20.0.0/16"))).toBe("10.20.0.0/16");
    expect(() => parseCidr("10.20.0.0")).toThrow(expect.objectContaining({ code: "CIDR_INVALID" }));
    expect(() => parseCidr("10.300.0.0/16")).toThrow(/not an IPv4 CIDR/);
    expect(() => parseCidr("10.20.1.0/16")).toThrow(
      /host bits set; use its network address, 10\.20\.0\.0\/16/,
    );
  });

  it("tells overlapping blocks apart", () => {
    // Assess
    expect(cidrsOverlap("10.0.0.0/16", "10.0.128.0/20")).toBe(true);
    expect(cidrsOverlap("10.0.0.0/16", "10.1.0.0/16")).toBe(false);
    expect(cidrsOverlap("10.0.0.0/8", "10.200.0.0/16")).toBe(true);
  });

  it("tells whether a block lies inside another", () => {
    // Assess
    expect(cidrContains("10.16.0.0/12", "10.20.0.0/16")).toBe(true);
    expect(cidrContains("10.16.0.0/12", "10.31.255.0/24")).toBe(true);
    expect(cidrContains("10.16.0.0/12", "10.32.0.0/16")).toBe(false);
    expect(cidrContains("10.16.0.0/12", "10.0.0.0/8")).toBe(false);
  });

  it("cuts a block into quarters, one subnet per zone", () => {
    // Assess
    expect(subnetCidrs("10.20.0.0/16", 3)).toEqual(["10.20.0.0/18", "10.20.64.0/18", "10.20.128.0/18"]);
    expect(subnetCidrs("192.168.4.0/24", 2)).toEqual(["192.168.4.0/26", "192.168.4.64/26"]);
    expect(() => subnetCidrs("10.20.0.0/16", 5)).toThrow(/1 to 4 subnets/);
  });
});
