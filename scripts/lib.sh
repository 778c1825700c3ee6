# Shared helpers for scripts/*, .ci/run and Benchmarks/http.sh (sourced, not run).
# shellcheck shell=bash

# The repository root, whatever the caller's working directory.
ATTUNE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# The Swift toolchain lives at /opt/swift on the project's machines; a login
# shell may not have it on PATH.
if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
    export PATH="/opt/swift/usr/bin:$PATH"
fi

# Debian packages every build needs: the C libraries behind the system library
# targets (sqlite3, libcurl, libpq), pkg-config to find them, git for SwiftPM.
ATTUNE_BUILD_PACKAGES=(pkg-config libsqlite3-dev libcurl4-openssl-dev libpq-dev git ca-certificates)

# is_installed PKG: true when dpkg reports PKG as fully installed.
is_installed() {
    dpkg -s "$1" 2>/dev/null | grep -q '^Status: install ok installed$'
}

# ensure_packages PKG...: apt-get install the packages that are missing, and
# say nothing when none is. Runs apt-get update at most once per process.
ensure_packages() {
    local missing=() pkg sudo=()
    for pkg in "$@"; do
        is_installed "$pkg" || missing+=("$pkg")
    done
    [ "${#missing[@]}" -gt 0 ] || return 0
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || {
            echo "error: missing packages ${missing[*]}; run as root or install them" >&2
            return 1
        }
        sudo=(sudo)
    fi
    echo "installing: ${missing[*]}" >&2
    local log
    log="$(mktemp)"
    if { [ -n "${ATTUNE_APT_UPDATED:-}" ] || "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q; } >"$log" 2>&1 &&
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -q --no-install-recommends "${missing[@]}" >>"$log" 2>&1; then
        ATTUNE_APT_UPDATED=1
        rm -f "$log"
    else
        cat "$log" >&2
        rm -f "$log"
        echo "error: could not install ${missing[*]}" >&2
        return 1
    fi
}

# ensure_swift: fail with a clear message when no toolchain is found.
ensure_swift() {
    command -v swift >/dev/null 2>&1 || {
        echo "error: swift not found (expected the toolchain at /opt/swift/usr/bin)" >&2
        return 1
    }
}
