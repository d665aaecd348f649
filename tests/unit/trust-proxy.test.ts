import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError } from "~/utils/secrets.server";
import { trustProxySetting } from "../../scripts/trust-proxy";

// Issue #14: TRUST_PROXY decides which address the app sees as the client's (sign-in throttling,
// the audit log). The test client connects from 127.0.0.1 and claims other addresses.
const FORWARDED = "203.0.113.7, 198.51.100.2";

let close: (() => void) | undefined;
afterEach(() => close?.());

/** The address the app sees for a request from 127.0.0.1 carrying X-Forwarded-For, with TRUST_PROXY=`raw`. */
async function clientIpSeen(raw: string | undefined): Promise<string> {
  const app = express();
  const trust = trustProxySetting(raw);
  if (trust !== undefined) app.set("trust proxy", trust);
  app.get("/", (req, res) => void res.send(req.ip));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  close = () => server.close();
  const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, {
    headers: { "X-Forwarded-For": FORWARDED },
  });
  return (await res.text()).replace(/^::ffff:/, "");
}

describe("TRUST_PROXY", () => {
  it.each([
    [undefined, "127.0.0.1"],
    ["", "127.0.0.1"],
    ["false", "127.0.0.1"],
    // One proxy in front: the address it saw connect, the last in the list.
    ["1", "198.51.100.2"],
    ["2", "203.0.113.7"],
    // The proxy's address is trusted: the last address it added.
    ["127.0.0.1", "198.51.100.2"],
    ["loopback", "198.51.100.2"],
    ["10.0.0.0/8, 127.0.0.0/8", "198.51.100.2"],
    // Another address is not our proxy: its claim is ignored.
    ["10.0.0.1", "127.0.0.1"],
    ["10.0.0.0/8", "127.0.0.1"],
    // Every hop trusted: the client's own first entry, whatever it chose to claim.
    ["true", "203.0.113.7"],
  ])("TRUST_PROXY=%j: the app sees %s", async (raw, expected) => {
    expect(await clientIpSeen(raw)).toBe(expected);
  });

  it.each([
    "yes",
    "1.5",
    "-1",
    "0",
    "11",
    "10.0.0.300",
    "10.0.0.0/33",
    "fd00::/129",
    "10.0.0.0/8,",
    "10.0.0.1 10.0.0.2",
    "localhost",
    "a,b",
  ])("refuses %j with a message that says what it takes", (raw) => {
    expect(() => trustProxySetting(raw)).toThrow(ConfigError);
    expect(() => trustProxySetting(raw)).toThrow(
      `TRUST_PROXY must be a hop count from 1 to 10, a comma-separated list of proxy addresses or subnets (e.g. "10.0.0.0/8, loopback"), or "true" (got "${raw}")`,
    );
  });

  it("takes IPv6 addresses and subnets", () => {
    expect(trustProxySetting("::1, fd00::/8")).toEqual(["::1", "fd00::/8"]);
  });
});
