-- :CopydeskSpeakers -- who said what in the current article, in the quickfix list.
--
-- Asks the Copydesk server's `copydesk/attributions` request for the buffer and
-- lists each speaker's quotes and paraphrases (most-quoted speaker first, each
-- speaker's items in text order), then the unattributed items (unsourced claims,
-- vague sources, quotes with no speaker). Columns are converted from the
-- client's position encoding to byte columns, so they are right on lines with
-- accents, curly quotes or emoji.

local M = {}

M.method = 'copydesk/attributions'

-- Attribution kinds in the speaker's own words; the others are paraphrases.
local QUOTE_KINDS = { quote = true, direct = true, mixed = true, ['carry-over'] = true }

local UNATTRIBUTED = {
  ['unattributed-claim'] = 'unsourced claim',
  ['unattributed-quote'] = 'quote with no speaker',
  ['vague-attribution'] = 'vague source',
}

local function one_line(text, limit)
  text = vim.trim((text or ''):gsub('%s+', ' '))
  if vim.fn.strchars(text) > limit then
    text = vim.fn.strcharpart(text, 0, limit - 1) .. '…'
  end
  return text
end

local function by_position(a, b)
  if a.range.start.line ~= b.range.start.line then
    return a.range.start.line < b.range.start.line
  end
  return a.range.start.character < b.range.start.character
end

-- A speaker's words in text order, whether the answer lists them as `quotes` and
-- `paraphrases` (the server's README) or as one `items` list.
local function said_by(speaker)
  local out = {}
  local function add(list, quote)
    for _, it in ipairs(list or {}) do
      local is_quote = quote
      if is_quote == nil then
        is_quote = QUOTE_KINDS[it.kind] or false
      end
      table.insert(out, { quote = is_quote, text = it.text, range = it.range })
    end
  end
  add(speaker.quotes, true)
  add(speaker.paraphrases, false)
  add(speaker.items, nil)
  table.sort(out, by_position)
  return out
end

--- Quickfix items for one `copydesk/attributions` answer.
---@param result table|nil  {speakers = {{name, vague, quotes = {{kind, text, range}}, paraphrases = {...}}}, unattributed = {{code, text, range}}}
---@param bufnr integer
---@param encoding string  'utf-8' | 'utf-16' | 'utf-32' (the client's offset encoding)
---@return table[]
function M.items(result, bufnr, encoding)
  result = result or {}
  local uri = vim.uri_from_bufnr(bufnr)
  local function item(range, text, kind)
    local loc = vim.lsp.util.locations_to_items({ { uri = uri, range = range } }, encoding)[1]
    return {
      bufnr = bufnr,
      lnum = loc.lnum,
      col = loc.col,
      end_lnum = loc.end_lnum,
      end_col = loc.end_col,
      text = text,
      type = kind,
    }
  end
  local speakers = {}
  for _, speaker in ipairs(result.speakers or {}) do
    local said = said_by(speaker)
    if #said > 0 then
      table.insert(speakers, { name = speaker.name, vague = speaker.vague, said = said })
    end
  end
  table.sort(speakers, function(a, b)
    if #a.said ~= #b.said then
      return #a.said > #b.said
    end
    return a.name < b.name
  end)
  local out = {}
  for _, speaker in ipairs(speakers) do
    local name = speaker.vague and (speaker.name .. ' (vague)') or speaker.name
    for _, it in ipairs(speaker.said) do
      local kind = it.quote and 'quote' or 'paraphrase'
      table.insert(out, item(it.range, ('%s [%s] %s'):format(name, kind, one_line(it.text, 120)), speaker.vague and 'W' or 'I'))
    end
  end
  local unattributed = vim.deepcopy(result.unattributed or {})
  table.sort(unattributed, by_position)
  for _, it in ipairs(unattributed) do
    local what = UNATTRIBUTED[it.code] or it.code
    table.insert(out, item(it.range, ('unattributed [%s] %s'):format(what, one_line(it.text, 120)), 'W'))
  end
  return out
end

--- Fill the quickfix list for `bufnr` (default: current buffer) and open it.
---@param opts? {bufnr?: integer, open?: boolean, on_done?: fun(err: string|nil, count: integer)}
function M.to_quickfix(opts)
  opts = opts or {}
  local bufnr = opts.bufnr or vim.api.nvim_get_current_buf()
  local done = opts.on_done or function() end
  local client = vim.lsp.get_clients({ bufnr = bufnr, name = 'copydesk' })[1]
  if not client then
    local msg = 'Copydesk is not attached to this buffer (vim.lsp.enable("copydesk"), then open an article)'
    vim.notify(msg, vim.log.levels.WARN)
    return done(msg, 0)
  end
  local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) } }
  client:request(M.method, params, function(err, result)
    if err then
      local msg = ('Copydesk could not list the speakers: %s'):format(err.message or vim.inspect(err))
      vim.notify(msg, vim.log.levels.ERROR)
      return done(msg, 0)
    end
    local items = M.items(result, bufnr, client.offset_encoding)
    vim.fn.setqflist({}, ' ', { title = 'Copydesk speakers: ' .. vim.fn.bufname(bufnr), items = items })
    if #items == 0 then
      vim.notify('Copydesk: no speakers or unattributed items in this article', vim.log.levels.INFO)
    elseif opts.open ~= false then
      vim.cmd('copen')
    end
    done(nil, #items)
  end, bufnr)
end

return M
