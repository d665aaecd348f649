import type { Transaction } from "kysely";
import type { Database } from "../db/schema";
import type { HelperKind, Ownership, PovertyLevel } from "../app/domain/registry/vocabulary";
import { parseCsv } from "../app/domain/csv";
import { parseTags } from "../app/domain/registry/tags";
import { personName, seeded } from "./people";
import { demoFile } from "./load";

const CITIES = [
  "西安市",
  "铜川市",
  "宝鸡市",
  "咸阳市",
  "渭南市",
  "延安市",
  "汉中市",
  "榆林市",
  "安康市",
  "商洛市",
];
const UNIT_STEMS = ["电力", "建工", "煤业", "石化", "农发", "机械", "交通", "水务", "医药", "食品"];
const UNIT_KINDS = ["集团有限公司", "有限责任公司", "股份有限公司"];
const OWNERSHIPS: Ownership[] = ["central_soe", "local_soe", "local_soe", "private", "other"];
const EXTRA_SKILLS = ["技能培训", "电商", "乡村旅游", "劳务输出", "农产品加工"];
const WORKERS = 180;
const UNITS = 70;
/** Counties left without any pairing, so the dashboard shows gaps and the matcher has work. */
const LEFT_OPEN = 9;

interface DemoCounty {
  code: string;
  city: string;
  level: PovertyLevel;
  needs: string[];
}

async function loadCounties(
  trx: Transaction<Database>,
  now: string,
): Promise<(DemoCounty & { id: number })[]> {
  const [header, ...rows] = parseCsv(demoFile("shaanxi-poverty-counties.csv"));
  const at = (r: string[], name: string) => r[header.indexOf(name)].trim();
  const out: (DemoCounty & { id: number })[] = [];
  for (const r of rows) {
    const county = {
      code: at(r, "code"),
      name: at(r, "name"),
      city: at(r, "city"),
      poverty_level: at(r, "poverty_level") as PovertyLevel,
      exited_year: at(r, "exited_year") ? Number(at(r, "exited_year")) : null,
      needs: parseTags(at(r, "needs")).join(";"),
      created_at: now,
      updated_at: now,
    };
    const { id } = await trx.insertInto("counties").values(county).returning("id").executeTakeFirstOrThrow();
    out.push({
      id,
      code: county.code,
      city: county.city,
      level: county.poverty_level,
      needs: parseTags(county.needs),
    });
  }
  return out;
}

/**
 * Demo registry: the Shaanxi counties of seed/, 180 model workers and 70 units (seeded,
 * synthetic), and pairings that cover most counties: deep counties get units, poverty counties
 * a helper or two from their own city, and a few counties are left open for the matcher.
 */
export async function loadRegistryDemo(trx: Transaction<Database>): Promise<void> {
  const rng = seeded(606);
  const now = new Date().toISOString();
  const counties = await loadCounties(trx, now);
  const allNeeds = [...new Set(counties.flatMap((c) => c.needs)), ...EXTRA_SKILLS];
  const helpers: { id: number; kind: HelperKind; city: string; capacity: number; used: number }[] = [];
  for (let i = 0; i < UNITS + WORKERS; i++) {
    const kind: HelperKind = i < UNITS ? "unit" : "worker";
    const city = rng.next() < 0.3 ? "西安市" : rng.pick(CITIES);
    const skills = [
      ...new Set([rng.pick(allNeeds), rng.pick(allNeeds), ...(rng.next() < 0.5 ? [rng.pick(allNeeds)] : [])]),
    ];
    const values = {
      ref: `${kind === "unit" ? "DW" : "LM"}${String(i + 1).padStart(4, "0")}`,
      kind,
      name:
        kind === "unit"
          ? `陕西${rng.pick(UNIT_STEMS)}${rng.pick(UNIT_KINDS)}${city.slice(0, 2)}分公司`
          : personName(rng),
      city,
      skills: skills.join(";"),
      capacity: kind === "unit" ? rng.int(2, 4) : rng.int(1, 2),
      level: kind === "worker" ? rng.pick(["national", "provincial", "provincial", "city"] as const) : null,
      title: kind === "worker" ? "劳动模范" : "模范集体",
      year: rng.int(2005, 2018),
      ownership: kind === "unit" ? rng.pick(OWNERSHIPS) : null,
      workplace: kind === "worker" ? `${city}${rng.pick(UNIT_STEMS)}公司` : null,
      created_at: now,
      updated_at: now,
    };
    const { id } = await trx.insertInto("helpers").values(values).returning("id").executeTakeFirstOrThrow();
    helpers.push({ id, kind, city, capacity: values.capacity, used: 0 });
  }
  const open = new Set(
    counties
      .filter((c) => c.level === "poverty")
      .map((c) => c.code)
      .filter(() => rng.next() < 0.25)
      .slice(0, LEFT_OPEN),
  );
  for (const county of counties) {
    if (open.has(county.code)) continue;
    const kind: HelperKind | null = county.level === "deep" ? "unit" : null;
    // One deep county stops a unit short, so a deep gap shows too.
    const wanted = county.level === "deep" ? (county.code === "610830" ? 2 : 3) : rng.int(1, 2);
    const near = helpers.filter(
      (h) => h.used < h.capacity && (!kind || h.kind === kind) && h.city === county.city,
    );
    const far = helpers.filter(
      (h) => h.used < h.capacity && (!kind || h.kind === kind) && h.city !== county.city,
    );
    for (const h of [...near, ...far].slice(0, wanted)) {
      h.used++;
      const tier = rng.pick(["province", "city", "county"] as const);
      await trx
        .insertInto("pairings")
        .values({
          helper_id: h.id,
          county_id: county.id,
          tier,
          started_on: `2018-0${rng.int(3, 9)}-1${rng.int(0, 9)}`,
          created_at: now,
        })
        .execute();
    }
  }
}
