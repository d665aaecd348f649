import type { ReactNode } from "react";
import { useDataLang } from "~/i18n/use-t";

/**
 * A table cell of data (a name, an org, a deed) marked with its language when it is not the
 * page's (WCAG 3.1.2): Chinese names on an English page are read by a Chinese voice.
 * `text` decides the language when the cell shows more than the text itself (a link).
 */
export function DataCell({
  text,
  className,
  children,
}: {
  text: string | null | undefined;
  className?: string;
  children?: ReactNode;
}) {
  const lang = useDataLang();
  return (
    <td lang={lang(text)} className={className}>
      {children ?? text}
    </td>
  );
}

/** Inline data (a title, a name in a heading) marked the same way. */
export function DataText({ text }: { text: string | null | undefined }) {
  const lang = useDataLang();
  return <span lang={lang(text)}>{text}</span>;
}
