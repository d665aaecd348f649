import { idCheckChar } from "~/domain/nominations/id-number";

/** A valid ID number: region, birth date and sequence, with its check character appended. */
export function makeId(region: string, yyyymmdd: string, seq: string): string {
  const body = `${region}${yyyymmdd}${seq}`;
  return body + idCheckChar(body);
}
