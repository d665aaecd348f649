import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { isConflict, pairKey, planAssignments, type PanelJudge } from "~/domain/judging/assignment";
import { DomainError, NotFoundError } from "~/domain/errors";
import { isWithin } from "~/domain/org-tree";
import { nowIso } from "~/utils/time.server";
import { type Actor, recordAudit } from "./audit.server";
import type { JudgingCategory } from "./judging-category.server";
import { notifySheetsAssigned } from "./event-notifications.server";

type Cat = Pick<JudgingCategory, "id" | "org_path" | "stage" | "judges_per_nomination">;

/** Panels are set up before and during judging; afterwards they are history. */
const canChangePanel = (cat: Cat) =>
  cat.stage === "reviewing" || cat.stage === "judging" || cat.stage === "nominating" || cat.stage === "draft";

function requirePanelOpen(cat: Cat) {
  if (!canChangePanel(cat)) throw new DomainError("judging.panel.closed");
}

export async function listPanel(db: Kysely<Database>, categoryId: number) {
  return db
    .selectFrom("panel_members")
    .leftJoin("users", "users.id", "panel_members.user_id")
    .leftJoin("orgs", "orgs.id", "users.org_id")
    .select([
      "panel_members.id",
      "panel_members.user_id",
      "panel_members.display_name",
      "panel_members.external",
      "users.username",
      "orgs.name as org_name",
      "orgs.path as org_path",
    ])
    .where("panel_members.category_id", "=", categoryId)
    .orderBy("panel_members.id")
    .execute();
}
export type PanelMember = Awaited<ReturnType<typeof listPanel>>[number];

/** Users holding the judge role inside the organizer's subtree or above it, not yet on the panel. */
export async function listJudgeCandidates(db: Kysely<Database>, cat: Cat) {
  const rows = await db
    .selectFrom("role_grants")
    .innerJoin("orgs as grant_org", "grant_org.id", "role_grants.org_id")
    .innerJoin("users", "users.id", "role_grants.user_id")
    .leftJoin("orgs", "orgs.id", "users.org_id")
    .select([
      "users.id",
      "users.username",
      "users.display_name",
      "orgs.name as org_name",
      "grant_org.path as grant_path",
    ])
    .where("role_grants.role", "=", "judge")
    .where("users.is_active", "=", 1)
    .orderBy("users.username")
    .execute();
  const onPanel = new Set((await listPanel(db, cat.id)).map((m) => m.user_id));
  const seen = new Set<number>();
  return rows.filter((r) => {
    const fits = isWithin(r.grant_path, cat.org_path) || isWithin(cat.org_path, r.grant_path);
    if (!fits || onPanel.has(r.id) || seen.has(r.id)) return false;
    seen.add(r.id);
    return true;
  });
}

export async function addPanelJudge(
  trx: Transaction<Database>,
  actor: Actor,
  cat: Cat,
  userId: number,
): Promise<void> {
  requirePanelOpen(cat);
  const candidate = (await listJudgeCandidates(trx, cat)).find((c) => c.id === userId);
  if (!candidate) throw new DomainError("judging.panel.notAJudge", undefined, "userId");
  await trx
    .insertInto("panel_members")
    .values({
      category_id: cat.id,
      user_id: userId,
      display_name: candidate.display_name,
      external: 0,
      added_at: nowIso(),
    })
    .execute();
  await recordAudit(trx, actor, {
    action: "panel.add",
    entity: "category",
    entityId: cat.id,
    orgPath: cat.org_path,
    after: { user: candidate.username },
  });
}

/** An external paper judge: a name on the panel, no org, no login. */
export async function addExternalJudge(
  trx: Transaction<Database>,
  actor: Actor,
  cat: Pick<Cat, "id" | "org_path">,
  name: string,
): Promise<number> {
  const clash = await trx
    .selectFrom("panel_members")
    .select("id")
    .where("category_id", "=", cat.id)
    .where("display_name", "=", name)
    .executeTakeFirst();
  if (clash) throw new DomainError("judging.panel.duplicateName", { name }, "name");
  const { id } = await trx
    .insertInto("panel_members")
    .values({ category_id: cat.id, user_id: null, display_name: name, external: 1, added_at: nowIso() })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(trx, actor, {
    action: "panel.addExternal",
    entity: "category",
    entityId: cat.id,
    orgPath: cat.org_path,
    after: { name },
  });
  return id;
}

