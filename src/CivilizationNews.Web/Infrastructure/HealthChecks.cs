using CivilizationNews.Core.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CivilizationNews.Web.Infrastructure;

/// <summary>
/// /health/live: the process answers (for restarts). /health/ready: the database is reachable and
/// every migration is applied (for load balancers: take an instance out while it is not).
/// </summary>
public static class HealthChecks
{
    public const string ReadyTag = "ready";

    public static void AddPortalHealthChecks(this WebApplicationBuilder builder) =>
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag]);

    public static void MapPortalHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false })
            .DisableRateLimiting();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) })
            .DisableRateLimiting();
    }
}

public sealed partial class DatabaseHealthCheck(NewsDbContext db, ILogger<DatabaseHealthCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("数据库无法连接");
            }
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"数据库缺少 {pending.Count} 个迁移");
        }
        catch (Exception ex) when (DatabaseOutage.IsOutage(ex) || ex is System.Data.Common.DbException or InvalidOperationException)
        {
            LogUnhealthy(logger, ex);
            return HealthCheckResult.Unhealthy("数据库不可用");
        }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Readiness check failed: the database is unavailable")]
    private static partial void LogUnhealthy(ILogger logger, Exception exception);
}
