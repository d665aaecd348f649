import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { countOrgs } from "~/models/org.server";
import { countUsers } from "~/models/user.server";
import { useLocale, useT } from "~/i18n/use-t";
import { formatNumber } from "~/i18n/format";

export async function loader({ context }: LoaderFunctionArgs) {
  const [orgs, users] = await Promise.all([countOrgs(context.db), countUsers(context.db)]);
  return { orgs, users };
}

export default function Home() {
  const t = useT();
  const locale = useLocale();
  const { orgs, users } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("app.name")}</h1>
      <p className="lead">{t("home.intro")}</p>
      <ul className="stats">
        <li>
          <span className="figure">{formatNumber(locale, orgs)}</span>
          {t("home.stats.orgs")}
        </li>
        <li>
          <span className="figure">{formatNumber(locale, users)}</span>
          {t("home.stats.users")}
        </li>
      </ul>
      <p>{t("home.forStaff")}</p>
      <p>
        <Link to="/orgs">{t("home.browseOrgs")}</Link>
      </p>
    </>
  );
}
