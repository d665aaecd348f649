import { fenToYuanText } from "../money";
import { neutralizeCell } from "../csv";
import type { StatsFen, StatsReport } from "./stats";

export const EXPORT_SCOPES = ["province", "city", "county", "year", "kind"] as const;
export type ExportScope = (typeof EXPORT_SCOPES)[number];

/** The numeric columns of the tables and exports, in the order of `stats --format json` (docs/domain.md#command-line). */
export const NUMBER_COLUMNS = [
  "teams",
  "activities",
  "person_times",
  "funds_yuan",
  "villages",
  "households_helped",
  "people_helped",
  "households_lifted",
  "people_lifted",
] as const;

export interface ExportRow {
  scope: ExportScope;
  name: string;
  code: string;
  numbers: (string | number)[];
}

function numbers(s: StatsFen): (string | number)[] {
  // Exact decimal yuan as text: a spreadsheet keeps it to the fen.
  return NUMBER_COLUMNS.map((c) => (c === "funds_yuan" ? fenToYuanText(s.funds_fen) : s[c]));
}

/** Every grouping of the report as flat rows, province first: what the CSV and XLSX exports hold. */
export function exportRows(r: StatsReport, provinceName: string): ExportRow[] {
  return [
    { scope: "province", name: provinceName, code: "", numbers: numbers(r.province) },
    ...r.byCity.map((e) => ({ scope: "city" as const, name: e.key, code: "", numbers: numbers(e.stats) })),
    ...r.byCounty.map((e) => ({
      scope: "county" as const,
      name: e.key,
      code: e.code,
      numbers: numbers(e.stats),
    })),
    ...r.byYear.map((e) => ({
      scope: "year" as const,
      name: String(e.key),
      code: "",
      numbers: numbers(e.stats),
    })),
    ...r.byKind.map((e) => ({ scope: "kind" as const, name: e.key, code: "", numbers: numbers(e.stats) })),
  ];
}

/** Free text that a spreadsheet would run as a formula (=, +, -, @) is written as text (the exports' one rule). */
export function neutralize(value: string): string {
  return neutralizeCell(value);
}
export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
