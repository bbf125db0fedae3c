#!/usr/bin/env bash
# Installs what the real-VS-Code end-to-end tests (test/e2e/) need:
#   - Debian packages: headers/tools that code-server's native modules build
#     against, Debian's ripgrep, and Debian's Chromium (/usr/bin/chromium);
#   - code-server (VS Code in the browser) from npm into .tools/code-server,
#     kept apart from the project's own package.json.
#
# Works on a fresh Debian machine as root with CI=true and no stdin, offline
# except for the Debian and npm registries. Idempotent: a second run only
# checks and exits in well under a second.
#
# Why the ripgrep dance: code-server's lib/vscode depends on @vscode/ripgrep,
# whose postinstall downloads a prebuilt `rg` from GitHub (unreachable here).
# Its download.js first looks for a cached asset at
#   $(os.tmpdir())/vscode-ripgrep-cache-<pkg version>/ripgrep-<rg version>-<target>.tar.gz
# and, if present, just runs `tar xvf` on it into node_modules/@vscode/ripgrep/bin
# and expects `bin/rg`. So we pack Debian's /usr/bin/rg into exactly that file.
#
# Environment overrides:
#   CODE_SERVER_VERSION   (default 4.100.3; newer 4.x need Node 24)
#   SKIP_APT=1            do not touch apt (packages must already be there)
#   FORCE=1               reinstall code-server even if it looks installed
set -euo pipefail

CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
# Pinned by code-server 4.100.3's lib/vscode/npm-shrinkwrap.json.
VSCODE_RIPGREP_PKG_VERSION="${VSCODE_RIPGREP_PKG_VERSION:-1.15.11}"
# VERSION constant in @vscode/ripgrep 1.15.11 lib/postinstall.js.
RIPGREP_ASSET_VERSION="${RIPGREP_ASSET_VERSION:-v13.0.0-10}"

APT_PACKAGES=(
  libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev pkg-config
  build-essential python3
  ripgrep chromium fonts-liberation fonts-dejavu-core
)

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_DIR="$REPO_ROOT/.tools/code-server"
CS_PKG="$TOOLS_DIR/node_modules/code-server"
CS_BIN="$CS_PKG/out/node/entry.js"
RG_BIN="$CS_PKG/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
MARKER="$TOOLS_DIR/.installed-$CODE_SERVER_VERSION"

export DEBIAN_FRONTEND=noninteractive
# os.tmpdir() in the npm lifecycle scripts honours TMPDIR; pin it so our cache
# file and @vscode/ripgrep's lookup agree.
export TMPDIR="${TMPDIR:-/tmp}"

log() { printf '[install-code-server] %s\n' "$*"; }
die() { printf '[install-code-server] ERROR: %s\n' "$*" >&2; exit 1; }
now() { date +%s; }
T0=$(now)

# ---------------------------------------------------------------- apt
missing_apt_packages() {
  local p status
  for p in "${APT_PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || printf '%s ' "$p"
  done
}

MISSING="$(missing_apt_packages)"
if [[ -z "$MISSING" ]]; then
  log "apt: all packages present (${APT_PACKAGES[*]})"
elif [[ "${SKIP_APT:-0}" == "1" ]]; then
  die "apt packages missing and SKIP_APT=1: $MISSING"
else
  [[ "$(id -u)" == "0" ]] || die "need root for apt-get install: $MISSING"
  log "apt: installing $MISSING"
  apt-get update -q </dev/null
  # shellcheck disable=SC2086
  apt-get install -y -q --no-install-recommends $MISSING </dev/null
  log "apt: done ($(( $(now) - T0 )) s)"
fi
command -v rg >/dev/null || die "rg not found after apt install"
[[ -x /usr/bin/chromium ]] || die "/usr/bin/chromium not found after apt install"

