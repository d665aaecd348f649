import { describe, expect, it } from "vitest";
import { z } from "zod";
import { countFields, MAX_FORM_FIELDS } from "~/utils/form-body.server";
import { parseForm } from "~/utils/form.server";

const BOUNDARY = "xYzBoundary";

/** A POST whose body arrives in chunks of `chunk` bytes, so separators fall across chunk edges. */
function post(body: string, contentType: string, chunk = 7): Request {
  const bytes = new TextEncoder().encode(body);
  let at = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, (at += chunk)));
    },
  });
  return new Request("http://laurel.test/x", {
    method: "POST",
    headers: { "Content-Type": contentType },
    body: stream,
    duplex: "half",
  } as RequestInit);
}

const urlencoded = (n: number) => Array.from({ length: n }, (_, i) => `f${i}=${i}`).join("&");
const multipart = (n: number) =>
  Array.from(
    { length: n },
    (_, i) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\n${i}\r\n`,
  ).join("") + `--${BOUNDARY}--\r\n`;
const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;
const URLENCODED = "application/x-www-form-urlencoded;charset=UTF-8";

describe("countFields", () => {
  it.each([
    ["urlencoded", URLENCODED, urlencoded],
    ["multipart", MULTIPART, multipart],
  ] as const)("lets a %s form of exactly the limit through, whole", async (_kind, type, body) => {
    const counted = countFields(post(body(MAX_FORM_FIELDS), type));
    const form = await counted.request.formData();
    expect([...form.keys()]).toHaveLength(MAX_FORM_FIELDS);
    expect(form.get(`f${MAX_FORM_FIELDS - 1}`)).toBe(String(MAX_FORM_FIELDS - 1));
    expect(counted.exceeded()).toBe(false);
  });

  it.each([
    ["urlencoded", URLENCODED, urlencoded],
    ["multipart", MULTIPART, multipart],
  ] as const)(
    "refuses a %s form of one field more while it streams, separators split across chunks",
    async (_kind, type, body) => {
      for (const chunk of [1, 3, 7, 4096]) {
        const counted = countFields(post(body(MAX_FORM_FIELDS + 1), type, chunk));
        await expect(counted.request.formData()).rejects.toThrow();
        expect(counted.exceeded()).toBe(true);
      }
    },
  );

  it("leaves other bodies to their parser", async () => {
    const counted = countFields(post("a&".repeat(5000), "text/plain"));
    expect(counted.exceeded()).toBe(false);
    expect(await counted.request.text()).toHaveLength(10_000);
  });
});

describe("parseForm", () => {
  it("reads every field in one pass: repeated names as lists, and a field named __proto__ changes no prototype", () => {
    const form = new FormData();
    for (const [k, v] of [
      ["tag", "a"],
      ["name", "x"],
      ["tag", "b"],
      ["tag", "c"],
      ["__proto__", "p"],
    ])
      form.append(k, v);
    const parsed = parseForm(form, z.record(z.union([z.string(), z.array(z.string())])));
    if (!parsed.ok) throw new Error("refused");
    expect(Object.getPrototypeOf(parsed.data)).toBe(Object.prototype);
    expect(parsed.data.tag).toEqual(["a", "b", "c"]);
    expect(parsed.data.name).toBe("x");
  });
});
