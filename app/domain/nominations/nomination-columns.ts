import type { MessageKey, Translate } from "~/i18n";
import type { ColumnSpec } from "../sheet-columns";
import { Gender, NominationKind, OccupationGroup, Sector, type Enumeration } from "./fields";

/*
 * The columns of the nominations sheet (docs/domain.md#sheets) and which of them each kind of
 * category needs (decision 019). The category and the kind come from the page or the command line
 * the sheet is imported through, so their columns may be left out; an individual's columns are not
 * asked of a collective and the other way round. One table serves the importer, the import page's
 * column list and the downloadable templates, so the three cannot drift apart.
 */

type Kinds = "both" | NominationKind;

interface NominationColumn {
  key: string;
  en: string;
  zh: string;
  aliases?: readonly string[];
  /** Which kind fills the column; the other kind leaves it empty. */
  of: Kinds;
  /** Which kind must fill it (and so must have it in the header). */
  requiredFor: Kinds | "none";
  /** The accepted values, for a column with a closed set. */
  choices?: Enumeration<string> | "yesNo";
  /** What to write, for the columns without choices. */
  hint?: MessageKey;
  /** The template's example row. */
  example: string;
}

const C: NominationColumn[] = [
  {
    key: "ref",
    en: "ref",
    zh: "推荐编号",
    of: "both",
    requiredFor: "both",
    hint: "sheet.hint.ref",
    example: "",
  },
  {
    key: "category",
    en: "category",
    zh: "奖项类别",
    of: "both",
    requiredFor: "none",
    hint: "sheet.hint.category",
    example: "",
  },
  {
    key: "nominating_org",
    en: "nominating_org",
    zh: "推荐单位",
    of: "both",
    requiredFor: "both",
    hint: "sheet.hint.nominatingOrg",
    example: "",
  },
  {
    key: "kind",
    en: "kind",
    zh: "类型",
    of: "both",
    requiredFor: "none",
    choices: NominationKind,
    example: "",
  },
  {
    key: "name",
    en: "name",
    zh: "姓名/名称",
    aliases: ["姓名", "名称", "姓名(名称)", "名称/姓名"],
    of: "both",
    requiredFor: "both",
    hint: "sheet.hint.name",
    example: "",
  },
  {
    key: "gender",
    en: "gender",
    zh: "性别",
    of: "individual",
    requiredFor: "none",
    choices: Gender,
    example: "男",
  },
  {
    key: "ethnicity",
    en: "ethnicity",
    zh: "民族",
    of: "individual",
    requiredFor: "individual",
    example: "汉族",
  },
  {
    key: "birth_date",
    en: "birth_date",
    zh: "出生日期",
    of: "individual",
    requiredFor: "none",
    hint: "sheet.hint.birthDate",
    example: "1980-03-15",
  },
  {
    key: "political_status",
    en: "political_status",
    zh: "政治面貌",
    of: "individual",
    requiredFor: "individual",
    example: "中共党员",
  },
  {
    key: "education",
    en: "education",
    zh: "文化程度",
    of: "individual",
    requiredFor: "individual",
    example: "大专",
  },
  {
    key: "workplace",
    en: "workplace",
    zh: "工作单位",
    of: "individual",
    requiredFor: "individual",
    example: "西安某机械有限公司",
  },
  { key: "post", en: "post", zh: "职务", of: "individual", requiredFor: "none", example: "数控车工" },
  {
    key: "occupation_group",
    en: "occupation_group",
    zh: "人员类别",
    of: "individual",
    requiredFor: "individual",
    choices: OccupationGroup,
    example: "一线职工",
  },
  {
    key: "migrant",
    en: "migrant",
    zh: "是否农民工",
    of: "individual",
    requiredFor: "individual",
    choices: "yesNo",
    example: "否",
  },
  {
    key: "id_number",
    en: "id_number",
    zh: "身份证号",
    of: "individual",
    requiredFor: "individual",
    hint: "sheet.hint.idNumber",
    example: "610102198003151014",
  },
  {
    key: "phone",
    en: "phone",
    zh: "联系电话",
    of: "both",
    requiredFor: "individual",
    hint: "sheet.hint.phone",
    example: "13700000000",
  },
  {
    key: "member_count",
    en: "member_count",
    zh: "集体人数",
    of: "collective",
    requiredFor: "collective",
    hint: "sheet.hint.memberCount",
    example: "24",
  },
  { key: "leader", en: "leader", zh: "负责人", of: "collective", requiredFor: "collective", example: "李红" },
  {
    key: "deeds",
    en: "deeds",
    zh: "主要事迹",
    of: "both",
    requiredFor: "both",
    hint: "sheet.hint.deeds",
    example: "",
  },
  {
    key: "sector",
    en: "sector",
    zh: "单位性质",
    of: "both",
    requiredFor: "none",
    choices: Sector,
    example: "国有企业",
  },
  {
    key: "summary",
    en: "summary",
    zh: "事迹简介",
    of: "both",
    requiredFor: "none",
    hint: "sheet.hint.summary",
    example: "",
  },
];

