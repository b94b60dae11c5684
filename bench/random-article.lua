-- wrk script: every request opens a different story of the archive (ids 1..MAX_ID, from the environment),
-- so most reads are the first read of a story since start-up: the long tail and crawler case.
local max = tonumber(os.getenv("MAX_ID") or "100000")
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/article/" .. math.random(1, max))
end
