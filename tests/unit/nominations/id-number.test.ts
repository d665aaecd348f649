import { describe, expect, it } from "vitest";
import {
  birthDateOfId,
  genderOfId,
  idCheckChar,
  maskIdNumber,
  validateIdNumber,
} from "~/domain/nominations/id-number";
import { makeId } from "./id-helpers";

const TODAY = "2018-09-28";
const refused = (s: string, today = TODAY) => {
  const r = validateIdNumber(s, today);
  return r.ok ? "ok" : r.messageKey;
};

describe("idCheckChar", () => {
  it("matches the example of GB 11643-1999 and hand-computed numbers", () => {
    expect(idCheckChar("11010519491231002")).toBe("X");
    // 6·7+1·9+0+1·5+0+2·4+1·2+9·1+8·6+0+0+3·9+1·10+5·5+1·8+2·4+3·2 = 207; 207 mod 11 = 9 → "3"
    expect(idCheckChar("61010219800315123")).toBe("3");
    expect(makeId("610102", "19800315", "124")).toBe("610102198003151241");
  });
});

describe("validateIdNumber", () => {
  it("accepts valid numbers and normalizes x, spaces and full-width digits", () => {
    expect(validateIdNumber("610102198003151233", TODAY)).toEqual({
      ok: true,
      normalized: "610102198003151233",
    });
    expect(validateIdNumber("11010519491231002x", TODAY)).toEqual({
      ok: true,
      normalized: "11010519491231002X",
    });
    expect(validateIdNumber(" 610102 19800315 1233 ", TODAY)).toEqual({
      ok: true,
      normalized: "610102198003151233",
    });
    expect(validateIdNumber("６１０１０２１９８００３１５１２３３", TODAY)).toEqual({
      ok: true,
      normalized: "610102198003151233",
    });
    expect(refused(makeId("610102", "20000229", "001"))).toBe("ok"); // leap day
  });
  it.each([
    ["", "form.required"],
    ["61010219800315123", "nomination.idNumber.length"], // 17
    ["6101021980031512334", "nomination.idNumber.length"], // 19
    ["610102800315123", "nomination.idNumber.length"], // old 15-digit form
    ["61010219800315123A", "nomination.idNumber.characters"],
    ["6101O2198003151233", "nomination.idNumber.characters"], // letter O for zero
    ["X10102198003151233", "nomination.idNumber.characters"],
    ["610102198003151232", "nomination.idNumber.checkDigit"],
    ["11010519491231002 0", "nomination.idNumber.checkDigit"],
    [makeId("990102", "19800315", "123"), "nomination.idNumber.region"],
    [makeId("100102", "19800315", "123"), "nomination.idNumber.region"],
    [makeId("610102", "19990231", "123"), "nomination.idNumber.birthDate"],
    [makeId("610102", "19991301", "123"), "nomination.idNumber.birthDate"],
    [makeId("610102", "19000229", "123"), "nomination.idNumber.birthDate"], // 1900 was not a leap year
    [makeId("610102", "18991231", "123"), "nomination.idNumber.birthDate"],
    [makeId("610102", "20180929", "123"), "nomination.idNumber.birthDate"], // the day after today
  ])("refuses %s with %s", (id, key) => {
    expect(refused(id)).toBe(key);
  });
  it("takes a birth today as possible", () => {
    expect(refused(makeId("610102", "20180928", "123"))).toBe("ok");
  });
  it("accepts Hong Kong, Macao and Taiwan codes and refuses an unused province code", () => {
    expect(refused(makeId("810000", "19800315", "123"))).toBe("ok");
    expect(refused(makeId("710000", "19800315", "123"))).toBe("ok");
    expect(refused(makeId("400000", "19800315", "123"))).toBe("nomination.idNumber.region");
  });
});

describe("what an ID number tells", () => {
  it("gives the embedded birth date and gender", () => {
    expect(birthDateOfId("11010519491231002X")).toBe("1949-12-31");
    expect(genderOfId("11010519491231002X")).toBe("female"); // 17th digit 2
    expect(genderOfId("610102198003151233")).toBe("male"); // 17th digit 3
    expect(birthDateOfId("610102199902311233")).toBeNull();
    expect(genderOfId("abc")).toBeNull();
  });
  it("masks all but the first 4 and last 4, keeping 18 characters", () => {
    const masked = maskIdNumber("610102198003151234");
    expect(masked).toBe("6101**********1234");
    expect(masked).toHaveLength(18);
    expect(maskIdNumber("11010519491231002x")).toBe("1101**********002X");
    expect(maskIdNumber("1234")).toBe("****");
  });
});
