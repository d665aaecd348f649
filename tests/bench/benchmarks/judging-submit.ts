import { spawn } from "node:child_process";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { CompetitionTemplateSchema } from "../../../app/domain/competitions/template";
import { SYSTEM_ACTOR } from "../../../app/models/audit.server";
import { createCompetition, listCategories } from "../../../app/models/competition.server";
import { getOrgByName } from "../../../app/models/org.server";
import { createServices } from "../../../app/utils/context.server";
import { CSRF_COOKIE, newCsrfToken } from "../../../app/utils/csrf.server";
import type { Secrets } from "../../../app/utils/secrets.server";
import { round, type Benchmark, type BenchOptions } from "../lib/benchmark";
import { demoDatabase } from "../lib/database";
import { benchSecrets, startLaurel } from "../lib/server";

const JUDGES = 50;
const NOMINATIONS = 400;
const CRITERIA = 8;

interface Judge {
  cookie: string;
  csrf: string;
  nominations: number[];
}

/** A category in judging, 50 judges from Baoji scoring 400 nominations from Xi'an: no conflicts. */
async function seed(db: Kysely<Database>, secrets: Secrets): Promise<{ judges: Judge[]; categoryId: number }> {
  const now = new Date().toISOString();
  const province = (await getOrgByName(db, "陕西省总工会"))!;
  const xian = (await getOrgByName(db, "西安市总工会"))!;
  const baoji = (await getOrgByName(db, "宝鸡市总工会"))!;
  const template = CompetitionTemplateSchema.parse({
    title: "评审压力测试",
    year: 2026,
    organizer: province.name,
    categories: [{ name: "先进个人", kind: "individual", quota: 50, criteria: Array.from({ length: CRITERIA }, (_, i) => ({ title: `标准${i + 1}`, max_points: 12.5 })), allocations: [{ org: xian.name, nominations: NOMINATIONS }] }],
  });
  const competitionId = await db.transaction().execute((trx) => createCompetition(trx, SYSTEM_ACTOR, province, template));
  await db.updateTable("competitions").set({ stage: "judging" }).where("id", "=", competitionId).execute();
  const [category] = await listCategories(db, competitionId);
  const nominationIds: number[] = [];
  for (let i = 0; i < NOMINATIONS; i++) {
    const { id } = await db
      .insertInto("nominations")
      .values({
        competition_id: competitionId, category_id: category.id, org_id: xian.id, ref: `B${String(i).padStart(4, "0")}`, kind: "individual", status: "eligible", name: `候选人${i}`,
        gender: "male", ethnicity: "汉族", birth_date: "1980-01-01", political_status: null, education: null, workplace: "某厂", post: "工人", occupation_group: "frontline", migrant: 0, sector: null,
        id_number_enc: null, id_number_hash: null, id_number_masked: null, phone_enc: null, phone_masked: null, collective_kind: null, member_count: null, leader: null,
        summary: "事迹", deeds: "主要事迹", version: 1, created_by: null, created_at: now, updated_at: now, submitted_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    nominationIds.push(id);
  }
  const services = createServices(db, secrets, true);
  const judges: Judge[] = [];
  for (let j = 0; j < JUDGES; j++) {
    const { id: userId } = await db.insertInto("users").values({ username: `benchjudge${j}`, display_name: `压测评委${j}`, password_hash: null, org_id: baoji.id, is_active: 1, session_epoch: 1, created_at: now }).returning("id").executeTakeFirstOrThrow();
    await db.insertInto("role_grants").values({ user_id: userId, org_id: province.id, role: "judge", granted_by: null, created_at: now }).execute();
    const { id: memberId } = await db.insertInto("panel_members").values({ category_id: category.id, user_id: userId, display_name: `压测评委${j}`, external: 0, added_at: now }).returning("id").executeTakeFirstOrThrow();
    await db.insertInto("judge_assignments").values(nominationIds.map((n) => ({ panel_member_id: memberId, nomination_id: n, manual: 0, assigned_at: now }))).execute();
    const session = await services.sessions.getSession();
    session.set("userId", userId);
    session.set("epoch", 1);
    session.set("sid", `bench${j}`);
    const csrf = newCsrfToken(secrets.sessionSecret);
    judges.push({ cookie: `${(await services.sessions.commitSession(session)).split(";")[0]}; ${CSRF_COOKIE}=${csrf}`, csrf, nominations: [...nominationIds] });
  }
  return { judges, categoryId: category.id };
}

/**
 * The load client, in a child process so the server keeps this event loop: one async loop per
 * judge, each submitting its sheets one after another; only a redirect (303/302) counts as done.
 */
const CLIENT = `
const cfg = JSON.parse(process.env.BENCH_CONFIG);
const lat = []; let ok = 0, failed = 0;
const deadline = Date.now() + cfg.seconds * 1000;
const points = Array.from({ length: cfg.criteria }, (_, i) => "p" + i + "=" + (5 + (i % 3) * 2.5)).join("&");
async function bare() {
  while (Date.now() < deadline) {
    const t = performance.now();
    const res = await fetch(cfg.url + "/healthz");
    await res.arrayBuffer();
    lat.push(performance.now() - t);
    if (res.status === 200) ok++; else failed++;
  }
}
async function judge(j) {
  if (cfg.bare) return bare();
  for (const id of j.nominations) {
    if (Date.now() >= deadline) return;
    const t = performance.now();
    const body = "_csrf=" + encodeURIComponent(j.csrf) + "&intent=submit&version=0&comment=&" + points;
    const res = await fetch(cfg.url + "/judging/" + id, { method: "POST", body, redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded", cookie: j.cookie, origin: cfg.url } });
    await res.arrayBuffer();
    lat.push(performance.now() - t);
    if (res.status === 302 || res.status === 303) ok++; else { failed++; if (failed < 3) console.error(res.status); }
  }
}
const start = performance.now();
Promise.all(cfg.judges.map(judge)).then(() => {
  const seconds = (performance.now() - start) / 1000;
  lat.sort((a, b) => a - b);
  console.log(JSON.stringify({ ok, failed, seconds, p50: lat[Math.floor(lat.length / 2)] ?? 0, p99: lat[Math.floor(lat.length * 0.99)] ?? 0 }));
});
`;

function runClient(config: object): Promise<{ ok: number; failed: number; seconds: number; p50: number; p99: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", CLIENT], { env: { ...process.env, BENCH_CONFIG: JSON.stringify(config) }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    child.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`load client exited ${code}: ${err}`));
      resolve(JSON.parse(out.trim().split("\n").pop()!));
    });
  });
}

