#!/usr/bin/env bash
# Installs PostgreSQL from Debian's packages (when missing), starts the default cluster and makes
# the test role and database. Prints the URL the tests use (ECOLOGY_TEST_DATABASE_URL) on stdout;
# everything else goes to stderr. Safe to run again.
set -euo pipefail
{
  if ! command -v pg_ctlcluster >/dev/null || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql
  fi
  version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$version main$"; then
    pg_createcluster "$version" main
  fi
  if ! pg_lsclusters -h | grep "^$version main" | grep -q online; then
    pg_ctlcluster "$version" main start
  fi
  for _ in $(seq 1 50); do
    if runuser -u postgres -- pg_isready -q -h 127.0.0.1 -p 5432; then break; fi
    sleep 0.2
  done
  runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ecology') THEN
    CREATE ROLE ecology LOGIN PASSWORD 'ecology' CREATEDB;
  END IF;
END $$;
SQL
  if ! runuser -u postgres -- psql -tAc "SELECT 1 FROM pg_database WHERE datname='ecology_test'" | grep -q 1; then
    runuser -u postgres -- createdb -O ecology ecology_test
  fi
} >&2
echo "postgres://ecology:ecology@127.0.0.1:5432/ecology_test"
