/**
 * Region filters on 6-digit administrative-division codes (行政区划代码): a province ends in 0000,
 * a city in 00, so a code's meaningful prefix selects everything inside it.
 */
export function regionPrefix(code: string): string {
  if (!/^\d{6}$/.test(code)) return code;
  if (code.endsWith("0000")) return code.slice(0, 2);
  if (code.endsWith("00")) return code.slice(0, 4);
  return code;
}

/** LIKE pattern text with its wildcards escaped (escape character `\`). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
