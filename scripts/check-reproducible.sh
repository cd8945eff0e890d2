#!/usr/bin/env bash
# Builds every published jar of this commit twice from clean and fails when any jar differs between the two builds.
# The parent's project.build.outputTimestamp is what makes them equal; this script is the check that it still does.
set -euo pipefail
cd "$(dirname "$0")/.."
modules=$(grep -o '<artifactId>mp4j-[a-z-]*</artifactId><version>' bom/pom.xml | sed 's/<[^>]*>//g; s/^mp4j-//' | paste -sd, -)
out=$(mktemp -d)
for run in 1 2; do
  mvn -B -q -DskipTests -pl "bom,$modules" clean package
  mkdir -p "$out/$run"
  for m in ${modules//,/ }; do cp "$m"/target/*.jar "$out/$run/"; done
done
(cd "$out/1" && sha256sum -- *.jar) > "$out/1.sha256"
(cd "$out/2" && sha256sum -- *.jar) > "$out/2.sha256"
if ! diff "$out/1.sha256" "$out/2.sha256"; then
  echo "not reproducible: the jars above differ between two builds of one commit" >&2
  exit 1
fi
echo "reproducible: $(wc -l < "$out/1.sha256") jars identical across two builds"
rm -rf "$out"
