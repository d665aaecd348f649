import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { pageMeta } from "~/i18n/page-title";
import { PARTICIPANT_COLUMNS, importParticipants } from "~/models/contest-participant-import.server";
import { sheetUploadAction, sheetUploadLoader } from "~/utils/contest-access.server";
import { contestPaths } from "~/utils/contest-paths";
import { ContestSheetImportPage } from "~/components/contest-sheet-upload";
import { ErrorPage } from "~/components/error-page";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [t("contestParticipants.importTitle"), args.data?.competition.title]);

/** The organizer's admins upload the contest's `participants` sheet (docs/domain.md#contest, decision 026). */
export const loader = (args: LoaderFunctionArgs) => sheetUploadLoader(args, PARTICIPANT_COLUMNS);

export const action = (args: ActionFunctionArgs) => sheetUploadAction(args, importParticipants);

export default function ImportContestParticipants() {
  const { competition, columns } = useLoaderData<typeof loader>();
  return (
    <ContestSheetImportPage
      competition={competition}
      columns={columns}
      outcome={useActionData<typeof action>()}
      title="contestParticipants.importTitle"
      intro="contestParticipants.importTitle.intro"
      back={contestPaths(competition.id).participants}
    />
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