const spec = (c: NominationColumn, required: boolean): ColumnSpec => ({
  key: c.key,
  en: c.en,
  zh: c.zh,
  aliases: c.aliases,
  required,
});

/** Every column, required when both kinds must fill it: the sheet read without knowing the kind. */
export const NOMINATION_COLUMNS: ColumnSpec[] = C.map((c) => spec(c, c.requiredFor === "both"));

/**
 * The header a sheet for a category of this kind is read with: every column is known (a sheet
 * with both kinds' columns still reads; the other kind's cells must be empty), and the ones this
 * kind must fill are required.
 */
export function nominationSheetSpec(kind: NominationKind): ColumnSpec[] {
  return C.map((c) => spec(c, c.requiredFor === "both" || c.requiredFor === kind));
}

/** The columns only one kind fills, for the check that the other kind left them empty. */
export function foreignColumns(kind: NominationKind): string[] {
  return C.filter((c) => c.of !== "both" && c.of !== kind).map((c) => c.key);
}

/** The Chinese spellings a cell may hold, for the guide: "男、女". */
function choicesOf(c: NominationColumn): string[] | null {
  if (!c.choices) return null;
  if (c.choices === "yesNo") return ["是", "否"];
  const e = c.choices;
  return e.values.map((v) => e.zh[v]);
}

export interface TemplateColumn {
  key: string;
  en: string;
  zh: string;
  required: boolean;
  /** The accepted values (Chinese spellings; the English names are accepted too), or null. */
  choices: string[] | null;
  hint: MessageKey | null;
  example: string;
}

export interface TemplateExample {
  categoryName: string;
  orgName: string;
}

/** Marks the template's example row: the importer skips a row with this reference. */
export const EXAMPLE_REF = "示例";
const EXAMPLE_NAMES: Record<NominationKind, { name: string; deeds: string; summary: string }> = {
  individual: {
    name: "张建国",
    deeds: "扎根一线二十年，带领班组攻克技术难题三十余项。",
    summary: "扎根一线二十年。",
  },
  collective: {
    name: "某机械有限公司数控车间",
    deeds: "车间全年安全生产无事故，结对帮扶两个贫困村。",
    summary: "全年安全生产无事故。",
  },
};

/** A category's own columns, in sheet order, each with its example cell. */
export function templateColumns(kind: NominationKind, example: TemplateExample): TemplateColumn[] {
  const names = EXAMPLE_NAMES[kind];
  const exampleOf: Record<string, string> = {
    ref: EXAMPLE_REF,
    category: example.categoryName,
    nominating_org: example.orgName,
    kind: NominationKind.zh[kind],
    name: names.name,
    deeds: names.deeds,
    summary: names.summary,
  };
  return C.filter((c) => c.of === "both" || c.of === kind).map((c) => ({
    key: c.key,
    en: c.en,
    zh: c.zh,
    required: c.requiredFor === "both" || c.requiredFor === kind,
    choices: choicesOf(c),
    hint: c.hint ?? null,
    example: exampleOf[c.key] ?? c.example,
  }));
}

/** What a column accepts, as the template's guide and the import page say it. */
export function columnGuide(t: Translate, c: Pick<TemplateColumn, "choices" | "hint">): string {
  if (c.choices) return t("sheet.choices", { values: c.choices.join(t("sheet.choiceSeparator")) });
  return c.hint ? t(c.hint) : "";
}

/** True for the template's example row, by its reference ("示例", or "example" in English). */
export function isExampleRef(ref: string): boolean {
  const r = ref.normalize("NFKC").trim().toLowerCase();
  return r === EXAMPLE_REF || r === "example";
}