const judgingSubmit: Benchmark = {
  name: "judging-submit",
  summary: `${JUDGES} judges submitting ${CRITERIA}-criterion sheets over HTTP at once; every submitted sheet counted afterwards`,
  target: { metric: "sheets_per_s", value: 500, direction: "at least" },
  async run({ log, seconds }: BenchOptions) {
    const secrets = benchSecrets();
    const database = await demoDatabase(secrets.dataKey, log);
    try {
      log(`Seeding ${JUDGES} judges × ${NOMINATIONS} nominations …`);
      const { judges, categoryId } = await seed(database.db, secrets);
      const laurel = await startLaurel(database.db, secrets, log);
      try {
        log(`Baseline: ${JUDGES} loops on GET /healthz (bare Remix route) for ${seconds} s …`);
        const b = await runClient({ url: laurel.url, judges, seconds, criteria: CRITERIA, bare: true });
        log(`${JUDGES} judges submitting for ${seconds} s …`);
        const cpu = process.cpuUsage();
        const r = await runClient({ url: laurel.url, judges, seconds, criteria: CRITERIA });
        const { user, system } = process.cpuUsage(cpu);
        const counted = Number((await database.db.selectFrom("score_sheets").select((eb) => eb.fn.countAll().as("n")).where("category_id", "=", categoryId).where("status", "=", "submitted").executeTakeFirstOrThrow()).n);
        if (r.failed > 0) throw new Error(`${r.failed} submissions failed`);
        return {
          dialect: database.dialect,
          sheets_per_s: round(r.ok / r.seconds, 1),
          bare_rps: round(b.ok / b.seconds, 1),
          submit_over_bare: round(r.ok / r.seconds / (b.ok / b.seconds), 3),
          submitted: r.ok,
          counted,
          lost: r.ok - counted,
          p50_ms: round(r.p50, 1),
          p99_ms: round(r.p99, 1),
          // The server's own CPU per sheet: what the load client's share of the machine does not blur.
          server_cpu_ms_per_sheet: round((user + system) / 1000 / r.ok, 2),
        };
      } finally {
        await laurel.close();
      }
    } finally {
      await database.close();
    }
  },
};

export default judgingSubmit;
