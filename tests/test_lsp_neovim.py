"""End to end in a real editor: headless Neovim attaches ``newslint server`` to an article,
reads back its diagnostics, applies a quick fix and sees the diagnostics follow the edit."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the language server needs newslint[lsp]")

NVIM = shutil.which("nvim")
ARTICLE = (
    "# Council approves new park\n"
    "\n"
    "Residents 🌳 cheered on tuesday as the city council voted to open a park.\n"
    "\n"
    "Leave a Comment\n"
)
INIT = r"""
local server = vim.fn.json_decode(os.getenv("NEWSLINT_SERVER"))
local out = os.getenv("NEWSLINT_OUT")

local function codes(buffer)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(buffer)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(found, {code = d.code or lsp.code, lnum = d.lnum, col = d.col,
                         end_col = d.end_col, severity = d.severity, message = d.message})
  end
  table.sort(found, function(a, b) return a.lnum * 1000 + a.col < b.lnum * 1000 + b.col end)
  return found
end

function NewslintTest()
  local result = {}
  local buffer = vim.api.nvim_get_current_buf()
  local id = vim.lsp.start_client({name = "newslint", cmd = server, root_dir = vim.fn.getcwd()})
  vim.lsp.buf_attach_client(buffer, id)
  result.published = vim.wait(30000, function() return #vim.diagnostic.get(buffer) > 0 end, 20)
  result.before = codes(buffer)
  local line
  for _, d in ipairs(codes(buffer)) do
    if d.code == "NL302" then line = d.lnum end
  end
  local range = {start = {line = line, character = 0}, ["end"] = {line = line + 1, character = 0}}
  local params = {textDocument = {uri = vim.uri_from_bufnr(buffer)}, range = range,
                  context = {diagnostics = {}, only = {"quickfix"}}}
  local answers = vim.lsp.buf_request_sync(buffer, "textDocument/codeAction", params, 20000)
  result.titles = {}
  for _, answer in pairs(answers or {}) do
    for _, action in ipairs(answer.result or {}) do
      table.insert(result.titles, action.title)
      if action.isPreferred and action.edit and not result.applied then
        vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
        result.applied = action.title
      end
    end
  end
  result.relinted = vim.wait(30000, function() return #vim.diagnostic.get(buffer) == 1 end, 20)
  result.after = codes(buffer)
  result.lines = vim.api.nvim_buf_get_lines(buffer, 0, -1, false)
  vim.fn.writefile({vim.fn.json_encode(result)}, out)
  vim.cmd("qa!")
end
"""


@pytest.mark.skipif(NVIM is None, reason="Neovim is not installed (Debian: apt-get install neovim)")
def test_neovim_shows_diagnostics_and_applies_a_quick_fix(tmp_path: Path) -> None:
    article = tmp_path / "park.md"
    article.write_text(ARTICLE, encoding="utf-8")
    init = tmp_path / "init.lua"
    init.write_text(INIT)
    out = tmp_path / "result.json"
    env = dict(
        os.environ,
        NEWSLINT_SERVER=json.dumps([sys.executable, "-m", "newslint.app.cli", "server"]),
        NEWSLINT_OUT=str(out),
    )
    command = [NVIM, "--headless", "-n", "-i", "NONE", "-u", str(init), str(article)]
    subprocess.run(
        [*command, "-c", "lua NewslintTest()"], cwd=tmp_path, env=env, timeout=120, check=True
    )
    result = json.loads(out.read_text())
    assert result["published"] is True
    line = ARTICLE.split("\n")[2].encode("utf-8")
    tuesday = line.index(b"tuesday")  # Neovim's columns are bytes: the emoji is 4
    assert [(d["code"], d["lnum"], d["col"], d["end_col"]) for d in result["before"]] == [
        ("NL302", 2, tuesday, tuesday + len("tuesday")),
        ("NL201", 4, 0, len("Leave a Comment")),
    ]
    assert result["applied"] == "NL302: Capitalise 'tuesday'"
    assert "Disable NL302 (weekday-month-case) for this line" in result["titles"]
    assert result["relinted"] is True
    assert [d["code"] for d in result["after"]] == ["NL201"]
    assert result["lines"] == ARTICLE.replace("tuesday", "Tuesday").split("\n")[:-1]
    assert article.read_text(encoding="utf-8") == ARTICLE  # the editor's buffer, not the file
