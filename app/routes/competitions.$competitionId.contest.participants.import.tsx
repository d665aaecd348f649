import type { MetaFunction } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { pageMeta } from "~/i18n/page-title";
import { useT } from "~/i18n/use-t";
import { PARTICIPANT_COLUMNS, importParticipants } from "~/models/contest-participant-import.server";
import { actorOf } from "~/utils/auth.server";
import { requireContest, uploadedRows } from "~/utils/contest-access.server";
import { contestPaths } from "~/utils/contest-paths";
import { readForm } from "~/utils/form.server";
import { ContestTrail } from "~/components/contest-nav";
import { ContestSheetUpload, type ContestSheetResult } from "~/components/contest-sheet-upload";
import { ErrorPage } from "~/components/error-page";
import type { FormState } from "~/components/form-fields";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [t("contestParticipants.importTitle"), args.data?.competition.title]);

/** The organizer's admins upload the contest's `participants` sheet (docs/domain.md#contest, decision 026). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { competition: c } = await requireContest(
    request,
    context,
    params.competitionId,
    "competition:manage",
  );
  return {
    competition: { id: c.id, title: c.title },
    columns: PARTICIPANT_COLUMNS.map((col) => `${col.en} (${col.zh})`).join(", "),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireContest(request, context, params.competitionId, "competition:manage");
  const form = await readForm(request, context);
  const sheet = await uploadedRows(form);
  if (!sheet.ok) return sheet.error;
  const { user, competition: c, scheme } = access;
  return { report: await importParticipants(context.db, actorOf(user, context), c, scheme, sheet.rows) };
}

export default function ImportContestParticipants() {
  const t = useT();
  const { competition: c, columns } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const result = outcome && "report" in outcome ? (outcome as ContestSheetResult) : undefined;
  const state = outcome && "errors" in outcome ? (outcome as FormState) : undefined;
  return (
    <>
      <ContestTrail competition={c} />
      <h1>{t("contestParticipants.importTitle")}</h1>
      <p>{t("contestParticipants.importTitle.intro")}</p>
      <ContestSheetUpload columns={columns} state={state} result={result} />
      <p>
        <Link to={contestPaths(c.id).participants}>{t("contestSheets.back")}</Link>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
