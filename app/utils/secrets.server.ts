import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export interface Secrets {
  sessionSecret: string;
  /** 32 bytes for AES-256-GCM of personal data at rest. */
  dataKey: Buffer;
  /** Where each secret came from, so start-up can say so. */
  generated: string[];
}

export class ConfigError extends Error {}

/**
 * SESSION_SECRET (≥ 32 characters) and LAUREL_DATA_KEY (64 hex characters). Production refuses to
 * start without them; development generates each once under `dataDir` and reuses it.
 */
export function loadSecrets(env: NodeJS.ProcessEnv = process.env, dataDir = "data"): Secrets {
  const production = env.NODE_ENV === "production";
  const generated: string[] = [];
  const fromFileOrNew = (name: string, make: () => string): string => {
    if (production) throw new ConfigError(`${name} is required in production`);
    const file = path.join(dataDir, `${name.toLowerCase()}.secret`);
    if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
    fs.mkdirSync(dataDir, { recursive: true });
    const value = make();
    fs.writeFileSync(file, `${value}\n`, { mode: 0o600 });
    generated.push(file);
    return value;
  };
  const sessionSecret =
    env.SESSION_SECRET || fromFileOrNew("SESSION_SECRET", () => crypto.randomBytes(32).toString("base64url"));
  if (sessionSecret.length < 32) throw new ConfigError("SESSION_SECRET must be at least 32 characters");
  const keyHex =
    env.LAUREL_DATA_KEY || fromFileOrNew("LAUREL_DATA_KEY", () => crypto.randomBytes(32).toString("hex"));
  if (!/^[0-9a-fA-F]{64}$/.test(keyHex))
    throw new ConfigError("LAUREL_DATA_KEY must be 64 hexadecimal characters");
  return { sessionSecret, dataKey: Buffer.from(keyHex, "hex"), generated };
}
