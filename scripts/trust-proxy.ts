import net from "node:net";
import { ConfigError } from "../app/utils/secrets.server";

/** Express's (proxy-addr's) names for address ranges. */
const NAMED_RANGES = new Set(["loopback", "linklocal", "uniquelocal"]);
const MAX_HOPS = 10;

/** An address, or an address with a prefix length (`10.0.0.0/8`, `fd00::/8`). */
function isAddressOrSubnet(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address, prefix, extra] = entry.split("/");
  const family = net.isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY as Express's `trust proxy` setting: unset (no proxy), a hop count (`1`), a list of
 * proxy addresses or subnets (`10.0.0.0/8, loopback`), or `true` (every hop: any client can then
 * choose its address with X-Forwarded-For). Anything else stops the start with a clear message,
 * not a server that silently sees every visitor at the balancer's address.
 */
export function trustProxySetting(raw: string | undefined): boolean | number | string[] | undefined {
  const value = raw?.trim();
  if (!value || value === "false") return undefined;
  if (value === "true") return true;
  // A hop count must reach Express as a number: the string "1" would be read as an address.
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops >= 1 && hops <= MAX_HOPS) return hops;
  } else {
    const entries = value.split(",").map((e) => e.trim());
    if (entries.every((e) => e !== "" && isAddressOrSubnet(e))) return entries;
  }
  throw new ConfigError(
    `TRUST_PROXY must be a hop count from 1 to ${MAX_HOPS}, a comma-separated list of proxy addresses or subnets (e.g. "10.0.0.0/8, loopback"), or "true" (got "${raw}")`,
  );
}
