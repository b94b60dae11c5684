using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Editing;

/// <summary>A story in the newsroom's list.</summary>
public sealed record ArticleListRow(int Id, string Title, ArticleStatus Status, string Section, DateTime UpdatedAt);

/// <summary>One step of a story's workflow history.</summary>
public sealed record TransitionRow(DateTime At, string UserName, ArticleStatus From, ArticleStatus To, string? Reason);

/// <summary>What the editor's selects and photo picker offer.</summary>
public sealed record EditorChoices(
    IReadOnlyList<Choice> Sections, IReadOnlyList<Choice> Units, IReadOnlyList<Contributors.ContributorChoice> Contributors,
    IReadOnlyList<Choice> Pages, IReadOnlyList<PhotoChoice> Photos);

/// <summary>Everything the editor page shows besides the form: choices, workflow, history, who else is editing.</summary>
public sealed record ArticleEditor(
    int? ArticleId, ArticleStatus Status, EditorChoices Choices, IReadOnlyList<ArticleStatus> Transitions,
    IReadOnlyList<TransitionRow> History, IReadOnlyList<string> OthersEditing, RevisionSummary? PendingAutosave,
    DateTime? ScheduledAt, DateTime? PublishedAt, bool CanEdit)
{
    /// <summary>The story's corrections (更正), oldest first.</summary>
    public IReadOnlyList<CorrectionRow> Corrections { get; init; } = [];

    /// <summary>Whether this user may append a correction: an editor, on a published story.</summary>
    public bool CanCorrect { get; init; }
}

/// <summary>
/// A story opened in the editor. <see cref="Editor"/> is null when the user may not see the story
/// (a reporter opening someone else's draft): nothing else is loaded then, and no presence is recorded.
/// </summary>
public sealed record ArticleEditing(string Title, ArticleForm Form, ArticleEditor? Editor);

/// <summary>
/// A save over someone else's newer save: what is saved now, who saved it and when, and field by field how
/// the editor's text differs from it. The editor's form is kept; this is shown beside it.
/// </summary>
public sealed record ArticleConflict(ArticleText Saved, string? SavedBy, DateTime? SavedAt, IReadOnlyList<FieldDiff> Changes)
{
    public static ArticleConflict Of(SaveResult result, ArticleText mine)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(mine);
        var saved = result.Theirs ?? throw new ArgumentException("Not a conflict: the result carries no saved text.", nameof(result));
        return new(saved, result.TheirEditor, result.TheirSavedAt, RevisionDiff.Compare(saved, mine));
    }
}

/// <summary>A story's revisions. <see cref="CanView"/> is false (and the list empty) for a user who may not see the story.</summary>
public sealed record ArticleRevisions(int ArticleId, string Title, bool CanView, IReadOnlyList<RevisionSummary> Revisions);

/// <summary>Two revisions compared field by field.</summary>
public sealed record ArticleRevisionDiff(int ArticleId, string Title, bool CanView, RevisionSummary? Older, RevisionSummary? Newer, IReadOnlyList<FieldDiff> Fields);

/// <summary>
/// The newsroom's reads of stories: the list, the editor page (the form, its choice lists, workflow,
/// history, presence, a pending autosave), revisions and their diffs. Writes go through <see cref="ArticleDesk"/>.
/// </summary>
public sealed class ArticleEditorReader(NewsDbContext db, ArticleDesk desk, EditPresence presence)
{
    public const int PageSize = 30;
    public const int PhotoChoices = 60;

