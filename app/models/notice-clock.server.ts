import fs from "node:fs";
import { chinaToday, isIsoDate, type IsoDate } from "~/domain/notice/iso-date";

/**
 * Today's date for the notice rules (objections taken, publication allowed). Outside production a
 * test may set it: LAUREL_TODAY=2018-11-20, or LAUREL_TODAY_FILE naming a file that holds the date
 * (read on every call, so an end-to-end test can move the clock of a running server). Production
 * always uses the real date in China.
 */
export function noticeToday(): IsoDate {
  // Read at run time: the compiler replaces `process.env.NODE_ENV` with the build's mode, and the
  // server's mode (how `npm start` was run) is what counts.
  const env: Record<string, string | undefined> = process.env;
  if (env.NODE_ENV !== "production") {
    const fixed = env.LAUREL_TODAY ?? readClockFile(env.LAUREL_TODAY_FILE);
    if (fixed && isIsoDate(fixed)) return fixed;
  }
  return chinaToday();
}

function readClockFile(file: string | undefined): string | undefined {
  if (!file) return undefined;
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    return undefined;
  }
}
