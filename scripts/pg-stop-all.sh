#!/usr/bin/env bash
# Stop every throwaway PostgreSQL cluster listed in the registry file ($1, or
# IMPACTLINE_PG_REGISTRY): the data folders scripts/pg-cluster.mjs appended there. For CI's trap,
# so a test process that was killed cannot leave a cluster running. Only clusters we started.
registry="${1:-${IMPACTLINE_PG_REGISTRY:-}}"
[ -n "$registry" ] && [ -f "$registry" ] || exit 0
while IFS= read -r data; do
  [ -f "$data/postmaster.pid" ] || continue
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1
  else "$bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1; fi
  echo "stopped a PostgreSQL cluster left running: $data"
done < "$registry"
exit 0
