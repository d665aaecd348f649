import type { Kysely, Transaction } from "kysely";
import { type Database } from "../../db/schema";
import { STAGES, type Stage } from "~/domain/competitions/vocabulary";
import type { CategoryInput, CompetitionTemplate } from "~/domain/competitions/template";
import { advanceRefusals, nextStage, type Refusal } from "~/domain/competitions/stages";
import { STAGE_STEPS } from "./stage-steps/index.server";
import { DomainError, NotFoundError } from "~/domain/errors";
import { isWithin } from "~/domain/org-tree";
import { nowIso } from "~/utils/time.server";
import { type Actor, recordAudit } from "./audit.server";
import { lockCompetition } from "./notice.server";
import { getOrgByName, type OrgRow } from "./org.server";
import { hasContest, saveScheme, schemeSnapshot } from "./contest.server";

export const COMPETITION_COLUMNS = [
  "competitions.id",
  "competitions.title",
  "competitions.year",
  "competitions.stage",
  "competitions.org_id",
  "competitions.description",
  "competitions.notice_days",
  "competitions.notice_unit",
] as const;

export function getCompetition(db: Kysely<Database>, id: number) {
  return db
    .selectFrom("competitions")
    .innerJoin("orgs", "orgs.id", "competitions.org_id")
    .select([...COMPETITION_COLUMNS, "orgs.name as org_name", "orgs.path as org_path"])
    .where("competitions.id", "=", id)
    .executeTakeFirst();
}
export type CompetitionRow = NonNullable<Awaited<ReturnType<typeof getCompetition>>>;

export function listStages(db: Kysely<Database>, competitionId: number) {
  return db
    .selectFrom("competition_stages")
    .select(["stage", "starts_on", "ends_on", "entered_at"])
    .where("competition_id", "=", competitionId)
    .execute();
}

export function listCategories(db: Kysely<Database>, competitionId: number) {
  return db
    .selectFrom("categories")
    .select([
      "id",
      "name",
      "kind",
      "quota",
      "aggregation",
      "judges_per_nomination",
      "blind",
      "honor_level",
      "honor_title",
      "position",
    ])
    .where("competition_id", "=", competitionId)
    .orderBy("position")
    .execute();
}

