# Installs, with apt-get, what building and testing Athanor needs and this machine lacks:
# pkg-config and libpq-dev (the PostgreSQL C client), the PostgreSQL 15 server, and openssl.
# Sourced by the scripts in scripts/; it installs nothing that is already there.

athanor_pg_bin=${ATHANOR_PG_BIN:-/usr/lib/postgresql/15/bin}

athanor_ensure_deps() {
    local missing=()
    command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
    pkg-config --exists libpq 2>/dev/null || missing+=(libpq-dev)
    [ -x "$athanor_pg_bin/postgres" ] || missing+=(postgresql-15)
    [ -x "$athanor_pg_bin/pgbench" ] || missing+=(postgresql-contrib-15)
    command -v python3 >/dev/null 2>&1 || missing+=(python3)
    command -v openssl >/dev/null 2>&1 || missing+=(openssl) # certificates for the TLS tests
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "error: missing ${missing[*]}; install them (apt-get install ${missing[*]}) or run as root" >&2
        return 1
    fi
    echo "installing ${missing[*]} with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}
