import { ARTIFACT_COLUMNS } from "./rows.js";
import type { Dialect } from "./sql-backend.js";
import type { ArtifactQuery, EventQuery, ListingQuery } from "./storage.js";

/** A statement and its bind values. */
export interface Sql {
  sql: string;
  params: unknown[];
}

/** Ands the given `column = ?` conditions (skipping nulls) into a WHERE clause. */
function where(base: string[], equals: [string, unknown][]): Sql {
  const conditions = [...base];
  const params: unknown[] = [];
  for (const [column, value] of equals) {
    if (value === null) continue;
    conditions.push(`${column} = ?`);
    params.push(value);
  }
  return { sql: conditions.length > 0 ? `WHERE ${conditions.join(" AND ")}` : "", params };
}

/** One page of live artifacts by owner, kind and id substring, ordered by id. */
export function artifactsSql(q: ArtifactQuery, dialect: Dialect): Sql {
  const base = ["deleted = 0"];
  const extra: unknown[] = [];
  if (q.nameContains !== null) {
    // SQLite has instr, PostgreSQL strpos: the same test, a substring at any position.
    base.push(`${dialect === "sqlite" ? "instr" : "strpos"}(lower(id), lower(?)) > 0`);
    extra.push(q.nameContains);
  }
  const w = where(base, [
    ["owner", q.owner],
    ["kind", q.kind],
  ]);
  return {
    sql: `SELECT ${ARTIFACT_COLUMNS} FROM artifacts ${w.sql} ORDER BY id LIMIT ? OFFSET ?`,
    params: [...extra, ...w.params, q.limit, q.offset],
  };
}

/** One page of listings by status and seller, ordered by artifact id. */
export function listingsSql(q: ListingQuery): Sql {
  const w = where(
    [],
    [
      ["status", q.status],
      ["seller", q.seller],
    ],
  );
  return {
    sql: `SELECT * FROM listings ${w.sql} ORDER BY artifact_id LIMIT ? OFFSET ?`,
    params: [...w.params, q.limit, q.offset],
  };
}

const placeholderCache = new Map<number, string>();

/** `(?, ?, …), (…)` for a multi-row INSERT; memoised, as it keys the statement cache. */
export function placeholders(rows: number, columns: number): string {
  const key = rows * 16 + columns;
  let text = placeholderCache.get(key);
  if (text === undefined) {
    const row = `(${Array.from({ length: columns }, () => "?").join(", ")})`;
    text = Array.from({ length: rows }, () => row).join(", ");
    placeholderCache.set(key, text);
  }
  return text;
}

/**
 * The SQL of one ordered event scan (or count) for a single type or none: through the subject
 * index when a principal/artifact is given, the type index when a type is, else the seq order.
 */
export function eventScanSql(
  q: Omit<EventQuery, "limit">,
  type: string | null,
  count: boolean,
): Sql {
  const select = count
    ? "COUNT(*) AS n"
    : "e.seq, e.time, e.tx, e.type, e.actor, e.target, e.data, e.hash";
  const params: unknown[] = [];
  let sql: string;
  if (q.subject) {
    sql = `SELECT ${select} FROM event_subjects s JOIN events e ON e.seq = s.seq WHERE s.id = ? AND s.seq > ? AND s.seq < ?`;
    params.push(q.subject.id, q.after, q.before);
    if (q.subject.roles !== 3) sql += ` AND (s.roles & ${q.subject.roles}) <> 0`;
    if (q.also) {
      sql += ` AND EXISTS (SELECT 1 FROM event_subjects a WHERE a.id = ? AND a.seq = s.seq AND (a.roles & ${q.also.roles}) <> 0)`;
      params.push(q.also.id);
    }
    if (type !== null) {
      sql += " AND e.type = ?";
      params.push(type);
    }
    sql += count ? "" : " ORDER BY s.seq";
  } else if (type !== null) {
    sql = `SELECT ${select} FROM events e WHERE e.type = ? AND e.seq > ? AND e.seq < ?`;
    params.push(type, q.after, q.before);
    sql += count ? "" : " ORDER BY e.type, e.seq";
  } else {
    sql = `SELECT ${select} FROM events e WHERE e.seq > ? AND e.seq < ?`;
    params.push(q.after, q.before);
    sql += count ? "" : " ORDER BY e.seq";
  }
  return { sql, params };
}
