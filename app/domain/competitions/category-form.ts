/** Blank rows offered below the filled ones, so a form without JavaScript can add entries. */
export const SPARE_ROWS = 3;
/** The most criterion rows a form may ask for (the template takes 30 criteria). */
export const MAX_CRITERION_ROWS = 30;

const CRITERION_FIELDS = ["title", "max", "desc"] as const;

/** Criterion rows a new or saved rubric opens with: its criteria and one blank row, three at least. */
export function initialCriterionRows(saved: number): number {
  return Math.min(Math.max(saved + 1, SPARE_ROWS), MAX_CRITERION_ROWS);
}

export type CriterionRowEdit = { add: true } | { remove: number };

/** The row edit a no-JavaScript submit asked for: the "add a row" button, or a row's "remove". */
export function criterionRowEditOf(f: FormLike): CriterionRowEdit | null {
  if (f.get("intent") === "addCriterion") return { add: true };
  const remove = f.get("removeCriterion");
  return typeof remove === "string" && /^\d{1,2}$/.test(remove) ? { remove: Number(remove) } : null;
}

/**
 * The form's text values after adding a blank criterion row or removing one: the rows below a
 * removed one move up a place, so every typed value stays in its row. Nothing is saved.
 */
export function editCriterionRows(
  values: Record<string, string>,
  count: number,
  edit: CriterionRowEdit,
): { values: Record<string, string>; count: number } {
  if ("add" in edit) return { values, count: Math.min(count + 1, MAX_CRITERION_ROWS) };
  if (edit.remove >= count) return { values, count };
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (!/^criterion_(title|max|desc)_\d+$/.test(k)) out[k] = v;
  for (let i = 0, to = 0; i < count; i++) {
    if (i === edit.remove) continue;
    for (const field of CRITERION_FIELDS) {
      const v = values[`criterion_${field}_${i}`];
      if (v !== undefined) out[`criterion_${field}_${to}`] = v;
    }
    to++;
  }
  return { values: out, count: Math.max(count - 1, 1) };
}

type FormLike = { get(name: string): FormDataEntryValue | null; getAll(name: string): FormDataEntryValue[] };
const text = (f: FormLike, name: string) => {
  const v = f.get(name);
  return typeof v === "string" ? v.trim() : "";
};
const num = (s: string) => (s === "" ? Number.NaN : Number(s));

/**
 * The values ticked for rule row i: each checkbox is `attribute:value`. One ticked under another
 * attribute than the row's stays as it is, so the schema refuses it by name instead of the value
 * quietly counting for the wrong attribute (sector's "other" is also an occupation group).
 */
function ruleChoices(f: FormLike, i: number, attribute: string): string[] {
  return f
    .getAll(`rule_choice_${i}`)
    .filter((v): v is string => typeof v === "string" && v !== "")
    .map((v) => (v.startsWith(`${attribute}:`) ? v.slice(attribute.length + 1) : v));
}

/** Values typed in the row's text box (the free-text attributes), separated by ; or ；. */
function ruleTyped(raw: string): string[] {
  return raw
    .split(/[;；]/)
    .map((v) => v.trim())
    .filter(Boolean);
}

/**
 * Reads the category form (rows named `criterion_title_3`, `rule_share_1`, `alloc_<orgId>` …)
 * into the template shape; empty rows are dropped. Org names come from the ids offered.
 */
export function readCategoryForm(
  f: FormLike,
  orgs: { id: number; name: string }[],
  rows: number,
  criterionRowCount = rows,
) {
  const criteria = [];
  const rules = [];
  const criterionRows: number[] = [];
  const ruleRows: number[] = [];
  for (let i = 0; i < criterionRowCount; i++) {
    const title = text(f, `criterion_title_${i}`);
    const max = text(f, `criterion_max_${i}`);
    if (title || max) {
      criteria.push({ title, max_points: num(max), description: text(f, `criterion_desc_${i}`) });
      criterionRows.push(i);
    }
  }
  for (let i = 0; i < rows; i++) {
    const label = text(f, `rule_label_${i}`);
    const attribute = text(f, `rule_attribute_${i}`);
    const values = [...ruleChoices(f, i, attribute), ...ruleTyped(text(f, `rule_values_${i}`))];
    if (label || values.length) {
      rules.push({
        label,
        attribute,
        values,
        op: text(f, `rule_op_${i}`),
        share: text(f, `rule_share_${i}`),
      });
      ruleRows.push(i);
    }
  }
  const allocations = orgs.flatMap((o) => {
    const v = text(f, `alloc_${o.id}`);
    return v === "" || v === "0" ? [] : [{ org: o.name, nominations: num(v) }];
  });
  const judges = text(f, "judgesPer");
  return {
    name: text(f, "name"),
    kind: text(f, "kind"),
    quota: num(text(f, "quota")),
    aggregation: text(f, "aggregation"),
    judges_per_nomination: judges === "" ? null : num(judges),
    blind: f.get("blind") === "on",
    criteria,
    rules,
    allocations,
    criterionRows,
    ruleRows,
  };
}

/** Where a schema issue shows on the form: the row's own input when it has one. */
export function categoryFieldOf(
  path: (string | number)[],
  orgs: { id: number; name: string }[],
  raw: ReturnType<typeof readCategoryForm>,
): string {
  const [head, index, leaf] = path;
  if (head === "criteria" && typeof index === "number")
    return `criterion_${leaf === "max_points" ? "max" : leaf === "description" ? "desc" : "title"}_${raw.criterionRows[index]}`;
  if (head === "rules" && typeof index === "number") return `rule_${leaf ?? "label"}_${raw.ruleRows[index]}`;
  if (head === "allocations" && typeof index === "number") {
    const org = orgs.find((o) => o.name === raw.allocations[index]?.org);
    return org ? `alloc_${org.id}` : "allocations";
  }
  if (head === "judges_per_nomination") return "judgesPer";
  return String(head ?? "_form");
}
