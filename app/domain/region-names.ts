/**
 * Names for region codes (行政区划代码), for exports that carry a region: people read 西安市蓝田县,
 * not 610122. The registry's counties name themselves and their cities (a city's code is its
 * counties' first four digits and 00); any other code takes the name of the union that has it,
 * without 总工会 (陕西省总工会 → 陕西省). A code nobody names stays as it is.
 */
export function regionNames(
  counties: readonly { code: string; name: string; city: string }[],
  orgs: readonly { region_code: string | null; name: string }[],
): Map<string, string> {
  const names = new Map<string, string>();
  for (const o of orgs) {
    if (o.region_code && !names.has(o.region_code))
      names.set(o.region_code, o.name.replace(/(总)?工会$/, "") || o.name);
  }
  for (const c of counties) names.set(`${c.code.slice(0, 4)}00`, c.city);
  for (const c of counties) names.set(c.code, c.name.startsWith(c.city) ? c.name : `${c.city}${c.name}`);
  return names;
}
