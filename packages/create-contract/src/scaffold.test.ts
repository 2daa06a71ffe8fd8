import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { TEMPLATES } from "./catalog.js";
import { PACKAGE_MANAGERS } from "./package-manager.js";
import { demoteHeadings } from "./readme.js";
import { scaffoldProject } from "./scaffold.js";
import { generateIntoTemp, tempDir } from "./test-fixtures/generated.js";
import { commandTarget, shellCommands } from "./test-fixtures/readme-commands.js";

let templatesDir: string;
beforeAll(() => {
  templatesDir = generateIntoTemp().dir;
});

const json = (dir: string, file: string) => JSON.parse(readFileSync(join(dir, file), "utf8"));

describe("scaffoldProject", () => {
  it("writes every template as a standalone project with the four scripts", () => {
    for (const t of TEMPLATES) {
      const dir = join(tempDir(), `my-${t.name}`);
      const result = scaffoldProject({
        dir,
        template: t.name,
        packageManager: "npm",
        templatesDir,
      });
      expect(result.packageName).toBe(`my-${t.name}`);
      expect(result.files).toEqual(expect.arrayContaining([t.contract, "package.json"]));
      const pkg = json(dir, "package.json");
      expect(pkg.type).toBe("module");
      expect(pkg.description.toLowerCase()).toBe(`${t.hint}.`);
      expect(pkg.scripts.test).toBe("vitest run");
      expect(pkg.scripts.build).toBe(`ecology build ${t.contract}`);
      expect(pkg.scripts.deploy).toMatch(new RegExp(`^ecology deploy ${t.contract} --as dev`));
      expect(pkg.scripts.dev).toBe("ecology dev");
      expect(JSON.stringify(pkg)).not.toMatch(/workspace:/);
      expect(existsSync(join(dir, t.contract))).toBe(true);
    }
  });

  it("writes a tsconfig that extends nothing, so it works outside this monorepo", () => {
    const dir = join(tempDir(), "p");
    scaffoldProject({ dir, template: "pool", packageManager: "npm", templatesDir });
    const tsconfig = json(dir, "tsconfig.json");
    expect(tsconfig.extends).toBeUndefined();
    expect(tsconfig.compilerOptions).toMatchObject({ strict: true, module: "NodeNext" });
  });

  it("recommends the extension and ignores local kernel state", () => {
    const dir = join(tempDir(), "p");
    scaffoldProject({ dir, template: "blank", packageManager: "pnpm", templatesDir });
    expect(json(dir, ".vscode/extensions.json")).toEqual({
      recommendations: ["ecology.ecology-vscode"],
    });
    expect(readFileSync(join(dir, ".gitignore"), "utf8").split("\n")).toEqual(
      expect.arrayContaining(["node_modules", ".ecology"]),
    );
    expect(json(dir, "package.json").pnpm.onlyBuiltDependencies).toContain("better-sqlite3");
  });

  it("writes a README whose next steps use the chosen package manager", () => {
    const dir = join(tempDir(), "coop");
    scaffoldProject({ dir, template: "cooperative-service", packageManager: "pnpm", templatesDir });
    const readme = readFileSync(join(dir, "README.md"), "utf8");
    expect(readme).toMatch(/^# coop\n/);
    expect(readme).toContain("pnpm install");
    expect(readme).toContain("pnpm run kernel:init");
    expect(readme).toContain("ecology deploy src/cooperative.ts --as dev --id coop --args '[5,2]'");
    expect(readme).toContain("pnpm exec ecology invoke coop status --as dev");
    expect(readme).toContain("## About this pattern");
  });

  it("tells how to install the contract toolchain alone only where no kernel is a dependency", () => {
    const readmeOf = (template: "blank" | "cooperative-service", pm: "npm" | "pnpm") => {
      const dir = join(tempDir(), template);
      scaffoldProject({ dir, template, packageManager: pm, templatesDir });
      return {
        readme: readFileSync(join(dir, "README.md"), "utf8"),
        pkg: json(dir, "package.json"),
      };
    };
    const blank = readmeOf("blank", "npm");
    expect(Object.keys(blank.pkg.dependencies)).toEqual(["@ecology/sdk"]);
    expect(blank.readme).toContain(
      "`npm install --omit=dev` installs just what compiles a contract",
    );
    expect(readmeOf("blank", "pnpm").readme).toContain("`pnpm install --prod` installs just");
    // The cooperative service's story runs a kernel: its production install builds SQLite.
    const coop = readmeOf("cooperative-service", "npm");
    expect(coop.pkg.dependencies).toHaveProperty("@ecology/kernel");
    expect(coop.readme).not.toContain("--omit=dev");
  });
});

describe("the generated README's commands", () => {
  const cases = TEMPLATES.flatMap((t) => PACKAGE_MANAGERS.map((pm) => [t.name, pm] as const));

  it.each(cases)(
    "%s with %s: every shell command is the project's own, for its manager",
    (template, pm) => {
      const dir = join(tempDir(), "p");
      scaffoldProject({ dir, template, packageManager: pm, templatesDir });
      const { scripts, devDependencies } = json(dir, "package.json");
      const commands = shellCommands(readFileSync(join(dir, "README.md"), "utf8"));
      expect(commands.length).toBeGreaterThan(0);
      for (const command of commands) {
        const target = commandTarget(command, pm);
        expect(target.kind, command).not.toBe("other");
        if (target.kind === "script")
          expect(Object.keys(scripts), command).toContain(target.script);
        if (target.kind === "bin") expect(target.bin, command).toBe("ecology");
        // pnpm hands a `--` on to the command, which then takes `--port` for an argument.
        if (target.kind === "script" && pm === "pnpm")
          expect(target.args, command).not.toMatch(/^--(\s|$)/);
        if (target.kind === "script" && pm === "npm" && target.args !== "")
          expect(target.args, command).toMatch(/^-- /);
      }
      for (const script of Object.values(scripts) as string[])
        if (script.startsWith("tsx ")) expect(Object.keys(devDependencies)).toContain("tsx");
    },
  );

  it("shows how to pick the dev port with each manager", () => {
    const readmeFor = (pm: "npm" | "pnpm") => {
      const dir = join(tempDir(), pm);
      scaffoldProject({ dir, template: "pool", packageManager: pm, templatesDir });
      return shellCommands(readFileSync(join(dir, "README.md"), "utf8"));
    };
    expect(readmeFor("npm")).toContainEqual(expect.stringMatching(/^npm run dev -- --port 0 +#/));
    expect(readmeFor("pnpm")).toContainEqual(expect.stringMatching(/^pnpm run dev --port 0 +#/));
  });

  it("gives the cooperative service a demo script that runs its narrated story", () => {
    for (const pm of PACKAGE_MANAGERS) {
      const dir = join(tempDir(), "coop");
      scaffoldProject({ dir, template: "cooperative-service", packageManager: pm, templatesDir });
      expect(json(dir, "package.json").scripts.demo).toContain("src/story.ts");
      const commands = shellCommands(readFileSync(join(dir, "README.md"), "utf8"));
      expect(commands).toContain(pm === "npm" ? "npm run demo" : "pnpm run demo");
      expect(commands).toContain(pm === "npm" ? "npm test" : "pnpm test");
    }
  });
});

describe("demoteHeadings", () => {
  it("nests headings under one level and leaves shell comments in code fences alone", () => {
    const md = "## Walkthrough\n\n```sh\n# install first\nnpm test\n```\n\n### Notes";
    expect(demoteHeadings(md)).toBe(
      "### Walkthrough\n\n```sh\n# install first\nnpm test\n```\n\n#### Notes",
    );
  });
});
