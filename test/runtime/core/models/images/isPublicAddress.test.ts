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
    ["::ffff:7f00:1", "an IPv4-mapped loopback in hex"],
    ["::ffff:a9fe:a9fe", "the metadata endpoint, IPv4-mapped in hex"],
    ["::127.0.0.1", "an IPv4-compatible loopback"],
    ["2002:a9fe:a9fe::1", "6to4 around the metadata endpoint"],
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo"],
    ["64:ff9b::a9fe:a9fe", "NAT64 around the metadata endpoint"],
    ["not-an-ip", "not an address"],
  ])("refuses %s (%s)", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"])("allows %s", (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});
