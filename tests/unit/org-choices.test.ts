import { describe, expect, it } from "vitest";
import { orgOptions } from "~/domain/org-tree";

const o = (id: number, name: string, path: string) => ({ id, name, path });

describe("org choices grouped by parent", () => {
  it("puts the top org first, then one group per parent in tree order, children by path", () => {
    const orgs = [
      o(10, "宝鸡市总工会", "/1/10/"),
      o(2, "西安市总工会", "/1/2/"),
      o(1, "陕西省总工会", "/1/"),
      o(30, "长安区总工会", "/1/2/30/"),
      o(11, "陈仓区总工会", "/1/10/11/"),
      o(9, "雁塔区总工会", "/1/2/9/"),
    ];
    expect(orgOptions(orgs)).toEqual([
      { value: "1", label: "陕西省总工会", group: undefined },
      { value: "2", label: "西安市总工会", group: "陕西省总工会" },
      { value: "10", label: "宝鸡市总工会", group: "陕西省总工会" },
      { value: "9", label: "雁塔区总工会", group: "西安市总工会" },
      { value: "30", label: "长安区总工会", group: "西安市总工会" },
      { value: "11", label: "陈仓区总工会", group: "宝鸡市总工会" },
    ]);
  });

  it("offers orgs whose parent is not offered (another admin's subtrees) at the top, in tree order", () => {
    expect(orgOptions([o(30, "长安区总工会", "/1/2/30/"), o(11, "陈仓区总工会", "/1/10/11/")])).toEqual([
      { value: "30", label: "长安区总工会", group: undefined },
      { value: "11", label: "陈仓区总工会", group: undefined },
    ]);
  });
});
