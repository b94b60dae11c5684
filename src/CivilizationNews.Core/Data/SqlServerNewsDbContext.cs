using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Data;

/// <summary>The production provider. Its schema is deployed from the idempotent migration script.</summary>
public sealed class SqlServerNewsDbContext(DbContextOptions<SqlServerNewsDbContext> options) : NewsDbContext(options);
