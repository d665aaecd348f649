import type { ContestMethod } from "./scheme";

/** The largest target a sheet or form may set: far beyond any union's figure, well inside a double's exact range. */
export const MAX_TARGET = 1e12;

export type TargetParse =
  | { ok: true; value: number }
  | {
      ok: false;
      messageKey: "contestTargets.notANumber" | "contestTargets.negative" | "contestTargets.tooLarge";
    };

/**
 * A target as typed: a plain decimal number (full-width digits folded), never negative. "1,000"
 * and "1e3" are refused rather than guessed at: a target silently read wrong moves every standing.
 */
export function parseTarget(raw: string): TargetParse {
  const text = raw.normalize("NFKC").trim();
  if (/^-\s*\d/.test(text)) return { ok: false, messageKey: "contestTargets.negative" };
  if (!/^\d+(\.\d+)?$/.test(text)) return { ok: false, messageKey: "contestTargets.notANumber" };
  const value = Number(text);
  if (value > MAX_TARGET) return { ok: false, messageKey: "contestTargets.tooLarge" };
  return { ok: true, value };
}

/** Targets mean something only to `target` indicators (docs/domain.md#contest, points). */
export const takesTargets = (method: ContestMethod) => method === "target";
