using CivilizationNews.Core.Caching;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Reading.Documents;
using CivilizationNews.Core.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CivilizationNews.Core.Saving;

/// <summary>
/// The save path: every SaveChanges of a <see cref="NewsDbContext"/> comes here, whoever calls it
/// (a desk in the admin, the scheduler, an import, the demo seed). In order:
/// <list type="number">
/// <item>Before the rows are written: a new concurrency token and UpdatedAt on every changed
/// <see cref="IVersioned"/> row; the change tracker read for the search documents to rewrite
/// (<see cref="SearchChanges"/>) and for the public pages that change (<see cref="ContentChangeCollector"/>).</item>
/// <item>In one transaction — the caller's if it opened one, else one opened here: the rows are
/// written, the search documents rewritten (<see cref="SearchIndexer"/>), the read documents the change makes
/// wrong deleted (<see cref="ReadDocumentInvalidator"/>), and the changed pages worked out as output-cache tags
/// (<see cref="ContentTagResolver"/>), reading the new state before it commits.</item>
/// <item>After the commit (<see cref="CommitSignal"/> reports it; a rollback drops everything noted):
/// <see cref="AfterCommit"/> evicts those pages from the cache and queues the pages that became public
/// for link push.</item>
/// </list>
/// One instance per context, so what a transaction noted waits for that transaction's commit.
/// </summary>
internal sealed class SavePipeline(NewsDbContext db, AfterCommit? afterCommit)
{
    private readonly List<(IReadOnlySet<string> Tags, ContentChange Change)> _committing = [];

    public async Task<int> SaveAsync(bool acceptAllChangesOnSuccess, Func<bool, CancellationToken, Task<int>> save, CancellationToken cancellationToken)
    {
        // Step 1.
        StampVersions(db.ChangeTracker);
        var search = SearchChanges.Capture(db.ChangeTracker);
        var pages = ContentChangeCollector.Capture(db.ChangeTracker);
        if (search is null && pages is null)
        {
            return await save(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        }

        // Step 2, in the caller's transaction; step 3 waits for its commit.
        if (db.Database.CurrentTransaction is not null)
        {
            var saved = await save(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
            await WithinTransactionAsync(search, pages, cancellationToken).ConfigureAwait(false);
            return saved;
        }

        // Step 2 in a transaction of its own, run through the execution strategy so that a retry replays
        // the whole unit; its commit runs step 3.
        var count = await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            var transaction = await db.Database.BeginTransactionAsync(token).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var saved = await save(false, token).ConfigureAwait(false);
                await WithinTransactionAsync(search, pages, token).ConfigureAwait(false);
                await transaction.CommitAsync(token).ConfigureAwait(false);
                return saved;
            }
        }, cancellationToken).ConfigureAwait(false);
        if (acceptAllChangesOnSuccess)
        {
            db.ChangeTracker.AcceptAllChanges();
        }
        return count;
    }

    /// <summary>Step 3, once the transaction the changes were saved in has committed.</summary>
    public async Task CommittedAsync(CancellationToken cancellationToken)
    {
        if (afterCommit is null || _committing.Count == 0)
        {
            return;
        }
        var committed = _committing.ToList();
        _committing.Clear();
        foreach (var (tags, change) in committed)
        {
            // The change is committed whatever the caller's token says now: its pages go.
            await afterCommit.RunAsync(tags, change, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>The transaction rolled back: nothing it noted happened.</summary>
    public void RolledBack() => _committing.Clear();

    private async Task WithinTransactionAsync(SearchChanges? search, ContentChangeCollector? pages, CancellationToken cancellationToken)
    {
        if (search is not null)
        {
            await search.ApplyAsync(db, cancellationToken).ConfigureAwait(false);
        }
        if (pages is null)
        {
            return;
        }
        pages.Settle();
        // Before the cache tags are worked out: resolving them adds the pages around the change to it.
        await ReadDocumentInvalidator.InvalidateAsync(db, pages.Change, cancellationToken).ConfigureAwait(false);
        // The stored list pages go by the pages' tags, in this transaction; the output cache's copies after the commit.
        var tags = afterCommit is not null
            ? await afterCommit.PagesOfAsync(db, pages.Change, cancellationToken).ConfigureAwait(false)
            : await new ContentTagResolver(db).ResolveAsync(pages.Change, cancellationToken).ConfigureAwait(false);
        await PageDocuments.InvalidateAsync(db, tags, cancellationToken).ConfigureAwait(false);
        if (afterCommit is not null)
        {
            _committing.Add((tags, pages.Change));
        }
    }

    /// <summary>
    /// A new concurrency token on every insert or update; the original value stays in the WHERE
    /// clause, so a save over someone else's newer save throws DbUpdateConcurrencyException.
    /// </summary>
    private static void StampVersions(ChangeTracker tracker)
    {
        var now = DateTime.UtcNow;
        foreach (var entry in tracker.Entries<IVersioned>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                entry.Entity.Version = Guid.NewGuid();
                entry.Entity.UpdatedAt = now;
            }
        }
    }
}
