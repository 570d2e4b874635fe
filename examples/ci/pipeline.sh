#!/usr/bin/env bash
# The CI steps for a kcc project, one function each (step_*), so that GitHub Actions, GitLab CI
# and the test (test/integration/ci-example.test.ts) run exactly the same commands.
#
#   examples/ci/pipeline.sh validate   # the committed rendered manifests against the schemas
#   examples/ci/pipeline.sh check      # they are what `kcc synth` renders now (kcc synth --check)
#   examples/ci/pipeline.sh diff       # pull/merge requests: what apply would change, as Markdown
#   examples/ci/pipeline.sh apply      # main: deploy
#
# Several steps may be given; they run in order and the first failure stops the script.
#
# Exit codes are kcc's (README: "exit code" table). `diff` exits 0 with no changes, 1 with
# changes, 2 or more when apply would refuse or on errors: CI treats 1 as success and posts the
# comment; a refusal fails the job, as the apply on main would fail.
#
# Settings (environment variables):
#   KCC             how to run kcc                          (default: npx --no-install kcc)
#   KCC_DIR         the project directory, where kcc.yaml is (default: .)
#   KCC_ENV         the environment from kcc.yaml            (default: prod)
#   KCC_OUT         the committed rendered manifests, relative to KCC_DIR (default: rendered/$KCC_ENV)
#   KCC_KUBECONFIG  a kubeconfig to use instead of the environment's cluster (CI: from a secret)
#   KCC_DIFF_FILE   where `diff` writes the Markdown comment (default: kcc-diff.md in KCC_DIR)
set -euo pipefail

read -r -a kcc <<<"${KCC:-npx --no-install kcc}"
env_name="${KCC_ENV:-prod}"
out="${KCC_OUT:-rendered/$env_name}"
diff_file="${KCC_DIFF_FILE:-kcc-diff.md}"
cluster=()
if [[ -n "${KCC_KUBECONFIG:-}" ]]; then cluster=(--kubeconfig "$KCC_KUBECONFIG"); fi

# kcc resolves --out against the working directory, so every step runs from the project.
cd "${KCC_DIR:-.}"

step_validate() {
  "${kcc[@]}" validate "$out" --strict
}

step_check() {
  # Writes nothing; exit 1 lists the stale, missing and extra files.
  "${kcc[@]}" synth --env "$env_name" --out "$out" --check
}

step_diff() {
  local code=0
  "${kcc[@]}" diff --env "$env_name" "${cluster[@]}" --exit-code -o markdown >"$diff_file" || code=$?
  cat "$diff_file"
  # kcc's exit 1 also covers "apply would refuse"; in CI that must fail, not pass as "changes".
  if [[ $code -eq 1 ]] && grep -q '^> \*\*Apply would refuse\*\*' "$diff_file"; then
    echo "kcc diff: apply would refuse this change (see $diff_file)" >&2
    return 2
  fi
  return "$code"
}

step_apply() {
  "${kcc[@]}" apply --env "$env_name" "${cluster[@]}"
}

if [[ $# -eq 0 ]]; then
  echo "usage: $0 validate|check|diff|apply..." >&2
  exit 2
fi
for step in "$@"; do
  case "$step" in
    validate | check | diff | apply) "step_$step" ;;
    *)
      echo "unknown step: $step (validate, check, diff or apply)" >&2
      exit 2
      ;;
  esac
done
