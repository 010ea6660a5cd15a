--[[
The rule of the public-call benchmark (policy-bench call, BENCHMARKS.md (g)): a small indicator
rule, as a region would write one. The chunk returns the function; the Swift host keeps it and
calls it through LuaRuntime's public API, the plain interpreter's side (call-driver.lua) loads
the same file.
]]
return function(indicator)
  local span = indicator.target - indicator.baseline
  local progress = span ~= 0 and (indicator.value - indicator.baseline) / span or 1
  local gap = indicator.expected - progress
  local status
  if progress >= 1 then
    status = "achieved"
  elseif gap <= 0.10 then
    status = "on-track"
  elseif gap <= 0.25 then
    status = "at-risk"
  else
    status = "off-track"
  end
  return { status = status, progress = progress }
end
