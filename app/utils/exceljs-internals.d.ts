/**
 * The few parts of exceljs 4.4.0 (pinned) that the bounded XLSX reader uses directly: its SAX
 * event batches, its date helpers and its style table. exceljs declares no types for them.
 */
declare module "exceljs/lib/utils/parse-sax.js" {
  export type SaxEvent =
    | { eventType: "opentag"; value: { name: string; attributes: Record<string, string> } }
    | { eventType: "text"; value: string }
    | { eventType: "closetag"; value: { name: string } };
  const parseSax: (chunks: AsyncIterable<string>) => AsyncGenerator<SaxEvent[]>;
  export default parseSax;
}

declare module "exceljs/lib/utils/utils.js" {
  const utils: {
    isDateFmt(fmt: string | undefined): boolean;
    excelToDate(v: number, date1904: boolean): Date;
  };
  export default utils;
}

declare module "exceljs/lib/xlsx/xform/style/styles-xform.js" {
  export default class StylesXform {
    init(): void;
    parseStream(chunks: AsyncIterable<string>): Promise<unknown>;
    getStyleModel(id: number): { numFmt?: string } | undefined;
  }
}
