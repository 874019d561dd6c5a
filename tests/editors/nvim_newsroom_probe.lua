-- Headless Neovim 0.11 with the shipped editors/nvim config: the speaker inlay hints, the
-- summary code lens, and rename through Neovim's own vim.lsp.buf.rename(). What it sees
-- goes to the JSON file named in the spec; the pytest side makes the assertions.
--
-- Spec ($COPYDESK_PROBE_SPEC): file, out, timeout_ms, rename = {line, col, to} (byte col)

local spec = vim.json.decode(table.concat(vim.fn.readfile(os.getenv('COPYDESK_PROBE_SPEC')), '\n'))
local result = { errors = {}, nvim_version = tostring(vim.version()) }

local function run()
  vim.lsp.enable('copydesk')
  vim.cmd.edit(vim.fn.fnameescape(spec.file))
  local bufnr = vim.api.nvim_get_current_buf()
  if not vim.wait(spec.timeout_ms, function()
    return #vim.lsp.get_clients({ bufnr = bufnr, name = 'copydesk' }) > 0
  end, 20) then
    table.insert(result.errors, 'copydesk client never attached')
    return
  end
  local client = vim.lsp.get_clients({ bufnr = bufnr, name = 'copydesk' })[1]
  result.offset_encoding = client.offset_encoding
  -- The analysis is done once the first diagnostics are in.
  if not vim.wait(spec.timeout_ms, function() return #vim.diagnostic.get(bufnr) > 0 end, 50) then
    table.insert(result.errors, 'no diagnostics')
    return
  end

  vim.lsp.inlay_hint.enable(true, { bufnr = bufnr })
  vim.wait(spec.timeout_ms, function() return #vim.lsp.inlay_hint.get({ bufnr = bufnr }) > 0 end, 50)
  result.hints = {}
  for _, item in ipairs(vim.lsp.inlay_hint.get({ bufnr = bufnr })) do
    local hint = item.inlay_hint
    local label = type(hint.label) == 'string' and hint.label or hint.label[1].value
    table.insert(result.hints, { line = hint.position.line, character = hint.position.character, label = label })
  end

  vim.lsp.codelens.refresh({ bufnr = bufnr })
  vim.wait(spec.timeout_ms, function() return #vim.lsp.codelens.get(bufnr) > 0 end, 50)
  result.lenses = {}
  for _, lens in ipairs(vim.lsp.codelens.get(bufnr)) do
    table.insert(result.lenses, { line = lens.range.start.line, title = lens.command and lens.command.title })
  end

  local before = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
  vim.api.nvim_win_set_cursor(0, { spec.rename.line + 1, spec.rename.col })
  vim.lsp.buf.rename(spec.rename.to, { bufnr = bufnr })
  vim.wait(spec.timeout_ms, function()
    return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n') ~= before
  end, 50)
  result.after_rename = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
end

local ok, err = pcall(run)
if not ok then
  table.insert(result.errors, tostring(err))
end
vim.fn.writefile({ vim.json.encode(result) }, spec.out)
vim.cmd('qa!')
