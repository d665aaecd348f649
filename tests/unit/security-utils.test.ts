import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isValidCsrfToken, newCsrfToken } from "~/utils/csrf.server";
import { safeRedirect } from "~/utils/auth.server";
import { ConfigError, loadSecrets } from "~/utils/secrets.server";
import { parseDatabaseUrl } from "../../db/client";

describe("CSRF tokens", () => {
  it("accepts its own tokens and refuses tampered or foreign ones", () => {
    const token = newCsrfToken("s".repeat(32));
    expect(isValidCsrfToken("s".repeat(32), token)).toBe(true);
    expect(isValidCsrfToken("t".repeat(32), token)).toBe(false);
    expect(isValidCsrfToken("s".repeat(32), `${token}x`)).toBe(false);
    expect(isValidCsrfToken("s".repeat(32), "abc")).toBe(false);
    expect(isValidCsrfToken("s".repeat(32), undefined)).toBe(false);
  });
});

describe("safeRedirect", () => {
  it("keeps local paths and refuses others", () => {
    expect(safeRedirect("/orgs/1?x=2")).toBe("/orgs/1?x=2");
    expect(safeRedirect("//evil.example")).toBe("/");
    expect(safeRedirect("/\\evil.example")).toBe("/");
    expect(safeRedirect("https://evil.example")).toBe("/");
    expect(safeRedirect(undefined, "/home")).toBe("/home");
  });
});

describe("loadSecrets", () => {
  it("refuses to start in production without secrets", () => {
    expect(() => loadSecrets({ NODE_ENV: "production" } as NodeJS.ProcessEnv, "/nonexistent")).toThrow(
      ConfigError,
    );
  });
  it("checks their form", () => {
    expect(() =>
      loadSecrets({
        NODE_ENV: "production",
        SESSION_SECRET: "short",
        LAUREL_DATA_KEY: "a".repeat(64),
      } as NodeJS.ProcessEnv),
    ).toThrow("SESSION_SECRET");
    expect(() =>
      loadSecrets({
        NODE_ENV: "production",
        SESSION_SECRET: "x".repeat(32),
        LAUREL_DATA_KEY: "zz",
      } as NodeJS.ProcessEnv),
    ).toThrow("LAUREL_DATA_KEY");
  });
  it("generates development secrets once and reuses them", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-secrets-"));
    const first = loadSecrets({} as NodeJS.ProcessEnv, dir);
    const second = loadSecrets({} as NodeJS.ProcessEnv, dir);
    expect(first.generated).toHaveLength(2);
    expect(second.generated).toEqual([]);
    expect(second.sessionSecret).toBe(first.sessionSecret);
    expect(second.dataKey.equals(first.dataKey)).toBe(true);
    expect(first.dataKey).toHaveLength(32);
    fs.rmSync(dir, { recursive: true });
  });
});

describe("parseDatabaseUrl", () => {
  it("reads file: and postgres URLs", () => {
    expect(parseDatabaseUrl("file:data/x.db")).toEqual({
      dialect: "sqlite",
      file: path.resolve("data/x.db"),
    });
    expect(parseDatabaseUrl("file:/tmp/a.db")).toEqual({ dialect: "sqlite", file: "/tmp/a.db" });
    const pg = "postgres://u@localhost/laurel?host=/run/pg&port=5433";
    expect(parseDatabaseUrl(pg)).toEqual({ dialect: "postgres", connectionString: pg });
    expect(() => parseDatabaseUrl("mysql://x")).toThrow("DATABASE_URL");
  });
});
