-- Commands for Copydesk articles (loaded from 'runtimepath' at start-up).
if vim.g.loaded_copydesk then
  return
end
vim.g.loaded_copydesk = true

vim.api.nvim_create_user_command('CopydeskSpeakers', function()
  require('copydesk.speakers').to_quickfix()
end, { desc = 'Copydesk: who said what in this article, in the quickfix list' })

-- The server's summary code lens (`vim.lsp.codelens.run()`) runs this client-side command.
vim.lsp.commands['copydesk.showSpeakers'] = function(_, ctx)
  require('copydesk.speakers').to_quickfix({ bufnr = ctx.bufnr })
end
