import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { pageMeta } from "~/i18n/page-title";
import { TARGET_COLUMNS, importTargets } from "~/models/contest-target-import.server";
import { sheetUploadAction, sheetUploadLoader } from "~/utils/contest-access.server";
import { contestPaths } from "~/utils/contest-paths";
import { ContestSheetImportPage } from "~/components/contest-sheet-upload";
import { ErrorPage } from "~/components/error-page";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [t("contestTargets.importTitle"), args.data?.competition.title]);

/** The organizer's admins upload the contest's `targets` sheet (docs/domain.md#contest, decision 026). */
export const loader = (args: LoaderFunctionArgs) => sheetUploadLoader(args, TARGET_COLUMNS);

export const action = (args: ActionFunctionArgs) => sheetUploadAction(args, importTargets);

export default function ImportContestTargets() {
  const { competition, columns } = useLoaderData<typeof loader>();
  return (
    <ContestSheetImportPage
      competition={competition}
      columns={columns}
      outcome={useActionData<typeof action>()}
      title="contestTargets.importTitle"
      intro="contestTargets.importTitle.intro"
      back={contestPaths(competition.id).targets}
    />
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
