import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import type { Kysely } from "kysely";
import { createDatabase } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import { loadDemo } from "../../../seed/load";
import type { Database } from "../../../db/schema";
import { termsOf } from "../../../app/domain/honors/search-terms";

/**
 * The honor-roll benchmarks' data: the demo, plus LISTS published lists of PER_LIST honorees each
 * (1,000,000 in all), written straight into SQLite with prepared statements — the public pages
 * read only the denormalized honorees table, so the synthetic rows point at nominations that do
 * not exist (foreign keys are off on the loading connection only). Seeded: every run is the same.
 */
export const LISTS = 2000;
export const PER_LIST = 500;

const SURNAMES = [
  ..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤",
];
const GIVEN = [
  ..."伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建林峰国成斌志新亮宇波宁浩凯飞健欣颖婷雪琳晨阳东海龙云",
];
const PLACES = ["西安", "宝鸡", "咸阳", "渭南", "延安", "汉中", "榆林", "安康", "商洛", "铜川", "杨凌"];
const TRADES = [
  "石油机械",
  "煤业化工",
  "电力",
  "建工",
  "有色金属",
  "重型机械",
  "纺织",
  "航空",
  "汽车",
  "医药",
  "铁路",
  "通信",
  "水务",
  "燃气",
  "钢铁",
  "农业科技",
  "电子",
  "热电",
  "建材",
  "物流",
];
const SUFFIXES = ["有限公司", "集团有限公司", "股份有限公司", "有限责任公司", "分公司"];
const REGIONS = [
  "610100",
  "610200",
  "610300",
  "610400",
  "610500",
  "610600",
  "610700",
  "610800",
  "610900",
  "611000",
  "611100",
];

function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface HonorsBenchData {
  db: Kysely<Database>;
  /** A published list and the category shown by the page under test. */
  competitionId: number;
  categoryId: number;
  /** Names and workplace fragments that occur, for the search benchmark. */
  queries: string[];
  total: number;
  /** Closes this benchmark's connection; the file stays for the next one. */
  close(): Promise<void>;
}

function loadRolls(
  file: string,
  provinceId: number,
  rnd: () => number,
): { competitionId: number; categoryId: number; queries: string[]; total: number } {
  const raw = new SQLite(file);
  raw.pragma("foreign_keys = OFF");
  raw.pragma("synchronous = OFF");
  const now = new Date().toISOString();
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];
  const comp = raw.prepare(
    "insert into competitions (org_id, title, year, description, stage, notice_days, notice_unit, created_at, updated_at) values (?, ?, ?, '', 'published', 5, 'working', ?, ?)",
  );
  const cat = raw.prepare(
    "insert into categories (competition_id, position, name, kind, quota, aggregation, blind) values (?, 1, '先进个人', 'individual', ?, 'mean', 0)",
  );
  const pub = raw.prepare(
    "insert into publications (competition_id, doc_number, published_on, publishing_org_id, digest, canonical, published_at) values (?, ?, ?, ?, ?, '', ?)",
  );
  const hon = raw.prepare(
    "insert into honorees (publication_id, competition_id, category_id, nomination_id, position, kind, name, gender, workplace, post, org_name, region_code, year, competition_title, category_name, summary, doc_number, published_on, publishing_org, revoked) values (?, ?, ?, ?, ?, 'individual', ?, ?, ?, '技术员', ?, ?, ?, ?, '先进个人', ?, ?, ?, '陕西省总工会', 0)",
  );
  const term = raw.prepare("insert or ignore into honoree_terms (term, honoree_id) values (?, ?)");
  const queries: string[] = [];
  let first = { competitionId: 0, categoryId: 0 };
  let nomination = 10_000_000;
  raw.transaction(() => {
    for (let l = 0; l < LISTS; l++) {
      const year = 2000 + (l % 25);
      const title = `${year}年度全省劳动竞赛第${l + 1}批`;
      const c = Number(comp.run(provinceId, title, year, now, now).lastInsertRowid);
      const k = Number(cat.run(c, PER_LIST).lastInsertRowid);
      const doc = `陕工发〔${year}〕${l + 1}号`;
      const p = Number(pub.run(c, doc, `${year}-12-01`, provinceId, "0".repeat(64), now).lastInsertRowid);
      if (l === 0) first = { competitionId: c, categoryId: k };
      for (let i = 1; i <= PER_LIST; i++) {
        const name = pick(SURNAMES) + pick(GIVEN) + (rnd() < 0.6 ? pick(GIVEN) : "");
        const workplace = `${pick(PLACES)}${pick(TRADES)}${pick(SUFFIXES)}`;
        const region = pick(REGIONS);
        const h = Number(
          hon.run(
            p,
            c,
            k,
            ++nomination,
            i,
            name,
            rnd() < 0.4 ? "female" : "male",
            workplace,
            `${region}市总工会`,
            region,
            year,
            title,
            `${name}在岗位上成绩突出。`,
            doc,
            `${year}-12-01`,
          ).lastInsertRowid,
        );
        for (const t of termsOf(name, workplace)) term.run(t, h);
        if (rnd() < 0.002) queries.push(rnd() < 0.7 ? name.slice(0, 2) : workplace.slice(2, 6));
      }
    }
  })();
  raw.pragma("analysis_limit = 1000");
  raw.exec("analyze");
  raw.close();
  return { ...first, queries, total: LISTS * PER_LIST };
}

let built: Promise<{ file: string; rolls: ReturnType<typeof loadRolls> }> | undefined;

/** Builds the file once per run (a few minutes on a busy 2-core box); removed when the process exits. */
function buildOnce(log: (line: string) => void) {
  built ??= (async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-bench-honors-"));
    process.once("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, "laurel.db");
    const db = createDatabase({ dialect: "sqlite", file });
    try {
      await migrateToLatest(db);
      await loadDemo(db, Buffer.alloc(32, 7));
      const province = await db
        .selectFrom("orgs")
        .select("id")
        .where("parent_id", "is", null)
        .executeTakeFirstOrThrow();
      log(`Writing ${LISTS * PER_LIST} honorees in ${LISTS} published lists …`);
      return { file, rolls: loadRolls(file, province.id, random(20181012)) };
    } finally {
      await db.destroy();
    }
  })();
  return built;
}

/** The demo and the million honorees in SQLite, shared by the honors benchmarks of one run. */
export async function honorsDatabase(log: (line: string) => void): Promise<HonorsBenchData> {
  const { file, rolls } = await buildOnce(log);
  const db = createDatabase({ dialect: "sqlite", file });
  return { db, ...rolls, close: () => db.destroy() };
}
