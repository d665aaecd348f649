import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { generateInstance } from "./instance-generator";
import { nowIso } from "~/utils/time.server";

/** Inserts rows in batches: thousands of single inserts would make the setup the slow part. */
async function insertBatched<T extends keyof Database & string>(
  db: Kysely<Database>,
  table: T,
  rows: Record<string, unknown>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + 200) as never)
      .execute();
}

/**
 * `n` individual nominations on public notice in the category, a notice that ended on 2018-10-05,
 * no objection: the state in which the admin's publication form is accepted. Written directly.
 */
export async function bigListOnNotice(
  db: Kysely<Database>,
  competitionId: number,
  categoryId: number,
  orgId: number,
  n: number,
): Promise<void> {
  const now = nowIso();
  const nominations = Array.from({ length: n }, (_, i) => ({
    competition_id: competitionId,
    category_id: categoryId,
    org_id: orgId,
    ref: `P${String(i).padStart(5, "0")}`,
    kind: "individual",
    status: "on_notice",
    name: `公示人员${i}`,
    gender: i % 2 ? "female" : "male",
    ethnicity: "汉族",
    birth_date: "1979-06-10",
    political_status: "中共党员",
    education: "大专",
    workplace: `陕西某某机械有限公司${i % 50}`,
    post: "班组长",
    occupation_group: "frontline",
    migrant: 0,
    sector: "state",
    id_number_enc: null,
    id_number_hash: null,
    id_number_masked: null,
    phone_enc: null,
    phone_masked: null,
    summary: "扎根一线，成绩突出。",
    deeds: "主要事迹。",
    version: 1,
    created_at: now,
    updated_at: now,
    submitted_at: now,
  }));
  await insertBatched(db, "nominations", nominations);
  const ids = await db
    .selectFrom("nominations")
    .select("id")
    .where("category_id", "=", categoryId)
    .where("status", "=", "on_notice")
    .orderBy("id")
    .execute();
  await insertBatched(
    db,
    "proposed_entries",
    ids.map((r, i) => ({
      category_id: categoryId,
      nomination_id: r.id,
      rank: i + 1,
      score: 90,
      tied: 0,
      proposed: 1,
      position: i + 1,
      override_reason: null,
    })),
  );
  await db
    .insertInto("notices")
    .values({
      competition_id: competitionId,
      starts_on: "2018-10-01",
      ends_on: "2018-10-05",
      days: 5,
      unit: "calendar",
      opened_by: null,
      opened_at: now,
    })
    .execute();
  await db.updateTable("competitions").set({ stage: "notice" }).where("id", "=", competitionId).execute();
}

/** A national-scale registry with no pairings yet: `match --apply` then makes about 1,500 pairings. */
export async function bigRegistry(db: Kysely<Database>): Promise<void> {
  const now = nowIso();
  const instance = generateInstance({
    counties: 832,
    deep: 334,
    workers: 3000,
    units: 600,
    skills: 12,
    cities: 50,
    seed: 1,
    pairings: 0,
  });
  await insertBatched(
    db,
    "counties",
    instance.counties.map((c) => ({
      code: c.code,
      name: `县${c.code}`,
      city: c.city,
      poverty_level: c.poverty_level,
      exited_year: null,
      needs: c.needs.join(";"),
      created_at: now,
      updated_at: now,
    })),
  );
  await insertBatched(
    db,
    "helpers",
    instance.helpers.map((h) => ({
      ref: h.id,
      kind: h.kind,
      name: `劳模${h.id}`,
      city: h.city,
      skills: h.skills.join(";"),
      capacity: h.capacity,
      level: null,
      title: null,
      year: null,
      ownership: null,
      workplace: null,
      contact_enc: null,
      contact_masked: null,
      org_id: null,
      nomination_id: null,
      revoked_at: null,
      created_at: now,
      updated_at: now,
    })),
  );
}
