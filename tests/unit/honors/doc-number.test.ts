import { describe, expect, it } from "vitest";
import { checkDocNumber } from "~/domain/honors/doc-number";

describe("文号 format", () => {
  it("accepts issuer, 〔year〕, serial and 号, reading IME spaces and full-width digits as typed", () => {
    expect(checkDocNumber("陕工发〔2026〕88号", 2026)).toEqual({ ok: true, value: "陕工发〔2026〕88号" });
    expect(checkDocNumber(" 陕工发〔２０２６〕８８号 ", 2026)).toEqual({
      ok: true,
      value: "陕工发〔2026〕88号",
    });
    expect(checkDocNumber("西安市总工办发〔2025〕3号", 2026)).toMatchObject({ ok: true });
  });

  it("refuses look-alike brackets, suggesting the number with 〔〕", () => {
    for (const raw of ["陕工发[2026]88号", "陕工发【2026】88号", "陕工发（2026）88号", "陕工发(2026)88号"])
      expect(checkDocNumber(raw, 2026)).toEqual({
        ok: false,
        key: "publication.docNumberBrackets",
        params: { suggestion: "陕工发〔2026〕88号" },
      });
  });

  it("refuses a number without a year, issuer, serial or 号, and a year after the publication", () => {
    for (const raw of [
      "X",
      "陕工发88号",
      "〔2026〕88号",
      "陕工发〔2026〕号",
      "陕工发〔2026〕088号",
      "陕工发〔26〕88号",
      "陕工发〔2026〕88",
    ])
      expect(checkDocNumber(raw, 2026)).toMatchObject({ ok: false, key: "publication.docNumberFormat" });
    expect(checkDocNumber("陕工发〔2027〕1号", 2026)).toEqual({
      ok: false,
      key: "publication.docNumberYear",
      params: { year: 2027, published: 2026 },
    });
    expect(checkDocNumber("陕工发〔1900〕1号", 2026)).toMatchObject({
      ok: false,
      key: "publication.docNumberYear",
    });
    expect(checkDocNumber("  ", 2026)).toEqual({ ok: false, key: "publication.docNumber" });
  });
});
