import crypto from "node:crypto";

/**
 * Personal data at rest (ID numbers, phones): AES-256-GCM with a random IV per value, and a keyed
 * hash (HMAC-SHA256 under a key derived from the same secret) to find duplicates without decrypting.
 */
const VERSION = "v1";

const hashKeys = new WeakMap<Buffer, Buffer>();
/** Derived once per data key: an import hashes thousands of ID numbers. */
function hashKey(dataKey: Buffer): Buffer {
  let key = hashKeys.get(dataKey);
  if (!key)
    hashKeys.set(
      dataKey,
      (key = Buffer.from(crypto.hkdfSync("sha256", dataKey, Buffer.alloc(0), "laurel:keyed-hash", 32))),
    );
  return key;
}

export function encryptPersonal(dataKey: Buffer, plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", dataKey, iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}

export function decryptPersonal(dataKey: Buffer, stored: string): string {
  const [version, payload] = stored.split(":");
  if (version !== VERSION || !payload) throw new Error("unknown personal-data format");
  const raw = Buffer.from(payload, "base64");
  const decipher = crypto.createDecipheriv("aes-256-gcm", dataKey, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}

export function keyedHash(dataKey: Buffer, value: string): string {
  return crypto.createHmac("sha256", hashKey(dataKey)).update(value).digest("base64url");
}

export function maskPhone(phone: string): string {
  return phone.length <= 7
    ? "*".repeat(phone.length)
    : `${phone.slice(0, 3)}${"*".repeat(phone.length - 7)}${phone.slice(-4)}`;
}
