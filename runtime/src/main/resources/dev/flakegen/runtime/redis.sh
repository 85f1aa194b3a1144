# shellcheck shell=bash
# redis [REDIS-SERVER-ARGUMENT…]: runs a redis-server for the channel where RESOURCE_REDIS says the
# programs find it (HOST:PORT, or the path of a Unix socket; default 127.0.0.1:6379), keeping
# nothing on disk: events are messages, and the state that matters is under the resources
# directory (runtime/README.md, "redis"). lib/common.sh precedes this text.
#
# The bus is the user's alone (runtime/README.md, "Security"): a password, made once and kept in
# RESOURCES_DIRECTORY/redis/password (0600, in a folder only the user can enter), is required of
# every client (with RESOURCE_REDIS_USER, for that ACL user; the default user is then off), and
# RESOURCES_DIRECTORY/redis/server records this server (PID-START ADDRESS): the programs send the
# password only while the recorded server lives, since a live server holds its address and no
# stand-in can listen there. The configuration reaches redis-server on its standard input, never
# on a command line another user could read.

main() {
  resource_require redis RESOURCES_DIRECTORY
  dir=''
  resource_directory dir
  resource_check_folder RESOURCES_DIRECTORY "$dir" create
  bus=$dir/redis
  mkdir -p -- "$bus" || resource_die redis "cannot create $bus"
  where=${RESOURCE_REDIS:-127.0.0.1:6379}
  user=${RESOURCE_REDIS_USER-}
  [[ -z $user || $user =~ ^[A-Za-z0-9_.-]+$ ]] || resource_die redis "RESOURCE_REDIS_USER is not a user name: $user"

  # The password: 64 letters and digits from /dev/urandom, made once.
  if [[ ! -s $bus/password ]]; then
    password=$(head -c 1024 /dev/urandom | tr -dc 'A-Za-z0-9') || password=''
    password=${password:0:64}
    [[ ${#password} -eq 64 ]] || resource_die redis "cannot make a password"
    if ! { printf '%s\n' "$password" >"$bus/.password.new" && mv -T -- "$bus/.password.new" "$bus/password"; }; then
      resource_die redis "cannot write $bus/password"
    fi
  fi
  password=''
  IFS= read -r password <"$bus/password" || true
  [[ $password =~ ^[A-Za-z0-9]{16,}$ ]] || resource_die redis "$bus/password does not hold a password (16 or more letters and digits)"
  configuration="requirepass $password"$'\n'
  if [[ -n $user ]]; then
    configuration+="user default off"$'\n'"user $user on >$password ~* &* +@all"$'\n'
  fi

  if [[ $where == /* ]]; then
    address=(--port 0 --unixsocket "$where" --unixsocketperm 700)
  else
    host=${where%:*}
    port=${where##*:}
    if [[ $host == '['*']' ]]; then
      host=${host:1:${#host}-2}
    fi
    if [[ $where != *:* || -z $host || -z $port || $port == *[!0-9]* ]]; then
      resource_die redis "RESOURCE_REDIS is neither HOST:PORT nor an absolute socket path: $where"
    fi
    address=(--bind "$host" --port "$port")
  fi

  # This process becomes redis-server (exec keeps the PID): the record names it.
  start=0
  resource_process "$$" _ start || start=0
  if ! { printf '%s-%s %s\n' "$$" "$start" "$where" >"$bus/.server.new" && mv -T -- "$bus/.server.new" "$bus/server"; }; then
    resource_die redis "cannot write $bus/server"
  fi
  exec redis-server - "${address[@]}" --save '' --appendonly no "$@" <<<"$configuration"
}

main "$@"
