/** Random tiny registries (≤ 4 counties × ≤ 6 helpers) for checking the matcher by brute force. */
import { seededRandom } from "~/domain/seeded-random";
import type { PairingRef, RegistryCounty, RegistryHelper } from "~/domain/registry/registry-types";

export function tinyInstance(seed: number) {
  const rand = seededRandom(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const tags = ["苹果", "电商", "旅游"];
  const pickTags = () => tags.filter(() => rand() < 0.4);
  const helpers: RegistryHelper[] = [...Array(2 + int(5)).keys()].map((i) => ({
    id: `H${i}`,
    kind: rand() < 0.5 ? "unit" : "worker",
    city: rand() < 0.5 ? "西安市" : "安康市",
    skills: pickTags(),
    capacity: int(4),
  }));
  const levels = ["deep", "deep", "poverty", "none"] as const;
  const counties: RegistryCounty[] = [...Array(1 + int(4)).keys()].map((i) => ({
    code: `61090${i}`,
    city: rand() < 0.5 ? "西安市" : "安康市",
    poverty_level: levels[int(4)],
    needs: pickTags(),
  }));
  const pairings: PairingRef[] = [];
  for (const h of helpers) {
    for (const c of counties) if (rand() < 0.15) pairings.push({ helper_id: h.id, county_code: c.code });
  }
  return { helpers, counties, pairings };
}
