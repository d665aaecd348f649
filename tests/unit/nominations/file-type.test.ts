import { describe, expect, it } from "vitest";
import {
  checkUpload,
  cleanFilename,
  extensionOf,
  MAX_FILE_BYTES,
  sniffFileType,
} from "~/domain/nominations/file-type";

const bytes = (...b: number[]) => Uint8Array.from(b);
const ascii = (s: string) => Uint8Array.from(Buffer.from(s, "latin1"));
const PDF = ascii("%PDF-1.7\n%âãÏÓ\n1 0 obj\n");
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46);
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d);

describe("sniffFileType", () => {
  it("knows PDF, JPEG and PNG by their first bytes", () => {
    expect(sniffFileType(PDF)).toBe("application/pdf");
    expect(sniffFileType(JPEG)).toBe("image/jpeg");
    expect(sniffFileType(bytes(0xff, 0xd8, 0xff, 0xdb))).toBe("image/jpeg");
    expect(sniffFileType(PNG)).toBe("image/png");
  });

  it("needs the whole signature", () => {
    expect(sniffFileType(ascii("%PDF"))).toBeNull();
    expect(sniffFileType(ascii("%PDF 1.4"))).toBeNull();
    expect(sniffFileType(bytes(0xff, 0xd8))).toBeNull();
    expect(sniffFileType(bytes(0xff, 0xd8, 0xfe))).toBeNull();
    expect(sniffFileType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a))).toBeNull();
    expect(sniffFileType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0b))).toBeNull();
  });

  it("refuses everything else, including look-alikes", () => {
    expect(sniffFileType(bytes())).toBeNull();
    expect(sniffFileType(ascii("GIF89a"))).toBeNull();
    expect(sniffFileType(ascii("PK\x03\x04 docx"))).toBeNull();
    expect(sniffFileType(ascii("<html><script>alert(1)</script>"))).toBeNull();
    expect(sniffFileType(ascii(" %PDF-1.4"))).toBeNull();
    expect(sniffFileType(ascii("%pdf-1.4"))).toBeNull();
    expect(sniffFileType(ascii("MZ\x90\x00"))).toBeNull();
  });
});

describe("cleanFilename", () => {
  it("keeps the base name without folders or control characters", () => {
    expect(cleanFilename("C:\\Users\\张三\\事迹材料.pdf")).toBe("事迹材料.pdf");
    expect(cleanFilename("../../etc/passwd")).toBe("passwd");
    expect(cleanFilename("a\u0000b\r\n.pdf")).toBe("ab.pdf");
    expect(cleanFilename("invoice\u202Efdp.exe")).toBe("invoicefdp.exe");
    expect(cleanFilename("   ")).toBe("file");
  });

  it("shortens long names to 120 characters keeping the extension", () => {
    const long = `${"荣".repeat(200)}.jpeg`;
    const out = cleanFilename(long);
    expect([...out].length).toBe(120);
    expect(out.endsWith(".jpeg")).toBe(true);
  });

  it("finds the extension in lower case", () => {
    expect(extensionOf("A.PDF")).toBe(".pdf");
    expect(extensionOf(".bashrc")).toBe("");
    expect(extensionOf("noext")).toBe("");
  });
});

describe("checkUpload", () => {
  it("accepts a file whose extension matches its bytes", () => {
    expect(checkUpload({ name: "事迹.pdf", size: PDF.length, bytes: PDF })).toEqual({
      ok: true,
      filename: "事迹.pdf",
      contentType: "application/pdf",
    });
    expect(checkUpload({ name: "photo.JPG", size: JPEG.length, bytes: JPEG })).toEqual({
      ok: true,
      filename: "photo.JPG",
      contentType: "image/jpeg",
    });
    expect(checkUpload({ name: "photo.jpeg", size: JPEG.length, bytes: JPEG })).toMatchObject({
      ok: true,
      contentType: "image/jpeg",
    });
    expect(checkUpload({ name: "scan.png", size: PNG.length, bytes: PNG })).toMatchObject({
      ok: true,
      contentType: "image/png",
    });
  });

  it("adds the extension when the name has none", () => {
    expect(checkUpload({ name: "scan", size: PNG.length, bytes: PNG })).toEqual({
      ok: true,
      filename: "scan.png",
      contentType: "image/png",
    });
  });

  it("refuses a .pdf name over PNG bytes, naming the real type", () => {
    expect(checkUpload({ name: "材料.pdf", size: PNG.length, bytes: PNG })).toEqual({
      ok: false,
      messageKey: "nomination.file.mismatch",
      params: { name: "材料.pdf", type: "PNG" },
    });
    expect(checkUpload({ name: "x.png", size: PDF.length, bytes: PDF })).toMatchObject({
      ok: false,
      messageKey: "nomination.file.mismatch",
      params: { type: "PDF" },
    });
    expect(checkUpload({ name: "x.docx", size: PDF.length, bytes: PDF })).toMatchObject({
      ok: false,
      messageKey: "nomination.file.mismatch",
    });
  });

  it("refuses garbage whatever its name", () => {
    const junk = ascii("this is not a pdf");
    expect(checkUpload({ name: "材料.pdf", size: junk.length, bytes: junk })).toEqual({
      ok: false,
      messageKey: "nomination.file.type",
      params: { name: "材料.pdf" },
    });
  });

  it("refuses empty and oversized files before looking at the bytes", () => {
    expect(checkUpload({ name: "a.pdf", size: 0, bytes: bytes() })).toMatchObject({
      ok: false,
      messageKey: "nomination.file.empty",
    });
    expect(checkUpload({ name: "a.pdf", size: MAX_FILE_BYTES, bytes: PDF })).toMatchObject({ ok: true });
    expect(checkUpload({ name: "a.pdf", size: MAX_FILE_BYTES + 1, bytes: PDF })).toEqual({
      ok: false,
      messageKey: "nomination.file.tooLarge",
      params: { name: "a.pdf", max: 10 },
    });
  });
});
