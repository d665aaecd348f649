import { SHEET_LIMITS } from "~/domain/nominations/upload-limits";
import type { MessageKey } from "~/i18n";

export type SheetLimit = keyof typeof SHEET_LIMITS;
export type SheetErrorParams = Record<string, string | number>;

/** A sheet refused whole: `message` is the message key, `params` fill it in. */
export class SheetError extends Error {
  constructor(
    key: MessageKey,
    readonly params?: SheetErrorParams,
  ) {
    super(key);
  }
}

const MB = 1024 * 1024;

/** The refusal of a sheet past one of its limits, the limit named in the message. */
export function overLimit(limit: SheetLimit): SheetError {
  if (limit === "xmlBytes" || limit === "partBytes")
    return new SheetError("import.limit.xmlBytes", { max: SHEET_LIMITS[limit] / MB });
  return new SheetError(`import.limit.${limit}`, { max: SHEET_LIMITS[limit].toLocaleString("en-US") });
}

/** Counts what a sheet holds as it is read; throws at the first limit passed. */
export class SheetTally {
  private text = 0;

  addText(chars: number) {
    this.text += chars;
    if (this.text > SHEET_LIMITS.textChars) throw overLimit("textChars");
  }

  cell(text: string) {
    if (text.length > SHEET_LIMITS.cellChars) throw overLimit("cellChars");
  }
}
