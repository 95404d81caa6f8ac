"""What every command shares: exit codes and one-line errors instead of tracebacks."""

from __future__ import annotations

import os
import signal
import sys
from functools import wraps

import click

from factcheck.errors import FactcheckError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_CLOSED_PIPE = 128 + getattr(signal, "SIGPIPE", 13)  # what a shell reports for a tool ended by SIGPIPE


def debug_enabled(ctx: click.Context | None) -> bool:
    root = ctx.find_root() if ctx else None
    return bool(os.environ.get("FACTCHECK_DEBUG")) or bool(root and root.obj and root.obj.get("debug"))


def fail(message: str) -> None:
    """One error line on standard error."""
    click.echo(f"factcheck: error: {message}", err=True)


def _silence_stdout() -> None:
    """Point standard output at the null device, so that flushing it at exit cannot
    raise again (and print "Exception ignored") after the reader has gone."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # not a real file (tests capture output)
        pass


def closed_pipe_exit() -> None:
    """End quietly when the reader of standard output has gone (``factcheck … | head``),
    as Unix tools do: no message, no traceback, exit status 141 (128 + SIGPIPE)."""
    _silence_stdout()
    sys.exit(EXIT_CLOSED_PIPE)


def guarded(command):
    """Turn our errors (and unexpected ones) into one line and exit code 2, unless --debug.

    A closed standard output (the reader of a pipe has gone) ends the command quietly."""

    @wraps(command)
    def wrapper(*args, **kwargs):
        ctx = click.get_current_context(silent=True)
        try:
            return command(*args, **kwargs)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except BrokenPipeError:
            closed_pipe_exit()
        except FactcheckError as exc:
            if debug_enabled(ctx):
                raise
            fail(exc.one_line())
            sys.exit(EXIT_ERROR)
        except Exception as exc:  # noqa: BLE001 - last line of defence for a CLI
            if debug_enabled(ctx):
                raise
            fail(f"internal error: {type(exc).__name__}: {exc} (run with --debug for a traceback)")
            sys.exit(EXIT_ERROR)

    return wrapper
