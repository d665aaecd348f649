import { NavLink } from "@remix-run/react";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";

/** The registry's sections; matching only for admins of the whole province. */
export function RegistryNav({ mayMatch }: { mayMatch: boolean }) {
  const t = useT();
  const items: [string, MessageKey][] = [
    ["/registry", "nav.registry"],
    ["/registry/counties", "registry.nav.counties"],
    ["/registry/helpers", "registry.nav.helpers"],
    ["/registry/pairings", "registry.nav.pairings"],
    ["/registry/import", "registry.nav.import"],
    ...(mayMatch ? ([["/registry/match", "registry.nav.match"]] as [string, MessageKey][]) : []),
  ];
  return (
    <nav aria-label={t("registry.title")}>
      <ul className="registry-nav">
        {items.map(([to, key]) => (
          <li key={to}>
            <NavLink to={to} end>
              {t(key)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A county's state under the rule: covered, or short by n (of which kind, for a deep county). */
export function CoverageState({
  covered,
  short,
  closerKind,
}: {
  covered: boolean;
  short: number;
  closerKind: "unit" | "worker" | null;
}) {
  const t = useT();
  if (covered) return <span className="coverage-ok">{t("registry.state.covered")}</span>;
  const text = closerKind
    ? t("registry.state.shortDeep", { n: short, kind: t(`registry.kind.${closerKind}`) })
    : t("registry.state.short", { n: short });
  return <span className="coverage-short">{text}</span>;
}
