#!/usr/bin/env bash
# Installs what the real-editor test needs: Debian's Chromium, and code-server 4.100.3 (a real VS Code
# that runs on Node 20) in a folder outside the repository. Idempotent; prints the code-server path.
# See ../shared/notes/real-editor-tests.md for why each step is there.
set -euo pipefail
CODE_SERVER_VERSION=4.100.3
dir=${ECOLOGY_CODE_SERVER_DIR:-$HOME/.cache/ecology/code-server-$CODE_SERVER_VERSION}

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v rg >/dev/null || need_apt+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq "${need_apt[@]}" >&2
fi

if [ ! -x "$dir/node_modules/.bin/code-server" ]; then
  mkdir -p "$dir"
  tmp=${TMPDIR:-/tmp}
  # @vscode/ripgrep's postinstall downloads ripgrep; seed its cache with Debian's binary instead.
  cache="$tmp/vscode-ripgrep-cache-1.15.11"
  mkdir -p "$cache"
  tar czf "$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C /usr/bin rg
  (cd "$dir" && [ -f package.json ] || echo '{"private":true}' > package.json)
  (cd "$dir" && npm_config_yes=true npm i "code-server@$CODE_SERVER_VERSION" --unsafe-perm \
    --foreground-scripts --no-audit --no-fund >&2)
fi
echo "$dir/node_modules/.bin/code-server"
