import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { dialectOf } from "../../db/dialect";
import { periodBoard } from "~/domain/contest/board";
import { picksOf, type CommendationRefusal } from "~/domain/contest/into-commendation";
import type { StandingEntry } from "~/domain/contest/standing";
import { buildContestTable } from "~/domain/contest/table";
import { DomainError, NotFoundError } from "~/domain/errors";
import type { CollectiveNomination } from "~/domain/nominations/nomination-schema";
import { translate, type Locale } from "~/i18n";
import { type Actor, recordAudit } from "./audit.server";
import { loadContestData, loadScheme } from "./contest-data.server";
import { createNomination, type KnownPlaces } from "./nomination.server";

export interface CommendationOutcome {
  name: string;
  rank: number | null;
  total: number;
  outcome: "nominated" | "skipped" | "refused";
  refusal: CommendationRefusal | null;
  /** The parent union that files (or would have filed) the nomination. */
  union: string | null;
  ref: string | null;
  places: number | null;
}

export interface CommendationResult {
  period: string;
  category: string;
  groups: { name: string; topN: number | null; outcomes: CommendationOutcome[] }[];
}

interface Organizer {
  id: number;
  year: number;
  title: string;
  stage: string;
  org_path: string;
}

interface Union {
  id: number;
  name: string;
  path: string;
}

/** Places per union in the category, read (and on PostgreSQL locked) once, then counted here. */
class Places {
  private readonly known = new Map<number, KnownPlaces>();
  constructor(
    private readonly trx: Transaction<Database>,
    private readonly categoryId: number,
  ) {}

  async of(unionId: number): Promise<KnownPlaces> {
    const cached = this.known.get(unionId);
    if (cached) return cached;
    let alloc = this.trx
      .selectFrom("allocations")
      .select("places")
      .where("category_id", "=", this.categoryId)
      .where("org_id", "=", unionId);
    if (dialectOf(this.trx) === "postgres") alloc = alloc.forUpdate();
    const row = await alloc.executeTakeFirst();
    const taken = await this.trx
      .selectFrom("nominations")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("category_id", "=", this.categoryId)
      .where("org_id", "=", unionId)
      .where("status", "<>", "withdrawn")
      .executeTakeFirstOrThrow();
    const known = { places: row?.places ?? 0, takenBefore: Number(taken.n) };
    this.known.set(unionId, known);
    return known;
  }

  took(unionId: number) {
    this.known.get(unionId)!.takenBefore += 1;
  }
}

async function parentUnionOf(trx: Transaction<Database>, orgId: number, organizerPath: string) {
  const row = await trx
    .selectFrom("orgs as o")
    .innerJoin("orgs as parent", "parent.id", "o.parent_id")
    .select(["parent.id", "parent.name", "parent.path"])
    .where("o.id", "=", orgId)
    .executeTakeFirst();
  return row && row.path.startsWith(organizerPath) ? row : null;
}

