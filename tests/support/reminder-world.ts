import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Role } from "../../app/domain/org-vocabulary";
import type { Stage } from "../../app/domain/competitions/vocabulary";
import type { NominationStatus } from "../../app/domain/nominations/vocabulary";
import type { SheetStatus } from "../../app/domain/judging/vocabulary";
import type { ReportStatus } from "../../app/domain/contest/scheme";
import type { ParticipantStatus } from "../../app/domain/contest/vocabulary";
import { insertGroup, insertPeriod, openContest } from "./contest-rows";

/**
 * Rows for the reminder scan, written straight into the tables (the reminder tests and the
 * reminders bench): users with a role, competitions at a stage with a planned end, nominations,
 * judges' assignments and sheets, a contest period with participants and reports, a notice.
 * Many rows go in per statement, so the bench's 100,000 sheets load in seconds.
 */

const AT = "2026-11-01T00:00:00.000Z";
const ROWS_PER_INSERT = 400;

async function insertMany<T extends keyof Database & string>(
  db: Kysely<Database>,
  table: T,
  rows: readonly Record<string, unknown>[],
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    // Untyped here: the helpers below spell out each table's columns.
    const out = await (db as Kysely<any>)
      .insertInto(table)
      .values(rows.slice(i, i + ROWS_PER_INSERT))
      .returning("id")
      .execute();
    ids.push(...out.map((r: { id: number }) => r.id));
  }
  return ids;
}

export interface UserSpec {
  orgId: number;
  role?: Role;
  email?: string | null;
  language?: "zh-CN" | "en";
  active?: boolean;
}

let seq = 0;

/** Users with one role each at their org (no password: they never sign in here). */
export async function insertUsers(db: Kysely<Database>, specs: readonly UserSpec[]): Promise<number[]> {
  const ids = await insertMany(
    db,
    "users",
    specs.map((s) => ({
      username: `r${++seq}`,
      display_name: `用户${seq}`,
      password_hash: null,
      org_id: s.orgId,
      is_active: s.active === false ? 0 : 1,
      session_epoch: 0,
      email: s.email ?? null,
      mail_language: s.language ?? "zh-CN",
      created_at: AT,
    })),
  );
  const grants = specs.flatMap((s, i) =>
    s.role ? [{ user_id: ids[i], org_id: s.orgId, role: s.role, granted_by: null, created_at: AT }] : [],
  );
  await insertMany(db, "role_grants", grants);
  return ids;
}

export async function insertUser(db: Kysely<Database>, spec: UserSpec): Promise<number> {
  return (await insertUsers(db, [spec]))[0];
}

export async function insertOrgs(db: Kysely<Database>, parentPath: string, names: readonly string[]) {
  const parentId = Number(parentPath.split("/").filter(Boolean).pop());
  const ids = await insertMany(
    db,
    "orgs",
    names.map((name) => ({
      name,
      kind: "grassroots",
      region_code: null,
      parent_id: parentId,
      path: "/",
      created_at: AT,
    })),
  );
  for (const id of ids)
    await db
      .updateTable("orgs")
      .set({ path: `${parentPath}${id}/` })
      .where("id", "=", id)
      .execute();
  return ids;
}

