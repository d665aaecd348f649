import { type Locale, type Params, translate } from "~/i18n";
import { escapeHtml, notificationLine, type RenderedMail } from "./render";
import type { NotificationKind } from "./vocabulary";

/** China's offset: the digest's day and hour are China's, wherever the server runs (decision 030). */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The day whose digests are due at `now`: China's date once its clock has passed `hour`, else none yet. */
export function digestDayDue(now: Date, hour: number): string | null {
  const china = new Date(now.getTime() + CHINA_OFFSET_MS);
  return china.getUTCHours() >= hour ? china.toISOString().slice(0, 10) : null;
}

export interface DigestItem {
  kind: NotificationKind;
  params: Params;
  link: string;
}

/** One mail listing a day's notifications, each with its link; plain text and HTML. */
export function renderDigest(
  locale: Locale,
  day: string,
  items: DigestItem[],
  baseUrl: string,
): RenderedMail {
  const count = items.length;
  const subject = translate(locale, "mail.digest.subject", { count });
  const intro = translate(locale, "mail.digest.intro", { count, day });
  const lines = items.map((i) => ({
    line: notificationLine(locale, i.kind, i.params),
    url: new URL(i.link, baseUrl).toString(),
  }));
  const inbox = translate(locale, "mail.digest.inbox", { url: new URL("/inbox", baseUrl).toString() });
  const footer = translate(locale, "notify.mail.footer");
  const text = `${intro}\n\n${lines.map((l) => `• ${l.line}\n  ${l.url}`).join("\n")}\n\n${inbox}\n\n-- \n${footer}\n`;
  const lang = locale === "en" ? "en" : "zh-CN";
  const list = lines.map((l) => `<li><a href="${escapeHtml(l.url)}">${escapeHtml(l.line)}</a></li>`).join("");
  const html =
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
    `<body><p>${escapeHtml(intro)}</p><ul>${list}</ul><p>${escapeHtml(inbox)}</p>` +
    `<hr><p style="color:#555;font-size:small">${escapeHtml(footer)}</p></body></html>`;
  return { subject, text, html };
}
