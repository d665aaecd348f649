import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { DomainError, NotFoundError } from "~/domain/errors";
import {
  OBJECTIONS_PER_HOUR,
  OPEN_OBJECTIONS_PER_COMPETITION,
  type ResolutionInput,
} from "~/domain/notice/objection-input";
import { decryptPersonal, encryptPersonal, keyedHash } from "~/utils/personal-data.server";
import { nowIso } from "~/utils/time.server";
import { type Actor, recordAudit } from "./audit.server";
import type { CompetitionRow } from "./competition.server";
import { entryOpenToObjections, getNotice, lockCompetition } from "./notice.server";
import { transitionNomination } from "./nomination.server";
import { promoteReplacement } from "./notice-promotion.server";
import { notifyObjectionFiled } from "./event-notifications.server";
import { noticeToday } from "./notice-clock.server";
import { loadWorkCalendar } from "./calendar.server";
import { noticeWindow } from "~/domain/notice/working-days";
import type { IsoDate } from "~/domain/notice/iso-date";

export interface NewObjection {
  competitionId: number;
  nominationId: number;
  facts: string;
  name: string | null;
  contact: string | null;
  ip: string | null;
  /** The day it is filed; the notice clock's today unless given (demo data files into past notices). */
  today?: string;
}

/**
 * Files a public objection (异议) while the notice runs, against an entry on notice. The
 * objector's name and contact are encrypted; the audit log records neither. Returns the id.
 * Run inside a transaction.
 */
