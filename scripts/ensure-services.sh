#!/usr/bin/env bash
# Starts the local PostgreSQL and Redis the test suite needs, if they are not running
# (Debian packages, as on the development and CI machines), and waits until they answer.
set -euo pipefail

pg_up() { pg_isready -q -h 127.0.0.1 -p 5432; }
redis_up() { [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = "PONG" ]; }

if ! pg_up; then
  echo "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
fi
if ! redis_up; then
  echo "starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
fi

for _ in $(seq 1 60); do
  if pg_up && redis_up; then
    echo "PostgreSQL and Redis are up"
    exit 0
  fi
  sleep 1
done
pg_up || echo "PostgreSQL did not come up on 127.0.0.1:5432" >&2
redis_up || echo "Redis did not come up on 127.0.0.1:6379" >&2
exit 1