/** Off the panel, with the assignments not yet begun; a judge with sheets stays (the sheets count). */
export async function removePanelJudge(
  trx: Transaction<Database>,
  actor: Actor,
  cat: Cat,
  memberId: number,
): Promise<void> {
  requirePanelOpen(cat);
  const member = await trx
    .selectFrom("panel_members")
    .select(["id", "display_name"])
    .where("id", "=", memberId)
    .where("category_id", "=", cat.id)
    .executeTakeFirst();
  if (!member) throw new NotFoundError();
  const sheet = await trx
    .selectFrom("score_sheets")
    .select("id")
    .where("panel_member_id", "=", memberId)
    .where("status", "<>", "void")
    .executeTakeFirst();
  if (sheet) throw new DomainError("judging.panel.hasSheets", { name: member.display_name });
  await trx.deleteFrom("judge_assignments").where("panel_member_id", "=", memberId).execute();
  await trx.deleteFrom("judge_conflicts").where("panel_member_id", "=", memberId).execute();
  await trx
    .deleteFrom("score_sheet_history")
    .where(
      "sheet_id",
      "in",
      trx.selectFrom("score_sheets").select("id").where("panel_member_id", "=", memberId),
    )
    .execute();
  await trx.deleteFrom("score_sheets").where("panel_member_id", "=", memberId).execute();
  await trx.deleteFrom("panel_members").where("id", "=", memberId).execute();
  await recordAudit(trx, actor, {
    action: "panel.remove",
    entity: "category",
    entityId: cat.id,
    orgPath: cat.org_path,
    before: { name: member.display_name },
  });
}

async function assignmentFacts(trx: Transaction<Database>, categoryId: number) {
  const [members, nominations, declared, current] = await Promise.all([
    listPanel(trx, categoryId),
    trx
      .selectFrom("nominations")
      .innerJoin("orgs", "orgs.id", "nominations.org_id")
      .select(["nominations.id", "orgs.path as org_path"])
      .where("nominations.category_id", "=", categoryId)
      .where("nominations.status", "=", "eligible")
      .orderBy("nominations.ref")
      .execute(),
    trx
      .selectFrom("judge_conflicts")
      .innerJoin("panel_members", "panel_members.id", "judge_conflicts.panel_member_id")
      .select(["panel_member_id", "nomination_id"])
      .where("panel_members.category_id", "=", categoryId)
      .execute(),
    trx
      .selectFrom("judge_assignments")
      .innerJoin("panel_members", "panel_members.id", "judge_assignments.panel_member_id")
      .leftJoin("score_sheets", (j) =>
        j
          .onRef("score_sheets.panel_member_id", "=", "judge_assignments.panel_member_id")
          .onRef("score_sheets.nomination_id", "=", "judge_assignments.nomination_id"),
      )
      .select([
        "judge_assignments.id",
        "judge_assignments.panel_member_id",
        "judge_assignments.nomination_id",
        "judge_assignments.manual",
        "score_sheets.status as sheet_status",
      ])
      .where("panel_members.category_id", "=", categoryId)
      .execute(),
  ]);
  const judges: PanelJudge[] = members.map((m) => ({
    id: m.id,
    orgPath: m.org_path ?? null,
    external: !!m.external,
  }));
  return {
    judges,
    nominations: nominations.map((n) => ({ id: n.id, orgPath: n.org_path })),
    declared: new Set(declared.map((d) => pairKey(d.panel_member_id, d.nomination_id))),
    current,
  };
}

/**
 * (Re)balances the category: assignments with a sheet begun, manual ones and paper judges' stay;
 * the rest are planned afresh. Returns the nominations left short of k judges.
 */