export async function fileObjection(
  trx: Transaction<Database>,
  dataKey: Buffer,
  o: NewObjection,
  now = Date.now(),
): Promise<number> {
  // Locked first: a publication under way (it locks the same row) finishes before this is filed
  // or refused, so no objection lands on a list published at the same moment (PostgreSQL).
  const stage = await lockCompetition(trx, o.competitionId);
  const notice = await getNotice(trx, o.competitionId);
  if (!notice || stage?.stage !== "notice") throw new DomainError("objection.closed", undefined, "_form");
  const entry = await trx
    .selectFrom("nominations")
    .innerJoin("orgs", "orgs.id", "nominations.org_id")
    .leftJoin("proposed_entries", "proposed_entries.nomination_id", "nominations.id")
    .select(["nominations.id", "orgs.path", "proposed_entries.notice_ends_on"])
    .where("nominations.id", "=", o.nominationId)
    .where("competition_id", "=", o.competitionId)
    .where("status", "=", "on_notice")
    .executeTakeFirst();
  // A replacement with its own notice period takes objections until that period ends (decision 018).
  if (!entryOpenToObjections(notice, { notice_ends_on: entry?.notice_ends_on ?? null }, o.today))
    throw new DomainError("objection.closed", undefined, "_form");
  if (!entry) throw new DomainError("objection.entry", undefined, "nomination");
  // Counted under the competition's lock, so objections filed at once cannot all slip under the cap.
  if ((await countOpenObjections(trx, o.competitionId)) >= OPEN_OBJECTIONS_PER_COMPETITION)
    throw new DomainError("objection.queueFull", undefined, "_form");
  const ipHash = o.ip ? keyedHash(dataKey, `objection-ip:${o.ip}`) : null;
  if (ipHash) {
    const since = new Date(now - 3_600_000).toISOString();
    const recent = await trx
      .selectFrom("objections")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("ip_hash", "=", ipHash)
      .where("created_at", ">=", since)
      .executeTakeFirstOrThrow();
    if (Number(recent.n) >= OBJECTIONS_PER_HOUR)
      throw new DomainError("objection.tooMany", undefined, "_form");
  }
  const { id } = await trx
    .insertInto("objections")
    .values({
      competition_id: o.competitionId,
      nomination_id: o.nominationId,
      facts: o.facts,
      objector_name_enc: o.name ? encryptPersonal(dataKey, o.name) : null,
      objector_contact_enc: o.contact ? encryptPersonal(dataKey, o.contact) : null,
      real_name: o.name ? 1 : 0,
      ip_hash: ipHash,
      status: "open",
      created_at: new Date(now).toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(
    trx,
    { userId: null, label: "public", ip: null },
    {
      action: "objection.file",
      entity: "objection",
      entityId: id,
      orgPath: entry.path,
      after: { nomination_id: o.nominationId, real_name: !!o.name },
    },
  );
  await notifyObjectionFiled(trx, o.competitionId);
  return id;
}

/** The admin queue: open first, real-name first among them (docs/domain.md#objections), then oldest first; identities decrypted. */
export async function listObjections(db: Kysely<Database>, dataKey: Buffer, competitionId: number) {
  const rows = await db
    .selectFrom("objections as ob")
    .innerJoin("nominations as n", "n.id", "ob.nomination_id")
    .leftJoin("nominations as p", "p.id", "ob.promoted_nomination_id")
    .select([
      "ob.id",
      "ob.nomination_id",
      "n.name as nominee",
      "n.ref",
      "n.status as nomination_status",
      "ob.facts",
      "ob.objector_name_enc",
      "ob.objector_contact_enc",
      "ob.real_name",
      "ob.status",
      "ob.resolution_reason",
      "ob.resolved_at",
      "ob.created_at",
      "p.name as promoted_name",
    ])
    .where("ob.competition_id", "=", competitionId)
    .execute();
  const order = (s: string) => (s === "open" ? 0 : 1);
  rows.sort(
    (a, b) =>
      order(a.status) - order(b.status) ||
      b.real_name - a.real_name ||
      a.created_at.localeCompare(b.created_at),
  );
  return rows.map(({ objector_name_enc, objector_contact_enc, ...r }) => ({
    ...r,
    objector_name: objector_name_enc ? decryptPersonal(dataKey, objector_name_enc) : null,
    objector_contact: objector_contact_enc ? decryptPersonal(dataKey, objector_contact_enc) : null,
  }));
}
export type ObjectionRow = Awaited<ReturnType<typeof listObjections>>[number];

export async function countOpenObjections(db: Kysely<Database>, competitionId: number): Promise<number> {
  const row = await db
    .selectFrom("objections")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("competition_id", "=", competitionId)
    .where("status", "=", "open")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The last day of a replacement's own notice period starting today: as long as the first notice,
 * in the same unit, by the same calendar (decision 018).
 */
async function freshNoticeEnd(trx: Transaction<Database>, competitionId: number, today: IsoDate) {
  const notice = (await getNotice(trx, competitionId))!;
  return noticeWindow(today, notice.days, notice.unit, await loadWorkCalendar(trx)).last;
}

/**
 * Resolves an objection with a written reason. Upheld: the entry is withdrawn (if still on
 * notice) and, when asked, the best-ranked candidate that keeps the composition rules takes its
 * place. Returns the promoted nomination's id, if any. Run inside a transaction.
 */
export async function resolveObjection(
  trx: Transaction<Database>,
  actor: Actor,
  c: CompetitionRow,
  input: Omit<ResolutionInput, "objection" | "freshNotice"> & { objectionId: number; freshNotice?: boolean },
): Promise<number | null> {
  const ob = await trx
    .selectFrom("objections as ob")
    .innerJoin("nominations as n", "n.id", "ob.nomination_id")
    .innerJoin("orgs as o", "o.id", "n.org_id")
    .select([
      "ob.id",
      "ob.status",
      "n.id as nomination_id",
      "n.status as nomination_status",
      "n.category_id",
      "o.path as org_path",
    ])
    .where("ob.id", "=", input.objectionId)
    .where("ob.competition_id", "=", c.id)
    .executeTakeFirst();
  // Which objection before what stage: another competition's objection is not found, whatever the stage.
  if (!ob) throw new NotFoundError();
  if (c.stage !== "notice") throw new DomainError("notice.notInStage", undefined, "_form");
  if (ob.status !== "open") throw new DomainError("objection.alreadyResolved", undefined, "_form");
  let promoted: number | null = null;
  if (input.outcome === "upheld" && ob.nomination_status === "on_notice") {
    const entry = await trx
      .selectFrom("proposed_entries")
      .select(["position"])
      .where("nomination_id", "=", ob.nomination_id)
      .executeTakeFirst();
    await transitionNomination(
      trx,
      actor,
      { id: ob.nomination_id, status: "on_notice", org_path: ob.org_path },
      "withdrawn",
      "admin",
      input.reason,
    );
    await trx
      .updateTable("proposed_entries")
      .set({ proposed: 0, position: null, override_reason: input.reason })
      .where("nomination_id", "=", ob.nomination_id)
      .execute();
    if (input.promote) {
      const today = noticeToday();
      promoted = await promoteReplacement(trx, actor, ob.category_id, {
        position: entry?.position ?? null,
        today,
        noticeEndsOn: input.freshNotice ? await freshNoticeEnd(trx, c.id, today) : null,
      });
    }
  }
  await trx
    .updateTable("objections")
    .set({
      status: input.outcome,
      resolution_reason: input.reason,
      resolved_by: actor.userId,
      resolved_at: nowIso(),
      promoted_nomination_id: promoted,
    })
    .where("id", "=", ob.id)
    .where("status", "=", "open")
    .execute();
  await recordAudit(trx, actor, {
    action: `objection.${input.outcome}`,
    entity: "objection",
    entityId: ob.id,
    orgPath: c.org_path,
    before: { status: "open" },
    after: { status: input.outcome, reason: input.reason, promoted },
  });
  return promoted;
}
