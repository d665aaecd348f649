import { describe, expect, it } from "vitest";
import {
  criterionRowEditOf,
  editCriterionRows,
  initialCriterionRows,
  readCategoryForm,
} from "~/domain/competitions/category-form";

const form = (entries: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.set(k, v);
  return f;
};

describe("rubric rows without JavaScript", () => {
  it("opens with the saved criteria and a blank row, three at least", () => {
    expect([initialCriterionRows(0), initialCriterionRows(2), initialCriterionRows(5)]).toEqual([3, 3, 6]);
  });

  it("reads the add button and a row's remove button, nothing else", () => {
    expect(criterionRowEditOf(form({ intent: "addCriterion" }))).toEqual({ add: true });
    expect(criterionRowEditOf(form({ removeCriterion: "2" }))).toEqual({ remove: 2 });
    expect(criterionRowEditOf(form({ removeCriterion: "x" }))).toBeNull();
    expect(criterionRowEditOf(form({ name: "先进个人" }))).toBeNull();
  });

  it("adds a blank row, keeping every value", () => {
    const values = { name: "先进个人", criterion_title_0: "事迹", criterion_max_0: "60" };
    expect(editCriterionRows(values, 3, { add: true })).toEqual({ values, count: 4 });
  });

  it("removes a row, moving the rows below up with their values; other fields untouched", () => {
    const values = {
      name: "先进个人",
      rule_label_1: "女性",
      criterion_title_0: "事迹",
      criterion_max_0: "60",
      criterion_title_1: "删掉我",
      criterion_max_1: "10",
      criterion_title_2: "示范",
      criterion_max_2: "40",
      criterion_desc_2: "带动作用",
    };
    expect(editCriterionRows(values, 3, { remove: 1 })).toEqual({
      count: 2,
      values: {
        name: "先进个人",
        rule_label_1: "女性",
        criterion_title_0: "事迹",
        criterion_max_0: "60",
        criterion_title_1: "示范",
        criterion_max_1: "40",
        criterion_desc_1: "带动作用",
      },
    });
  });

  it("reads criterion rows by their own count, apart from the rule rows", () => {
    const raw = readCategoryForm(
      form({
        criterion_title_4: "第五条",
        criterion_max_4: "5",
        rule_label_0: "女性",
        rule_values_0: "female",
      }),
      [],
      3,
      5,
    );
    expect(raw.criteria).toEqual([{ title: "第五条", max_points: 5, description: "" }]);
    expect(raw.rules).toHaveLength(1);
  });
});