export async function assignPanel(
  trx: Transaction<Database>,
  actor: Actor,
  cat: Cat,
  { keepAll = false } = {},
) {
  requirePanelOpen(cat);
  const facts = await assignmentFacts(trx, cat.id);
  // Without judges every nomination is "short", which reads as conflicts of interest: say what is missing.
  if (facts.judges.length === 0 && !keepAll)
    throw new DomainError("judging.panel.noJudges", undefined, "_form");
  const external = new Set(facts.judges.filter((j) => j.external).map((j) => j.id));
  const stays = facts.current.filter(
    (a) =>
      keepAll || a.manual || (a.sheet_status && a.sheet_status !== "void") || external.has(a.panel_member_id),
  );
  const dropped = facts.current.filter((a) => !stays.includes(a));
  if (dropped.length)
    await trx
      .deleteFrom("judge_assignments")
      .where(
        "id",
        "in",
        dropped.map((a) => a.id),
      )
      .execute();
  const plan = planAssignments({
    judges: facts.judges,
    nominations: facts.nominations,
    declared: facts.declared,
    perNomination: cat.judges_per_nomination,
    keep: stays.map((a) => ({ judgeId: a.panel_member_id, nominationId: a.nomination_id })),
  });
  const now = nowIso();
  for (let i = 0; i < plan.added.length; i += 500) {
    const chunk = plan.added.slice(i, i + 500).map((p) => ({
      panel_member_id: p.judgeId,
      nomination_id: p.nominationId,
      manual: 0,
      assigned_at: now,
    }));
    await trx.insertInto("judge_assignments").values(chunk).execute();
  }
  // A rebalance that hands a judge back what it just took is no news to the judge.
  const before = new Set(dropped.map((a) => pairKey(a.panel_member_id, a.nomination_id)));
  await notifySheetsAssigned(
    trx,
    cat.id,
    plan.added.filter((p) => !before.has(pairKey(p.judgeId, p.nominationId))),
  );
  if (!keepAll)
    await recordAudit(trx, actor, {
      action: "panel.assign",
      entity: "category",
      entityId: cat.id,
      orgPath: cat.org_path,
      after: { added: plan.added.length, removed: dropped.length, short: plan.short.length },
    });
  return plan;
}

async function memberAndNomination(
  trx: Transaction<Database>,
  cat: Cat,
  memberId: number,
  nominationId: number,
) {
  const member = await trx
    .selectFrom("panel_members")
    .leftJoin("users", "users.id", "panel_members.user_id")
    .leftJoin("orgs", "orgs.id", "users.org_id")
    .select(["panel_members.id", "panel_members.display_name", "orgs.path as org_path"])
    .where("panel_members.id", "=", memberId)
    .where("panel_members.category_id", "=", cat.id)
    .executeTakeFirst();
  const nomination = await trx
    .selectFrom("nominations")
    .innerJoin("orgs", "orgs.id", "nominations.org_id")
    .select(["nominations.id", "nominations.ref", "nominations.status", "orgs.path as org_path"])
    .where("nominations.id", "=", nominationId)
    .where("nominations.category_id", "=", cat.id)
    .executeTakeFirst();
  if (!member) throw new NotFoundError();
  if (!nomination) throw new DomainError("judging.unknownNomination", undefined, "ref");
  return { member, nomination };
}

