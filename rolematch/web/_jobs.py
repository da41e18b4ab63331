"""Batch jobs of the web app: the library's batch run in a background thread.

A job holds its uploads in a temporary folder, deleted when the job ends; its rows
(the library's :class:`~rolematch.batch.BatchResult`, named by the uploaded names)
stay in memory until the job expires from the store.  One job runs at a time; the
others wait their turn.
"""

from __future__ import annotations

import io
import logging
import tempfile
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..batch import BatchOptions, BatchResult, ResultWriter, score_folder
from ..errors import RolematchError
from ..roles import RoleSet

log = logging.getLogger(__name__)

__all__ = ["BatchJob", "JobRunner", "results_text"]


@dataclass
class BatchJob:
    """A batch's progress and rows (mutable: the job thread fills it in)."""

    role_ids: tuple[str, ...]
    total: int
    done: int = 0
    state: str = "queued"  # queued | running | done | failed
    message: str = ""
    rows: list[BatchResult] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def status(self) -> dict:
        with self.lock:
            return {
                "state": self.state,
                "done": self.done,
                "total": self.total,
                "message": self.message,
            }


def results_text(rows: Sequence[BatchResult], fmt: str) -> str:
    """The rows as the CLI writes them (csv long form or jsonl)."""
    buf = io.StringIO()
    writer = ResultWriter(buf, fmt)
    for r in rows:
        writer.write(r)
    writer.close()
    return buf.getvalue()


class JobRunner:
    """Runs batch jobs one at a time in a background thread."""

    def __init__(self, options: BatchOptions) -> None:
        self.options = options
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rolematch-batch")

    def submit(
        self,
        entries: list[tuple[str, Path | BatchResult]],
        tmp: tempfile.TemporaryDirectory,
        roles: RoleSet,
    ) -> BatchJob:
        """Start scoring ``entries`` (display name, file or error row); ``tmp`` is
        deleted when the job ends."""
        job = BatchJob(tuple(roles), total=len(entries))
        self._executor.submit(self._run, job, entries, tmp, roles)
        return job

    def _run(self, job: BatchJob, entries, tmp, roles: RoleSet) -> None:
        with job.lock:
            job.state = "running"
        try:
            rows = self._score(job, entries, roles)
            with job.lock:
                job.rows, job.state = rows, "done"
        except RolematchError as e:
            with job.lock:
                job.state, job.message = "failed", str(e)
        except Exception as e:  # noqa: BLE001 - the job fails, the server goes on
            log.error("batch job failed: %s", type(e).__name__)
            with job.lock:
                job.state, job.message = "failed", f"the batch failed: {type(e).__name__}"
        finally:
            tmp.cleanup()

    def _score(self, job: BatchJob, entries, roles: RoleSet) -> list[BatchResult]:
        files = [p for _, p in entries if isinstance(p, Path)]
        shown = {str(p): name for name, p in entries if isinstance(p, Path)}
        errors = len(entries) - len(files)

        def progress(done: int, total: int) -> None:
            with job.lock:
                job.done = errors + done

        scored = (
            iter(score_folder(files, roles, self.options, on_progress=progress))
            if files
            else iter(())
        )
        rows = []
        for name, p in entries:
            if isinstance(p, BatchResult):
                rows.append(p)
            else:
                r = next(scored)
                shown_name = shown.get(r.file, name)  # the upload's name, not the temp path
                rows.append(
                    replace(
                        r,
                        file=shown_name,
                        message=r.message and r.message.replace(r.file, shown_name),
                    )
                )
        with job.lock:
            job.done = job.total
        return rows

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
