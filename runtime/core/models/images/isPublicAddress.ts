import { BlockList, isIP } from "node:net";

// Addresses a fetch on a tenant's behalf must never reach: this host, the VPC and everything private,
// link-local (the EC2/Lambda metadata and credentials endpoints at 169.254.169.254 and fd00:ec2::254),
// carrier-grade NAT, multicast and reserved ranges, and the IPv6 forms that tunnel or translate to IPv4.
// IPv4-mapped IPv6 addresses in dotted form are checked as IPv4; in any other spelling they are refused.
// Two lists: a BlockList checks IPv4 addresses against its IPv6 rules too (as IPv4-mapped), and the
// IPv6 rules below refuse every IPv4-mapped address.
const blockedV4 = new BlockList();
const blockedV6 = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  blockedV4.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  // Unspecified, loopback and the deprecated IPv4-compatible addresses (::a.b.c.d).
  ["::", 96],
  // IPv4-mapped addresses in any spelling the dotted form below does not catch (e.g. ::ffff:7f00:1).
  ["::ffff:0:0", 96],
  ["64:ff9b::", 96],
  ["64:ff9b:1::", 48],
  // Teredo and 6to4 carry an IPv4 address inside, which may be a private one.
  ["2001::", 32],
  ["2002::", 16],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  blockedV6.addSubnet(network, prefix, "ipv6");
}

/**
 * Whether an IP address is a public unicast address, safe to fetch from on a tenant's behalf.
 *
 * @example
 * isPublicAddress("169.254.169.254"); // false
 * isPublicAddress("::ffff:10.0.0.1"); // false
 * isPublicAddress("93.184.215.14"); // true
 */
export function isPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped !== undefined) return isPublicAddress(mapped);
  const family = isIP(address);
  if (family === 0) return false;
  return family === 4 ? !blockedV4.check(address, "ipv4") : !blockedV6.check(address, "ipv6");
}
