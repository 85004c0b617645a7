#!/usr/bin/env bash
# The .deb's round trip, run by `mvn -Ppackage verify` (and so by CI, where CI=true turns that profile on):
# install the package as a user would, run the installed console's `check` on its embedded PostgreSQL, remove the
# package and make sure nothing of it is left. Usage: packaging/check-deb.sh target/installer
# It needs root and dpkg and a built .deb; where one is missing it says so and passes. It never touches a
# redflag-console that was installed before it ran.
set -euo pipefail
installer_dir=$1
package=redflag-console
export DEBIAN_FRONTEND=noninteractive

say() { echo "check-deb: $*"; }
fail() { echo "check-deb: FAILED: $*" >&2; exit 1; }
status() { dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true; }

deb=$(find "$installer_dir" -maxdepth 1 -name "${package}_*.deb" | head -n 1)
if [ -z "$deb" ]; then
  say "no .deb was built (jpackage needs fakeroot and dpkg-deb): skipped"; exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v dpkg >/dev/null; then
  say "installing $deb needs root and dpkg: skipped"; exit 0
fi
case "$(status)" in
  *" installed") say "$package is installed on this machine, and the round trip would remove it: skipped"; exit 0 ;;
esac

data=$(mktemp -d)
cleanup() {
  rm -rf "$data"
  # A failed check must not leave the package behind either.
  case "$(status)" in
    ""|*not-installed) ;;
    *) dpkg --purge "$package" >/dev/null 2>&1 || true ;;
  esac
}
trap cleanup EXIT

say "installing $deb"
if ! dpkg -i "$deb"; then
  # dpkg leaves it unpacked when a dependency is missing (libgtk-3-0 or xdg-utils on a machine without a desktop):
  # fetch those from Debian's archive, as `apt-get install ./redflag-console_….deb` would have.
  say "installing the missing dependencies from Debian's archive"
  if ! { apt-get install -y -f --no-install-recommends || { apt-get update -q && apt-get install -y -f --no-install-recommends; }; }; then
    # Not the package's fault: without Debian's archive there is nothing to test it on. Say so and pass.
    say "could not fetch the dependencies from Debian's archive: skipped"; exit 0
  fi
fi
[ "$(status)" = "install ok installed" ] || fail "dpkg says '$(status)' after the installation"
[ "$(command -v "$package")" = "/usr/bin/$package" ] || fail "no $package on the PATH after the installation"

say "running: $package check (embedded PostgreSQL in $data)"
start=$(date +%s%N)
output=$(REDFLAG_DATA_DIR="$data" "$package" check) || fail "$package check exited with $?: $output"
echo "$output"
grep -q '^Server  *PostgreSQL' <<<"$output" || fail "check did not report the embedded server"
say "check took $(( ($(date +%s%N) - start) / 1000000 )) ms, a fresh database included"

say "removing $package"
dpkg -r "$package"
leftovers=$(ls -d "/opt/$package" "/usr/bin/$package" /usr/share/applications/"$package"* 2>/dev/null || true)
[ -z "$leftovers" ] || fail "left behind after dpkg -r: $leftovers"
dpkg --purge "$package"
case "$(status)" in
  ""|*not-installed) ;;
  *) fail "dpkg still has $package after the purge: $(status)" ;;
esac
say "the .deb installed, ran check and was removed without a trace"
