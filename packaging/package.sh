#!/usr/bin/env bash
# Builds a native installer image of the console with the JDK's jpackage (bundles a Java runtime, so users
# need nothing installed). Usage: packaging/package.sh [app-image|deb|rpm]   (default: app-image)
# deb needs dpkg-deb and fakeroot; rpm needs rpmbuild. The result is in target/dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
type=${1:-app-image}
version=$(mvn -B -q help:evaluate -Dexpression=project.version -DforceStdout | sed 's/-SNAPSHOT//')
[ -f target/redflag-console.jar ] || mvn -B -q package -DskipTests
rm -rf target/jpackage-input target/dist
mkdir -p target/jpackage-input target/dist
cp target/redflag-console.jar target/jpackage-input/
jpackage \
  --type "$type" \
  --name redflag-console \
  --app-version "$version" \
  --vendor "redflag-console" \
  --description "Desktop console for a RedFlag update-management fleet" \
  --input target/jpackage-input \
  --main-jar redflag-console.jar \
  --main-class org.redflag.console.app.Launcher \
  --java-options "-Xmx1g" \
  $( [ "$type" = deb ] && echo "--linux-shortcut --linux-menu-group System" ) \
  --dest target/dist
echo "built: $(ls target/dist)"
