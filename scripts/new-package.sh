#!/usr/bin/env bash
# Creates a workspace package with the minimal file set every package shares.
# Usage: scripts/new-package.sh <folder> <name> "<description>"
set -euo pipefail
dir=$1 name=$2 desc=$3
mkdir -p "$dir/src"
cat > "$dir/package.json" <<JSON
{
  "name": "$name",
  "version": "0.0.0",
  "description": "$desc",
  "license": "MIT",
  "type": "module",
  "exports": {
    ".": "./src/index.ts"
  },
  "publishConfig": {
    "access": "public",
    "exports": {
      ".": {
        "types": "./dist/index.d.ts",
        "default": "./dist/index.js"
      }
    }
  },
  "files": ["dist"],
  "scripts": {
    "build": "tsc -p tsconfig.build.json",
    "typecheck": "tsc -b",
    "lint": "biome check .",
    "test": "vitest run --root ../.. --project $name",
    "clean": "rm -rf dist .turbo"
  }
}
JSON
cat > "$dir/tsconfig.json" <<JSON
{
  "extends": "../../tsconfig.base.json",
  "compilerOptions": {
    "rootDir": "src",
    "outDir": "dist/tsc",
    "emitDeclarationOnly": true
  },
  "include": ["src"]
}
JSON
cat > "$dir/tsconfig.build.json" <<JSON
{
  "extends": "../../tsconfig.base.json",
  "compilerOptions": {
    "rootDir": "src",
    "outDir": "dist",
    "composite": false,
    "declarationMap": false
  },
  "include": ["src"],
  "exclude": ["src/**/*.test.ts", "src/**/*.test-d.ts", "src/**/test-fixtures/**"]
}
JSON
[ -f "$dir/README.md" ] || printf '# %s\n\n%s\n' "$name" "$desc" > "$dir/README.md"
[ -f "$dir/src/index.ts" ] || printf 'export {};\n' > "$dir/src/index.ts"