async function insertCategory(
  trx: Transaction<Database>,
  competitionId: number,
  position: number,
  c: CategoryInput,
  organizer: OrgRow,
): Promise<number> {
  const { id } = await trx
    .insertInto("categories")
    .values({
      competition_id: competitionId,
      position,
      name: c.name,
      kind: c.kind,
      quota: c.quota,
      aggregation: c.aggregation,
      judges_per_nomination: c.judges_per_nomination,
      blind: c.blind ? 1 : 0,
      honor_level: c.honor_level,
      honor_title: c.honor_title,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const [i, cr] of c.criteria.entries()) {
    await trx
      .insertInto("criteria")
      .values({
        category_id: id,
        position: i + 1,
        title: cr.title,
        description: cr.description,
        max_points: cr.max_points,
      })
      .execute();
  }
  for (const [i, r] of c.rules.entries()) {
    await trx
      .insertInto("composition_rules")
      .values({
        category_id: id,
        position: i + 1,
        label: r.label,
        attribute: r.attribute,
        values_json: JSON.stringify(r.values),
        op: r.op,
        share: r.share,
      })
      .execute();
  }
  for (const a of c.allocations) {
    const org = await getOrgByName(trx, a.org);
    if (!org) throw new DomainError("competition.allocationOrgUnknown", { org: a.org }, "allocations");
    if (!isWithin(org.path, organizer.path))
      throw new DomainError("competition.allocationOutside", { org: a.org }, "allocations");
    await trx
      .insertInto("allocations")
      .values({ category_id: id, org_id: org.id, places: a.nominations })
      .execute();
  }
  return id;
}

/** Creates a draft competition from a template, organized by `organizer`. Run inside a transaction. */
export async function createCompetition(
  trx: Transaction<Database>,
  actor: Actor,
  organizer: OrgRow,
  t: CompetitionTemplate,
  copiedFrom: number | null = null,
): Promise<number> {
  const now = nowIso();
  const { id } = await trx
    .insertInto("competitions")
    .values({
      org_id: organizer.id,
      title: t.title,
      year: t.year,
      description: t.description,
      stage: "draft",
      notice_days: t.notice.days,
      notice_unit: t.notice.unit,
      copied_from_id: copiedFrom,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const stage of STAGES) {
    // A competition without a contest skips `running`; setting up a contest adds its row.
    if (stage === "running") continue;
    const dates = (t.stages as Record<string, [string, string] | undefined>)[stage];
    await trx
      .insertInto("competition_stages")
      .values({
        competition_id: id,
        stage,
        starts_on: dates?.[0] ?? null,
        ends_on: dates?.[1] ?? null,
        entered_at: stage === "draft" ? now : null,
      })
      .execute();
  }
  for (const [i, c] of t.categories.entries()) await insertCategory(trx, id, i + 1, c, organizer);
  if (t.contest) {
    await saveScheme(trx, id, t.contest, actor);
    const dates = t.stages.running;
    if (dates)
      await trx
        .updateTable("competition_stages")
        .set({ starts_on: dates[0], ends_on: dates[1] })
        .where("competition_id", "=", id)
        .where("stage", "=", "running")
        .execute();
  }
  await recordAudit(trx, actor, {
    action: "competition.create",
    entity: "competition",
    entityId: id,
    orgPath: organizer.path,
    after: t,
  });
  return id;
}

/** The competition as its template: what `competition export` prints and "copy" starts from. */
export async function exportCompetition(
  db: Kysely<Database>,
  id: number,
): Promise<CompetitionTemplate | undefined> {
  const c = await getCompetition(db, id);
  if (!c) return undefined;
  const stages = Object.fromEntries(
    (await listStages(db, id))
      .filter((s) => s.starts_on && s.ends_on)
      .map((s) => [s.stage, [s.starts_on!, s.ends_on!] as [string, string]]),
  );
  const categories: CategoryInput[] = [];
  for (const cat of await listCategories(db, id)) {
    const [criteria, rules, allocations] = await Promise.all([
      db
        .selectFrom("criteria")
        .select(["title", "max_points", "description"])
        .where("category_id", "=", cat.id)
        .orderBy("position")
        .execute(),
      db
        .selectFrom("composition_rules")
        .select(["label", "attribute", "values_json", "op", "share"])
        .where("category_id", "=", cat.id)
        .orderBy("position")
        .execute(),
      db
        .selectFrom("allocations")
        .innerJoin("orgs", "orgs.id", "allocations.org_id")
        .select(["orgs.name as org", "allocations.places as nominations"])
        .where("allocations.category_id", "=", cat.id)
        .orderBy("orgs.path")
        .execute(),
    ]);
    categories.push({
      name: cat.name,
      kind: cat.kind,
      quota: cat.quota,
      aggregation: cat.aggregation,
      judges_per_nomination: cat.judges_per_nomination,
      blind: !!cat.blind,
      honor_level: cat.honor_level as CategoryInput["honor_level"],
      honor_title: cat.honor_title,
      criteria,
      rules: rules.map(({ values_json, ...r }) => ({ ...r, values: JSON.parse(values_json) as string[] })),
      allocations,
    });
  }
  const scheme = await schemeSnapshot(db, id);
  return {
    title: c.title,
    year: c.year,
    organizer: c.org_name,
    description: c.description,
    notice: { days: c.notice_days, unit: c.notice_unit },
    stages,
    categories,
    ...(scheme && {
      contest: { groups: scheme.groups, periods: scheme.periods, indicators: scheme.indicators },
    }),
  };
}

/** Counts the advance rules look at. */
async function advanceFacts(db: Kysely<Database>, c: CompetitionRow) {
  const categories = await listCategories(db, c.id);
  const perCategory = await Promise.all(
    categories.map(async (cat) => {
      const [cr, al] = await Promise.all([
        db
          .selectFrom("criteria")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("category_id", "=", cat.id)
          .executeTakeFirstOrThrow(),
        db
          .selectFrom("allocations")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("category_id", "=", cat.id)
          .where("places", ">", 0)
          .executeTakeFirstOrThrow(),
      ]);
      return { name: cat.name, criteria: Number(cr.n), allocations: Number(al.n), quota: cat.quota };
    }),
  );
  const statuses = await db
    .selectFrom("nominations")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("competition_id", "=", c.id)
    .groupBy("status")
    .execute();
  const n = (list: string[]) =>
    statuses.filter((s) => list.includes(s.status)).reduce((a, s) => a + Number(s.n), 0);
  const scheme = await schemeSnapshot(db, c.id);
  return {
    ...(scheme && {
      contest: {
        groups: scheme.groups.length,
        periods: scheme.periods.length,
        indicators: scheme.indicators.length,
      },
    }),
    stage: c.stage,
    categories: perCategory,
    submitted: n(["submitted", "resubmitted", "returned", "eligible", "ineligible"]),
    undecided: n(["submitted", "resubmitted", "returned"]),
    eligible: n(["eligible"]),
  };
}

/** `movedTo`: the competition had already left the stage the caller saw (another advance won). */
export type AdvanceOutcome = { ok: true; stage: Stage } | { ok: false; refusals: Refusal[]; movedTo?: Stage };

/**
 * Moves the competition one stage on from `c.stage`, the stage the caller saw, or says why not.
 * Run inside a transaction. The row is locked and re-read first, so of two advances from the same
 * stage (two admins, a double click) the second sees the first's result and moves nothing.
 */
export async function advanceCompetition(
  trx: Transaction<Database>,
  actor: Actor,
  c: CompetitionRow,
): Promise<AdvanceOutcome> {
  const current = (await lockCompetition(trx, c.id))?.stage;
  if (current && current !== c.stage) return movedOutcome(current);
  const to = nextStage(c.stage, await hasContest(trx, c.id));
  if (!to) return { ok: false, refusals: [{ messageKey: "stage.refuse.last" }] };
  const step = STAGE_STEPS[c.stage];
  const refusals = step ? await step.exitRefusals(trx, c) : advanceRefusals(await advanceFacts(trx, c));
  if (refusals.length) return { ok: false, refusals };
  await step?.onExit?.(trx, actor, c);
  const now = nowIso();
  // The WHERE holds the stage seen: should anything have moved it after all, nothing is written.
  const moved = await trx
    .updateTable("competitions")
    .set({ stage: to, updated_at: now })
    .where("id", "=", c.id)
    .where("stage", "=", c.stage)
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) !== 1)
    throw new StageMovedError((await getCompetition(trx, c.id))?.stage ?? c.stage);
  await trx
    .updateTable("competition_stages")
    .set({ entered_at: now })
    .where("competition_id", "=", c.id)
    .where("stage", "=", to)
    .execute();
  await recordAudit(trx, actor, {
    action: "competition.advance",
    entity: "competition",
    entityId: c.id,
    orgPath: c.org_path,
    before: { stage: c.stage },
    after: { stage: to },
  });
  return { ok: true, stage: to };
}

