import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { Role } from "~/domain/org-vocabulary";
import type { LifecycleAction } from "~/domain/nominations/lifecycle";
import type { NotificationKind } from "~/domain/notifications/vocabulary";
import { notify } from "./notification.server";

/*
 * The events that notify (decision 025, "Events and the inbox"): each is called by the model that
 * makes the event, with its transaction, so the pages and the command line notify alike and a
 * refused event leaves no notification behind.
 */

/** The lifecycle actions that tell the nominating org about a decision. */
const DECISION_KINDS: Partial<Record<LifecycleAction, NotificationKind>> = {
  return: "nomination_returned",
  markEligible: "nomination_eligible",
  reinstate: "nomination_eligible",
  markIneligible: "nomination_ineligible",
};

/**
 * Who holds a role at an org, remembered for the rest of the transaction: a bulk review of a
 * thousand nominations asks once per org, not once per nomination.
 */
const holdersByTrx = new WeakMap<object, Map<string, Promise<number[]>>>();

function holders(trx: Kysely<Database>, orgId: number, role: Role): Promise<number[]> {
  let cache = holdersByTrx.get(trx);
  if (!cache) holdersByTrx.set(trx, (cache = new Map()));
  const key = `${role}:${orgId}`;
  let found = cache.get(key);
  if (!found) {
    found = trx
      .selectFrom("role_grants")
      .select("user_id")
      .where("org_id", "=", orgId)
      .where("role", "=", role)
      .execute()
      .then((rows) => rows.map((r) => r.user_id));
    cache.set(key, found);
  }
  return found;
}

/** A nomination returned, found eligible or ineligible: its org's nominators are told. */
export async function notifyNominationDecision(
  trx: Transaction<Database>,
  nominationId: number,
  action: LifecycleAction,
  reason: string | null,
): Promise<void> {
  const kind = DECISION_KINDS[action];
  if (!kind) return;
  const n = await trx
    .selectFrom("nominations")
    .innerJoin("competitions", "competitions.id", "nominations.competition_id")
    .select(["nominations.name", "nominations.org_id", "competitions.title"])
    .where("nominations.id", "=", nominationId)
    .executeTakeFirstOrThrow();
  await notify(trx, {
    kind,
    userIds: await holders(trx, n.org_id, "nominator"),
    params: { name: n.name, competition: n.title, reason: reason ?? "" },
    link: `/nominations/${nominationId}`,
  });
}

/**
 * Sheets assigned to judges in a category: each judge with an account is told how many. The
 * message names the category and the competition only, never a nominee (blind categories).
 */
export async function notifySheetsAssigned(
  trx: Transaction<Database>,
  categoryId: number,
  added: readonly { judgeId: number }[],
): Promise<void> {
  if (added.length === 0) return;
  const counts = new Map<number, number>();
  for (const a of added) counts.set(a.judgeId, (counts.get(a.judgeId) ?? 0) + 1);
  const [cat, members] = await Promise.all([
    trx
      .selectFrom("categories")
      .innerJoin("competitions", "competitions.id", "categories.competition_id")
      .select(["categories.name", "competitions.title"])
      .where("categories.id", "=", categoryId)
      .executeTakeFirstOrThrow(),
    trx
      .selectFrom("panel_members")
      .select(["id", "user_id"])
      .where("id", "in", [...counts.keys()])
      .where("user_id", "is not", null)
      .execute(),
  ]);
  for (const m of members) {
    await notify(trx, {
      kind: "sheets_assigned",
      userIds: [m.user_id!],
      params: { count: counts.get(m.id)!, category: cat.name, competition: cat.title },
      link: "/judging",
    });
  }
}

/**
 * An objection filed: the admins of the competition's organizing org are told that one came, and
 * nothing more (no objector, no facts: they read those on the notice page, signed in).
 */
export async function notifyObjectionFiled(trx: Transaction<Database>, competitionId: number): Promise<void> {
  const c = await trx
    .selectFrom("competitions")
    .select(["org_id", "title"])
    .where("id", "=", competitionId)
    .executeTakeFirstOrThrow();
  await notify(trx, {
    kind: "objection_filed",
    userIds: await holders(trx, c.org_id, "admin"),
    params: { competition: c.title },
    link: `/competitions/${competitionId}/notice`,
  });
}
