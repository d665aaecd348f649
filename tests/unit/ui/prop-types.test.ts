import { describe, expectTypeOf, it } from "vitest";
import type { RollRow } from "~/components/honors/roll-table";
import type { NominationRowData } from "~/components/nomination-list";
import type { NominationEventData } from "~/components/nomination-history";
import type { ConsultationData } from "~/components/nomination-review";
import type { ProjectItem } from "~/components/project-list";
import type { JudgeDossierData } from "~/components/judge-dossier";
import type { NominationFactsData } from "~/components/nomination-facts";
import type { CategoryKind } from "~/domain/competitions/vocabulary";
import type { Gender, NominationStatus, OccupationGroup, Opinion } from "~/domain/nominations/vocabulary";
import type { ProjectStatus } from "~/domain/activities/vocabulary";

/**
 * Components take the model's row types instead of re-listing columns by hand, so a column's type
 * reaches the page unchanged (here: the vocabulary's unions, where hand-written props said string).
 * Checked by the compiler (npx tsc --noEmit).
 */
describe("component props follow the model's rows", () => {
  it("carry the columns' own types", () => {
    expectTypeOf<RollRow["gender"]>().toEqualTypeOf<Gender | null>();
    expectTypeOf<RollRow["kind"]>().toEqualTypeOf<CategoryKind>();
    expectTypeOf<NominationRowData["status"]>().toEqualTypeOf<NominationStatus>();
    expectTypeOf<NominationFactsData["occupation_group"]>().toEqualTypeOf<OccupationGroup | null>();
    expectTypeOf<NominationEventData["to_status"]>().toEqualTypeOf<NominationStatus>();
    expectTypeOf<ConsultationData["opinion"]>().toEqualTypeOf<Opinion>();
    expectTypeOf<ProjectItem["status"]>().toEqualTypeOf<ProjectStatus>();
    expectTypeOf<JudgeDossierData["kind"]>().toEqualTypeOf<CategoryKind>();
  });
});