/** A competition at `stage`, whose plan for that stage ends on `endsOn`; with one category. */
export async function insertCompetition(
  db: Kysely<Database>,
  o: { orgId: number; title: string; stage: Stage; endsOn: string | null },
): Promise<{ competitionId: number; categoryId: number }> {
  const { id } = await db
    .insertInto("competitions")
    .values({
      org_id: o.orgId,
      title: o.title,
      year: 2026,
      description: "",
      stage: o.stage,
      notice_days: 5,
      notice_unit: "working",
      copied_from_id: null,
      created_at: AT,
      updated_at: AT,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("competition_stages")
    .values({
      competition_id: id,
      stage: o.stage,
      starts_on: "2026-11-01",
      ends_on: o.endsOn,
      entered_at: AT,
    })
    .execute();
  const category = await db
    .insertInto("categories")
    .values({
      competition_id: id,
      position: 0,
      name: "先进个人",
      kind: "individual",
      quota: 10,
      aggregation: "mean",
      judges_per_nomination: null,
      blind: 1,
      honor_level: null,
      honor_title: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { competitionId: id, categoryId: category.id };
}

/** Nominations with nothing private in them; the reminders only count them. */
export function insertNominations(
  db: Kysely<Database>,
  c: { competitionId: number; categoryId: number },
  rows: readonly { orgId: number; status: NominationStatus }[],
): Promise<number[]> {
  return insertMany(
    db,
    "nominations",
    rows.map((r) => ({
      competition_id: c.competitionId,
      category_id: c.categoryId,
      org_id: r.orgId,
      ref: `N${++seq}`,
      kind: "individual",
      status: r.status,
      name: `候选人${seq}`,
      gender: null,
      ethnicity: null,
      birth_date: null,
      political_status: null,
      education: null,
      workplace: null,
      post: null,
      occupation_group: null,
      migrant: null,
      sector: null,
      id_number_enc: null,
      id_number_hash: null,
      id_number_masked: null,
      phone_enc: null,
      phone_masked: null,
      collective_kind: null,
      member_count: null,
      leader: null,
      summary: "",
      deeds: "",
      version: 1,
      created_by: null,
      created_at: AT,
      updated_at: AT,
      submitted_at: null,
    })),
  );
}

export function insertPanelMembers(db: Kysely<Database>, categoryId: number, userIds: readonly number[]) {
  return insertMany(
    db,
    "panel_members",
    userIds.map((u) => ({
      category_id: categoryId,
      user_id: u,
      display_name: `评委${u}`,
      external: 0,
      added_at: AT,
    })),
  );
}

/** Assignments, and a sheet for those given a status (none: the judge has not opened it). */
export async function insertAssignments(
  db: Kysely<Database>,
  categoryId: number,
  rows: readonly { memberId: number; nominationId: number; sheet?: SheetStatus }[],
): Promise<void> {
  await insertMany(
    db,
    "judge_assignments",
    rows.map((r) => ({
      panel_member_id: r.memberId,
      nomination_id: r.nominationId,
      manual: 0,
      assigned_at: AT,
    })),
  );
  await insertMany(
    db,
    "score_sheets",
    rows.flatMap((r) =>
      r.sheet
        ? [
            {
              category_id: categoryId,
              nomination_id: r.nominationId,
              panel_member_id: r.memberId,
              status: r.sheet,
              points_json: "[80]",
              total: 80,
              comment: "",
              version: 1,
              updated_at: AT,
              submitted_at: r.sheet === "submitted" ? AT : null,
            },
          ]
        : [],
    ),
  );
}

/** A contest with one group and one reporting period, for a competition at `running`. */
export async function insertContestPeriod(
  db: Kysely<Database>,
  competitionId: number,
  window: { opensOn: string; closesOn: string; label?: string },
): Promise<{ groupId: number; periodId: number }> {
  await openContest(db, competitionId);
  const groupId = await insertGroup(db, competitionId, 0, "甲组");
  const periodId = await insertPeriod(db, competitionId, 0, {
    label: window.label ?? "第一季度",
    opens: window.opensOn,
    closes: window.closesOn,
    from: "2026-10-01",
    to: "2026-12-31",
  });
  return { groupId, periodId };
}

export function insertParticipants(
  db: Kysely<Database>,
  competitionId: number,
  groupId: number,
  rows: readonly { orgId: number; status: ParticipantStatus }[],
): Promise<number[]> {
  return insertMany(
    db,
    "contest_participants",
    rows.map((r) => ({
      competition_id: competitionId,
      org_id: r.orgId,
      group_id: groupId,
      status: r.status,
      awaiting_org_id: null,
      reason: null,
      applied_by: null,
      admitted_at: r.status === "admitted" ? AT : null,
      created_at: AT,
      updated_at: AT,
    })),
  );
}

export function insertReports(
  db: Kysely<Database>,
  periodId: number,
  rows: readonly { participantId: number; status: ReportStatus }[],
): Promise<number[]> {
  return insertMany(
    db,
    "contest_reports",
    rows.map((r) => ({
      participant_id: r.participantId,
      period_id: periodId,
      status: r.status,
      note: "",
      late: 0,
      late_consented_by: null,
      late_consented_at: null,
      return_reason: null,
      submitted_by: null,
      submitted_at: null,
      verified_by: null,
      verified_at: null,
      created_at: AT,
      updated_at: AT,
    })),
  );
}

export async function insertNotice(
  db: Kysely<Database>,
  competitionId: number,
  startsOn: string,
  endsOn: string,
) {
  await db
    .insertInto("notices")
    .values({
      competition_id: competitionId,
      starts_on: startsOn,
      ends_on: endsOn,
      days: 5,
      unit: "working",
      opened_by: null,
      opened_at: AT,
    })
    .execute();
}