# ---------------------------------------------------------------- code-server
# `code-server --version` prints e.g. "4.100.3 409c64e0... with Code 1.100.3",
# but first writes a default config.yaml under $XDG_CONFIG_HOME: keep it out of ~/.config.
cs_version() {
  local d v
  d=$(mktemp -d)
  v=$(XDG_CONFIG_HOME="$d" XDG_DATA_HOME="$d" node "$CS_BIN" --version 2>/dev/null | grep -E '^[0-9]+\.[0-9]+' | head -n1) || true
  rm -rf "$d"
  printf '%s' "$v"
}

installed_ok() {
  [[ -f "$MARKER" && -f "$CS_BIN" && -x "$RG_BIN" ]] || return 1
  [[ "$(cs_version)" == "$CODE_SERVER_VERSION "* ]]
}

if [[ "${FORCE:-0}" != "1" ]] && installed_ok; then
  log "code-server $CODE_SERVER_VERSION already installed in ${TOOLS_DIR#"$REPO_ROOT"/} (FORCE=1 to reinstall)"
else
  NODE_MAJOR=$(node -p 'process.versions.node.split(".")[0]')
  [[ "$NODE_MAJOR" == "20" ]] || die "code-server $CODE_SERVER_VERSION needs Node 20 (found $(node --version))"

  # Offline ripgrep: Debian's rg, packed where @vscode/ripgrep's postinstall looks.
  case "$(uname -m)" in
    x86_64) RG_TARGET=x86_64-unknown-linux-musl ;;
    aarch64) RG_TARGET=aarch64-unknown-linux-musl ;;
    *) die "unsupported arch $(uname -m)" ;;
  esac
  RG_CACHE_DIR="$TMPDIR/vscode-ripgrep-cache-$VSCODE_RIPGREP_PKG_VERSION"
  RG_ASSET="$RG_CACHE_DIR/ripgrep-$RIPGREP_ASSET_VERSION-$RG_TARGET.tar.gz"
  mkdir -p "$RG_CACHE_DIR"
  RG_STAGE="$(mktemp -d)"
  cp "$(command -v rg)" "$RG_STAGE/rg"
  tar -czf "$RG_ASSET" -C "$RG_STAGE" rg
  rm -rf "$RG_STAGE"
  log "ripgrep: packed $(command -v rg) ($(rg --version | head -n1)) as $RG_ASSET"

  log "npm: installing code-server@$CODE_SERVER_VERSION into ${TOOLS_DIR#"$REPO_ROOT"/} (takes ~1-2 min)"
  mkdir -p "$TOOLS_DIR"
  rm -f "$TOOLS_DIR"/.installed-*
  # Own package.json so npm never walks up to the project's.
  if [[ ! -f "$TOOLS_DIR/package.json" ]]; then
    printf '{\n  "name": "arcdsl-e2e-tools",\n  "private": true,\n  "description": "code-server for test/e2e (installed by scripts/install-code-server.sh)"\n}\n' \
      >"$TOOLS_DIR/package.json"
  fi
  NPM_ENV=(npm_config_unsafe_perm=true npm_config_yes=true npm_config_fund=false
           npm_config_audit=false npm_config_update_notifier=false)
  # node-gyp must not download Node headers: use the distro's.
  if [[ -f /usr/include/node/node_api.h ]]; then NPM_ENV+=(npm_config_nodedir=/usr); fi
  T1=$(now)
  (cd "$TOOLS_DIR" && env "${NPM_ENV[@]}" npm install --prefix "$TOOLS_DIR" \
      "code-server@$CODE_SERVER_VERSION" </dev/null)
  log "npm: done ($(( $(now) - T1 )) s)"

  [[ -f "$CS_BIN" ]] || die "code-server entry point missing: $CS_BIN"
  [[ -x "$RG_BIN" ]] || die "ripgrep binary missing: $RG_BIN (did @vscode/ripgrep's postinstall change? it looks for $RG_ASSET)"
  V=$(cs_version)
  [[ "$V" == "$CODE_SERVER_VERSION "* ]] || die "unexpected code-server version: '$V'"
  touch "$MARKER"
fi

log "code-server: $TOOLS_DIR/node_modules/.bin/code-server ($(cs_version))"
log "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo '?')"
log "total $(( $(now) - T0 )) s"
