#!/usr/bin/env bash
# Regenerates the EF Core compiled models (src/CivilizationNews.Core/Data/CompiledModels) after any model change,
# next to the two migrations. The app starts on these instead of building its model (docs/database.md);
# CompiledModelTests fails while they lag the code.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
dotnet tool restore >/dev/null
cd src/CivilizationNews.Core
for provider in Sqlite SqlServer; do
  rm -rf "Data/CompiledModels/$provider"
  dotnet ef dbcontext optimize --context "${provider}NewsDbContext" \
    --output-dir "Data/CompiledModels/$provider" --namespace "CivilizationNews.Core.Data.CompiledModels.$provider"
done