function movedOutcome(stage: Stage): AdvanceOutcome {
  return {
    ok: false,
    movedTo: stage,
    refusals: [{ messageKey: "competitions.alreadyMoved", params: { stage } }],
  };
}

/**
 * The guarded UPDATE found the competition elsewhere than the lock said (a database without row
 * locks): thrown so the caller's transaction rolls back what the stage step's onExit wrote.
 */
export class StageMovedError extends DomainError {
  constructor(readonly stage: Stage) {
    super("competitions.alreadyMoved", { stage }, "_form");
  }
}

export interface CompetitionBasics {
  title: string;
  year: number;
  description: string;
  noticeDays: number;
  noticeUnit: "working" | "calendar";
  stages: Record<string, [string, string] | null>;
}

/** Title, year and notice length only in draft; description and the stage plan at any time. */
export async function updateCompetitionBasics(
  trx: Transaction<Database>,
  actor: Actor,
  c: CompetitionRow,
  b: CompetitionBasics,
): Promise<void> {
  const draft = c.stage === "draft";
  await trx
    .updateTable("competitions")
    .set({
      description: b.description,
      updated_at: nowIso(),
      ...(draft
        ? { title: b.title, year: b.year, notice_days: b.noticeDays, notice_unit: b.noticeUnit }
        : {}),
    })
    .where("id", "=", c.id)
    .execute();
  for (const [stage, dates] of Object.entries(b.stages)) {
    await trx
      .updateTable("competition_stages")
      .set({ starts_on: dates?.[0] ?? null, ends_on: dates?.[1] ?? null })
      .where("competition_id", "=", c.id)
      .where("stage", "=", stage as Stage)
      .execute();
  }
  await recordAudit(trx, actor, {
    action: "competition.update",
    entity: "competition",
    entityId: c.id,
    orgPath: c.org_path,
    before: { title: c.title, year: c.year, description: c.description },
    after: b,
  });
}

/** A new draft competition with its stage plan and no categories yet. */
export async function createDraftCompetition(
  trx: Transaction<Database>,
  actor: Actor,
  organizer: OrgRow,
  b: CompetitionBasics,
): Promise<number> {
  const stages = Object.fromEntries(Object.entries(b.stages).filter(([, d]) => d)) as Record<
    string,
    [string, string]
  >;
  return createCompetition(trx, actor, organizer, {
    title: b.title,
    year: b.year,
    organizer: organizer.name,
    description: b.description,
    notice: { days: b.noticeDays, unit: b.noticeUnit },
    stages,
    categories: [],
  });
}