    /// <summary>The stories a user may see (a reporter: their own), newest change first, optionally of one status.</summary>
    public Task<PagedList<ArticleListRow>> ListAsync(NewsroomUser user, ArticleStatus? status, int page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var query = db.Articles.AsQueryable();
        if (!user.IsEditor)
        {
            query = query.Where(a => a.AuthorId == user.Id);
        }
        if (status is { } s)
        {
            query = query.Where(a => a.Status == s);
        }
        return query.OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id)
            .Select(a => new ArticleListRow(a.Id, a.Title, a.Status, a.Section!.Name, a.UpdatedAt))
            .ToPagedListAsync(page, PageSize, cancellationToken);
    }

    /// <summary>A new story's form: dated 本报讯, with the writer's unit (a correspondent) and their own byline.</summary>
    public static ArticleForm NewForm(NewsroomUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var form = new ArticleForm { Dateline = "本报讯", PrimaryUnitId = user.IsCorrespondent ? user.UnitId : null };
        if (user.ContributorId is { } me)
        {
            form.CreditContributorIds.Add(me);
            form.CreditRoles.Add(user.IsCorrespondent ? Contributors.CreditRole.Correspondent : Contributors.CreditRole.Reporter);
        }
        return form;
    }

    /// <summary>Opens a story in the editor and records that the user has it open. Null when there is no such story.</summary>
    public async Task<ArticleEditing?> OpenAsync(int id, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var article = await db.Articles.Where(a => a.Id == id)
            .Include(a => a.Units).Include(a => a.Credits).ThenInclude(c => c.Contributor).Include(a => a.Photos).Include(a => a.Tags).ThenInclude(t => t.Tag).Include(a => a.KeyFigures)
            .AsSplitQuery().FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (article is null)
        {
            return null;
        }
        var form = ArticleForm.From(article);
        if (!NewsroomPermissions.CanView(user, article.AuthorId))
        {
            return new(article.Title, form, null);
        }
        await presence.HeartbeatAsync(id, user, cancellationToken).ConfigureAwait(false);
        return new(article.Title, form, await EditorAsync(id, user, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// The editor page around a form: for a new story (<paramref name="id"/> null) or an existing one, as it is
    /// saved now (status, workflow, history). Used to show a refused or conflicting save again.
    /// </summary>
    public async Task<ArticleEditor> EditorAsync(int? id, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var choices = new EditorChoices(
            await db.SectionChoicesAsync(cancellationToken).ConfigureAwait(false),
            await db.UnitChoicesAsync(cancellationToken).ConfigureAwait(false),
            await db.Contributors.OrderBy(c => c.Name).ThenBy(c => c.Id)
                .Select(c => new Contributors.ContributorChoice(c.Id, c.Name, c.Organisation, c.UsualRole)).ToListAsync(cancellationToken).ConfigureAwait(false),
            await db.EditionPageChoicesAsync(cancellationToken).ConfigureAwait(false),
            await db.RecentPhotoChoicesAsync(PhotoChoices, cancellationToken).ConfigureAwait(false));
        var current = id is null ? null : await db.Articles.Where(a => a.Id == id)
            .Select(a => new { a.Status, a.AuthorId, a.ScheduledAt, a.PublishedAt }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (id is not { } articleId || current is null)
        {
            return new(null, ArticleStatus.Draft, choices, [], [], [], null, null, null, true);
        }
        var history = await db.ArticleTransitions.Where(t => t.ArticleId == articleId).OrderByDescending(t => t.Id)
            .Select(t => new TransitionRow(t.At, t.UserName, t.From, t.To, t.Reason)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var others = await presence.OthersAsync(articleId, user.Id, cancellationToken).ConfigureAwait(false);
        var pending = await desk.PendingAutosaveAsync(articleId, user.Id, cancellationToken).ConfigureAwait(false);
        return new(articleId, current.Status, choices, NewsroomPermissions.AllowedTransitions(user, current.AuthorId, current.Status),
            history, others, pending, current.ScheduledAt, current.PublishedAt, NewsroomPermissions.CanEdit(user, current.AuthorId, current.Status))
        {
            Corrections = await desk.CorrectionsAsync(articleId, cancellationToken).ConfigureAwait(false),
            CanCorrect = NewsroomPermissions.CanCorrect(user, current.Status),
        };
    }

    /// <summary>Whether the story exists (the heartbeat of an editor page whose story was deleted answers 404).</summary>
    public Task<bool> ExistsAsync(int id, CancellationToken cancellationToken = default) =>
        db.Articles.AnyAsync(a => a.Id == id, cancellationToken);

    /// <summary>A story's revisions, newest first. Null when there is no such story.</summary>
    public async Task<ArticleRevisions?> RevisionsAsync(int id, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var article = await db.Articles.Where(a => a.Id == id).Select(a => new { a.Title, a.AuthorId }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (article is null)
        {
            return null;
        }
        if (!NewsroomPermissions.CanView(user, article.AuthorId))
        {
            return new(id, article.Title, false, []);
        }
        return new(id, article.Title, true, await desk.RevisionsAsync(id, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Revisions <paramref name="a"/> and <paramref name="b"/> compared, older first. Null when the story or either revision is missing.</summary>
    public async Task<ArticleRevisionDiff?> DiffAsync(int id, long a, long b, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        var revisions = await RevisionsAsync(id, user, cancellationToken).ConfigureAwait(false);
        if (revisions is null)
        {
            return null;
        }
        if (!revisions.CanView)
        {
            return new(id, revisions.Title, false, null, null, []);
        }
        var older = revisions.Revisions.FirstOrDefault(r => r.Id == Math.Min(a, b));
        var newer = revisions.Revisions.FirstOrDefault(r => r.Id == Math.Max(a, b));
        var olderText = older is null ? null : await desk.RevisionTextAsync(id, older.Id, cancellationToken).ConfigureAwait(false);
        var newerText = newer is null ? null : await desk.RevisionTextAsync(id, newer.Id, cancellationToken).ConfigureAwait(false);
        if (olderText is null || newerText is null)
        {
            return null;
        }
        return new(id, revisions.Title, true, older, newer, RevisionDiff.Compare(olderText, newerText));
    }
}