/** An admin places a judge on a nomination by hand; never a conflict. */
export async function assignManually(
  trx: Transaction<Database>,
  actor: Actor,
  cat: Cat,
  memberId: number,
  nominationId: number,
): Promise<void> {
  requirePanelOpen(cat);
  const { member, nomination } = await memberAndNomination(trx, cat, memberId, nominationId);
  const declared = await trx
    .selectFrom("judge_conflicts")
    .select("id")
    .where("panel_member_id", "=", memberId)
    .where("nomination_id", "=", nominationId)
    .executeTakeFirst();
  if (
    isConflict(
      { id: member.id, orgPath: member.org_path ?? null },
      { id: nomination.id, orgPath: nomination.org_path },
      new Set(declared ? [pairKey(memberId, nominationId)] : []),
    )
  ) {
    throw new DomainError(
      "judging.assign.conflict",
      { judge: member.display_name, ref: nomination.ref },
      "ref",
    );
  }
  const existing = await trx
    .selectFrom("judge_assignments")
    .select("id")
    .where("panel_member_id", "=", memberId)
    .where("nomination_id", "=", nominationId)
    .executeTakeFirst();
  if (existing)
    throw new DomainError(
      "judging.assign.already",
      { judge: member.display_name, ref: nomination.ref },
      "ref",
    );
  await trx
    .insertInto("judge_assignments")
    .values({ panel_member_id: memberId, nomination_id: nominationId, manual: 1, assigned_at: nowIso() })
    .execute();
  await recordAudit(trx, actor, {
    action: "panel.assignManual",
    entity: "nomination",
    entityId: nominationId,
    orgPath: cat.org_path,
    after: { judge: member.display_name },
  });
  await notifySheetsAssigned(trx, cat.id, [{ judgeId: memberId }]);
}

/** Takes a nomination off a judge; a sheet already written stops counting (void), its history stays. */
export async function unassign(
  trx: Transaction<Database>,
  actor: Actor,
  cat: Cat,
  memberId: number,
  nominationId: number,
  action = "panel.unassign",
): Promise<void> {
  const { member } = await memberAndNomination(trx, cat, memberId, nominationId);
  await trx
    .deleteFrom("judge_assignments")
    .where("panel_member_id", "=", memberId)
    .where("nomination_id", "=", nominationId)
    .execute();
  await trx
    .updateTable("score_sheets")
    .set((eb) => ({ status: "void", version: eb("version", "+", 1), updated_at: nowIso() }))
    .where("panel_member_id", "=", memberId)
    .where("nomination_id", "=", nominationId)
    .execute();
  await recordAudit(trx, actor, {
    action,
    entity: "nomination",
    entityId: nominationId,
    orgPath: cat.org_path,
    before: { judge: member.display_name },
  });
}

/**
 * 回避: the judge will not score this nomination, now or later. The assignment goes, a sheet
 * stops counting, and with k judges per nomination another judge takes the place.
 */
export async function declareConflict(
  trx: Transaction<Database>,
  actor: Actor,
  cat: Cat,
  memberId: number,
  nominationId: number,
  reason: string | null,
) {
  const { member, nomination } = await memberAndNomination(trx, cat, memberId, nominationId);
  const known = await trx
    .selectFrom("judge_conflicts")
    .select("id")
    .where("panel_member_id", "=", memberId)
    .where("nomination_id", "=", nominationId)
    .executeTakeFirst();
  if (known) throw new DomainError("judging.conflict.already");
  await trx
    .insertInto("judge_conflicts")
    .values({
      panel_member_id: memberId,
      nomination_id: nominationId,
      reason,
      declared_by: actor.userId,
      declared_at: nowIso(),
    })
    .execute();
  await unassign(trx, actor, cat, memberId, nominationId, "judging.conflict");
  await recordAudit(trx, actor, {
    action: "judging.conflictDeclared",
    entity: "nomination",
    entityId: nominationId,
    orgPath: cat.org_path,
    after: { judge: member.display_name, ref: nomination.ref, reason },
  });
  if (cat.judges_per_nomination !== null && canChangePanel(cat))
    return assignPanel(trx, actor, cat, { keepAll: true });
  return null;
}

export function listConflicts(db: Kysely<Database>, categoryId: number) {
  return db
    .selectFrom("judge_conflicts")
    .innerJoin("panel_members", "panel_members.id", "judge_conflicts.panel_member_id")
    .innerJoin("nominations", "nominations.id", "judge_conflicts.nomination_id")
    .select([
      "judge_conflicts.id",
      "panel_members.display_name",
      "nominations.ref",
      "nominations.name",
      "judge_conflicts.reason",
      "judge_conflicts.declared_at",
    ])
    .where("panel_members.category_id", "=", categoryId)
    .orderBy("judge_conflicts.declared_at", "desc")
    .execute();
}
