import { describe, expect, it } from "vitest";
import { isPublicAddress } from "../../../../../runtime/core/models/images/isPublicAddress.ts";

describe("isPublicAddress", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["10.1.2.3", "private"],
    ["172.20.0.1", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "the EC2 and Lambda metadata endpoint"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["0.0.0.0", "this network"],
    ["224.0.0.1", "multicast"],
    ["::1", "IPv6 loopback"],
    ["fd00:ec2::254", "the EC2 IPv6 metadata endpoint"],
    ["fe80::1", "IPv6 link-local"],
    ["::ffff:10.0.0.1", "an IPv4-mapped private address"],
    ["::ffff:169.254.169.254", "the metadata endpoint, IPv4-mapped"],
    ["not-an-ip", "not an address"],
  ])("refuses %s (%s)", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"])("allows %s", (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});
