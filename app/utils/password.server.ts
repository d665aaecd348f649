import crypto from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

// argon2id with the library's defaults (19 MiB, 2 passes): OWASP's minimum recommendation.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks `password` against `hashed`; with no hash (an unknown username, or an account without a
 * password) it checks against a throwaway hash of the same parameters and fails, so that the
 * answer takes as long and the timing cannot tell which usernames exist.
 */
export async function verifyPassword(hashed: string | null, password: string): Promise<boolean> {
  try {
    if (!hashed) {
      await verify(await (dummyHash ??= hash(crypto.randomBytes(16).toString("base64url"))), password);
      return false;
    }
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

export { MIN_PASSWORD_LENGTH } from "~/domain/user-input";