/** Replaces a category (with its rubric, rules and allocations) or adds it; draft only. */
export async function saveCategory(
  trx: Transaction<Database>,
  actor: Actor,
  c: CompetitionRow,
  categoryId: number | null,
  input: CategoryInput,
): Promise<number> {
  if (c.stage !== "draft") throw new DomainError("competition.notDraft");
  const organizer = { id: c.org_id, name: c.org_name, path: c.org_path } as OrgRow;
  const clash = await trx
    .selectFrom("categories")
    .select("id")
    .where("competition_id", "=", c.id)
    .where("name", "=", input.name)
    .executeTakeFirst();
  if (clash && clash.id !== categoryId)
    throw new DomainError("competition.duplicateCategory", undefined, "name");
  let position: number;
  if (categoryId) {
    const old = await trx
      .selectFrom("categories")
      .select("position")
      .where("id", "=", categoryId)
      .where("competition_id", "=", c.id)
      .executeTakeFirst();
    if (!old) throw new NotFoundError();
    position = old.position;
    await deleteCategoryRows(trx, c.id, categoryId);
  } else {
    const last = await trx
      .selectFrom("categories")
      .select((eb) => eb.fn.max("position").as("p"))
      .where("competition_id", "=", c.id)
      .executeTakeFirst();
    position = Number(last?.p ?? 0) + 1;
  }
  const id = await insertCategory(trx, c.id, position, input, organizer);
  await recordAudit(trx, actor, {
    action: categoryId ? "category.update" : "category.create",
    entity: "category",
    entityId: id,
    orgPath: c.org_path,
    after: input,
  });
  return id;
}

/** The category's rows, once it is known to be the competition's: another competition's category is not found. */
async function deleteCategoryRows(trx: Transaction<Database>, competitionId: number, categoryId: number) {
  const own = await trx
    .selectFrom("categories")
    .select("id")
    .where("id", "=", categoryId)
    .where("competition_id", "=", competitionId)
    .executeTakeFirst();
  if (!own) throw new NotFoundError();
  await trx.deleteFrom("criteria").where("category_id", "=", categoryId).execute();
  await trx.deleteFrom("composition_rules").where("category_id", "=", categoryId).execute();
  await trx.deleteFrom("allocations").where("category_id", "=", categoryId).execute();
  await trx
    .deleteFrom("categories")
    .where("id", "=", categoryId)
    .where("competition_id", "=", competitionId)
    .execute();
}

export async function deleteCategory(
  trx: Transaction<Database>,
  actor: Actor,
  c: CompetitionRow,
  categoryId: number,
): Promise<void> {
  if (c.stage !== "draft") throw new DomainError("competition.notDraft");
  await deleteCategoryRows(trx, c.id, categoryId);
  await recordAudit(trx, actor, {
    action: "category.delete",
    entity: "category",
    entityId: categoryId,
    orgPath: c.org_path,
  });
}

/** Next year's draft from this competition's template: same rubric, rules and allocations, no dates. */
export async function copyCompetition(
  trx: Transaction<Database>,
  actor: Actor,
  c: CompetitionRow,
): Promise<number> {
  const t = (await exportCompetition(trx, c.id))!;
  const organizer = { id: c.org_id, name: c.org_name, path: c.org_path } as OrgRow;
  const title = t.title.replace(String(t.year), String(t.year + 1));
  return createCompetition(
    trx,
    actor,
    organizer,
    // The contest's windows are dated in its year: next year's is set up afresh, not copied.
    {
      ...t,
      year: t.year + 1,
      title: title === t.title ? `${t.title} (${t.year + 1})` : title,
      stages: {},
      contest: undefined,
    },
    c.id,
  );
}

/** The category's rubric, rules and allocations, for its edit page and for judges later. */
export async function getCategoryDetail(db: Kysely<Database>, competitionId: number, categoryId: number) {
  const category = await db
    .selectFrom("categories")
    .selectAll()
    .where("id", "=", categoryId)
    .where("competition_id", "=", competitionId)
    .executeTakeFirst();
  if (!category) return undefined;
  const [criteria, rules, allocations] = await Promise.all([
    db
      .selectFrom("criteria")
      .select(["title", "max_points", "description"])
      .where("category_id", "=", categoryId)
      .orderBy("position")
      .execute(),
    db
      .selectFrom("composition_rules")
      .select(["label", "attribute", "values_json", "op", "share"])
      .where("category_id", "=", categoryId)
      .orderBy("position")
      .execute(),
    db.selectFrom("allocations").select(["org_id", "places"]).where("category_id", "=", categoryId).execute(),
  ]);
  return {
    category,
    criteria,
    rules: rules.map(({ values_json, ...r }) => ({ ...r, values: JSON.parse(values_json) as string[] })),
    allocations,
  };
}

/** Every competition with its organizer's path; callers keep the ones the reader may see. */
export function listAllCompetitions(db: Kysely<Database>) {
  return db
    .selectFrom("competitions")
    .innerJoin("orgs", "orgs.id", "competitions.org_id")
    .select([...COMPETITION_COLUMNS, "orgs.name as org_name", "orgs.path as org_path"])
    .orderBy("competitions.year", "desc")
    .orderBy("competitions.id", "desc")
    .execute();
}
