"""The code-execution engine proper: no database, no HTTP. `RunSpec` in, `RunOutcome` out, through one of two
backends (the local bubblewrap sandbox or a Judge0 server). The `execution` domain around it persists runs and
runs them as jobs."""
