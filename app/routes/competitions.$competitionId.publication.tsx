import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { groupDigest } from "~/domain/honors/digest-format";
import { IsoDateSchema } from "~/domain/notice/notice-input";
import { useLocale, useT } from "~/i18n/use-t";
import { formatDate } from "~/i18n/format";
import { invalidateRollPages } from "~/models/honor-page-cache.server";
import { noticeToday } from "~/models/notice-clock.server";
import { getOrg, listAncestors } from "~/models/org.server";
import { getPublication, listPublishedForAdmin, publish, revoke } from "~/models/publication.server";
import { correctDocNumber, listDocNumberCorrections } from "~/models/doc-number-correction.server";
import { listNoticeEntries } from "~/models/notice.server";
import { checkDocNumber } from "~/domain/honors/doc-number";
import { publishRefusals } from "~/models/publication-refusals.server";
import { hasRoleAt, type Grant } from "~/domain/permissions";
import { actorOf, requireUser } from "~/utils/auth.server";
import { requireCompetition } from "~/utils/authorize.server";
import { runAction } from "~/utils/action.server";
import { formError, parseForm, readForm, textValues } from "~/utils/form.server";
import type { MessageKey, Params } from "~/i18n";
import { idParam } from "~/utils/zod";
import { ErrorSummary } from "~/components/form-fields";
import { ErrorPage } from "~/components/error-page";
import { AdminRoll } from "~/components/honors/admin-roll";
import {
  ConfirmPublication,
  CorrectionForm,
  CorrectionList,
  PublishForm,
  type PublicationReview,
} from "~/components/honors/publication-forms";
import honorsHref from "~/styles/honors.css";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [t("publication.title"), args.data?.competition.title]);

export const links: LinksFunction = () => [{ rel: "stylesheet", href: honorsHref }];

async function guard(request: Request, context: LoaderFunctionArgs["context"], raw: string | undefined) {
  const user = await requireUser(request, context);
  const c = await requireCompetition(context, raw, user, "competition:manage");
  return { user, c };
}

/**
 * Publishing unions: the organizer and the unions above it, each marked whether this admin may
 * publish in its name. A decision issued as a union is that union's act, so only its own admins
 * issue it (decision 013); the others are listed to say whom to ask.
 */
async function publishingOrgs(
  db: LoaderFunctionArgs["context"]["db"],
  orgId: number,
  grants: readonly Grant[],
) {
  const organizer = (await getOrg(db, orgId))!;
  return [organizer, ...(await listAncestors(db, organizer)).reverse()].map((o) => ({
    id: o.id,
    name: o.name,
    mayPublish: hasRoleAt(grants, "admin", o.path),
  }));
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, c } = await guard(request, context, params.competitionId);
  const publication = await getPublication(context.db, c.id);
  const open = !publication && c.stage === "notice";
  return {
    competition: { id: c.id, title: c.title, stage: c.stage },
    publication,
    refusals: open ? await publishRefusals(context.db, c.id) : [],
    entries: open ? (await listNoticeEntries(context.db, c.id)).length : 0,
    orgs: await publishingOrgs(context.db, c.org_id, user.grants),
    today: noticeToday(),
    roll: publication ? await listPublishedForAdmin(context.db, c.id) : [],
    corrections: publication ? await listDocNumberCorrections(context.db, c.id) : [],
  };
}

const DocNumberField = z
  .string({ required_error: "publication.docNumber" })
  .trim()
  .min(1, "publication.docNumber")
  .max(100);
const PublishSchema = z.object({
  doc_number: DocNumberField,
  published_on: IsoDateSchema,
  publishing_org: idParam,
});
const RevokeSchema = z.object({
  honoree: idParam,
  reason: z
    .string({ required_error: "publication.reasonRequired" })
    .trim()
    .min(1, "publication.reasonRequired")
    .max(1000),
  revoked_on: IsoDateSchema,
});
const CorrectSchema = z.object({
  doc_number: DocNumberField,
  reason: z
    .string({ required_error: "publication.correctionReason" })
    .trim()
    .min(1, "publication.correctionReason")
    .max(1000),
  corrected_on: IsoDateSchema,
});
/** `review` checks the form and asks for confirmation; only `publish` (the confirm step) writes. */
const IntentSchema = z.object({ intent: z.enum(["review", "publish", "revoke", "correct"]) });

type Guarded = Awaited<ReturnType<typeof guard>>;
type Outcome = { done: "review"; review: PublicationReview } | { done: "publish" | "revoke" | "correct" };

/** The publish form checked as the decision will check it: 文号 format, date, a union this admin may use. */
async function checkPublishForm(
  db: LoaderFunctionArgs["context"]["db"],
  { user, c }: Guarded,
  form: FormData,
) {
  const parsed = parseForm(form, PublishSchema);
  if (!parsed.ok) return { failure: formError(parsed) };
  const p = parsed.data;
  const doc = checkDocNumber(p.doc_number, Number(p.published_on.slice(0, 4)));
  const fail = (field: string, key: MessageKey, params?: Params, status = 400) =>
    formError({ errors: { [field]: { key, params } }, values: textValues(form) }, status);
  if (!doc.ok) return { failure: fail("doc_number", doc.key, doc.params) };
  const org = (await publishingOrgs(db, c.org_id, user.grants)).find((o) => o.id === p.publishing_org);
  if (!org) return { failure: fail("publishing_org", "publication.publishingOrg") };
  if (!org.mayPublish)
    return { failure: fail("publishing_org", "publication.publishingOrgNotAdmin", { org: org.name }, 403) };
  return { data: { ...p, doc_number: doc.value, org_name: org.name } };
}

