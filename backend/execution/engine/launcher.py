"""The launcher: a small C program between the worker and bubblewrap, built once per machine with the system's C
compiler (gcc, which g++ brings).

It does in one exec what would otherwise take three (prlimit, setpriv, GNU time): set the rlimits, drop to the
slot's uid (no groups, no new privileges), run bubblewrap as its child, and write that child's CPU time (in
microseconds) and peak memory, from `wait4()`, to a file only this side of the sandbox can see. Measuring has to
happen here: a child forked from the (large) Python worker carries the worker's peak memory in its own figures,
a grandchild does not.

    launcher USAGE_FILE UID CPU_S AS_BYTES FSIZE_BYTES NPROC NOFILE STACK_BYTES -- program args...

UID -1 keeps the caller's uid. Exit status: the child's, or 128 + n when it was killed by signal n.
"""

import hashlib
import os
import subprocess
import tempfile
from pathlib import Path

SOURCE = r"""
#define _GNU_SOURCE
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

static void limit(int resource, const char *value, int extra) {
    struct rlimit r;
    r.rlim_cur = strtoull(value, NULL, 10);
    r.rlim_max = r.rlim_cur + extra;
    if (setrlimit(resource, &r) != 0) { perror("launcher: setrlimit"); exit(125); }
}

int main(int argc, char **argv) {
    if (argc < 11 || strcmp(argv[9], "--") != 0) {
        fprintf(stderr, "launcher: bad arguments\n");
        return 125;
    }
    limit(RLIMIT_CPU, argv[3], 1); /* SIGXCPU at the limit, SIGKILL a second later */
    limit(RLIMIT_AS, argv[4], 0);
    limit(RLIMIT_FSIZE, argv[5], 0);
    limit(RLIMIT_NPROC, argv[6], 0);
    limit(RLIMIT_NOFILE, argv[7], 0);
    limit(RLIMIT_STACK, argv[8], 0);
    limit(RLIMIT_CORE, "0", 0);
    long uid = strtol(argv[2], NULL, 10);
    if (uid >= 0) {
        if (setgroups(0, NULL) != 0 || setgid((gid_t)uid) != 0 || setuid((uid_t)uid) != 0) {
            perror("launcher: setuid");
            return 125;
        }
    }
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) { perror("launcher: no_new_privs"); return 125; }
    int out = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (out < 0) { perror("launcher: usage file"); return 125; }
    pid_t pid = fork();
    if (pid < 0) { perror("launcher: fork"); return 125; }
    if (pid == 0) {
        execv(argv[10], argv + 10);
        perror("launcher: exec");
        _exit(127);
    }
    int status;
    struct rusage usage;
    while (wait4(pid, &status, 0, &usage) < 0) {}
    long long cpu_us = (long long)usage.ru_utime.tv_sec * 1000000 + usage.ru_utime.tv_usec
                     + (long long)usage.ru_stime.tv_sec * 1000000 + usage.ru_stime.tv_usec;
    dprintf(out, "%lld %ld\n", cpu_us, usage.ru_maxrss);
    close(out);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
}
"""

_DIGEST = hashlib.sha256(SOURCE.encode()).hexdigest()[:12]


def ensure_launcher(directory: Path) -> Path:
    """The launcher binary in `directory`, compiled on first use (its name carries the source's digest, so a new
    version builds itself). Safe when several processes race: each builds aside and renames into place."""
    binary = directory / f"launcher-{_DIGEST}"
    if binary.exists():
        return binary
    with tempfile.TemporaryDirectory(dir=directory) as tmp:
        source = Path(tmp) / "launcher.c"
        source.write_text(SOURCE)
        built = Path(tmp) / "launcher"
        result = subprocess.run(
            ["cc", "-O2", "-Wall", "-o", str(built), str(source)], capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise RuntimeError(f"cannot build the sandbox launcher (is a C compiler installed?): {result.stderr}")
        built.chmod(0o755)
        os.replace(built, binary)
    return binary
