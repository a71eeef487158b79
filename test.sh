#!/usr/bin/env bash
# Builds the solution and runs every test project, then prints one closing line:
#   tests: N passed, N failed[, N skipped]
# Installs what the tests need when it can (Debian's redis-server for the Redis client suite,
# Chromium for the browser tests), restores the local tools (Garnet), and exits non-zero
# if anything failed.
set -uo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

need_packages=()
command -v redis-server >/dev/null 2>&1 || need_packages+=(redis-server)
command -v chromium >/dev/null 2>&1 || need_packages+=(chromium)
command -v npm >/dev/null 2>&1 || need_packages+=(nodejs npm)
if ((${#need_packages[@]})); then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "test.sh: installing ${need_packages[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_packages[@]}" >/dev/null
  elif command -v sudo >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing ${need_packages[*]} with sudo"
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_packages[@]}" >/dev/null
  else
    echo "test.sh: missing ${need_packages[*]}; install them (Debian: apt-get install ${need_packages[*]}) — tests that need them will fail" >&2
  fi
fi

dotnet tool restore >/dev/null || { echo "test.sh: dotnet tool restore failed" >&2; exit 1; }
dotnet build Antigravity.Aspire.sln -c Debug -warnaserror -nologo -v q || { echo "tests: 0 passed, 1 failed"; echo "test.sh: build failed" >&2; exit 1; }

log=$(mktemp)
# Test projects run one after another: several start whole-app topologies with their own servers.
dotnet test Antigravity.Aspire.sln --no-build -c Debug -m:1 "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Sum the per-project summary lines: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12, …"
read -r passed failed skipped < <(grep -E '^(Passed|Failed)!' "$log" | awk '
  { for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1));
      if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
  END { printf "%d %d %d\n", p, f, s }')
rm -f "$log"

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # A test host crashed or a project failed without a summary line: count it as a failure.
  failed=1
fi
line="tests: ${passed} passed, ${failed} failed"
[ "$skipped" -gt 0 ] && line="${line}, ${skipped} skipped"
echo "$line"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