async function act(context: ActionFunctionArgs["context"], g: Guarded, form: FormData, intent: string) {
  const actor = actorOf(g.user, context);
  const c = g.c;
  if (intent === "review") {
    const checked = await checkPublishForm(context.db, g, form);
    if (checked.failure) return checked.failure;
    // Nothing to confirm while the publication would be refused (notice running, objection open).
    const [refusal] = await publishRefusals(context.db, c.id);
    if (refusal)
      return formError({
        errors: { _form: { key: refusal.messageKey, params: refusal.params } },
        values: textValues(form),
      });
    const p = checked.data;
    const entries = (await listNoticeEntries(context.db, c.id)).length;
    const review = { ...p, publishing_org: String(p.publishing_org), entries };
    return { done: "review", review } satisfies Outcome;
  }
  return runAction(context, form, async (trx): Promise<Outcome | ReturnType<typeof formError>> => {
    if (intent === "publish") {
      const checked = await checkPublishForm(trx, g, form);
      if (checked.failure) return checked.failure;
      const p = checked.data;
      await publish(trx, actor, c, {
        docNumber: p.doc_number,
        publishedOn: p.published_on,
        publishingOrgId: p.publishing_org,
      });
    } else if (intent === "correct") {
      const parsed = parseForm(form, CorrectSchema);
      if (!parsed.ok) return formError(parsed);
      const p = parsed.data;
      await correctDocNumber(trx, actor, c, {
        docNumber: p.doc_number,
        reason: p.reason,
        correctedOn: p.corrected_on,
      });
    } else {
      const parsed = parseForm(form, RevokeSchema);
      if (!parsed.ok) return formError(parsed);
      const p = parsed.data;
      await revoke(trx, actor, {
        competitionId: c.id,
        honoreeId: p.honoree,
        reason: p.reason,
        revokedOn: p.revoked_on,
      });
    }
    return { done: intent as "publish" | "revoke" | "correct" };
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const g = await guard(request, context, params.competitionId);
  const form = await readForm(request, context);
  const intent = parseForm(form, IntentSchema);
  if (!intent.ok) return formError(intent);
  const outcome = await act(context, g, form, intent.data.intent);
  if (outcome instanceof Response || !("done" in outcome)) return outcome;
  // Only once committed: a page cached in between would show the roll as it was.
  if (outcome.done !== "review") invalidateRollPages();
  return data({ ok: true as const, ...outcome, errors: undefined, values: undefined });
}

export default function PublicationPage() {
  const t = useT();
  const locale = useLocale();
  const {
    competition: c,
    publication,
    refusals,
    orgs,
    today,
    roll,
    corrections,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failed = result && !result.ok ? result : undefined;
  const review = result?.ok && result.done === "review" ? result.review : undefined;
  return (
    <>
      <p className="muted">
        <Link to={`/competitions/${c.id}`}>{c.title}</Link>
      </p>
      <h1>{t("publication.title")}</h1>
      <ErrorSummary
        state={failed}
        labels={{
          doc_number: t("publication.field.docNumber"),
          published_on: t("publication.field.date"),
          reason: t("publication.revokeReason"),
          corrected_on: t("publication.field.correctedOn"),
          revoked_on: t("publication.revokedOn"),
          publishing_org: t("publication.field.org"),
        }}
      />
      {publication ? (
        <>
          <p className="alert alert-ok" role="status">
            {t("publication.published", {
              doc: publication.doc_number,
              date: formatDate(locale, publication.published_on),
            })}{" "}
            {publication.publishing_org} <Link to={`/honors/${c.id}`}>{t("publication.publicPage")}</Link>
          </p>
          <CorrectionList corrections={corrections} />
          <p>
            {t("publication.digest")}: <span className="digest">{groupDigest(publication.digest)}</span>
          </p>
          <CorrectionForm today={today} state={failed?.values?.intent === "correct" ? failed : undefined} />
          <h2>{t("publication.roll")}</h2>
          <AdminRoll roll={roll} today={today} />
        </>
      ) : (
        <>
          {refusals.length > 0 && (
            <div className="alert alert-error">
              <p>{t("publication.refusals")}</p>
              <ul>
                {refusals.map((r, i) => (
                  <li key={i}>{t(r.messageKey, r.params)}</li>
                ))}
              </ul>
            </div>
          )}
          {c.stage === "notice" &&
            (review ? (
              <ConfirmPublication review={review} backTo={`/competitions/${c.id}/publication`} />
            ) : (
              <PublishForm orgs={orgs} today={today} state={failed} />
            ))}
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