async function alreadyNominated(trx: Transaction<Database>, categoryId: number, name: string) {
  const row = await trx
    .selectFrom("nominations")
    .select("id")
    .where("category_id", "=", categoryId)
    .where("name", "=", name)
    .where("status", "<>", "withdrawn")
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The standing knows the unit, not its leader or headcount: those stay empty (the columns allow
 * it; the schema's requirement is for people typing a form). The deeds say where it came from.
 */
function fieldsOf(entry: StandingEntry, deeds: string): CollectiveNomination {
  const fields = {
    kind: "collective" as const,
    name: entry.name,
    collective_kind: null,
    member_count: null,
    leader: null,
    sector: null,
    phone: null,
    summary: deeds,
    deeds,
  };
  return fields as unknown as CollectiveNomination;
}

interface Run {
  trx: Transaction<Database>;
  actor: Actor;
  dataKey: Buffer;
  c: Organizer;
  category: { id: number; name: string };
  places: Places;
  deedsOf: (entry: StandingEntry, group: string) => string;
}

async function outcomeOf(run: Run, group: string, entry: StandingEntry, refused: CommendationRefusal | null) {
  const base = { name: entry.name, rank: entry.rank, total: entry.total, ref: null, places: null };
  const refuse = (
    refusal: CommendationRefusal,
    union: Union | null = null,
    places: number | null = null,
  ) => ({
    ...base,
    outcome: refusal === "alreadyNominated" ? ("skipped" as const) : ("refused" as const),
    refusal,
    union: union?.name ?? null,
    places,
  });
  if (refused) return refuse(refused);
  const union = await parentUnionOf(run.trx, entry.orgId, run.c.org_path);
  if (!union) return refuse("noParent");
  if (await alreadyNominated(run.trx, run.category.id, entry.name)) return refuse("alreadyNominated", union);
  const knownPlaces = await run.places.of(union.id);
  if (knownPlaces.takenBefore + 1 > knownPlaces.places) return refuse("noPlaces", union, knownPlaces.places);
  const target = {
    competitionId: run.c.id,
    competitionYear: run.c.year,
    categoryId: run.category.id,
    categoryKind: "collective" as const,
    org: union,
  };
  const { ref } = await createNomination(
    run.trx,
    run.actor,
    run.dataKey,
    target,
    fieldsOf(entry, run.deedsOf(entry, group)),
    { status: "submitted", knownPlaces: { ...knownPlaces } },
  );
  run.places.took(union.id);
  return { ...base, outcome: "nominated" as const, refusal: null, union: union.name, ref };
}

/**
 * Turns the final cumulative official standing into collective nominations of `categoryId`
 * (docs/domain.md#contest, decision 029): the top N of each group, filed `submitted` by each
 * unit's parent union against its places. Runs in the caller's transaction; a unit already
 * nominated in the category is skipped, so running it twice files nothing new.
 */
export async function intoCommendation(
  trx: Transaction<Database>,
  actor: Actor,
  dataKey: Buffer,
  c: Organizer,
  categoryId: number,
  locale: Locale,
): Promise<CommendationResult> {
  if (c.stage !== "nominating") throw new DomainError("contestBoard.notNominating");
  const category = await trx
    .selectFrom("categories")
    .select(["id", "name", "kind"])
    .where("id", "=", categoryId)
    .where("competition_id", "=", c.id)
    .executeTakeFirst();
  if (!category) throw new DomainError("contestBoard.categoryUnknown", undefined, "category");
  if (category.kind !== "collective")
    throw new DomainError("contestBoard.categoryNotCollective", undefined, "category");
  const scheme = await loadScheme(trx, c.id);
  if (!scheme || scheme.periods.length === 0) throw new NotFoundError();
  const period = scheme.periods[scheme.periods.length - 1].label;
  const board = periodBoard(buildContestTable(await loadContestData(trx, scheme)), period);

  const run: Run = {
    trx,
    actor,
    dataKey,
    c,
    category,
    places: new Places(trx, category.id),
    deedsOf: (entry, group) =>
      translate(locale, "contestBoard.deeds", {
        competition: c.title,
        group,
        period,
        rank: entry.rank ?? "",
        total: entry.total,
      }),
  };
  const groups: CommendationResult["groups"] = [];
  for (const [g, group] of board.groups.entries()) {
    const topN = scheme.groups[g].topN;
    const outcomes: CommendationOutcome[] = [];
    if (topN !== null)
      for (const pick of picksOf(group.cumulative.entries, topN))
        outcomes.push(await outcomeOf(run, group.group, pick.entry, pick.refusal));
    groups.push({ name: group.group, topN, outcomes });
  }
  const count = (o: CommendationOutcome["outcome"]) =>
    groups.reduce((n, g) => n + g.outcomes.filter((x) => x.outcome === o).length, 0);
  await recordAudit(trx, actor, {
    action: "contest.into_commendation",
    entity: "contest",
    entityId: c.id,
    orgPath: c.org_path,
    after: {
      category: category.name,
      period,
      nominated: count("nominated"),
      skipped: count("skipped"),
      refused: count("refused"),
    },
  });
  return { period, category: category.name, groups };
}
