import { useT } from "~/i18n/use-t";

interface Loose {
  unverified: number;
  returned: number;
  applications: number;
}

/** What a running contest leaves unfinished: a warning before nominating, never a refusal. */
export function ContestLooseEnds({ loose }: { loose: Loose }) {
  const t = useT();
  const lines = (["unverified", "returned", "applications"] as const).filter((k) => loose[k] > 0);
  if (lines.length === 0) return null;
  return (
    <div className="alert alert-warning">
      <p>{t("contestSetup.loose.title")}</p>
      <ul>
        {lines.map((k) => (
          <li key={k}>{t(`contestSetup.loose.${k}`, { count: loose[k] })}</li>
        ))}
      </ul>
    </div>
  );
}
