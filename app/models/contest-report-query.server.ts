import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema";
import type { ReportStatus } from "~/domain/contest/scheme";
import { QUEUE_PAGE } from "~/domain/contest/report-rules";

/** A subtree condition on an org path column: any of the scopes (none: nothing). */
function within(column: string, scopes: readonly string[], strictly: boolean) {
  if (scopes.length === 0) return sql<boolean>`1 = 0`;
  return sql<boolean>`(${sql.join(
    scopes.map((s) =>
      strictly
        ? sql`(${sql.ref(column)} like ${`${s}%`} and ${sql.ref(column)} <> ${s})`
        : sql`${sql.ref(column)} like ${`${s}%`}`,
    ),
    sql` or `,
  )})`;
}

export interface ReporterRow {
  participantId: number;
  orgName: string;
  periodId: number;
  periodLabel: string;
  opens: string;
  closes: string;
  reportId: number | null;
  status: ReportStatus | null;
  late: boolean;
  consented: boolean;
  returnReason: string | null;
}

/** A reporter's admitted participants (orgs inside their nominator scopes) × the periods, with each report's state. */
export async function listReporterRows(
  db: Kysely<Database>,
  competitionId: number,
  nominatorScopes: readonly string[],
): Promise<ReporterRow[]> {
  const [participants, periods] = await Promise.all([
    db
      .selectFrom("contest_participants as p")
      .innerJoin("orgs as o", "o.id", "p.org_id")
      .select(["p.id", "o.name"])
      .where("p.competition_id", "=", competitionId)
      .where("p.status", "=", "admitted")
      .where(within("o.path", nominatorScopes, false))
      .orderBy("o.name")
      .execute(),
    db
      .selectFrom("contest_periods")
      .select(["id", "label", "opens_on", "closes_on"])
      .where("competition_id", "=", competitionId)
      .orderBy("position")
      .execute(),
  ]);
  if (participants.length === 0) return [];
  const reports = await db
    .selectFrom("contest_reports")
    .select(["id", "participant_id", "period_id", "status", "late", "late_consented_at", "return_reason"])
    .where(
      "participant_id",
      "in",
      participants.map((p) => p.id),
    )
    .execute();
  const byKey = new Map(reports.map((r) => [`${r.participant_id}:${r.period_id}`, r]));
  return participants.flatMap((p) =>
    periods.map((pe) => {
      const r = byKey.get(`${p.id}:${pe.id}`);
      return {
        participantId: p.id,
        orgName: p.name,
        periodId: pe.id,
        periodLabel: pe.label,
        opens: pe.opens_on,
        closes: pe.closes_on,
        reportId: r?.id ?? null,
        status: r?.status ?? null,
        late: r?.late === 1,
        consented: !!r?.late_consented_at,
        returnReason: r?.return_reason ?? null,
      };
    }),
  );
}

export interface QueueFilter {
  periodId?: number;
  status?: ReportStatus;
  /** Only late reports still waiting for the organizer's consent. */
  awaitingConsent?: boolean;
  /** 1-based; a page holds as many reports as one bulk verification takes. */
  page?: number;
}

/** Reports a verifier may act on: of participants strictly below one of their admin scopes (the parent union or above), a page at a time, with how many there are. */
export async function listVerifierQueue(
  db: Kysely<Database>,
  competitionId: number,
  adminScopes: readonly string[],
  filter: QueueFilter,
) {
  let q = db
    .selectFrom("contest_reports as r")
    .innerJoin("contest_participants as p", "p.id", "r.participant_id")
    .innerJoin("orgs as o", "o.id", "p.org_id")
    .innerJoin("contest_periods as pe", "pe.id", "r.period_id")
    .where("p.competition_id", "=", competitionId)
    .where(within("o.path", adminScopes, true))
    .where("r.status", "=", filter.status ?? "submitted");
  if (filter.periodId !== undefined) q = q.where("r.period_id", "=", filter.periodId);
  if (filter.awaitingConsent) q = q.where("r.late", "=", 1).where("r.late_consented_at", "is", null);
  const page = filter.page ?? 1;
  const [rows, count] = await Promise.all([
    q
      .select([
        "r.id",
        "r.status",
        "r.late",
        "r.late_consented_at",
        "r.submitted_at",
        "o.name as org_name",
        "pe.label as period_label",
      ])
      .orderBy("pe.position")
      .orderBy("o.name")
      .orderBy("r.id")
      .limit(QUEUE_PAGE)
      .offset((page - 1) * QUEUE_PAGE)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n), first: (page - 1) * QUEUE_PAGE + 1, page };
}
export type QueueRow = Awaited<ReturnType<typeof listVerifierQueue>>["rows"][number];

export function listPeriods(db: Kysely<Database>, competitionId: number) {
  return db
    .selectFrom("contest_periods")
    .select(["id", "label", "opens_on", "closes_on"])
    .where("competition_id", "=", competitionId)
    .orderBy("position")
    .execute();
}

/** A participant of the competition with its org's path, for the reporter's question before a report exists. */
export function getParticipant(db: Kysely<Database>, competitionId: number, participantId: number) {
  return db
    .selectFrom("contest_participants as p")
    .innerJoin("orgs as o", "o.id", "p.org_id")
    .select(["p.id", "p.status", "o.name", "o.path"])
    .where("p.competition_id", "=", competitionId)
    .where("p.id", "=", participantId)
    .executeTakeFirst();
}
