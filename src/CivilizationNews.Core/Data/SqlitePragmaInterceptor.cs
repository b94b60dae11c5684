using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CivilizationNews.Core.Data;

/// <summary>
/// Per-connection SQLite settings: foreign keys on, and synchronous=FULL so that a committed
/// save survives a power cut or kill -9 (WAL itself is a persistent database setting made at start-up).
/// </summary>
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
