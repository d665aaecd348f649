import { type Locale, type MessageKey, type Params, translate } from "~/i18n";
import type { NotificationKind } from "./vocabulary";

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

export const subjectKey = (kind: NotificationKind) => `notify.${kind}.subject` as MessageKey;
export const bodyKey = (kind: NotificationKind) => `notify.${kind}.body` as MessageKey;

/** The inbox's line for a notification: its subject in the reader's language. */
export function notificationLine(locale: Locale, kind: NotificationKind, params: Params): string {
  return translate(locale, subjectKey(kind), params);
}

/** A notification's mail, plain text and HTML, with an absolute link into the app. */
export function renderMail(
  locale: Locale,
  kind: NotificationKind,
  params: Params,
  link: string,
  baseUrl: string,
): RenderedMail {
  const subject = translate(locale, subjectKey(kind), params);
  const body = translate(locale, bodyKey(kind), params);
  const url = new URL(link, baseUrl).toString();
  const open = translate(locale, "notify.mail.open", { url });
  const footer = translate(locale, "notify.mail.footer");
  const text = `${body}\n\n${open}\n\n-- \n${footer}\n`;
  const lang = locale === "en" ? "en" : "zh-CN";
  const html =
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
    `<body><p>${escapeHtml(body)}</p><p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>` +
    `<hr><p style="color:#555;font-size:small">${escapeHtml(footer)}</p></body></html>`;
  return { subject, text, html };
}
