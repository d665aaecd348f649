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
import { publishRefusals } from "~/models/publication-refusals.server";
import { hasRoleAt, type Grant } from "~/domain/permissions";
import { actorOf, requireUser } from "~/utils/auth.server";
import { requireCompetition } from "~/utils/authorize.server";
import { runAction } from "~/utils/action.server";
import { formError, parseForm, readForm } from "~/utils/form.server";
import { idParam } from "~/utils/zod";
import { AppForm, ErrorSummary, SelectField, TextField } from "~/components/form-fields";
import { ErrorPage } from "~/components/error-page";
import { TableRegion } from "~/components/table-region";
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
  return {
    competition: { id: c.id, title: c.title, stage: c.stage },
    publication,
    refusals: publication || c.stage !== "notice" ? [] : await publishRefusals(context.db, c.id),
    orgs: await publishingOrgs(context.db, c.org_id, user.grants),
    today: noticeToday(),
    roll: publication ? await listPublishedForAdmin(context.db, c.id) : [],
  };
}

const PublishSchema = z.object({
  doc_number: z
    .string({ required_error: "publication.docNumber" })
    .trim()
    .min(1, "publication.docNumber")
    .max(100),
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
const IntentSchema = z.object({ intent: z.enum(["publish", "revoke"]) });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, c } = await guard(request, context, params.competitionId);
  const form = await readForm(request, context);
  const intent = parseForm(form, IntentSchema);
  if (!intent.ok) return formError(intent);
  const actor = actorOf(user, context);
  const refused = await runAction(context, form, async (trx) => {
    if (intent.data.intent === "publish") {
      const parsed = parseForm(form, PublishSchema);
      if (!parsed.ok) return formError(parsed);
      const p = parsed.data;
      const org = (await publishingOrgs(trx, c.org_id, user.grants)).find((o) => o.id === p.publishing_org);
      if (org && !org.mayPublish)
        return formError(
          {
            errors: {
              publishing_org: { key: "publication.publishingOrgNotAdmin", params: { org: org.name } },
            },
            values: {},
          },
          403,
        );
      await publish(trx, actor, c, {
        docNumber: p.doc_number,
        publishedOn: p.published_on,
        publishingOrgId: p.publishing_org,
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
    return undefined;
  });
  if (refused) return refused;
  // Only once committed: a page cached in between would show the roll as it was.
  invalidateRollPages();
  return data({ ok: true as const, done: intent.data.intent, errors: undefined, values: undefined });
}

export default function PublicationPage() {
  const t = useT();
  const locale = useLocale();
  const { competition: c, publication, refusals, orgs, today, roll } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <p className="muted">
        <Link to={`/competitions/${c.id}`}>{c.title}</Link>
      </p>
      <h1>{t("publication.title")}</h1>
      <ErrorSummary
        state={result && !result.ok ? result : undefined}
        labels={{
          doc_number: t("publication.field.docNumber"),
          published_on: t("publication.field.date"),
          reason: t("publication.revokeReason"),
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
          <p>
            {t("publication.digest")}: <span className="digest">{groupDigest(publication.digest)}</span>
          </p>
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
          {c.stage === "notice" && (
            <AppForm className="stack">
              <input type="hidden" name="intent" value="publish" />
              <TextField
                name="doc_number"
                label={t("publication.field.docNumber")}
                hint={t("publication.field.docNumberHint")}
                required
                maxLength={100}
                state={result}
              />
              <TextField
                name="published_on"
                type="date"
                label={t("publication.field.date")}
                defaultValue={today}
                required
                state={result}
              />
              <SelectField
                name="publishing_org"
                label={t("publication.field.org")}
                options={orgs
                  .filter((o) => o.mayPublish)
                  .map((o) => ({ value: String(o.id), label: o.name }))}
                state={result}
              />
              {orgs.some((o) => !o.mayPublish) && (
                <p className="hint">
                  {t("publication.field.orgOthers", {
                    orgs: orgs
                      .filter((o) => !o.mayPublish)
                      .map((o) => o.name)
                      .join(locale === "en" ? ", " : "、"),
                  })}
                </p>
              )}
              <button type="submit" className="primary">
                {t("publication.publish")}
              </button>
            </AppForm>
          )}
        </>
      )}
    </>
  );
}

type RollRow = ReturnType<typeof useLoaderData<typeof loader>>["roll"][number];

function AdminRoll({ roll, today }: { roll: RollRow[]; today: string }) {
  const t = useT();
  const locale = useLocale();
  return (
    <TableRegion label={t("publication.roll")}>
      <table>
        <thead>
          <tr>
            <th>{t("honors.col.category")}</th>
            <th>{t("honors.col.position")}</th>
            <th>{t("notice.col.name")}</th>
            <th>{t("notice.col.org")}</th>
            <th>{t("common.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {roll.map((h) => (
            <tr key={h.id}>
              <td>{h.category_name}</td>
              <td>{h.position}</td>
              <td>{h.name}</td>
              <td>{h.org_name}</td>
              <td>
                {h.revoked ? (
                  <span className="status status-revoked">
                    {t("publication.revoked", {
                      date: formatDate(locale, h.revoked_on ?? ""),
                      reason: h.revoked_reason ?? "",
                    })}
                  </span>
                ) : (
                  <details>
                    <summary>{t("publication.revoke")}</summary>
                    <AppForm>
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="honoree" value={h.id} />
                      <TextField
                        name="reason"
                        label={t("publication.revokeReason")}
                        required
                        maxLength={1000}
                      />
                      <TextField
                        name="revoked_on"
                        type="date"
                        label={t("publication.revokedOn")}
                        defaultValue={today}
                        required
                      />
                      <button type="submit" className="secondary">
                        {t("publication.revoke")}
                      </button>
                    </AppForm>
                  </details>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
