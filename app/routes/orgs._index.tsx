import type { MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/i18n/page-title";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { buildTree, type TreeNode } from "~/domain/org-tree";
import { listOrgs, type OrgRow } from "~/models/org.server";
import { useT } from "~/i18n/use-t";

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args, (t) => [t("orgs.title")]);

export async function loader(_: LoaderFunctionArgs) {
  return { orgs: await listOrgs(_.context.db) };
}

function Branch({ nodes }: { nodes: TreeNode<OrgRow>[] }) {
  const t = useT();
  return (
    <ul>
      {nodes.map((n) => (
        <li key={n.org.id}>
          <Link to={`/orgs/${n.org.id}`}>{n.org.name}</Link>
          <span className="kind">{t(`orgKind.${n.org.kind}`)}</span>
          {n.children.length > 0 && <Branch nodes={n.children} />}
        </li>
      ))}
    </ul>
  );
}

export default function OrgTree() {
  const t = useT();
  const { orgs } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("orgs.title")}</h1>
      <p className="muted">{t("orgs.intro")}</p>
      <p>{t("orgs.count", { count: orgs.length })}</p>
      <nav className="card tree" aria-label={t("orgs.title")}>
        <Branch nodes={buildTree(orgs)} />
      </nav>
    </>
  );
}
