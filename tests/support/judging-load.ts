import { spawn } from "node:child_process";
import path from "node:path";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { CompetitionTemplateSchema } from "../../app/domain/competitions/template";
import { SYSTEM_ACTOR } from "../../app/models/audit.server";
import { createCompetition, listCategories } from "../../app/models/competition.server";
import { getOrgByName } from "../../app/models/org.server";
import { createServices } from "../../app/utils/context.server";
import { CSRF_COOKIE, newCsrfToken } from "../../app/utils/csrf.server";
import { createSession } from "../../app/models/session.server";
import type { Secrets } from "../../app/utils/secrets.server";

export interface JudgeSession {
  cookie: string;
  csrf: string;
  nominations: number[];
}

export interface JudgingLoad {
  judges: number;
  nominations: number;
  criteria: number;
}

/**
 * A demo database's category in judging with `judges` judges from Baoji, each assigned all of
 * `nominations` nominations from Xi'an (no conflicts), and a signed-in session per judge: what
 * the judge client (judge-client.mjs) needs to submit sheets over HTTP.
 */
export async function seedJudgingLoad(
  db: Kysely<Database>,
  secrets: Secrets,
  { judges: judgeCount, nominations: nominationCount, criteria }: JudgingLoad,
): Promise<{ judges: JudgeSession[]; categoryId: number }> {
  const now = new Date().toISOString();
  const province = (await getOrgByName(db, "陕西省总工会"))!;
  const xian = (await getOrgByName(db, "西安市总工会"))!;
  const baoji = (await getOrgByName(db, "宝鸡市总工会"))!;
  const template = CompetitionTemplateSchema.parse({
    title: "评审压力测试",
    year: 2026,
    organizer: province.name,
    categories: [
      {
        name: "先进个人",
        kind: "individual",
        quota: 50,
        criteria: Array.from({ length: criteria }, (_, i) => ({ title: `标准${i + 1}`, max_points: 12.5 })),
        allocations: [{ org: xian.name, nominations: nominationCount }],
      },
    ],
  });
  const competitionId = await db
    .transaction()
    .execute((trx) => createCompetition(trx, SYSTEM_ACTOR, province, template));
  await db.updateTable("competitions").set({ stage: "judging" }).where("id", "=", competitionId).execute();
  const [category] = await listCategories(db, competitionId);
  const nominationIds: number[] = [];
  for (let i = 0; i < nominationCount; i++) {
    const { id } = await db
      .insertInto("nominations")
      .values({
        competition_id: competitionId,
        category_id: category.id,
        org_id: xian.id,
        ref: `B${String(i).padStart(4, "0")}`,
        kind: "individual",
        status: "eligible",
        name: `候选人${i}`,
        gender: "male",
        ethnicity: "汉族",
        birth_date: "1980-01-01",
        political_status: null,
        education: null,
        workplace: "某厂",
        post: "工人",
        occupation_group: "frontline",
        migrant: 0,
        sector: null,
        id_number_enc: null,
        id_number_hash: null,
        id_number_masked: null,
        phone_enc: null,
        phone_masked: null,
        collective_kind: null,
        member_count: null,
        leader: null,
        summary: "事迹",
        deeds: "主要事迹",
        version: 1,
        created_by: null,
        created_at: now,
        updated_at: now,
        submitted_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    nominationIds.push(id);
  }
  const services = createServices(db, secrets, true);
  const judges: JudgeSession[] = [];
  for (let j = 0; j < judgeCount; j++) {
    const { id: userId } = await db
      .insertInto("users")
      .values({
        username: `benchjudge${j}`,
        display_name: `压测评委${j}`,
        password_hash: null,
        org_id: baoji.id,
        is_active: 1,
        session_epoch: 1,
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("role_grants")
      .values({ user_id: userId, org_id: province.id, role: "judge", granted_by: null, created_at: now })
      .execute();
    const { id: memberId } = await db
      .insertInto("panel_members")
      .values({
        category_id: category.id,
        user_id: userId,
        display_name: `压测评委${j}`,
        external: 0,
        added_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("judge_assignments")
      .values(
        nominationIds.map((n) => ({
          panel_member_id: memberId,
          nomination_id: n,
          manual: 0,
          assigned_at: now,
        })),
      )
      .execute();
    const session = await services.sessionCookie.serialize(await createSession(db, userId, 1));
    const csrf = newCsrfToken(secrets.sessionSecret);
    judges.push({
      cookie: `${session.split(";")[0]}; ${CSRF_COOKIE}=${csrf}`,
      csrf,
      nominations: [...nominationIds],
    });
  }
  return { judges, categoryId: category.id };
}

const CLIENT = path.join(import.meta.dirname, "judge-client.mjs");

export interface JudgeClientConfig {
  url: string;
  judges: JudgeSession[];
  criteria: number;
  /** Stop after this long, even with sheets left. */
  seconds: number;
  /** GET /healthz instead of submitting: the bare-route baseline. */
  bare?: boolean;
}

export interface JudgeClientResult {
  /** Sheets submitted (answered with a redirect), or health checks answered 200. */
  ok: number;
  failed: number;
  seconds: number;
  /** The client's own CPU time. */
  cpuMs: number;
  p50: number;
  p99: number;
}

/** Runs the judge client in its own process (so that it never shares an event loop with a server) and returns its count. */
export function runJudgeClient(config: JudgeClientConfig): Promise<JudgeClientResult> {
  return new Promise((resolve, reject) => {
    // On standard input: 50 judges' cookies and nominations outgrow what one environment variable may hold.
    const child = spawn(process.execPath, [CLIENT], { stdio: ["pipe", "pipe", "pipe"] });
    child.stdin.end(JSON.stringify(config));
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
