-- :CopydeskSpeakers in headless Neovim 0.11. The user's set-up: editors/nvim on
-- 'runtimepath' (its plugin/ file defines the command). Two modes, from the
-- JSON spec named by $COPYDESK_PROBE_SPEC:
--   answer  {file, out, answer, encoding}: quickfix items built from a given
--           copydesk/attributions answer (position conversion on real lines)
--   server  {file, out, timeout_ms}: the real server attached through
--           lsp/copydesk.lua, then :CopydeskSpeakers
-- The quickfix list, with byte columns, is written as JSON to `out`.

local spec = vim.json.decode(table.concat(vim.fn.readfile(os.getenv('COPYDESK_PROBE_SPEC')), '\n'))
local result = { errors = {}, messages = {} }

local function finish()
  local items = {}
  for _, it in ipairs(vim.fn.getqflist()) do
    table.insert(items, { lnum = it.lnum, col = it.col, end_col = it.end_col, text = it.text, type = it.type })
  end
  result.items = items
  result.title = vim.fn.getqflist({ title = 1 }).title
  vim.fn.writefile({ vim.json.encode(result) }, spec.out)
  vim.cmd('qa!')
end

local ok, err = xpcall(function()
  vim.notify = function(msg, level)
    table.insert(result.messages, { msg = msg, level = level })
  end
  vim.cmd('runtime plugin/copydesk.lua')
  result.command = vim.fn.exists(':CopydeskSpeakers') == 2
  if spec.mode == 'answer' then
    vim.cmd('edit ' .. vim.fn.fnameescape(spec.file))
    local items = require('copydesk.speakers').items(spec.answer, vim.api.nvim_get_current_buf(), spec.encoding)
    vim.fn.setqflist({}, ' ', { title = 'answer', items = items })
    return finish()
  end
  vim.lsp.enable('copydesk')
  vim.cmd('edit ' .. vim.fn.fnameescape(spec.file))
  local bufnr = vim.api.nvim_get_current_buf()
  local published = false
  vim.api.nvim_create_autocmd('DiagnosticChanged', { buffer = bufnr, callback = function() published = true end })
  if not vim.wait(spec.timeout_ms, function() return #vim.lsp.get_clients({ bufnr = bufnr, name = 'copydesk' }) > 0 end, 20) then
    table.insert(result.errors, 'copydesk never attached')
    return finish()
  end
  vim.wait(spec.timeout_ms, function() return published end, 20)
  vim.cmd('CopydeskSpeakers')
  vim.wait(spec.timeout_ms, function()
    return #vim.fn.getqflist() > 0 or #result.messages > 0
  end, 20)
  result.qf_open = vim.fn.getqflist({ winid = 0 }).winid ~= 0
  finish()
end, debug.traceback)
if not ok then
  table.insert(result.errors, err)
  finish()
end
