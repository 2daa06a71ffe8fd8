import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CliError } from "./cli-error.js";
import {
  configPath,
  databasePath,
  isInitialised,
  recordStorage,
  redactUrl,
  resolveStorage,
} from "./storage.js";
import { freshDir } from "./test-fixtures/run.js";

const URL_A = "postgres://eco:secret@db.lan:5432/eco?schema=a";
const URL_B = "postgresql://eco:other@db.lan/eco";

function folder(): string {
  const dir = join(freshDir(), ".ecology");
  mkdirSync(dir, { recursive: true });
  return dir;
}

describe("where a command's economy lives", () => {
  it("prefers --storage, then ECOLOGY_DATABASE_URL, then the recorded storage, then kernel.db", () => {
    const dir = folder();
    const env = { ECOLOGY_DATABASE_URL: URL_B };
    expect(resolveStorage(dir, undefined, { env: {} })).toEqual({
      spec: databasePath(dir),
      postgres: false,
      source: "default",
    });
    recordStorage(dir, URL_A);
    expect(resolveStorage(dir, undefined, { env: {} })).toMatchObject({
      spec: URL_A,
      postgres: true,
      source: "config",
    });
    expect(resolveStorage(dir, undefined, { env })).toMatchObject({ spec: URL_B, source: "env" });
    expect(resolveStorage(dir, URL_A, { env })).toMatchObject({ spec: URL_A, source: "flag" });
  });

  it("records the storage 0600 (the URL may carry a password) and counts the folder as initialised", () => {
    const dir = folder();
    expect(isInitialised(dir)).toBe(false);
    recordStorage(dir, URL_A);
    expect(isInitialised(dir)).toBe(true);
    expect(JSON.parse(readFileSync(configPath(dir), "utf8"))).toEqual({ storage: URL_A });
    expect(statSync(configPath(dir)).mode & 0o777).toBe(0o600);
  });

  it("keeps an SQLite path given with --storage absolute, relative to the command's cwd", () => {
    const dir = folder();
    const chosen = resolveStorage(dir, "data/shop.db", { cwd: "/srv/eco", env: {} });
    expect(chosen).toEqual({ spec: "/srv/eco/data/shop.db", postgres: false, source: "flag" });
  });

  it("refuses other schemes, an empty storage and :memory: with invalid_argument", () => {
    const dir = folder();
    for (const bad of ["mysql://u:pw@db/eco", "", "  ", ":memory:"]) {
      expect(() => resolveStorage(dir, bad, { env: {} })).toThrow(
        expect.objectContaining({ code: "invalid_argument" }),
      );
    }
    const error = (() => {
      try {
        resolveStorage(dir, "mysql://u:hunter2@db/eco", { env: {} });
      } catch (e) {
        return e as CliError;
      }
    })();
    expect(error).toBeInstanceOf(CliError);
    expect(error?.message).not.toContain("hunter2");
  });

  it("refuses a config that is not JSON or whose storage is not a string", () => {
    const dir = folder();
    writeFileSync(configPath(dir), "{ not json");
    expect(() => resolveStorage(dir, undefined, { env: {} })).toThrow(/is not JSON/);
    writeFileSync(configPath(dir), JSON.stringify({ storage: 7 }));
    expect(() => resolveStorage(dir, undefined, { env: {} })).toThrow(/must be a string/);
  });

  it("hides a URL's password when printing it", () => {
    expect(redactUrl(URL_A)).toBe("postgres://eco:***@db.lan:5432/eco?schema=a");
    expect(redactUrl("postgres://db.lan/eco")).toBe("postgres://db.lan/eco");
    expect(redactUrl("/srv/eco/kernel.db")).toBe("/srv/eco/kernel.db");
  });
});
