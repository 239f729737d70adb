#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: initdb in a temporary directory,
# listening only on 127.0.0.1 (a free port) and on a Unix socket in that directory,
# with TLS on 127.0.0.1 (certificates of a throwaway CA, made with the openssl CLI).
#
# Usage:
#   eval "$(scripts/pg-server.sh start)"   starts one; prints (for eval) the exports
#                                          CLAIMTRACK_TEST_PG (the test role's URL),
#                                          CLAIMTRACK_PG_DIR (where the server lives) and
#                                          CLAIMTRACK_TEST_PG_CA (the CA's certificate)
#   scripts/pg-server.sh env [DIR]         prints those exports again
#   scripts/pg-server.sh stop [DIR]        stops it and deletes DIR (default: $CLAIMTRACK_PG_DIR)
#
# The server trusts connections from this machine, except for the role
# claimtrack_password_user, which must give a password (the tests of ~/.pgpass and
# PGPASSWORD set it), claimtrack_tls_user, which the server accepts over TLS only,
# and claimtrack_cert_user, which must log in over TLS with the client
# certificate client.crt (key client.key). The test role, claimtrack_test, may
# create databases (one per test) and set claimtrack_password_user's password.
#
# Next to the CA's certificate (ca.crt, in DIR/tls): server.crt (for localhost
# and 127.0.0.1, signed by the CA), client.crt and client.key, and other-ca.crt, a
# second CA that signed nothing. Durability is off (fsync,
# synchronous_commit): the data is thrown away with the directory.
#
# Run as root, the server runs as the `postgres` user (initdb refuses root).
# The binaries come from PATH, else from the newest /usr/lib/postgresql/*/bin
# (Debian's `postgresql` package).
set -euo pipefail

ROLE=claimtrack_test
PASSWORD_ROLE=claimtrack_password_user
TLS_ROLE=claimtrack_tls_user
CERT_ROLE=claimtrack_cert_user

die() {
  echo "pg-server.sh: $*" >&2
  exit 1
}

find_bindir() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v initdb)")"
    return
  fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [[ -n "$dir" && -x "$dir/initdb" ]] || die "no PostgreSQL server found (initdb): install Debian's postgresql package"
  echo "$dir"
}

# Runs a command as the server's owner: `postgres` under root, else oneself.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# The throwaway CA, the server's certificate signed by it, a client certificate
# for $CERT_ROLE, and a second CA, in $1. Valid for a week: the server is thrown
# away long before.
make_certificates() {
  local tls=$1
  command -v openssl >/dev/null 2>&1 ||
    die "the openssl command is needed to make the test server's certificates (Debian: apt-get install openssl)"
  mkdir -p "$tls"
  (
    set -e
    cd "$tls"
    local key=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
    local ca=(-addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign)
    openssl req -x509 "${key[@]}" -days 7 -subj "/CN=claimtrack test CA" "${ca[@]}" \
      -keyout ca.key -out ca.crt
    openssl req -x509 "${key[@]}" -days 7 -subj "/CN=claimtrack other CA" "${ca[@]}" \
      -keyout other-ca.key -out other-ca.crt
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' >server.ext
    printf 'extendedKeyUsage=clientAuth\n' >client.ext
    openssl req "${key[@]}" -subj "/CN=localhost" -keyout server.key -out server.csr
    openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 7 \
      -extfile server.ext -out server.crt
    openssl req "${key[@]}" -subj "/CN=$CERT_ROLE" -keyout client.key -out client.csr
    openssl x509 -req -in client.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 7 \
      -extfile client.ext -out client.crt
  ) >"$tls/openssl.log" 2>&1 || { cat "$tls/openssl.log" >&2; die "openssl could not make the test certificates"; }
  chmod 0600 "$tls"/*.key
  chmod 0644 "$tls"/*.crt
  # The server reads its key as its owner, and refuses one others may read.
  [[ $(id -u) -eq 0 ]] && chown postgres: "$tls/server.key" "$tls/server.crt"
  return 0
}

print_env() {
  local dir=$1
  [[ -f "$dir/port" ]] || die "$dir: no server started there"
  echo "export CLAIMTRACK_PG_DIR='$dir'"
  echo "export CLAIMTRACK_TEST_PG='postgres://$ROLE@127.0.0.1:$(cat "$dir/port")/postgres'"
  echo "export CLAIMTRACK_TEST_PG_CA='$dir/tls/ca.crt'"
}

start() {
  local bindir dir port
  bindir=$(find_bindir)
  if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || die "running as root needs a 'postgres' user to run the server as"
  fi
  dir=$(mktemp -d "${TMPDIR:-/tmp}/claimtrack-pg.XXXXXX")
  chmod 0755 "$dir"
  [[ $(id -u) -eq 0 ]] && chown postgres: "$dir"
  as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C \
    --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  make_certificates "$dir/tls"
  cat >"$dir/data/pg_hba.conf" <<EOF
# TYPE  DATABASE  USER               ADDRESS       METHOD
local   all       $PASSWORD_ROLE                   scram-sha-256
host    all       $PASSWORD_ROLE     127.0.0.1/32  scram-sha-256
hostssl all       $TLS_ROLE          127.0.0.1/32  trust
host    all       $TLS_ROLE          127.0.0.1/32  reject
hostssl all       $CERT_ROLE         127.0.0.1/32  cert
host    all       $CERT_ROLE         127.0.0.1/32  reject
local   all       all                              trust
host    all       all                127.0.0.1/32  trust
EOF
  local tries
  for tries in 1 2 3 4 5 6 7 8; do
    port=$((20000 + RANDOM % 40000))
    port_is_free "$port" || continue
    if as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir \
          -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
          -c max_connections=300 -c ssl=on -c ssl_cert_file=$dir/tls/server.crt \
          -c ssl_key_file=$dir/tls/server.key -c ssl_ca_file=$dir/tls/ca.crt" >/dev/null; then
      echo "$port" >"$dir/port"
      break
    fi
  done
  [[ -f "$dir/port" ]] || { cat "$dir/server.log" >&2; rm -rf "$dir"; die "the server did not start"; }
  local psql=psql
  [[ -x "$bindir/psql" ]] && psql="$bindir/psql"
  as_owner "$psql" -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres -c "
    CREATE ROLE $ROLE LOGIN CREATEDB CREATEROLE;
    CREATE ROLE $PASSWORD_ROLE LOGIN;
    CREATE ROLE $TLS_ROLE LOGIN;
    CREATE ROLE $CERT_ROLE LOGIN;
    GRANT $PASSWORD_ROLE TO $ROLE WITH ADMIN OPTION;" >/dev/null ||
    { stop "$dir"; die "could not create the test role"; }
  print_env "$dir"
}

stop() {
  local dir=${1:-${CLAIMTRACK_PG_DIR:-}}
  [[ -n "$dir" ]] || die "stop: which server? (give its directory or set CLAIMTRACK_PG_DIR)"
  [[ -f "$dir/data/PG_VERSION" ]] || die "$dir: not a server directory of this script"
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    as_owner "$(find_bindir)/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  env) print_env "${2:-${CLAIMTRACK_PG_DIR:?give the server directory}}" ;;
  *) die "usage: $0 start | stop [DIR] | env [DIR]" ;;
esac
