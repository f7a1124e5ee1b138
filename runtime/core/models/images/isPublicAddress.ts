import { BlockList, isIP } from "node:net";

// Addresses a fetch on a tenant's behalf must never reach: this host, the VPC and everything private,
// link-local (the EC2/Lambda metadata and credentials endpoints at 169.254.169.254 and fd00:ec2::254),
// carrier-grade NAT, multicast and reserved ranges. IPv4-mapped IPv6 addresses are checked as IPv4.
const blocked = new BlockList();
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
  blocked.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  blocked.addSubnet(network, prefix, "ipv6");
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
  return !blocked.check(address, family === 4 ? "ipv4" : "ipv6");
}
