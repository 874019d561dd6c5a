;;; copydesk.el --- Copydesk language server for news copy, via Eglot  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1") (eglot "1.9"))
;; Keywords: languages, wp
;; URL: see README.md of the Copydesk repository

;;; Commentary:

;; Copydesk marks unattributed claims and quotes, vague sources, named
;; entities (with hover) and spelling variants (with quick fixes) in news
;; articles written as plain text or Markdown.
;;
;; Loading this file registers `copydesk serve' with Eglot for `text-mode'
;; and `markdown-mode' buffers:
;;
;;   (add-to-list 'load-path "/path/to/copydesk/editors/emacs")
;;   (require 'copydesk)
;;   (add-hook 'text-mode-hook #'eglot-ensure)   ; markdown-mode derives from it
;;
;; `text-mode-hook' also runs in modes derived from text-mode (Org, commit
;; messages...); hook `markdown-mode-hook' or a directory-local variable
;; instead if you only want Copydesk in your articles folder.
;;
;; Diagnostics show through Flymake (M-x flymake-show-buffer-diagnostics).
;; Quick fixes: M-x eglot-code-action-quickfix (or eglot-code-actions) on
;; a squiggle.  The edits travel inside the code action or arrive through
;; workspace/applyEdit, so nothing else is needed on the Emacs side.  Set
;; `eglot-confirm-server-initiated-edits' to nil to skip the confirmation
;; Eglot asks for edits sent through workspace/applyEdit.

;;; Code:

(require 'eglot)

(defgroup copydesk nil
  "Copydesk language server for news copy."
  :group 'eglot
  :prefix "copydesk-")

(defcustom copydesk-server-command '("copydesk" "serve")
  "Command that starts the Copydesk language server over stdio.
The first element is the executable: a name looked up on `exec-path'
or a path.  For a virtual environment use its full path, e.g.
\(\"/home/me/.venvs/copydesk/bin/copydesk\" \"serve\")."
  :type '(repeat string))

(defcustom copydesk-initialization-options nil
  "Settings sent as initializationOptions, as a plist with camelCase keys.
Example: (:entityHints :json-false :debounceMs 400).  Nil sends none and
the server uses its defaults.  Per-project settings can also be given in
`eglot-workspace-configuration' under the section :copydesk."
  :type '(plist :key-type symbol))

(defun copydesk--executable (program)
  "Return PROGRAM as an absolute file name, or nil if it cannot be found.
Eglot starts the server in the project root, so a relative name with a
directory part is resolved here, against the article's directory."
  (cond ((file-name-absolute-p program) (and (file-executable-p program) program))
        ((string-match-p "/" program)
         (let ((full (expand-file-name program)))
           (and (file-executable-p full) full)))
        (t (executable-find program))))

(defun copydesk-eglot-contact (&optional _interactive)
  "Contact for `eglot-server-programs': the command that runs Copydesk."
  (let ((program (copydesk--executable (car copydesk-server-command))))
    (unless program
      (user-error "Copydesk: `%s' not found; install Copydesk (see its README) \
or set `copydesk-server-command'" (car copydesk-server-command)))
    (append (list program)
            (cdr copydesk-server-command)
            (when copydesk-initialization-options
              (list :initializationOptions
                    (list :copydesk copydesk-initialization-options))))))

;; markdown-mode comes first: it derives from text-mode, and Eglot takes the
;; first mode that matches, which decides the languageId sent to the server.
(add-to-list 'eglot-server-programs
             '(((markdown-mode :language-id "markdown")
                (gfm-mode :language-id "markdown")
                (text-mode :language-id "plaintext"))
               . copydesk-eglot-contact))

(provide 'copydesk)
;;; copydesk.el ends here
