-- Copydesk language server for Neovim 0.11+ (vim.lsp.config format).
--
-- Put the directory that contains this lsp/ folder on 'runtimepath' (or copy
-- this file to ~/.config/nvim/lsp/copydesk.lua), then in init.lua:
--
--   vim.lsp.enable('copydesk')
--
-- Override anything with vim.lsp.config('copydesk', { ... }), e.g. the path of
-- the executable when it is not on PATH:
--
--   vim.lsp.config('copydesk', { cmd = { '/path/to/venv/bin/copydesk', 'serve' } })
--
-- Quick fixes come with their edits (or are applied by the server through
-- workspace/applyEdit), so the built-in `gra` / vim.lsp.buf.code_action()
-- applies them; nothing editor-side is needed.

---@type vim.lsp.Config
return {
  cmd = { 'copydesk', 'serve' },
  filetypes = { 'text', 'markdown' },
  root_markers = { 'copydesk.toml', '.git' },
  -- Sent with workspace/didChangeConfiguration and answered to
  -- workspace/configuration (section "copydesk"). Keys are the ones in the
  -- README's settings table; unset keys keep the server's defaults.
  settings = {
    copydesk = {
      entityHints = true,
      workspaceVariants = true,
      debounceMs = 250,
      -- diagnostics = { ['unattributed-claim'] = { severity = 'hint' } },
    },
  },
  -- The server also reads initializationOptions, so settings apply to the
  -- very first analysis instead of after a re-run.
  before_init = function(params, config)
    if params.initializationOptions == nil and config.settings then
      params.initializationOptions = config.settings
    end
  end,
}
