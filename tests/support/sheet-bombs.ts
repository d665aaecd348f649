import zlib from "node:zlib";

/**
 * Sheets built to exhaust the reader: a few MB on disk, hundreds of MB or more once read. The
 * XLSX parts are deflated as they are generated, so the test process never holds the unpacked XML.
 */

type Part = { name: string; pieces: () => Iterable<string> };

interface Packed {
  name: Buffer;
  crc: number;
  size: number;
  data: Buffer;
}

async function deflatePart(part: Part): Promise<Packed> {
  const deflate = zlib.createDeflateRaw({ level: 6 });
  const out: Buffer[] = [];
  deflate.on("data", (b: Buffer) => out.push(b));
  const done = new Promise((resolve, reject) => deflate.on("end", resolve).on("error", reject));
  let crc = 0;
  let size = 0;
  for (const piece of part.pieces()) {
    const bytes = Buffer.from(piece, "utf8");
    crc = zlib.crc32(bytes, crc);
    size += bytes.length;
    if (!deflate.write(bytes)) await new Promise((resolve) => deflate.once("drain", resolve));
  }
  deflate.end();
  await done;
  return { name: Buffer.from(part.name, "utf8"), crc, size, data: Buffer.concat(out) };
}

/** A zip of deflated parts (sizes under 4 GiB stored as 32 bits; a bomb's size field wraps, as a liar's would). */
async function zip(parts: Part[]): Promise<Buffer> {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const p = await deflatePart(part);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(8, 8);
    head.writeUInt32LE(p.crc >>> 0, 14);
    head.writeUInt32LE(p.data.length, 18);
    head.writeUInt32LE(p.size >>> 0, 22);
    head.writeUInt16LE(p.name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(p.crc >>> 0, 16);
    dir.writeUInt32LE(p.data.length, 20);
    dir.writeUInt32LE(p.size >>> 0, 24);
    dir.writeUInt16LE(p.name.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(head, p.name, p.data);
    central.push(dir, p.name);
    offset += head.length + p.name.length + p.data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

function* once(text: string) {
  yield text;
}

/** The parts every workbook has, around a first sheet's XML and, if given, a shared-strings table. */
export function xlsx(
  sheet: () => Iterable<string>,
  sharedStrings?: () => Iterable<string>,
  styles?: () => Iterable<string>,
): Promise<Buffer> {
  const types =
    `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
    `<Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
    `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
    (sharedStrings
      ? `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`
      : "") +
    `</Types>`;
  const rels = `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const book = `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`;
  const bookRels =
    `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
    (sharedStrings
      ? `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`
      : "") +
    `</Relationships>`;
  const parts: Part[] = [
    { name: "[Content_Types].xml", pieces: () => once(types) },
    { name: "_rels/.rels", pieces: () => once(rels) },
    { name: "xl/workbook.xml", pieces: () => once(book) },
    { name: "xl/_rels/workbook.xml.rels", pieces: () => once(bookRels) },
    { name: "xl/worksheets/sheet1.xml", pieces: sheet },
  ];
  if (sharedStrings) parts.push({ name: "xl/sharedStrings.xml", pieces: sharedStrings });
  if (styles) parts.push({ name: "xl/styles.xml", pieces: styles });
  return zip(parts);
}

/** `count` rows of one cell each, every cell the shared string 0 (a one-letter text). */
export function manyRowsXlsx(count: number): Promise<Buffer> {
  return xlsx(
    function* () {
      yield `${XML}<worksheet xmlns="${MAIN}"><sheetData>`;
      const batch: string[] = [];
      for (let r = 1; r <= count; r++) {
        batch.push(`<row r="${r}"><c r="A${r}" t="s"><v>0</v></c></row>`);
        if (batch.length === 10_000) yield batch.splice(0).join("");
      }
      yield `${batch.join("")}</sheetData></worksheet>`;
    },
    () => once(`${XML}<sst xmlns="${MAIN}" count="1" uniqueCount="1"><si><t>x</t></si></sst>`),
  );
}

/** A sheet of one cell over a shared-strings table of `count` strings of `length` letters. */
export function sharedStringsBomb(count: number, length: number): Promise<Buffer> {
  return xlsx(
    () =>
      once(
        `${XML}<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`,
      ),
    function* () {
      yield `${XML}<sst xmlns="${MAIN}" count="${count}" uniqueCount="${count}">`;
      const text = "字".repeat(length);
      const batch: string[] = [];
      for (let i = 0; i < count; i++) {
        batch.push(`<si><t>${text}${i}</t></si>`);
        if (batch.length === 1_000) yield batch.splice(0).join("");
      }
      yield `${batch.join("")}</sst>`;
    },
  );
}

/** A sheet whose single cell is an inline string of `megabytes` MB. */
export function enormousCellXlsx(megabytes: number): Promise<Buffer> {
  return xlsx(function* () {
    yield `${XML}<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>`;
    const mb = "a".repeat(1024 * 1024);
    for (let i = 0; i < megabytes; i++) yield mb;
    yield `</t></is></c></row></sheetData></worksheet>`;
  });
}

/** A CSV of `count` one-cell rows. */
export function manyRowsCsv(count: number): Buffer {
  return Buffer.from("x\n".repeat(count), "utf8");
}

/** A sheet of no rows at all, padded with `megabytes` MB of unknown elements: XML that is only bulk. */
export function xmlPaddingXlsx(megabytes: number): Promise<Buffer> {
  return xlsx(function* () {
    yield `${XML}<worksheet xmlns="${MAIN}">`;
    const pad = `<x>${"a".repeat(100 * 1024)}</x>`.repeat(10);
    for (let i = 0; i < megabytes; i++) yield pad;
    yield `<sheetData/></worksheet>`;
  });
}

/** A one-cell sheet whose styles part is `megabytes` MB of number formats. */
export function stylesBomb(megabytes: number): Promise<Buffer> {
  return xlsx(
    () =>
      once(
        `${XML}<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`,
      ),
    undefined,
    function* () {
      yield `${XML}<styleSheet xmlns="${MAIN}"><numFmts>`;
      const fmts = Array.from(
        { length: 1000 },
        (_, i) => `<numFmt numFmtId="${164 + i}" formatCode="0.00"/>`,
      ).join("");
      for (let written = 0; written < megabytes * 1024 * 1024; written += fmts.length) yield fmts;
      yield `</numFmts></styleSheet>`;
    },
  );
}
