import ExcelJS from "exceljs";
import { columnGuide, type TemplateColumn } from "~/domain/nominations/nomination-columns";
import { translator } from "~/i18n";

/*
 * The downloadable nominations templates (decision 019): the category's own columns under Chinese
 * headers, one example row, and what each column accepts. The XLSX says it on a second sheet
 * 填写说明 and as drop-down lists; a CSV cannot, and the import page lists it instead.
 */

/** Rows the XLSX template's drop-down lists and text formats reach: more than any office files at once. */
const TEMPLATE_ROWS = 2000;
/** Columns Excel must keep as text: an ID number typed into a number cell loses its last digits. */
const TEXT_COLUMNS = new Set(["ref", "id_number", "phone", "birth_date"]);

const zh = translator("zh-CN");

/** exceljs 4.4 (pinned) keeps range validations ("F2:F2000") but declares only the per-cell one. */
type RangeValidations = { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } };

/** The CSV template's rows (headers, example); exportCsv writes them with the BOM Excel needs for Chinese. */
export function csvTemplateRows(columns: TemplateColumn[]): string[][] {
  return [columns.map((c) => c.zh), columns.map((c) => c.example)];
}

/** The XLSX template: the sheet to fill, then 填写说明. */
export async function xlsxTemplate(columns: TemplateColumn[], categoryName: string): Promise<ArrayBuffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(zh("sheet.template.sheet"));
  ws.addRow(columns.map((c) => c.zh));
  ws.addRow(columns.map((c) => c.example));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: "frozen", ySplit: 1 }];
  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.key === "deeds" || c.key === "summary" ? 40 : Math.max(12, [...c.zh].length * 2 + 4);
    if (TEXT_COLUMNS.has(c.key)) col.numFmt = "@";
    if (!c.choices) return;
    const letter = col.letter;
    (ws as unknown as RangeValidations).dataValidations.add(`${letter}2:${letter}${TEMPLATE_ROWS}`, {
      type: "list",
      allowBlank: true,
      formulae: [`"${c.choices.join(",")}"`],
      showErrorMessage: true,
      errorTitle: c.zh,
      error: columnGuide(zh, c),
    });
  });
  addGuide(wb, columns, categoryName);
  return (await wb.xlsx.writeBuffer()) as ArrayBuffer;
}

function addGuide(wb: ExcelJS.Workbook, columns: TemplateColumn[], categoryName: string) {
  const guide = wb.addWorksheet(zh("sheet.template.guide"));
  guide.addRow([zh("sheet.template.guideIntro", { category: categoryName })]);
  guide.addRow([zh("sheet.template.exampleNote")]);
  guide.addRow([]);
  const head = guide.addRow([
    zh("sheet.template.column"),
    zh("sheet.template.required"),
    zh("sheet.template.accepted"),
    zh("sheet.template.example"),
  ]);
  head.font = { bold: true };
  for (const c of columns)
    guide.addRow([
      c.zh,
      zh(c.required ? "sheet.template.yes" : "sheet.template.no"),
      columnGuide(zh, c),
      c.example,
    ]);
  guide.getColumn(1).width = 14;
  guide.getColumn(2).width = 10;
  guide.getColumn(3).width = 60;
  guide.getColumn(4).width = 30;
}
