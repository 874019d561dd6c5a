-- Drives headless Neovim 0.11 the way a user would: the shipped
-- editors/nvim/lsp/copydesk.lua is on 'runtimepath', vim.lsp.enable() starts
-- the server when the file is opened, the quick fix goes through the built-in
-- vim.lsp.buf.code_action(). Everything observed is written as JSON to the
-- file named in the spec; the pytest side makes the assertions.
--
-- Spec (JSON file named by $COPYDESK_PROBE_SPEC):
--   file, out           paths
--   timeout_ms          for each wait
--   wait_for_code       diagnostic code to wait for after the first publish
--   hover               list of {line, col} (0-based, byte col) to hover at
--   fix                 {code, line?, words?}: quick-fix the first diagnostic
--                       with this code (on this 0-based line, over one of
--                       these words), or null

local uv = vim.uv
local spec = vim.json.decode(
  table.concat(vim.fn.readfile(os.getenv('COPYDESK_PROBE_SPEC')), '\n'),
  { luanil = { object = true, array = true } }
)
local result = { errors = {}, nvim_version = tostring(vim.version()) }
local t0 = uv.hrtime()

local function ms_since(t)
  return math.floor((uv.hrtime() - t) / 1e6)
end

local function diagnostics_snapshot(bufnr)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(out, {
      lnum = d.lnum,
      col = d.col,
      end_lnum = d.end_lnum,
      end_col = d.end_col,
      code = d.code,
      severity = d.severity,
      source = d.source,
      message = d.message,
    })
  end
  return out
end

local function has_code(bufnr, code)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == code then
      return true
    end
  end
  return false
end

local function hover_text(res)
  if not res or not res.contents then
    return nil
  end
  local c = res.contents
  if type(c) == 'string' then
    return c
  end
  if c.value then
    return c.value
  end
  local parts = {}
  for _, item in ipairs(c) do
    table.insert(parts, type(item) == 'string' and item or item.value)
  end
  return table.concat(parts, '\n')
end

