package org.flapjack.processes;

/**
 * The small /bin/sh scripts run on a host for what the managers do not do themselves. Values reach them only as
 * positional parameters ($1, $2, ...), never pasted into the script text, so no path or name is interpreted.
 * Each starts by finding the run directory the way the managers do: $1, or their default when $1 is empty.
 */
final class HostScripts {

    private static final String RUN_DIR = """
        if [ -n "$1" ]; then run=$1
        elif [ "$(id -u)" = 0 ]; then run=/var/run/flapjack
        else run=${XDG_STATE_HOME:-$HOME/.local/state}/flapjack
        fi
        bdir=${2:-$run/beanstalkd}
        shift 2
        alive() { s=$(ps -o stat= -p "$1" 2>/dev/null) && [ -n "$s" ] && [ "${s#Z}" = "$s" ]; }
        """;

    /** $1 run dir, $2 beanstalkd dir, $3 listen address, $4 port: starts beanstalkd unless its pid file names one. */
    static final String START_BEANSTALKD = RUN_DIR + """
        command -v beanstalkd >/dev/null 2>&1 || { echo "beanstalkd not found: apt-get install beanstalkd"; exit 127; }
        mkdir -p "$bdir/binlog" || exit 1
        pid=$(cat "$bdir/beanstalkd.pid" 2>/dev/null)
        if [ -n "$pid" ] && alive "$pid"; then echo "beanstalkd is running already (pid $pid)"; exit 0; fi
        setsid beanstalkd -l "$1" -p "$2" -b "$bdir/binlog" </dev/null >>"$bdir/beanstalkd.log" 2>&1 &
        pid=$!
        echo "$pid" >"$bdir/beanstalkd.pid"
        i=0
        while [ $i -lt 10 ]; do
          if ! alive "$pid"; then
            rm -f "$bdir/beanstalkd.pid"
            echo "beanstalkd exited at once: $(tail -n 1 "$bdir/beanstalkd.log")"; exit 1
          fi
          sleep 0.1; i=$((i+1))
        done
        echo "started beanstalkd on $1:$2 (pid $pid)"
        """;

    /** $1 run dir, $2 beanstalkd dir: stops the beanstalkd its pid file names, by force after 5 s. */
    static final String STOP_BEANSTALKD = RUN_DIR + """
        pid=$(cat "$bdir/beanstalkd.pid" 2>/dev/null)
        if [ -z "$pid" ] || ! alive "$pid" || [ "$(ps -o comm= -p "$pid")" != beanstalkd ]; then
          rm -f "$bdir/beanstalkd.pid"; echo "beanstalkd is not running"; exit 0
        fi
        kill "$pid"
        i=0
        while alive "$pid" && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done
        if alive "$pid"; then kill -9 "$pid"; fi
        rm -f "$bdir/beanstalkd.pid"
        echo "stopped beanstalkd (pid $pid)"
        """;

    /**
     * $1 run dir, $2 beanstalkd dir, then worker pids: prints {@code beanstalkd PID} and {@code notifier PID} (0 when
     * there is no pid file), then one {@code ps} line (pid stat etimes pcpu rss comm) per live process.
     */
    static final String PROCESSES = RUN_DIR + """
        b=$(cat "$bdir/beanstalkd.pid" 2>/dev/null)
        n=$(cat "$run/flapjack-notifier.pid" 2>/dev/null)
        echo "beanstalkd ${b:-0}"
        echo "notifier ${n:-0}"
        pids=$(echo $b $n "$@" | tr -s ' ' ',')
        if [ -n "$pids" ]; then ps -o pid=,stat=,etimes=,pcpu=,rss=,comm= -p "$pids"; fi
        exit 0
        """;

    /** $1 run dir, $2 beanstalkd dir, $3 "run" or "beanstalkd" (the folder), $4 file name, $5 lines: the log's end. */
    static final String TAIL = RUN_DIR + """
        if [ "$1" = beanstalkd ]; then file=$bdir/$2; else file=$run/$2; fi
        if [ ! -f "$file" ]; then echo "no log file $file"; exit 0; fi
        tail -n "$3" -- "$file"
        """;

    private HostScripts() {
    }
}
