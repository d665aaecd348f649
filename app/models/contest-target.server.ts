import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { parseTarget, takesTargets } from "~/domain/contest/target-input";
import { DomainError } from "~/domain/errors";
import { nowIso } from "~/utils/time.server";
import { type Actor, recordAudit } from "./audit.server";
import type { StoredScheme } from "./contest-data.server";
import { getParticipant, type ContestOwner } from "./contest-participant.server";
import { bumpStandings } from "./contest.server";

export interface TargetCell {
  participantId: number;
  indicatorId: number;
  /** null: the year's target. */
  periodId: number | null;
  target: number;
}

/** The targets set in a contest, or one participant's. */
export function listTargets(
  db: Kysely<Database>,
  competitionId: number,
  participantId?: number,
): Promise<TargetCell[]> {
  let q = db
    .selectFrom("contest_targets as t")
    .innerJoin("contest_participants as p", "p.id", "t.participant_id")
    .select([
      "t.participant_id as participantId",
      "t.indicator_id as indicatorId",
      "t.period_id as periodId",
      "t.target",
    ])
    .where("p.competition_id", "=", competitionId);
  if (participantId !== undefined) q = q.where("t.participant_id", "=", participantId);
  return q.execute();
}

/** The form field of one cell: `t_<indicator>_<period>`, period 0 the year. */
export const targetField = (indicatorId: number, periodId: number | null) =>
  `t_${indicatorId}_${periodId ?? 0}`;

/** Sets (or, for a cell left empty: `null`, removes) one target; the caller bumps the standings once. */
export async function putTarget(
  trx: Kysely<Database>,
  cell: Omit<TargetCell, "target"> & { target: number | null },
): Promise<void> {
  let del = trx
    .deleteFrom("contest_targets")
    .where("participant_id", "=", cell.participantId)
    .where("indicator_id", "=", cell.indicatorId);
  del =
    cell.periodId === null ? del.where("period_id", "is", null) : del.where("period_id", "=", cell.periodId);
  await del.execute();
  if (cell.target === null) return;
  await trx
    .insertInto("contest_targets")
    .values({
      participant_id: cell.participantId,
      indicator_id: cell.indicatorId,
      period_id: cell.periodId,
      target: cell.target,
      updated_at: nowIso(),
    })
    .execute();
}

/**
 * The targets form of one admitted participant: every `target` indicator × (the year, each period).
 * An empty cell removes its target; a bad one refuses the whole form, named by its field.
 */
export async function saveParticipantTargets(
  trx: Transaction<Database>,
  actor: Actor,
  c: ContestOwner,
  scheme: StoredScheme,
  participantId: number,
  form: Record<string, string>,
): Promise<number> {
  const p = await getParticipant(trx, c.id, participantId);
  if (p.status !== "admitted") throw new DomainError("contestTargets.notAdmitted", { org: p.orgName });
  const cells: (TargetCell | (Omit<TargetCell, "target"> & { target: null }))[] = [];
  for (const ind of scheme.indicators.filter((i) => takesTargets(i.method)))
    for (const periodId of [null, ...scheme.periods.map((x) => x.id)]) {
      const field = targetField(ind.id, periodId);
      const raw = (form[field] ?? "").trim();
      if (raw === "") {
        cells.push({ participantId: p.id, indicatorId: ind.id, periodId, target: null });
        continue;
      }
      const parsed = parseTarget(raw);
      if (!parsed.ok) throw new DomainError(parsed.messageKey, { code: ind.code }, field);
      cells.push({ participantId: p.id, indicatorId: ind.id, periodId, target: parsed.value });
    }
  for (const cell of cells) await putTarget(trx, cell);
  const set = cells.filter((x) => x.target !== null).length;
  await recordAudit(trx, actor, {
    action: "contest.targets.save",
    entity: "contest_participant",
    entityId: p.id,
    orgPath: p.orgPath,
    after: { org: p.orgName, targets: set },
  });
  await bumpStandings(trx, c.id);
  return set;
}
