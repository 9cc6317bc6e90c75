#!/usr/bin/env bash
# The framework's own tests, the exercise suites and the suite gate, with Maven's usual output.
# A learner's plain `mvn test` is quiet (.mvn/jvm.config: Maven logs errors only) and runs only the
# exercise suites; this restores Maven's log level and switches on the `framework` profile. Extra
# arguments go to Maven:
#   scripts/framework-tests.sh -Ddojo.gate.strict=true            (what CI runs)
#   scripts/framework-tests.sh -Dtest=SuiteGateTest                (one class)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec mvn -Pframework -Dorg.slf4j.simpleLogger.defaultLogLevel=info "$@" test
