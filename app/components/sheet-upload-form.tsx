import { AppForm } from "./form-fields";
import { SHEET_ACCEPT } from "./row-issues-table";

/**
 * A sheet upload with one yes/no option beside the file (aid activities: all or nothing; contest
 * reports: already verified). Multipart, and a plain form: it works without JavaScript.
 */
export function SheetUploadForm({
  fileLabel,
  option,
  submit,
}: {
  fileLabel: string;
  option: { name: string; label: string };
  submit: string;
}) {
  return (
    <AppForm className="card stack" encType="multipart/form-data">
      <div className="field">
        <label htmlFor="f-sheet">{fileLabel}</label>
        <input id="f-sheet" name="sheet" type="file" required accept={SHEET_ACCEPT} />
      </div>
      <div className="field">
        <label>
          <input type="checkbox" name={option.name} /> {option.label}
        </label>
      </div>
      <button type="submit" className="primary">
        {submit}
      </button>
    </AppForm>
  );
}
