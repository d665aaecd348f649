import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { z } from "zod";
import { PAIRING_TIERS } from "~/domain/registry/vocabulary";
import { acceptSuggestions, runMatching, type MatchRun } from "~/models/matching.server";
import { requireProvinceAdmin } from "~/utils/authorize.server";
import { actorOf } from "~/utils/auth.server";
import { runAction } from "~/utils/action.server";
import { formError, parseForm, readForm } from "~/utils/form.server";
import { badRequest } from "~/utils/http.server";
import { useT } from "~/i18n/use-t";
import { AppForm, ErrorSummary, SelectField } from "~/components/form-fields";
import { RegistryNav } from "~/components/registry-nav";
import { ErrorPage } from "~/components/error-page";
import { TableRegion } from "~/components/table-region";
import registryStyles from "~/styles/registry.css";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t) => [t("registry.nav.match"), t("registry.title")]);

export const links: LinksFunction = () => [{ rel: "stylesheet", href: registryStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireProvinceAdmin(request, context);
  return null;
}

const PICK = /^([^|]{1,50})\|(\d{6})$/;
const AcceptSchema = z.object({
  tier: z.enum(PAIRING_TIERS),
  pick: z.preprocess(
    (v) => (v === undefined ? [] : [v].flat()),
    z
      .array(z.string().regex(PICK, "registry.match.badPick"))
      .min(1, "registry.match.nothingPicked")
      .max(10_000),
  ),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireProvinceAdmin(request, context);
  const form = await readForm(request, context);
  const intent = form.get("intent");
  if (intent === "run") {
    const started = performance.now();
    const run = await runMatching(context.db);
    return { kind: "run" as const, run, ms: Math.round(performance.now() - started) };
  }
  if (intent !== "accept") throw badRequest();
  const parsed = parseForm(form, AcceptSchema);
  if (!parsed.ok) return formError(parsed);
  const picks = parsed.data.pick.map((p) => {
    const [, helper_id, county_code] = PICK.exec(p)!;
    return { helper_id, county_code };
  });
  // Any refusal means the suggestions went stale under the reader (a pick taken, a county paired).
  return runAction(
    context,
    form,
    async (trx) => ({
      kind: "accepted" as const,
      accepted: await acceptSuggestions(trx, actorOf(user, context), picks, parsed.data.tier),
    }),
    {
      statusOf: () => 409,
      body: ({ messageKey }) => ({
        ok: false as const,
        errors: { pick: { key: "registry.match.stale" as const, params: { detail: messageKey } } },
        values: {},
      }),
    },
  );
}

function Suggestions({ run }: { run: MatchRun }) {
  const t = useT();
  const { result, helperNames, countyNames } = run;
  if (result.suggestions.length === 0 && result.uncovered.length === 0)
    return <p className="alert alert-ok">{t("registry.match.none")}</p>;
  return (
    <>
      {result.suggestions.length > 0 && (
        <AppForm className="match-accept">
          <input type="hidden" name="intent" value="accept" />
          <h2>{t("registry.match.suggestions", { count: result.suggestions.length })}</h2>
          <TableRegion label={t("registry.match.suggestions", { count: result.suggestions.length })}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("registry.match.pick")}</th>
                  <th scope="col">{t("registry.nav.helpers")}</th>
                  <th scope="col">{t("registry.nav.counties")}</th>
                  <th scope="col">{t("registry.match.score")}</th>
                  <th scope="col">{t("registry.match.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {result.suggestions.map((s) => {
                  const value = `${s.helper_id}|${s.county_code}`;
                  return (
                    <tr key={value}>
                      <td>
                        <input
                          type="checkbox"
                          name="pick"
                          value={value}
                          defaultChecked
                          aria-label={`${t("registry.match.pick")} ${value}`}
                        />
                      </td>
                      <td>
                        {helperNames[s.helper_id]} <span className="muted">{s.helper_id}</span>
                      </td>
                      <td>
                        {countyNames[s.county_code]} <span className="muted">{s.county_code}</span>
                      </td>
                      <td>{s.cost}</td>
                      <td>
                        <ul className="reasons">
                          <li>
                            {s.reason.shared_skills.length
                              ? t("registry.match.sharedSkills", {
                                  skills: s.reason.shared_skills.join("、"),
                                })
                              : t("registry.match.noSharedSkills")}
                          </li>
                          <li>
                            {s.reason.same_city
                              ? t("registry.match.sameCity")
                              : t("registry.match.otherCity")}
                          </li>
                          <li>{t("registry.match.load", { k: s.reason.load })}</li>
                        </ul>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableRegion>
          <SelectField
            name="tier"
            label={t("registry.match.acceptTier")}
            defaultValue="province"
            options={PAIRING_TIERS.map((v) => ({ value: v, label: t(`registry.tier.${v}`) }))}
          />
          <button type="submit" className="primary">
            {t("registry.match.accept")}
          </button>
        </AppForm>
      )}
      {result.deep_kinds.length > 0 && (
        <>
          <h2>{t("registry.match.deepKind")}</h2>
          <ul>
            {result.deep_kinds.map((d) => (
              <li key={d.county_code}>
                {countyNames[d.county_code]} ({d.county_code}): {t(`registry.kind.${d.kind}`)}
              </li>
            ))}
          </ul>
        </>
      )}
      {result.uncovered.length > 0 && (
        <>
          <h2>{t("registry.match.uncovered")}</h2>
          <ul>
            {result.uncovered.map((u) => (
              <li key={u.county_code}>
                {countyNames[u.county_code]} ({u.county_code}): {t("registry.match.need", { need: u.need })}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/**
 * The verdict in plain words for the staff who act on it; the optimization's own figures (cost,
 * bound, gap) one click away for whoever checks them.
 */
function MatchSummary({ result, ms }: { result: MatchRun["result"]; ms: number }) {
  const t = useT();
  const percent = `${(result.gap * 100).toFixed(2)}%`;
  return (
    <div className="match-summary card">
      <p className="match-verdict" role="status">
        {result.optimal ? t("registry.match.verdict.optimal") : t("registry.match.verdict.near", { percent })}
      </p>
      <details>
        <summary>{t("registry.match.details")}</summary>
        <p className="hint">{t("registry.match.scoring")}</p>
        <dl>
          <div>
            <dt>{t("registry.match.cost")}</dt>
            <dd>{result.cost}</dd>
          </div>
          <div>
            <dt>{t("registry.match.lowerBound")}</dt>
            <dd>{result.lower_bound}</dd>
          </div>
          <div>
            <dt>{t("registry.match.gap")}</dt>
            <dd>{percent}</dd>
          </div>
          <div>
            <dt>{result.optimal ? t("registry.match.optimal") : t("registry.match.notProven")}</dt>
            <dd>{t("registry.match.elapsed", { ms })}</dd>
          </div>
        </dl>
      </details>
    </div>
  );
}

export default function Matching() {
  const t = useT();
  const outcome = useActionData<typeof action>();
  return (
    <>
      <h1>{t("registry.nav.match")}</h1>
      <RegistryNav mayMatch />
      <p className="lead">{t("registry.match.intro")}</p>
      {outcome && "errors" in outcome && <ErrorSummary state={outcome} />}
      {outcome && "kind" in outcome && outcome.kind === "accepted" && (
        <p className="alert alert-ok" role="status">
          {t("registry.match.accepted", { count: outcome.accepted })}{" "}
          <Link to="/registry">{t("nav.registry")}</Link>
        </p>
      )}
      <AppForm className="actions">
        <input type="hidden" name="intent" value="run" />
        <button type="submit" className="primary">
          {t("registry.match.run")}
        </button>
      </AppForm>
      {outcome && "kind" in outcome && outcome.kind === "run" && (
        <>
          <MatchSummary result={outcome.run.result} ms={outcome.ms} />
          <Suggestions run={outcome.run} />
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
