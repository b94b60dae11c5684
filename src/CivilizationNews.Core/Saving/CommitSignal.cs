using System.Data.Common;
using CivilizationNews.Core.Data;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CivilizationNews.Core.Saving;

/// <summary>
/// Tells a context's <see cref="SavePipeline"/> when a transaction it saved in ends. EF Core reports
/// commits only to interceptors, so this one forwards them and does nothing else; every context adds
/// it in <see cref="NewsDbContext"/>'s OnConfiguring.
/// </summary>
internal sealed class CommitSignal : IDbTransactionInterceptor
{
    public static CommitSignal Instance { get; } = new();

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        Pipeline(eventData)?.CommittedAsync(CancellationToken.None).GetAwaiter().GetResult();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        Pipeline(eventData)?.CommittedAsync(cancellationToken) ?? Task.CompletedTask;

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Pipeline(eventData)?.RolledBack();

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Pipeline(eventData)?.RolledBack();
        return Task.CompletedTask;
    }

    private static SavePipeline? Pipeline(TransactionEndEventData eventData) => (eventData.Context as NewsDbContext)?.Saves;
}
