;;; emacs_probe.el --- drive Eglot + Flymake in batch Emacs  -*- lexical-binding: t; -*-

;; Run as: emacs --batch -Q -l emacs_probe.el
;; Environment: COPYDESK_EL (the shipped copydesk.el), COPYDESK_PROBE_FILE,
;; COPYDESK_PROBE_OUT (JSON written here), COPYDESK_PROBE_TIMEOUT (seconds),
;; COPYDESK_PROBE_HOVER (word to hover on), COPYDESK_PROBE_FIX_CODE and
;; COPYDESK_PROBE_FIX_WORDS (comma-separated: quick-fix the first diagnostic
;; with that code over one of these words).
;;
;; Batch Emacs has no command loop: idle timers and post-command-hook never
;; run by themselves, so this file runs them where the command loop would
;; (Eglot connects from post-command-hook, sends didChange from an idle
;; timer; Flymake starts when a window shows the buffer).

(require 'package)
;; Emacs 29+ has Eglot built in. Debian's elpa-eglot (for Emacs 28) lives in
;; the system package dir, which -Q leaves out (debian-startup adds it).
(unless (locate-library "eglot")
  (dolist (dir '("/usr/share/emacs/site-lisp/elpa"))
    (when (file-directory-p dir) (add-to-list 'package-directory-list dir)))
  (package-initialize))  ; also brings markdown-mode's autoloads, when installed
(require 'json)
(require 'cl-lib)

(defvar probe-result nil)
(defvar probe-t0 (float-time))
(defvar probe-timeout (string-to-number (or (getenv "COPYDESK_PROBE_TIMEOUT") "90")))

(defun probe-put (key value) (push (cons key value) probe-result))
(defun probe-ms () (round (* 1000 (- (float-time) probe-t0))))

(defun probe-error (fmt &rest args)
  (push (apply #'format fmt args) (alist-get 'errors probe-result)))

(defun probe-command-loop-step ()
  "What the command loop would do between two keystrokes."
  (run-hooks 'post-command-hook)
  (dolist (timer (copy-sequence timer-idle-list))
    (timer-event-handler timer))
  (accept-process-output nil 0.05))

(defun probe-wait (predicate)
  "Pump events until PREDICATE is non-nil or the time-out; return its value."
  (let ((deadline (+ (float-time) probe-timeout)) value)
    (while (and (not (setq value (funcall predicate))) (< (float-time) deadline))
      (probe-command-loop-step))
    value))

(defvar probe-publish-count 0 "publishDiagnostics notifications seen so far.")
(defun probe-count-publish (_server method &rest _)
  (when (string-match-p "publishDiagnostics" (format "%s" method))
    (setq probe-publish-count (1+ probe-publish-count))))

(defun probe-diag-code (diag)
  (let ((lsp (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data diag)))))
    (plist-get lsp :code)))

(defun probe-copydesk-diagnostics ()
  (cl-remove-if-not (lambda (d) (eq (flymake-diagnostic-backend d) 'eglot-flymake-backend))
                    (flymake-diagnostics)))

(defun probe-diag-json (diag)
  (let ((beg (flymake-diagnostic-beg diag)) (end (flymake-diagnostic-end diag)))
    `((line . ,(1- (line-number-at-pos beg)))  ; 0-based, like LSP
      ;; characters (code points) from the line start, not display columns
      (col . ,(save-excursion (goto-char beg) (- beg (line-beginning-position))))
      (text . ,(buffer-substring-no-properties beg end))
      (code . ,(probe-diag-code diag))
      (type . ,(symbol-name (flymake-diagnostic-type diag)))
      (message . ,(flymake-diagnostic-text diag)))))

(defun probe-hover-text (contents)
  (cond ((stringp contents) contents)
        ((and (listp contents) (plist-get contents :value)) (plist-get contents :value))
        ((vectorp contents) (mapconcat #'probe-hover-text contents "\n"))
        (t nil)))

(defun probe-run ()
  (load (getenv "COPYDESK_EL") nil t)
  (probe-put 'emacs_version emacs-version)
  (probe-put 'eglot_version (and (fboundp 'package-get-version)
                                 (let ((d (cadr (assq 'eglot package-alist))))
                                   (and d (package-version-join (package-desc-version d))))))
  (setq eglot-confirm-server-initiated-edits nil)  ; no one to say yes in batch
  (advice-add 'eglot-handle-notification :after #'probe-count-publish)
  ;; The setup the README recommends.
  (add-hook 'text-mode-hook #'eglot-ensure)
  (setq probe-t0 (float-time))
  (find-file (getenv "COPYDESK_PROBE_FILE"))
  (probe-put 'major_mode (symbol-name major-mode))
  (unless (probe-wait (lambda () (eglot-current-server)))
    (error "Eglot never connected"))
  (let ((server (eglot-current-server)))
    (probe-put 'server_name (plist-get (eglot--server-info server) :name))
    (probe-put 'language_id (eglot--language-id server))
    (probe-put 'command (process-command (jsonrpc--process server))))
  ;; Flymake starts when a window first shows the buffer; batch has none.
  (flymake-start)
  (if (probe-wait #'probe-copydesk-diagnostics)
      (probe-put 'first_diagnostics_ms (probe-ms))
    (probe-error "no Flymake diagnostics from Eglot within %ss" probe-timeout))
  (let ((code (getenv "COPYDESK_PROBE_FIX_CODE")))
    (when (probe-wait (lambda () (cl-find code (probe-copydesk-diagnostics)
                                          :key #'probe-diag-code :test #'equal)))
      (probe-put 'code_diagnostics_ms (probe-ms))))
  (probe-put 'diagnostics (vconcat (mapcar #'probe-diag-json (probe-copydesk-diagnostics))))
  (probe-hover)
  (probe-quick-fix))

(defun probe-hover ()
  "Ask for hover where the word is, as Eldoc would at point."
  (let ((word (getenv "COPYDESK_PROBE_HOVER")))
    (goto-char (point-min))
    (when (and word (search-forward word nil t))
      (goto-char (+ (match-beginning 0) 2))
      (let ((hover (jsonrpc-request (eglot-current-server) :textDocument/hover
                                    (eglot--TextDocumentPositionParams))))
        (probe-put 'hover (or (and hover (probe-hover-text (plist-get hover :contents))) :null))))))

(defun probe-quick-fix ()
  "Run the user's command `eglot-code-action-quickfix' on the first squiggle."
  (let* ((code (getenv "COPYDESK_PROBE_FIX_CODE"))
         (words (split-string (or (getenv "COPYDESK_PROBE_FIX_WORDS") "") "," t))
         (diag (cl-find-if (lambda (d)
                             (and (equal code (probe-diag-code d))
                                  (or (null words)
                                      (member (buffer-substring-no-properties
                                               (flymake-diagnostic-beg d) (flymake-diagnostic-end d))
                                              words))))
                           (probe-copydesk-diagnostics)))
         (before (buffer-string)) (tick (buffer-modified-tick)))
    (unless diag (probe-error "no %s diagnostic over %S to fix" code words))
    (when diag
      (probe-put 'fix_at (probe-diag-json diag))
      (goto-char (flymake-diagnostic-beg diag))
      ;; M-x eglot-code-actions, as typed on a keyboard (a menu-less event), and
      ;; RET at the prompt: the default is the server's preferred action.
      ;; (eglot 1.9's eglot-code-action-quickfix only lists actions: it forgets
      ;; to pass INTERACTIVE to eglot-code-actions.)
      (let ((last-nonmenu-event ?\r) (current-prefix-arg nil) (prompts nil))
        (cl-letf (((symbol-function 'completing-read)
                   (lambda (prompt _coll &optional _pred _req _init _hist def &rest _)
                     (push prompt prompts) def)))
          (call-interactively #'eglot-code-actions))
        (probe-put 'action_prompt (or (car prompts) :null)))
      (let ((probe-timeout (min probe-timeout 20)))  ; a warm server answers fast
        (unless (probe-wait (lambda () (/= tick (buffer-modified-tick))))
          (probe-error "the quick fix did not change the buffer")))
      (probe-put 'before_text before)
      (probe-put 'after_text (buffer-string))
      ;; didChange goes out from an idle timer; then wait for a new publish
      ;; (the edit itself already moved the old squiggles) and let Flymake
      ;; take it in.
      (let ((seen probe-publish-count) (probe-timeout (min probe-timeout 20)))
        (unless (probe-wait (lambda () (> probe-publish-count seen)))
          (probe-error "no diagnostics published after the fix"))
        (dotimes (_ 5) (probe-command-loop-step)))
      (probe-put 'diagnostics_after_fix
                 (vconcat (mapcar #'probe-diag-json (probe-copydesk-diagnostics)))))))

(defun probe-write ()
  (probe-put 'total_ms (probe-ms))
  (unless (assq 'errors probe-result) (probe-put 'errors []))
  (setf (alist-get 'errors probe-result) (vconcat (alist-get 'errors probe-result)))
  (let ((coding-system-for-write 'utf-8-unix))
    (with-temp-file (getenv "COPYDESK_PROBE_OUT")
      (insert (json-encode probe-result)))))

(condition-case err
    (probe-run)
  (error
   (probe-error "%S" err)
   (let ((buf (cl-find-if (lambda (b) (string-match-p "EGLOT.*events" (buffer-name b))) (buffer-list))))
     (when buf
       (with-current-buffer buf
         (probe-put 'events_tail (buffer-substring-no-properties
                                  (max (point-min) (- (point-max) 4000)) (point-max))))))))
(probe-write)
(kill-emacs 0)
