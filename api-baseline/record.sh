#!/usr/bin/env bash
# Records the current public API of each published module as the baseline japicmp checks against.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -DskipTests -Djapicmp.skip=true package -pl core,transport-jdk,transport-apache,transport-feign,json-jsonb,testkit -am
for module in core transport-jdk transport-apache transport-feign json-jsonb testkit; do
  artifact=ikpurge-$module
  cp "$module/target/$artifact-0.1.0-SNAPSHOT.jar" "api-baseline/$artifact.jar"
done
ls -l api-baseline/*.jar
