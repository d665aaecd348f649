import { describe, expect, it } from "vitest";
import { parseActivity, plausibilityIssues, type ActivityText } from "~/domain/activities/activity-input";

const TODAY = "2019-01-01";
const row: ActivityText = {
  team: " 榆林市农业技术服务队 ",
  date: "2018-06-01",
  county_code: "610824",
  village: "杨桥畔村",
  kind: "技术培训",
  person_times: "12",
  funds_yuan: "1,234.56",
  households_helped: "8",
  people_helped: "30",
  households_lifted: "3",
  people_lifted: "10",
};
const issues = (over: Partial<ActivityText>) => {
  const r = parseActivity({ ...row, ...over }, TODAY);
  return r.ok ? [] : r.issues.map((i) => [i.field, i.messageKey]);
};

describe("parseActivity", () => {
  it("reads a row exactly: trimmed text, fen, integer counts, the year", () => {
    expect(parseActivity(row, TODAY)).toEqual({
      ok: true,
      value: {
        team: "榆林市农业技术服务队",
        date: "2018-06-01",
        year: 2018,
        countyCode: "610824",
        village: "杨桥畔村",
        kind: "技术培训",
        fundsFen: 123456,
        org: "",
        person_times: 12,
        households_helped: 8,
        people_helped: 30,
        households_lifted: 3,
        people_lifted: 10,
      },
    });
  });
  it("takes blank funds and counts as 0, full-width digits and thousands commas as numbers", () => {
    const r = parseActivity(
      {
        ...row,
        funds_yuan: "",
        households_helped: "",
        people_helped: "１,２００",
        households_lifted: "",
        people_lifted: "",
      },
      TODAY,
    );
    expect(r.ok && [r.value.fundsFen, r.value.people_helped, r.value.households_lifted]).toEqual([
      0, 1200, 0,
    ]);
  });
  it.each([
    [{ date: "2018-02-30" }, [["date", "form.date"]]],
    [{ date: "2019-01-02" }, [["date", "activities.date.future"]]],
    [{ date: "1999-12-31" }, [["date", "activities.date.tooEarly"]]],
    [{ county_code: "61082" }, [["county_code", "form.regionCode"]]],
    [{ team: "" }, [["team", "form.required"]]],
    [{ village: "村".repeat(101) }, [["village", "form.tooLong"]]],
    [{ funds_yuan: "0.001" }, [["funds_yuan", "money.tooManyDecimals"]]],
    [{ funds_yuan: "-5" }, [["funds_yuan", "money.negative"]]],
    [{ person_times: "1.5" }, [["person_times", "activities.count.invalid"]]],
    [{ people_helped: "2000000" }, [["people_helped", "activities.count.tooLarge"]]],
    [{ person_times: "0" }, [["person_times", "activities.rule.personTimes"]]],
    [
      { households_lifted: "9", people_lifted: "20" },
      [["households_lifted", "activities.rule.householdsLifted"]],
    ],
    [{ people_lifted: "31" }, [["people_lifted", "activities.rule.peopleLifted"]]],
    [
      { households_helped: "31", households_lifted: "0" },
      [["households_helped", "activities.rule.householdsHelped"]],
    ],
  ])("refuses %j", (over, expected) => {
    expect(issues(over)).toEqual(expected);
  });
  it("checks plausibility only once every count reads", () => {
    expect(issues({ people_helped: "x", people_lifted: "31" })).toEqual([
      ["people_helped", "activities.count.invalid"],
    ]);
  });
});

describe("plausibilityIssues", () => {
  it("lets lifted equal helped, and nothing helped at all", () => {
    expect(
      plausibilityIssues({
        person_times: 1,
        households_helped: 3,
        people_helped: 9,
        households_lifted: 3,
        people_lifted: 9,
      }),
    ).toEqual([]);
    expect(
      plausibilityIssues({
        person_times: 1,
        households_helped: 0,
        people_helped: 0,
        households_lifted: 0,
        people_lifted: 0,
      }),
    ).toEqual([]);
  });
});
