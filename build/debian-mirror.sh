# Sourced by the scripts that fetch Debian packages through a private apt configuration
# (native/build-libzmq.sh, build/emulators/setup.sh). It defines:
#
#   debian_mirror            prints the Debian archive URI to fetch from
#   debian_security_mirror   prints the Debian security archive URI, or nothing if there is none
#
# The repository names no package host: the mirror is the one this machine's apt already uses
# (deb822 files in /etc/apt/sources.list.d/*.sources, one-line entries in /etc/apt/sources.list and
# /etc/apt/sources.list.d/*.list), so a machine behind its own mirror or proxy keeps using it.
# ZMQ_DEBIAN_MIRROR overrides it (e.g. a local mirror, or on a machine whose apt is not Debian's);
# with the override set, no security archive is read from the machine either.
#
# A Debian archive is recognised by a "deb" or "deb-src" entry for the suite this machine runs
# (VERSION_CODENAME in /etc/os-release, e.g. bookworm); the security archive by "<suite>-security".
# The pinned packages name their own suite, so any Debian archive that carries it will do.
# (ZMQ_APT_DIR and ZMQ_OS_RELEASE stand in for /etc/apt and /etc/os-release in this script's tests.)

# All apt entries as "<uri> <suite> <components...>" lines (one per URI and suite): deb822 files
# first, then the one-line files.
_debian_apt_entries() {
  local file apt="${ZMQ_APT_DIR:-/etc/apt}"
  for file in "$apt"/sources.list.d/*.sources; do
    [ -f "$file" ] || continue
    # deb822: paragraphs of "Key: value" fields; Types, URIs and Suites may each hold several words.
    awk '
      function flush() {
        if (types ~ /(^|[ \t])deb(-src)?([ \t]|$)/ && enabled !~ /^(no|false|off|0)$/)
          for (u = 1; u <= nu; u++) for (s = 1; s <= ns; s++) print uris[u], suites[s], components
        types = ""; enabled = ""; nu = 0; ns = 0; components = ""
      }
      /^[ \t]*#/ { next }
      /^[ \t]*$/ { flush(); next }
      {
        key = tolower($1); sub(/:$/, "", key)
        value = $0; sub(/^[^:]*:[ \t]*/, "", value)
        if (key == "types") types = value
        else if (key == "enabled") enabled = tolower(value)
        else if (key == "uris") nu = split(value, uris, /[ \t]+/)
        else if (key == "suites") ns = split(value, suites, /[ \t]+/)
        else if (key == "components") components = value
      }
      END { flush() }
    ' "$file" | tr -d '\r'
  done
  for file in "$apt"/sources.list "$apt"/sources.list.d/*.list; do
    [ -f "$file" ] || continue
    # One-line form: deb [options] uri suite components...
    tr -d '\r' < "$file" | sed -n 's/^[ \t]*deb\(-src\)\?[ \t]\+\(\[[^]]*\][ \t]\+\)\?\([^ \t]\+\)[ \t]\+\([^ \t]\+\)\(.*\)/\3 \4\5/p'
  done
}

# The machine's Debian codename (bookworm, ...); nothing on a system that is not Debian (Ubuntu's
# archives do not carry Debian's packages, so its apt entries must not be taken for Debian's).
_debian_codename() {
  local release="${ZMQ_OS_RELEASE:-/etc/os-release}" codename=""
  [ -r "$release" ] && codename="$(. "$release" && [ "${ID:-}" = debian ] && printf '%s' "${VERSION_CODENAME:-}")"
  printf '%s' "$codename"
}

debian_mirror() {
  if [ -n "${ZMQ_DEBIAN_MIRROR:-}" ]; then
    printf '%s\n' "${ZMQ_DEBIAN_MIRROR%/}"
    return 0
  fi
  local codename uri
  codename="$(_debian_codename)"
  # The first entry for the machine's suite with the main component: Debian's own archive, not a
  # third-party repository that happens to name the same suite.
  uri="$(_debian_apt_entries | awk -v suite="$codename" 'suite != "" && $2 == suite && / main( |$)/ { print $1; exit }')"
  if [ -z "$uri" ]; then
    echo "no Debian archive for suite '${codename:-unknown (not a Debian system)}' with component main in this machine's apt configuration (${ZMQ_APT_DIR:-/etc/apt}/sources.list, sources.list.d); set ZMQ_DEBIAN_MIRROR to a Debian archive's URI" >&2
    return 1
  fi
  printf '%s\n' "${uri%/}"
}

debian_security_mirror() {
  [ -z "${ZMQ_DEBIAN_MIRROR:-}" ] || return 0
  local codename
  codename="$(_debian_codename)"
  [ -n "$codename" ] || return 0
  _debian_apt_entries | awk -v suite="$codename-security" '$2 == suite && / main( |$)/ { sub(/\/$/, "", $1); print $1; exit }'
}
