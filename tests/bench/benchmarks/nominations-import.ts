import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { createDatabase } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import { CompetitionTemplateSchema } from "../../../app/domain/competitions/template";
import { idCheckChar } from "../../../app/domain/nominations/id-number";
import { seededRandom } from "../../../app/domain/seeded-random";
import { SYSTEM_ACTOR } from "../../../app/models/audit.server";
import { createCompetition } from "../../../app/models/competition.server";
import { importNominations, NOMINATION_COLUMNS } from "../../../app/models/nomination-import.server";
import { createOrg } from "../../../app/models/org.server";
import { readSheet } from "../../../app/utils/sheet.server";
import { round, type Benchmark, type BenchOptions } from "../lib/benchmark";

const ROWS = 5000;
const ORGS = 20;
const CATEGORY = "先进个人";
const SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗";
const GIVEN = "建国红梅志强秀英海燕伟明丽华春生文军桂兰小平";

/** A valid 18-digit ID number whose birth date and sex agree with the row. */
function idNumber(region: string, birth: string, seq: number, male: boolean): string {
  const third = (seq % 5) * 2 + (male ? 1 : 0);
  const body = `${region}${birth.replaceAll("-", "")}${String(Math.floor(seq / 5) % 100).padStart(2, "0")}${third}`;
  return body + idCheckChar(body);
}

/** `ROWS` valid individual nominations spread over the orgs, from a seeded generator. */
function records(orgs: string[]): Record<string, string>[] {
  const rand = seededRandom(2018);
  const pick = (s: string) => s[Math.floor(rand() * s.length)];
  const out: Record<string, string>[] = [];
  for (let i = 0; i < ROWS; i++) {
    const male = rand() < 0.6;
    // Each row its own birth date and sequence, so no two rows carry the same ID number.
    const day = new Date(Date.UTC(1960, 0, 1) + i * 86_400_000 * 3);
    const birth = day.toISOString().slice(0, 10);
    out.push({
      ref: `B-${String(i + 1).padStart(5, "0")}`,
      category: CATEGORY,
      nominating_org: orgs[i % orgs.length],
      kind: "individual",
      name: pick(SURNAMES) + pick(GIVEN) + pick(GIVEN),
      gender: male ? "男" : "女",
      ethnicity: "汉族",
      birth_date: birth,
      political_status: "中共党员",
      education: "大专",
      workplace: "某机械有限公司",
      post: "数控车工",
      occupation_group: rand() < 0.7 ? "一线职工" : "专业技术人员",
      migrant: rand() < 0.2 ? "是" : "否",
      id_number: idNumber("610102", birth, i, male),
      phone: `138${String(Math.floor(rand() * 1e8)).padStart(8, "0")}`,
      member_count: "",
      leader: "",
      deeds: "扎根一线二十年，攻克技术难题三十余项，带出徒弟五十余人。".repeat(3),
      sector: "国有企业",
      summary: "",
    });
  }
  return out;
}

async function xlsxOf(recs: Record<string, string>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("nominations");
  ws.addRow(NOMINATION_COLUMNS.map((c) => c.zh));
  for (const r of recs) ws.addRow(NOMINATION_COLUMNS.map((c) => r[c.key] ?? ""));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * A 5,000-row XLSX of valid individual nominations (20 nominating orgs, 250 places each) read
 * with readSheet and imported with importNominations into a fresh SQLite database, as the
 * upload page and `laurel nominations import` do. Reports read and import times apart.
 */
const nominationsImport: Benchmark = {
  name: "nominations-import",
  summary: `read and import a ${ROWS}-row nominations XLSX into a fresh SQLite database`,
  target: { metric: "seconds", value: 10, direction: "at most" },
  async run({ log }: BenchOptions) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-bench-import-"));
    const db = createDatabase({ dialect: "sqlite", file: path.join(dir, "laurel.db") });
    try {
      await migrateToLatest(db);
      const province = await db.transaction().execute((trx) =>
        createOrg(trx, SYSTEM_ACTOR, null, {
          name: "基准省总工会",
          kind: "provincial",
          regionCode: "610000",
        }),
      );
      const orgs: string[] = [];
      for (let i = 1; i <= ORGS; i++)
        orgs.push(
          (
            await db.transaction().execute((trx) =>
              createOrg(trx, SYSTEM_ACTOR, province, {
                name: `基准第${i}市总工会`,
                kind: "city",
                regionCode: null,
              }),
            )
          ).name,
        );
      const template = CompetitionTemplateSchema.parse({
        title: "基准竞赛",
        year: 2018,
        organizer: province.name,
        categories: [
          {
            name: CATEGORY,
            kind: "individual",
            quota: ROWS,
            criteria: [{ title: "事迹突出", max_points: 100 }],
            allocations: orgs.map((org) => ({ org, nominations: ROWS / ORGS })),
          },
        ],
      });
      const competitionId = await db
        .transaction()
        .execute((trx) => createCompetition(trx, SYSTEM_ACTOR, province, template));
      await db
        .updateTable("competitions")
        .set({ stage: "nominating" })
        .where("id", "=", competitionId)
        .execute();
      const bytes = await xlsxOf(records(orgs));
      log(`Importing ${ROWS} rows (${(bytes.length / 1024).toFixed(0)} KB XLSX) …`);

      const started = performance.now();
      const cpuStart = process.cpuUsage();
      const rows = await readSheet(bytes);
      const read = performance.now();
      const report = await importNominations(
        db,
        SYSTEM_ACTOR,
        crypto.randomBytes(32),
        { competitionId, categoryName: CATEGORY },
        rows,
        { today: "2026-01-01" },
      );
      const done = performance.now();
      const cpu = process.cpuUsage(cpuStart);
      if (report.imported !== ROWS)
        throw new Error(
          `imported ${report.imported} of ${ROWS}: ${JSON.stringify(report.issues.slice(0, 3))}`,
        );
      return {
        rows: ROWS,
        xlsx_kb: Math.round(bytes.length / 1024),
        read_seconds: round((read - started) / 1000, 2),
        import_seconds: round((done - read) / 1000, 2),
        seconds: round((done - started) / 1000, 2),
        cpu_seconds: round((cpu.user + cpu.system) / 1e6, 2),
        rows_per_second: Math.round(ROWS / ((done - started) / 1000)),
      };
    } finally {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default nominationsImport;
