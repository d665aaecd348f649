/** A city's name and the code of one of its counties: enough to place the city. */
export interface CityCounty {
  city: string;
  code: string;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Compares city names by region code (西安 6101 before 铜川 6102 … 商洛 6110), the order of the
 * statistical yearbooks and of every list of Shaanxi's cities staff know: a city goes where its
 * smallest county code puts it. A city with no known county goes last, by name. The one ordering
 * of cities: the registry and the statistics both sort with it.
 */
export function compareCities(counties: readonly CityCounty[]): (a: string, b: string) => number {
  const first = new Map<string, string>();
  for (const { city, code } of counties) {
    const known = first.get(city);
    if (known === undefined || code < known) first.set(city, code);
  }
  return (a, b) => {
    const x = first.get(a);
    const y = first.get(b);
    if (x !== undefined && y !== undefined) return byText(x, y) || byText(a, b);
    if (x !== undefined || y !== undefined) return x !== undefined ? -1 : 1;
    return byText(a, b);
  };
}
