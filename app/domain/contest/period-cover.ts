import { addDays } from "../notice/iso-date";

/** The days a period's activities are counted in (decision 024): from `from` to `to`, both included. */
export interface PeriodCover {
  from: string;
  to: string;
}

/**
 * What each period covers, in scheme order: from the day after the previous period's coverage ends
 * (the first period: January 1 of the year its window opens) to the day before its own window
 * opens, so that a quarter reported in April covers January to March. A period whose window opens
 * on the day its coverage would start covers nothing (`to` is then the day before `from`).
 */
export function periodCovers(periods: readonly { opens: string }[]): PeriodCover[] {
  const out: PeriodCover[] = [];
  for (const [index, period] of periods.entries()) {
    const from = index === 0 ? `${period.opens.slice(0, 4)}-01-01` : addDays(out[index - 1].to, 1);
    const to = addDays(period.opens, -1);
    out.push({ from, to: to < from ? addDays(from, -1) : to });
  }
  return out;
}
