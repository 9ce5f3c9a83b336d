/** Minimal IPv4 CIDR arithmetic, so subnet ranges are plain strings in the plan (not `cidrsubnet` calls). */
export interface Ipv4Cidr {
  readonly address: number;
  readonly prefixLength: number;
}

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

export function parseCidr(cidr: string): Ipv4Cidr | undefined {
  const match = CIDR_PATTERN.exec(cidr);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefixLength = Number(match[5]);
  if (octets.some((o) => o > 255) || prefixLength > 32) return undefined;
  const address = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  const hostBits = 32 - prefixLength;
  const mask = hostBits === 32 ? 0 : (~((1 << hostBits) - 1)) >>> 0;
  if ((address & mask) >>> 0 !== address) return undefined;
  return { address, prefixLength };
}

/** Same as Terraform's cidrsubnet(prefix, newBits, netNum). */
export function subnetCidr(parent: Ipv4Cidr, newBits: number, netNum: number): string {
  const prefixLength = parent.prefixLength + newBits;
  const address = (parent.address + netNum * 2 ** (32 - prefixLength)) >>> 0;
  const octets = [address >>> 24, (address >>> 16) & 255, (address >>> 8) & 255, address & 255];
  return `${octets.join('.')}/${prefixLength}`;
}
