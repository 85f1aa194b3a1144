# shellcheck shell=bash
# redis [REDIS-SERVER-ARGUMENT…]: runs a redis-server for the channel where RESOURCE_REDIS says the
# programs find it (HOST:PORT, or the path of a Unix socket; default 127.0.0.1:6379), keeping
# nothing on disk: events are messages, and the state that matters is under the resources
# directory (templates/README.md, "redis"). Stands alone (no lib/common.sh).

where=${RESOURCE_REDIS:-127.0.0.1:6379}
if [[ $where == /* ]]; then
  exec redis-server --port 0 --unixsocket "$where" --unixsocketperm 700 --save '' --appendonly no "$@"
fi
host=${where%:*}
port=${where##*:}
if [[ $host == '['*']' ]]; then
  host=${host:1:${#host}-2}
fi
if [[ $where != *:* || -z $host || -z $port || $port == *[!0-9]* ]]; then
  printf 'redis: RESOURCE_REDIS is neither HOST:PORT nor an absolute socket path: %s\n' "$where" >&2
  exit 64
fi
exec redis-server --bind "$host" --port "$port" --save '' --appendonly no "$@"
