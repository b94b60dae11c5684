using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;

namespace CivilizationNews.Web.Infrastructure;

/// <summary>
/// Tells a database outage (unreachable, file missing, busy beyond the timeout) from a bug, so
/// that readers get the Chinese 503 page ("come back shortly") rather than the 500 page. The app
/// opens a new connection per request, so it recovers by itself once the database is back.
/// </summary>
public static class DatabaseOutage
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;
    private const int SqliteNotADatabase = 26;

    public static bool IsOutage(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked or SqliteIoError or SqliteFull or SqliteCantOpen or SqliteNotADatabase }:
                case RetryLimitExceededException:
                case TimeoutException:
                case DbException { IsTransient: true }:
                    return true;
                case Microsoft.Data.SqlClient.SqlException sql when sql.Number is -2 or 2 or 53 or 233 or 4060 or 10053 or 10054 or 10060 or 40613 or 40197 or 40501:
                    return true;
            }
        }
        return false;
    }
}
