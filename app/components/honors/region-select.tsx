import { useT } from "~/i18n/use-t";

/** The region filter of the public pages: the province and its cities. */
export function RegionSelect({
  regions,
  value,
}: {
  regions: readonly { region_code: string; name: string }[];
  value?: string;
}) {
  const t = useT();
  return (
    <div className="field">
      <label htmlFor="f-region">{t("honors.region")}</label>
      <select id="f-region" name="region" defaultValue={value ?? ""}>
        <option value="">{t("honors.allRegions")}</option>
        {regions.map((r) => (
          <option key={r.region_code} value={r.region_code}>
            {r.name.replace(/总工会$/, "")}
          </option>
        ))}
      </select>
    </div>
  );
}
