import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { parseActivity, type ActivityText, type ActivityValues } from "~/domain/activities/activity-input";
import { teamInScope } from "~/domain/activities/team-scope";
import { chinaToday } from "~/domain/notice/iso-date";
import { isFatalHeader, mapHeader, readRow, type ColumnSpec, type RowIssue } from "~/domain/sheet-columns";
import { activityKey, insertActivities, type ActivityInsert } from "./activity.server";
import { type Actor, recordAudit } from "./audit.server";
import type { ImportReport } from "./org-import.server";
import { auditPathOf, createTeam, listAllTeams, type TeamRecord } from "./team.server";

/** The `activities` sheet (docs/domain.md#sheets); only `org` may be left out. */
export const ACTIVITY_COLUMNS: ColumnSpec[] = [
  { key: "team", en: "team", zh: "服务队", required: true },
  { key: "date", en: "date", zh: "日期", required: true },
  { key: "county_code", en: "county_code", zh: "县区代码", required: true },
  { key: "village", en: "village", zh: "村", required: true },
  { key: "kind", en: "kind", zh: "活动类型", required: true },
  { key: "person_times", en: "person_times", zh: "人次", required: true },
  { key: "funds_yuan", en: "funds_yuan", zh: "资金（元）", required: true },
  { key: "households_helped", en: "households_helped", zh: "帮扶户数", required: true },
  { key: "people_helped", en: "people_helped", zh: "帮扶人数", required: true },
  { key: "households_lifted", en: "households_lifted", zh: "脱贫户数", required: true },
  { key: "people_lifted", en: "people_lifted", zh: "脱贫人数", required: true },
  { key: "org", en: "org", zh: "组织单位", required: false },
];

export interface ActivityImportOptions {
  allOrNothing?: boolean;
  today?: string;
  /** The uploader's admin subtrees; absent for the command line, which may use every team and org. */
  scopes?: readonly string[];
  /** The org of a team first seen in a row without `org` (the uploader's); null: the province's. */
  defaultOrg?: OrgRef | null;
}

interface OrgRef {
  id: number;
  name: string;
  path: string;
}

interface Context {
  teams: Map<string, TeamRecord>;
  counties: Map<string, number>;
  orgs: Map<string, OrgRef>;
  keys: Set<string>;
  /** Teams first seen in this sheet, with the org each will get. */
  newTeams: Map<string, OrgRef | null>;
  /** Row of the first occurrence of each key in this sheet. */
  seen: Map<string, number>;
  options: ActivityImportOptions;
}

type Issue = Omit<RowIssue, "row">;

/** Raised inside the transaction to roll back an all-or-nothing import that had refused rows. */
class RollBack extends Error {}

/**
 * Imports an activities sheet. Every row is checked in full against what was read up front (teams,
 * counties, orgs, the activities already there) before anything is written, so a refused row
 * leaves nothing behind without a savepoint; the good rows then go in with multi-row inserts. A
 * team is created on first sight of its name, by the first good row naming it.
 */
