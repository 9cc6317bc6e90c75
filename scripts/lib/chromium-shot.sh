# Sourced by the screenshot scripts: shot URL PNG WIDTH HEIGHT takes a headless-chromium screenshot in a
# throw-away profile and fails loudly (exit 1, naming the caller's $shot_name) when no image was written.
shot() {
  local profile
  profile="$(mktemp -d)"
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
    --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars \
    --screenshot="$2" --window-size="$3,$4" "$1" 2>/dev/null
  rm -rf "$profile"
  [ -s "$2" ] || { echo "${shot_name:-screenshot}: error: chromium wrote no $2" >&2; exit 1; }
}
