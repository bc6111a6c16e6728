// Reading a downloaded CSV file the way the programs people open it with do, so a test can
// check that each of them sees the same table:
//
// - `csvBytes` and `readCsv`: the file's bytes, and Node's own reading of them. The UTF-8
//   byte-order mark must come first (EF BB BF: what Excel on Windows looks for before it
//   reads a file as UTF-8 rather than in the computer's old code page); the WHATWG decoder
//   drops it, as a spreadsheet does, and the rows are parsed as RFC 4180 says.
// - `pythonCsvRows`: Python's csv module, opening the file with encoding "utf-8-sig".
// - `libreOfficeRows`: LibreOffice Calc, headless, importing the file as UTF-8 with every
//   column as text (so dates and numbers stay as written) and saving it again as CSV. Needs
//   `soffice` (Debian's libreoffice-calc-nogui, which `scripts/setup --browser` installs);
//   without it the check is skipped with a note, except under CI=true, where it fails.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const BYTE_ORDER_MARK = [0xef, 0xbb, 0xbf];

/** The file's bytes. */
export async function csvBytes(path) {
  return new Uint8Array(await readFile(path));
}

/** Node's reading: the UTF-8 text without its byte-order mark, parsed as RFC 4180. */
export async function readCsv(path) {
  const text = new TextDecoder("utf-8", { fatal: true }).decode(await csvBytes(path));
  return { text, rows: parseCsv(text) };
}

/** RFC 4180: quoted fields, doubled quotes inside them, CRLF line ends (also inside quotes). */
export function parseCsv(text) {
  const rows = [];
  let fields = [];
  let field = "";
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
      continue;
    }
    if (c === '"') {
      if (field !== "" || wasQuoted) throw new Error(`a quote inside an unquoted field at ${i}`);
      quoted = true;
      wasQuoted = true;
    } else if (c === ",") {
      fields.push(field);
      field = "";
      wasQuoted = false;
    } else if (c === "\r") {
      if (text[i + 1] !== "\n") throw new Error(`CR without LF at ${i}`);
      i++;
      fields.push(field);
      rows.push(fields);
      fields = [];
      field = "";
      wasQuoted = false;
    } else if (c === "\n") {
      throw new Error(`a line ended with LF only at ${i}`);
    } else {
      if (wasQuoted) throw new Error(`text after a closing quote at ${i}`);
      field += c;
    }
  }
  if (quoted) throw new Error("an unclosed quote");
  if (field !== "" || fields.length) throw new Error("the last row has no CRLF");
  return rows;
}

const PYTHON_READER = `
import csv, json, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    print(json.dumps(list(csv.reader(f))))
`;

/** Python's csv module, as `utf-8-sig`: the rows it reads. */
export function pythonCsvRows(path) {
  return JSON.parse(execFileSync("python3", ["-c", PYTHON_READER, path], { encoding: "utf8" }));
}

/** Whether LibreOffice can run here; under CI=true it must. */
export function libreOfficeAvailable() {
  const found = spawnSync("soffice", ["--version"], { encoding: "utf8" }).status === 0;
  if (!found && process.env.CI === "true") {
    throw new Error("soffice is not installed: scripts/setup --browser installs LibreOffice (libreoffice-calc-nogui)");
  }
  if (!found) console.warn("LibreOffice check skipped: soffice is not installed (scripts/setup --browser installs it).");
  return found;
}

/**
 * LibreOffice Calc's reading: imports the file (UTF-8, comma, double quotes, every one of
 * `columns` columns as text) and saves it as CSV again, which Python's csv module reads back.
 */
export async function libreOfficeRows(path, columns) {
  const folder = await mkdtemp(join(tmpdir(), "accord-calc-"));
  try {
    const input = join(folder, "download.csv");
    await copyFile(path, input);
    const asText = Array.from({ length: columns }, (_, i) => `${i + 1}/2`).join("/");
    const out = join(folder, "out");
    execFileSync(
      "soffice",
      [
        `-env:UserInstallation=file://${join(folder, "profile")}`,
        "--headless",
        `--infilter=CSV:44,34,76,1,${asText}`,
        "--convert-to",
        "csv:Text - txt - csv (StarCalc):44,34,76,1",
        "--outdir",
        out,
        input,
      ],
      { stdio: "pipe", timeout: 120_000 },
    );
    return pythonCsvRows(join(out, "download.csv"));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
