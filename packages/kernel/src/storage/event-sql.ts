import type { EventQuery } from "./storage.js";

/**
 * The SQL of one ordered event scan (or count) for a single type or none: through the subject
 * index when a principal/artifact is given, the type index when a type is, else the seq order.
 */
export function eventScanSql(
  q: Omit<EventQuery, "limit">,
  type: string | null,
  count: boolean,
): { sql: string; params: unknown[] } {
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
