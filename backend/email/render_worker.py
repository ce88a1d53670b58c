"""The email-rendering process (see backend/email/sandbox.py): one JSON request per line on stdin, one JSON
answer per line on stdout. Limits its own memory first, so a template that allocates wildly gets a MemoryError
here instead of taking memory from the API."""

import json
import resource
import sys

ADDRESS_SPACE = 1024 * 1024 * 1024


def main() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    # Imported only now, under the limit: Jinja and everything it loads count against it too.
    from backend.email.rendering import TemplateProblem, render_part

    # Ready: the caller starts a template's time budget only now, so a slow start on a busy machine is never
    # blamed on the template.
    sys.stdout.write(json.dumps({"ready": True}) + "\n")
    sys.stdout.flush()
    for line in sys.stdin:
        request = json.loads(line)
        try:
            answer = {"ok": render_part(request["field"], request["source"], request["html"], request["context"])}
        except TemplateProblem as exc:
            answer = {"error": exc.message}
        except MemoryError:
            answer = {"error": "Cannot render: the template needs too much memory."}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
