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

export class CopyWriter {
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
