// Rows into PostgreSQL's COPY … FROM STDIN (text format) through pg-copy-streams, in chunks of
// ~256 kB, waiting when the socket is full: memory stays flat however many rows go through.
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

const CHUNK_CHARS = 256 * 1024;

/** A value in COPY text format: \N for null; backslash, tab, newline and CR escaped. */
export function copyField(value: string | number | boolean | null): string {
  if (value === null) return "\\N";
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "number") return String(value);
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r")
    : value;
}

export class CopyWriter implements RowWriter {
  private buffer = "";
  private readonly stream: ReturnType<typeof copyFrom>;
  private readonly done: Promise<void>;
  private failed: Error | null = null;
  private ended = false;
  rows = 0;

  constructor(client: pg.ClientBase, table: string, columns: readonly string[]) {
    this.stream = client.query(copyFrom(`COPY "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) FROM STDIN`));
    this.done = new Promise((resolve, reject) => {
      this.stream.on("finish", () => resolve());
      this.stream.on("error", (error: Error) => {
        this.failed = error;
        reject(error);
      });
    });
    this.done.catch(() => {});
  }

  /** Adds one row; returns a promise only when the caller must wait for the socket. */
  write(line: string): void | Promise<void> {
    this.buffer += line;
    this.rows++;
    if (this.buffer.length >= CHUNK_CHARS) return this.flush();
  }

  private flush(): void | Promise<void> {
    if (this.failed) throw this.failed;
    const chunk = this.buffer;
    this.buffer = "";
    if (!this.stream.write(chunk)) {
      return new Promise((resolve, reject) => {
        this.stream.once("drain", resolve);
        this.stream.once("error", reject);
      });
    }
  }

  async end(): Promise<void> {
    if (this.ended) return this.done;
    this.ended = true;
    if (this.buffer) {
      const wait = this.flush();
      if (wait) await wait;
    }
    this.stream.end();
    await this.done;
  }

  /** Abandons the COPY: the statement fails and nothing of it stays. */
  async abort(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    this.stream.destroy(new Error("import abandoned"));
    await this.done.catch(() => {});
  }
}

/** What the stage writes rows through: COPY on PostgreSQL, batched INSERTs on the embedded PGlite. */
export type RowWriter = {
  rows: number;
  write(line: string): void | Promise<void>;
  end(): Promise<void>;
  abort(): Promise<void>;
};

/** Is this server the embedded PGlite (whose socket server cannot carry COPY FROM STDIN, see InsertWriter). */
export async function isPglite(client: pg.ClientBase): Promise<boolean> {
  const { rows } = await client.query<{ version: string }>("SELECT version()");
  return /pglite/i.test(rows[0]?.version ?? "");
}

const INSERT_CHUNK_CHARS = 4 * 1024 * 1024;

/**
 * The same rows (COPY text lines) for the embedded PGlite. Its socket server
 * (@electric-sql/pglite-socket) cuts the client's byte stream into protocol messages and runs
 * each alone in PGlite; COPY FROM STDIN needs the CopyData messages that follow its Query in
 * the same run, so PGlite's backend meets the end of its input and fails the COPY ("unexpected
 * EOF on client connection"). Here each ~4 MB of lines is one INSERT … SELECT that splits the
 * text in SQL: string_to_array with \N as null, each field cast to its column's type, escapes
 * (\\ \t \n \r, copyField's) undone for text columns. U+FFFD stands in for a backslash while
 * unescaping: the parser refuses any cell holding it, so no value has one. All the INSERTs run
 * in one transaction that end() commits, so a failure leaves the table empty, as a COPY would.
 */
export class InsertWriter implements RowWriter {
  private buffer = "";
  private failed: Error | null = null;
  private sql: string | null = null;
  private started = false;
  private ended = false;
  rows = 0;

  constructor(
    private readonly client: pg.ClientBase,
    private readonly table: string,
    private readonly columns: readonly string[],
  ) {}

  private async statement(): Promise<string> {
    if (this.sql) return this.sql;
    const { rows } = await this.client.query<{ attname: string; type: string }>(
      `SELECT attname, format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`,
      [`"${this.table}"`],
    );
    const types = new Map(rows.map((r) => [r.attname, r.type]));
    const fields = this.columns.map((c, i) => {
      const type = types.get(c);
      if (!type) throw new Error(`column ${c} not in ${this.table}`);
      const raw = `f[${i + 1}]`;
      const value =
        type === "text"
          ? `CASE WHEN strpos(${raw}, E'\\\\') = 0 THEN ${raw} ELSE replace(replace(replace(replace(replace(${raw}, E'\\\\\\\\', U&'\\FFFD'), E'\\\\t', E'\\t'), E'\\\\n', E'\\n'), E'\\\\r', E'\\r'), U&'\\FFFD', E'\\\\') END`
          : `${raw}::${type}`;
      return value;
    });
    this.sql =
      `INSERT INTO "${this.table}" (${this.columns.map((c) => `"${c}"`).join(", ")}) ` +
      `SELECT ${fields.join(", ")} FROM (SELECT string_to_array(l, E'\\t', E'\\\\N') AS f FROM unnest(string_to_array($1, E'\\n')) AS l WHERE l <> '') AS s`;
    return this.sql;
  }

  write(line: string): void | Promise<void> {
    if (this.failed) throw this.failed;
    this.buffer += line;
    this.rows++;
    if (this.buffer.length >= INSERT_CHUNK_CHARS) return this.flush();
  }

  private async flush(): Promise<void> {
    const chunk = this.buffer;
    this.buffer = "";
    if (!this.started) {
      this.started = true;
      await this.client.query("BEGIN");
    }
    const sql = await this.statement();
    try {
      await this.client.query(sql, [chunk]);
    } catch (error) {
      this.failed = error as Error;
      throw error;
    }
  }

  async end(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    if (this.buffer) await this.flush();
    if (this.started) await this.client.query("COMMIT");
  }

  async abort(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    this.buffer = "";
    if (this.started) await this.client.query("ROLLBACK").catch(() => {});
  }
}
