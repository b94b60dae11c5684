using CivilizationNews.Core.Data;
using Microsoft.EntityFrameworkCore.Storage;

namespace CivilizationNews.Core.Saving;

/// <summary>
/// A desk's transaction that joins the caller's when one is open: a Word import makes its photos,
/// contributors and story through the desks that make them one by one, all in the import's one
/// transaction, so a refusal part-way leaves nothing. Commits and disposes only what it opened.
/// </summary>
internal sealed class JoinedTransaction : IAsyncDisposable
{
    private readonly IDbContextTransaction? _own;

    private JoinedTransaction(IDbContextTransaction? own) => _own = own;

    public static async Task<JoinedTransaction> BeginAsync(NewsDbContext db, CancellationToken cancellationToken) =>
        new(db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false) : null);

    public Task CommitAsync(CancellationToken cancellationToken) => _own?.CommitAsync(cancellationToken) ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => _own?.DisposeAsync() ?? ValueTask.CompletedTask;
}