local function run()
  vim.lsp.enable('copydesk')

  -- Count diagnostics from the moment the file is opened.
  local first_diag_ms, code_diag_ms, diag_events = nil, nil, 0
  vim.api.nvim_create_autocmd('DiagnosticChanged', {
    callback = function(args)
      diag_events = diag_events + 1
      if #vim.diagnostic.get(args.buf) > 0 then
        first_diag_ms = first_diag_ms or ms_since(t0)
        if spec.wait_for_code and not code_diag_ms and has_code(args.buf, spec.wait_for_code) then
          code_diag_ms = ms_since(t0)
        end
      end
    end,
  })

  t0 = uv.hrtime()
  vim.cmd.edit(vim.fn.fnameescape(spec.file))
  local bufnr = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[bufnr].filetype

  local attached = vim.wait(spec.timeout_ms, function()
    return #vim.lsp.get_clients({ bufnr = bufnr, name = 'copydesk' }) > 0
  end, 20)
  if not attached then
    table.insert(result.errors, 'copydesk client never attached')
    return
  end
  local client = vim.lsp.get_clients({ bufnr = bufnr, name = 'copydesk' })[1]
  result.client = {
    name = client.name,
    offset_encoding = client.offset_encoding,
    root_dir = client.root_dir,
    cmd = client.config.cmd,
    server_name = client.server_info and client.server_info.name,
  }

  if not vim.wait(spec.timeout_ms, function() return first_diag_ms ~= nil end, 20) then
    table.insert(result.errors, 'no diagnostics within ' .. spec.timeout_ms .. ' ms')
  end
  result.first_diagnostics_ms = first_diag_ms
  if spec.wait_for_code then
    vim.wait(spec.timeout_ms, function() return code_diag_ms ~= nil end, 20)
    result.code_diagnostics_ms = code_diag_ms
  end
  result.diagnostics = diagnostics_snapshot(bufnr)

  result.hovers = {}
  for _, pos in ipairs(spec.hover or {}) do
    -- Put the cursor there and build the request the way `K` does, so the
    -- byte column is converted to the negotiated encoding by Neovim itself.
    vim.api.nvim_win_set_cursor(0, { pos.line + 1, pos.col })
    local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
    local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, spec.timeout_ms)
    local res = responses and responses[client.id]
    table.insert(result.hovers, {
      line = pos.line,
      col = pos.col,
      text = res and hover_text(res.result),
      error = res and res.err and res.err.message,
    })
  end

  if spec.fix then
    -- The user puts the cursor on the squiggle: the first diagnostic with the
    -- wanted code (on the wanted line, when given).
    local target
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      local text = table.concat(vim.api.nvim_buf_get_text(bufnr, d.lnum, d.col, d.end_lnum, d.end_col, {}), '\n')
      if d.code == spec.fix.code and (spec.fix.line == nil or d.lnum == spec.fix.line)
        and (spec.fix.words == nil or vim.tbl_contains(spec.fix.words, text)) then
        if not target or d.lnum < target.lnum or (d.lnum == target.lnum and d.col < target.col) then
          target = d
        end
      end
    end
    if not target then
      table.insert(result.errors, 'no ' .. spec.fix.code .. ' diagnostic to fix')
      return
    end
    result.fix_at = { line = target.lnum, col = target.col, end_col = target.end_col }
    vim.api.nvim_win_set_cursor(0, { target.lnum + 1, target.col })
    local before_lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
    result.before_text = table.concat(before_lines, '\n')

    -- List what the light bulb would offer (same request the built-in sends).
    local params = vim.lsp.util.make_range_params(0, client.offset_encoding)
    params.context = {
      diagnostics = vim.lsp.diagnostic.from(vim.diagnostic.get(bufnr, { lnum = target.lnum })),
      only = { 'quickfix' },
    }
    local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, spec.timeout_ms)
    local actions = (responses and responses[client.id] and responses[client.id].result) or {}
    result.actions = {}
    for _, a in ipairs(actions) do
      table.insert(result.actions, {
        title = a.title,
        kind = a.kind,
        is_preferred = a.isPreferred,
        has_edit = a.edit ~= nil,
        command = type(a.command) == 'table' and a.command.command or a.command,
      })
    end
    -- The user's choice: the preferred action, else the first one.
    local chosen = actions[1]
    for _, a in ipairs(actions) do
      if a.isPreferred then
        chosen = a
        break
      end
    end
    if not chosen then
      table.insert(result.errors, 'no quickfix code action at the fix position')
      return
    end
    result.chosen_title = chosen.title

    -- Apply it through the built-in UI entry point (what `gra` runs).
    local tick = vim.api.nvim_buf_get_changedtick(bufnr)
    local events_before = diag_events
    vim.lsp.buf.code_action({
      context = { only = { 'quickfix' } },
      filter = function(a) return a.title == chosen.title end,
      apply = true,
    })
    -- A fix is a local round trip once the server is warm: don't wait long.
    local fix_timeout = math.min(spec.timeout_ms, 20000)
    if not vim.wait(fix_timeout, function()
      return vim.api.nvim_buf_get_changedtick(bufnr) ~= tick
    end, 20) then
      table.insert(result.errors, 'applying "' .. chosen.title .. '" did not change the buffer')
    end
    result.after_text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
    -- Diagnostics re-published for the edited text.
    vim.wait(fix_timeout, function() return diag_events > events_before end, 20)
    vim.wait(300) -- let a second publish (e.g. after debounce) land
    result.diagnostics_after_fix = diagnostics_snapshot(bufnr)
  end
end

local ok, err = xpcall(run, debug.traceback)
if not ok then
  table.insert(result.errors, tostring(err))
end
result.total_ms = ms_since(t0)
vim.fn.writefile({ vim.json.encode(result) }, spec.out)
for _, c in ipairs(vim.lsp.get_clients()) do
  c:stop()
end
vim.wait(2000, function() return #vim.lsp.get_clients() == 0 end, 20)
vim.cmd('qa!')
