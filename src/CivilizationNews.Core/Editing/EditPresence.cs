using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Editing;

/// <summary>
/// Who else has a story open. The editor page sends a heartbeat; an entry older than
/// <see cref="Window"/> no longer counts. Kept in the database so every instance sees it.
/// </summary>
public sealed class EditPresence(NewsDbContext db, TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Records that <paramref name="user"/> has the story open and names the others who do. Null when there is no
    /// such story or the member may not open it: who is editing a colleague's draft is not theirs to know.
    /// </summary>
    public async Task<IReadOnlyList<string>?> HeartbeatAsync(int articleId, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var story = await db.Articles.Where(a => a.Id == articleId).Select(a => new { a.AuthorId }).FirstOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);
        if (story is null || !NewsroomPermissions.CanView(user, story.AuthorId))
        {
            return null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var updated = await db.ArticleEditPresences.Where(p => p.ArticleId == articleId && p.UserId == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.LastSeenAt, now).SetProperty(p => p.UserName, user.Name), cancellationToken)
            .ConfigureAwait(false);
        if (updated == 0)
        {
            db.ArticleEditPresences.Add(new ArticleEditPresence { ArticleId = articleId, UserId = user.Id, UserName = user.Name, LastSeenAt = now });
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException)
            {
                // Another request of the same user inserted it first: the row exists, which is all we need.
                db.ChangeTracker.Clear();
            }
        }
        return await OthersAsync(articleId, user.Id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> OthersAsync(int articleId, string userId, CancellationToken cancellationToken = default)
    {
        var since = clock.GetUtcNow().UtcDateTime - Window;
        return await db.ArticleEditPresences
            .Where(p => p.ArticleId == articleId && p.UserId != userId && p.LastSeenAt >= since)
            .Select(p => p.UserName).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task LeaveAsync(int articleId, string userId, CancellationToken cancellationToken = default) =>
        db.ArticleEditPresences.Where(p => p.ArticleId == articleId && p.UserId == userId).ExecuteDeleteAsync(cancellationToken);
}
