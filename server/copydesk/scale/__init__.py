"""Archive scale: `copydesk batch` on a Dask cluster, the archive-wide reduce, `fix --from`.

``plan`` (files, chunks, manifest) and ``tally`` (per-chunk counts and their merge) need
nothing beyond Copydesk; ``work`` (on the workers) and ``run`` (the client) need the
``scale`` extra: ``pip install 'copydesk[scale]'``.
"""

INSTALL_HINT = "copydesk batch needs Dask: pip install 'copydesk[scale]'"


def dask_available() -> bool:
    try:
        import distributed  # noqa: F401
    except ImportError:
        return False
    return True
