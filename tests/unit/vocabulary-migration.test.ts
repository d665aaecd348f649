import { describe, expect, expectTypeOf, it } from "vitest";
import type { Database } from "../../db/schema";
import { ENUMERATED_COLUMNS } from "../../db/migrations/0008-vocabulary-checks";
import { CONTEST_ENUMERATED_COLUMNS } from "../../db/migrations/0011-contest";
import { NOTIFICATION_ENUMERATED_COLUMNS } from "../../db/migrations/0012-notifications";
import { LOCALES } from "~/i18n";
import { CONTEST_AGGREGATIONS, CONTEST_METHODS, REPORT_STATUSES } from "~/domain/contest/scheme";
import { APPLICATION_DECISIONS, PARTICIPANT_STATUSES, REPORT_ACTIONS } from "~/domain/contest/vocabulary";
import { DELIVERIES, OUTBOX_STATUSES } from "~/domain/notifications/vocabulary";
import { ORG_KINDS, ROLES } from "~/domain/org-vocabulary";
import {
  AGGREGATIONS,
  CATEGORY_KINDS,
  NOTICE_UNITS,
  RULE_ATTRIBUTES,
  RULE_OPS,
  STAGES,
} from "~/domain/competitions/vocabulary";
import {
  COLLECTIVE_KINDS,
  GENDERS,
  NOMINATION_STATUSES,
  OCCUPATION_GROUPS,
  OPINIONS,
  SECTORS,
} from "~/domain/nominations/vocabulary";
import { OVERRIDE_DECISIONS, SHEET_STATUSES } from "~/domain/judging/vocabulary";
import { CALENDAR_DAY_KINDS, OBJECTION_STATUSES } from "~/domain/notice/vocabulary";
import {
  HELPER_KINDS,
  HONOR_LEVELS,
  OWNERSHIPS,
  PAIRING_TIERS,
  POVERTY_LEVELS,
} from "~/domain/registry/vocabulary";
import { PROJECT_STATUSES } from "~/domain/activities/vocabulary";

/**
 * Migration 0008 writes its CHECK lists literally, as history must not move (decision 016). This
 * holds them to today's vocabulary: a value added to a domain array fails here until a new
 * migration widens the constraint.
 */
const TODAY: Record<string, readonly string[]> = {
  "orgs.kind": ORG_KINDS,
  "role_grants.role": ROLES,
  "competitions.stage": STAGES,
  "competitions.notice_unit": NOTICE_UNITS,
  "competition_stages.stage": STAGES,
  "categories.kind": CATEGORY_KINDS,
  "categories.aggregation": AGGREGATIONS,
  "categories.honor_level": HONOR_LEVELS,
  "composition_rules.attribute": RULE_ATTRIBUTES,
  "composition_rules.op": RULE_OPS,
  "nominations.kind": CATEGORY_KINDS,
  "nominations.status": NOMINATION_STATUSES,
  "nominations.gender": GENDERS,
  "nominations.occupation_group": OCCUPATION_GROUPS,
  "nominations.sector": SECTORS,
  "nominations.collective_kind": COLLECTIVE_KINDS,
  "nomination_events.from_status": NOMINATION_STATUSES,
  "nomination_events.to_status": NOMINATION_STATUSES,
  "consultations.opinion": OPINIONS,
  "score_sheets.status": SHEET_STATUSES,
  "committee_overrides.decision": OVERRIDE_DECISIONS,
  "calendar_days.kind": CALENDAR_DAY_KINDS,
  "notices.unit": NOTICE_UNITS,
  "objections.status": OBJECTION_STATUSES,
  "honorees.kind": CATEGORY_KINDS,
  "honorees.gender": GENDERS,
  "counties.poverty_level": POVERTY_LEVELS,
  "helpers.kind": HELPER_KINDS,
  "helpers.level": HONOR_LEVELS,
  "helpers.ownership": OWNERSHIPS,
  "pairings.tier": PAIRING_TIERS,
  "aid_projects.status": PROJECT_STATUSES,
  "contest_indicators.aggregation": CONTEST_AGGREGATIONS,
  "contest_indicators.method": CONTEST_METHODS,
  "contest_participants.status": PARTICIPANT_STATUSES,
  "contest_application_steps.decision": APPLICATION_DECISIONS,
  "contest_reports.status": REPORT_STATUSES,
  "contest_report_events.action": REPORT_ACTIONS,
  "notification_preferences.delivery": DELIVERIES,
  "outbox.status": OUTBOX_STATUSES,
  "users.mail_language": LOCALES,
};

/** A later migration's list for a column replaces the earlier one (0011 widened the stages). */
const IN_FORCE = [...ENUMERATED_COLUMNS, ...CONTEST_ENUMERATED_COLUMNS, ...NOTIFICATION_ENUMERATED_COLUMNS];

describe("the migrations' CHECK lists", () => {
  it("name every enumerated column once per migration, with exactly today's domain values", () => {
    for (const list of [ENUMERATED_COLUMNS, CONTEST_ENUMERATED_COLUMNS, NOTIFICATION_ENUMERATED_COLUMNS]) {
      const listed = list.map((c) => `${c.table}.${c.column}`);
      expect(new Set(listed).size).toBe(listed.length);
    }
    expect(Object.fromEntries(IN_FORCE.map((c) => [`${c.table}.${c.column}`, [...c.values]]))).toEqual(
      Object.fromEntries(Object.entries(TODAY).map(([k, v]) => [k, [...v]])),
    );
  });
});

type Column<T extends keyof Database, C extends keyof Database[T]> = Database[T][C];

describe("the schema's enumerated columns", () => {
  // Checked by the compiler (npx tsc --noEmit): these columns were plain strings before decision 016.
  it("carry the domain's unions", () => {
    expectTypeOf<Column<"nominations", "status">>().toEqualTypeOf<(typeof NOMINATION_STATUSES)[number]>();
    expectTypeOf<Column<"nominations", "gender">>().toEqualTypeOf<(typeof GENDERS)[number] | null>();
    expectTypeOf<Column<"nominations", "sector">>().toEqualTypeOf<(typeof SECTORS)[number] | null>();
    expectTypeOf<Column<"nomination_events", "to_status">>().toEqualTypeOf<
      (typeof NOMINATION_STATUSES)[number]
    >();
    expectTypeOf<Column<"helpers", "ownership">>().toEqualTypeOf<(typeof OWNERSHIPS)[number] | null>();
    expectTypeOf<Column<"categories", "honor_level">>().toEqualTypeOf<(typeof HONOR_LEVELS)[number] | null>();
    expectTypeOf<Column<"calendar_days", "kind">>().toEqualTypeOf<(typeof CALENDAR_DAY_KINDS)[number]>();
    expectTypeOf<Column<"orgs", "kind">>().toEqualTypeOf<(typeof ORG_KINDS)[number]>();
  });
});
