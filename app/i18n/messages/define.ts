/** A catalog fragment for one area: Chinese texts, and English ones with exactly the same keys. */
export function defineMessages<const Z extends Record<string, string>>(
  zh: Z,
  en: { [K in keyof Z]: string },
) {
  return { zh, en };
}