export async function importActivities(
  db: Kysely<Database>,
  actor: Actor,
  rows: string[][],
  options: ActivityImportOptions = {},
): Promise<ImportReport> {
  const [header = [], ...records] = rows;
  const map = mapHeader(header, ACTIVITY_COLUMNS);
  const issues: RowIssue[] = [...map.issues];
  if (isFatalHeader(map.issues))
    return { imported: 0, refused: records.filter((r) => !isEmptyRow(r)).length, issues };
  const today = options.today ?? chinaToday();
  let imported = 0;
  let refused = 0;
  try {
    await db.transaction().execute(async (trx) => {
      const filled = records
        .map((cells, i) => ({
          row: i + 2,
          rec: readRow(cells, map) as ActivityText,
          empty: isEmptyRow(cells),
        }))
        .filter((r) => !r.empty);
      const ctx = await loadContext(trx, options, new Set(filled.map((r) => r.rec.team?.trim() ?? "")));
      const good: Checked[] = [];
      for (const { row, rec } of filled) {
        const result = checkRow(ctx, rec, row, today);
        if ("issues" in result) {
          refused++;
          issues.push(...result.issues.map((x) => ({ row, ...x })));
        } else good.push(result);
      }
      if (allOrNothingFails(options, refused)) throw new RollBack();
      const activities = await resolveTeams(trx, actor, ctx, good);
      await insertActivities(trx, activities);
      imported = activities.length;
      if (imported > 0)
        await recordAudit(trx, actor, {
          action: "activity.import",
          entity: "activities",
          orgPath: await auditPathOf(trx, options.defaultOrg?.path ?? null),
          after: { imported, refused },
        });
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
    imported = 0;
  }
  return { imported, refused, issues };
}

const allOrNothingFails = (o: ActivityImportOptions, refused: number) => !!o.allOrNothing && refused > 0;
const isEmptyRow = (cells: string[]) => cells.every((c) => (c ?? "").trim() === "");

/** Teams, counties and orgs by name or code, and the recorded activities of the teams the sheet names. */
async function loadContext(
  trx: Transaction<Database>,
  options: ActivityImportOptions,
  named: Set<string>,
): Promise<Context> {
  const [teams, counties, orgs] = await Promise.all([
    listAllTeams(trx),
    trx.selectFrom("counties").select(["id", "code"]).execute(),
    trx.selectFrom("orgs").select(["id", "name", "path"]).execute(),
  ]);
  const ids = teams.filter((t) => named.has(t.name)).map((t) => t.id);
  const keys = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await trx
      .selectFrom("activities")
      .select(["team_id", "held_on", "county_id", "village", "kind"])
      .where("team_id", "in", ids.slice(i, i + 500))
      .execute();
    for (const r of rows)
      keys.add(
        activityKey({
          teamId: r.team_id,
          date: r.held_on,
          countyId: r.county_id,
          village: r.village,
          kind: r.kind,
        }),
      );
  }
  return {
    teams: new Map(teams.map((t) => [t.name, t])),
    counties: new Map(counties.map((c) => [c.code, c.id])),
    orgs: new Map(orgs.map((o) => [o.name, o])),
    keys,
    seen: new Map(),
    newTeams: new Map(),
    options,
  };
}

/** A good row: its values, county, and team (existing, or the org a new one gets). */
interface Checked {
  values: ActivityValues;
  countyId: number;
}

/** Every check of a row, against what was read up front; synchronous, so 50,000 rows go fast. */
function checkRow(
  ctx: Context,
  rec: ActivityText,
  row: number,
  today: string,
): Checked | { issues: Issue[] } {
  const parsed = parseActivity(rec, today);
  if (!parsed.ok)
    return {
      issues: parsed.issues.map((i) => ({ column: i.field, messageKey: i.messageKey, params: i.params })),
    };
  const v = parsed.value;
  const countyId = ctx.counties.get(v.countyCode);
  if (countyId === undefined)
    return {
      issues: [
        { column: "county_code", messageKey: "activities.county.unknown", params: { code: v.countyCode } },
      ],
    };
  const team = teamOf(ctx, v);
  if ("issue" in team) return { issues: [team.issue] };
  const inSheet = `${v.team}|${v.date}|${countyId}|${v.village}|${v.kind}`;
  const first = ctx.seen.get(inSheet);
  if (first !== undefined)
    return { issues: [{ column: null, messageKey: "activities.duplicateRow", params: { row: first } }] };
  ctx.seen.set(inSheet, row);
  if (
    team.existing &&
    ctx.keys.has(
      activityKey({ teamId: team.existing.id, date: v.date, countyId, village: v.village, kind: v.kind }),
    )
  ) {
    return { issues: [{ column: null, messageKey: "activities.duplicate" }] };
  }
  // The first good row naming a new team fixes its org; later rows must agree with it.
  if (!team.existing && !ctx.newTeams.has(v.team)) ctx.newTeams.set(v.team, team.org);
  return { values: v, countyId };
}

/** Creates the new teams that good rows name, then gives every row its team id. */
async function resolveTeams(
  trx: Transaction<Database>,
  actor: Actor,
  ctx: Context,
  good: Checked[],
): Promise<ActivityInsert[]> {
  for (const [name, org] of ctx.newTeams) ctx.teams.set(name, await createTeam(trx, actor, name, org));
  return good.map(({ values: { team, countyCode: _c, org: _o, ...rest }, countyId }) => ({
    ...rest,
    teamId: ctx.teams.get(team)!.id,
    countyId,
  }));
}

/** The row's team as it stands, or the org a new one gets; refused when outside the uploader's scope. */
function teamOf(
  ctx: Context,
  v: ActivityValues,
): { existing: TeamRecord; org?: undefined } | { existing: null; org: OrgRef | null } | { issue: Issue } {
  const { scopes } = ctx.options;
  const existing = ctx.teams.get(v.team);
  if (existing) {
    if (v.org && existing.org_name !== v.org)
      return {
        issue: {
          column: "org",
          messageKey: "activities.team.otherOrg",
          params: { team: v.team, org: existing.org_name ?? "—" },
        },
      };
    if (scopes && !teamInScope(scopes, existing.org_path))
      return {
        issue: { column: "team", messageKey: "activities.team.outsideScope", params: { team: v.team } },
      };
    return { existing };
  }
  const pending = ctx.newTeams.get(v.team);
  if (pending !== undefined && v.org && (pending?.name ?? null) !== v.org)
    return {
      issue: {
        column: "org",
        messageKey: "activities.team.otherOrg",
        params: { team: v.team, org: pending?.name ?? "—" },
      },
    };
  if (pending !== undefined) return { existing: null, org: pending };
  const org = v.org ? ctx.orgs.get(v.org) : (ctx.options.defaultOrg ?? null);
  if (org === undefined)
    return { issue: { column: "org", messageKey: "activities.org.unknown", params: { org: v.org } } };
  if (scopes && !teamInScope(scopes, org?.path ?? null))
    return { issue: { column: "org", messageKey: "activities.org.outsideScope", params: { org: v.org } } };
  return { existing: null, org };
}
