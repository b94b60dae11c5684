using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Contributors;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Saving;
using CivilizationNews.Core.Tags;
using CivilizationNews.Core.Validation;
using CivilizationNews.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Editing;

/// <summary>
/// How a story save ended. After a <see cref="SaveOutcome.Conflict"/>, <see cref="Version"/> is the Version saved now and
/// <see cref="Theirs"/>, <see cref="TheirEditor"/> and <see cref="TheirSavedAt"/> say what is saved and by whom.
/// </summary>
public sealed record SaveResult(SaveOutcome Outcome, int ArticleId = 0, Guid Version = default, FieldErrors? Errors = null,
    ArticleText? Theirs = null, string? TheirEditor = null, DateTime? TheirSavedAt = null)
{
    /// <summary>Contributors created from typed byline names by this save (in the same transaction as the story).</summary>
    public IReadOnlyList<string> NewContributors { get; init; } = [];
}

/// <summary>
/// Writes stories from the editor: validation, units/credits/photos/tags/placement/figures, a revision
/// on every save (autosaves marked), optimistic concurrency on the story's Version token.
/// </summary>
public sealed class ArticleDesk(NewsDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<SaveResult> CreateAsync(ArticleInput input, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        if (!NewsroomPermissions.CanCreate(user))
        {
            return new(SaveOutcome.Forbidden);
        }
        var (errors, plan) = await ValidateAsync(input, user, cancellationToken).ConfigureAwait(false);
        if (!errors.IsValid)
        {
            return new(SaveOutcome.Invalid, Errors: errors);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var article = new Article { Title = input.Title.Trim(), Status = ArticleStatus.Draft, AuthorId = user.Id, CreatedAt = now };
        await using var transaction = await JoinedTransaction.BeginAsync(db, cancellationToken).ConfigureAwait(false);
        var (credits, made, refused) = await CreditsAsync(plan, user, cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            return new(SaveOutcome.Invalid, Errors: refused);
        }
        await ApplyAsync(article, input, credits, cancellationToken).ConfigureAwait(false);
        db.Articles.Add(article);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        AddRevision(article, user, autosave: false, note: "新建");
        audit.Record(user.Actor, "article.create", "Article", article.Id, article.Title);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new(SaveOutcome.Saved, article.Id, article.Version) { NewContributors = made };
    }

    /// <summary>
    /// Saves the editor's form over the story. <paramref name="expectedVersion"/> is the Version the editor
    /// loaded; if anyone saved since, the result is a Conflict with their text and nothing is written.
    /// </summary>
    public async Task<SaveResult> UpdateAsync(int id, ArticleInput input, Guid expectedVersion, NewsroomUser user,
        string? note = null, CancellationToken cancellationToken = default)
    {
        var article = await LoadForWriteAsync(id, cancellationToken).ConfigureAwait(false);
        if (article is null)
        {
            return new(SaveOutcome.NotFound);
        }
        if (!NewsroomPermissions.CanEdit(user, article.AuthorId, article.Status))
        {
            return new(SaveOutcome.Forbidden);
        }
        if (article.Version != expectedVersion)
        {
            return await ConflictAsync(article, cancellationToken).ConfigureAwait(false);
        }
        var (errors, plan) = await ValidateAsync(input, user, cancellationToken).ConfigureAwait(false);
        if (!errors.IsValid)
        {
            return new(SaveOutcome.Invalid, id, article.Version, errors);
        }
        // New contributors and the story commit together: a refused save leaves no contributor behind.
        var transaction = await JoinedTransaction.BeginAsync(db, cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var (credits, made, refused) = await CreditsAsync(plan, user, cancellationToken).ConfigureAwait(false);
            if (refused is not null)
            {
                return new(SaveOutcome.Invalid, id, article.Version, refused);
            }
            // The token the editor loaded is the one the UPDATE must still find.
            db.Entry(article).Property(a => a.Version).OriginalValue = expectedVersion;
            await ApplyAsync(article, input, credits, cancellationToken).ConfigureAwait(false);
            AddRevision(article, user, autosave: false, note);
            audit.Record(user.Actor, "article.update", "Article", article.Id, note);
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                var fresh = await LoadForWriteAsync(id, cancellationToken).ConfigureAwait(false);
                return fresh is null ? new(SaveOutcome.NotFound) : await ConflictAsync(fresh, cancellationToken).ConfigureAwait(false);
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new(SaveOutcome.Saved, article.Id, article.Version) { NewContributors = made };
        }
    }

    /// <summary>
    /// 更正: saves the editor's form over a published story together with a dated correction (what was wrong,
    /// what is right), in one save. Editors only. The revision the story had before (its text as readers saw
    /// it) stays linked to the correction, and the save makes a new revision noted as the correction, so the
    /// history is never rewritten silently. The story's UpdatedAt moves even when its text is unchanged:
    /// feeds and structured data show the correction as a modification.
    /// </summary>
    public async Task<SaveResult> CorrectAsync(int id, ArticleInput input, Guid expectedVersion, CorrectionInput correction, NewsroomUser user,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(correction);
        ArgumentNullException.ThrowIfNull(user);
        var article = await LoadForWriteAsync(id, cancellationToken).ConfigureAwait(false);
        if (article is null)
        {
            return new(SaveOutcome.NotFound);
        }
        if (!user.IsEditor)
        {
            return new(SaveOutcome.Forbidden);
        }
        if (article.Version != expectedVersion)
        {
            return await ConflictAsync(article, cancellationToken).ConfigureAwait(false);
        }
        var (errors, plan) = await ValidateAsync(input, user, cancellationToken).ConfigureAwait(false);
        if (article.Status != ArticleStatus.Published)
        {
            errors.Add(string.Empty, "只有已发布的稿件可以登记更正；未发布的稿件请直接修改。");
        }
        var wrong = FieldErrors.Clean(correction.Wrong);
        var right = FieldErrors.Clean(correction.Right);
        errors.Require("Correction.Wrong", wrong, "原文错误之处", ArticleCorrection.TextMaxLength);
        errors.Require("Correction.Right", right, "更正内容", ArticleCorrection.TextMaxLength);
        if (!errors.IsValid)
        {
            return new(SaveOutcome.Invalid, id, article.Version, errors);
        }

        var before = await db.ArticleRevisions.Where(r => r.ArticleId == id && !r.IsAutosave).OrderByDescending(r => r.Id)
            .Select(r => (long?)r.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        ArticleRevision? snapshot = null;
        if (before is null)
        {
            // A story that never went through the editor (seeded, or older than revisions) gets its text kept first.
            snapshot = ToRevision(id, new ArticleText(article.Kicker, article.Title, article.Subtitle, article.Summary, article.Dateline, article.Body),
                user, autosave: false, note: "更正前的版本", article);
            db.ArticleRevisions.Add(snapshot);
        }
        var transaction = await JoinedTransaction.BeginAsync(db, cancellationToken).ConfigureAwait(false);
        await using var _ = transaction.ConfigureAwait(false);
        var (credits, made, refused) = await CreditsAsync(plan, user, cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            return new(SaveOutcome.Invalid, id, article.Version, refused);
        }
        db.Entry(article).Property(a => a.Version).OriginalValue = expectedVersion;
        await ApplyAsync(article, input, credits, cancellationToken).ConfigureAwait(false);
        db.Entry(article).Property(a => a.UpdatedAt).IsModified = true;
        var note = "更正：" + Shorten(wrong!, 60);
        var revision = ToRevision(id, new ArticleText(article.Kicker, article.Title, article.Subtitle, article.Summary, article.Dateline, article.Body),
            user, autosave: false, note: note, article);
        db.ArticleRevisions.Add(revision);
        db.ArticleCorrections.Add(new ArticleCorrection
        {
            ArticleId = id, Article = article, CreatedAt = clock.GetUtcNow().UtcDateTime, UserId = user.Id, UserName = user.Name,
            Wrong = wrong!, Right = right!, BeforeRevisionId = before, BeforeRevision = snapshot, Revision = revision,
        });
        audit.Record(user.Actor, "article.correct", "Article", id, $"更正：{wrong} → {right}");
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var fresh = await LoadForWriteAsync(id, cancellationToken).ConfigureAwait(false);
            return fresh is null ? new(SaveOutcome.NotFound) : await ConflictAsync(fresh, cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new(SaveOutcome.Saved, id, article.Version) { NewContributors = made };
    }

    /// <summary>A story's corrections, oldest first, with the revisions before and after each (for the editor page).</summary>
    public Task<List<CorrectionRow>> CorrectionsAsync(int articleId, CancellationToken cancellationToken = default) =>
        db.ArticleCorrections.Where(c => c.ArticleId == articleId).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new CorrectionRow(c.Id, c.CreatedAt, c.UserName, c.Wrong, c.Right, c.BeforeRevisionId, c.RevisionId))
            .ToListAsync(cancellationToken);

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    /// <summary>
    /// Keeps the editor's unsaved text as an autosave revision without touching the story itself,
    /// so a closed tab or a lost connection never loses typing and never overwrites anyone.
    /// </summary>
    public async Task<SaveResult> AutosaveAsync(int id, ArticleText text, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        var article = await db.Articles.Where(a => a.Id == id).Select(a => new { a.AuthorId, a.Status, a.Version })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (article is null)
        {
            return new(SaveOutcome.NotFound);
        }
        if (!NewsroomPermissions.CanEdit(user, article.AuthorId, article.Status))
        {
            return new(SaveOutcome.Forbidden);
        }
        db.ArticleRevisions.Add(ToRevision(id, text, user, autosave: true, note: "自动保存"));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new(SaveOutcome.Saved, id, article.Version);
    }

    public Task<List<RevisionSummary>> RevisionsAsync(int articleId, CancellationToken cancellationToken = default) =>
        db.ArticleRevisions.Where(r => r.ArticleId == articleId).OrderByDescending(r => r.Id)
            .Select(r => new RevisionSummary(r.Id, r.CreatedAt, r.UserName, r.IsAutosave, r.Note, r.Title, r.Body.Length))
            .ToListAsync(cancellationToken);

    public Task<ArticleText?> RevisionTextAsync(int articleId, long revisionId, CancellationToken cancellationToken = default) =>
        db.ArticleRevisions.Where(r => r.ArticleId == articleId && r.Id == revisionId)
            .Select(r => new ArticleText(r.Kicker, r.Title, r.Subtitle, r.Summary, r.Dateline, r.Body))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Restoring copies an old revision's text onto the story and records a new revision.</summary>
    public async Task<SaveResult> RestoreAsync(int articleId, long revisionId, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        var text = await RevisionTextAsync(articleId, revisionId, cancellationToken).ConfigureAwait(false);
        var article = await LoadForWriteAsync(articleId, cancellationToken).ConfigureAwait(false);
        if (text is null || article is null)
        {
            return new(SaveOutcome.NotFound);
        }
        if (!NewsroomPermissions.CanEdit(user, article.AuthorId, article.Status))
        {
            return new(SaveOutcome.Forbidden);
        }
        SetText(article, text);
        var note = $"恢复自版本 #{revisionId}";
        AddRevision(article, user, autosave: false, note);
        audit.Record(user.Actor, "article.restore", "Article", articleId, note);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new(SaveOutcome.Saved, articleId, article.Version);
    }

    /// <summary>The newest autosave made after the story's last real save, if any: offered for recovery.</summary>
    public async Task<RevisionSummary?> PendingAutosaveAsync(int articleId, string userId, CancellationToken cancellationToken = default)
    {
        var lastSave = await db.ArticleRevisions.Where(r => r.ArticleId == articleId && !r.IsAutosave)
            .MaxAsync(r => (long?)r.Id, cancellationToken).ConfigureAwait(false) ?? 0;
        return await db.ArticleRevisions
            .Where(r => r.ArticleId == articleId && r.IsAutosave && r.Id > lastSave && r.UserId == userId)
            .OrderByDescending(r => r.Id)
            .Select(r => new RevisionSummary(r.Id, r.CreatedAt, r.UserName, r.IsAutosave, r.Note, r.Title, r.Body.Length))
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<SaveResult> ConflictAsync(Article current, CancellationToken cancellationToken)
    {
        var last = await db.ArticleRevisions.Where(r => r.ArticleId == current.Id && !r.IsAutosave).OrderByDescending(r => r.Id)
            .Select(r => new { r.UserName, r.CreatedAt }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var errors = new FieldErrors();
        errors.Add(string.Empty, "保存未成功：您编辑期间，这篇稿件已被他人修改并保存。您的输入仍保留在表单中，旁边是目前已保存的版本。请对照后再次保存，再次保存将以您的版本为准；两份文本都不会丢失。");
        return new(SaveOutcome.Conflict, current.Id, current.Version, errors,
            Theirs: new ArticleText(current.Kicker, current.Title, current.Subtitle, current.Summary, current.Dateline, current.Body),
            TheirEditor: last?.UserName, TheirSavedAt: last?.CreatedAt ?? current.UpdatedAt);
    }

    private Task<Article?> LoadForWriteAsync(int id, CancellationToken cancellationToken) =>
        db.Articles.AsTracking()
            .Include(a => a.Units).Include(a => a.Credits).Include(a => a.Photos).Include(a => a.Tags).Include(a => a.KeyFigures)
            .AsSplitQuery()
            .FirstOrDefaultAsync(a => a.Id == id, cancellationToken);

    private async Task<(FieldErrors Errors, List<CreditPlan> Credits)> ValidateAsync(ArticleInput input, NewsroomUser user, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(input.Title))
        {
            errors.Add("Title", "请填写标题。");
        }
        else if (input.Title.Trim().Length > 200)
        {
            errors.Add("Title", "标题不能超过200字。");
        }
        void Max(string? value, int max, string field, string label)
        {
            if (value?.Trim().Length > max)
            {
                errors.Add(field, $"{label}不能超过{max}字。");
            }
        }
        Max(input.Kicker, 200, "Kicker", "引题");
        Max(input.Subtitle, 300, "Subtitle", "副题");
        Max(input.Summary, 1000, "Summary", "摘要");
        Max(input.Dateline, 200, "Dateline", "电头");
        if (input.Body.Length > 200_000)
        {
            errors.Add("Body", "正文过长（超过20万字），请拆分稿件。");
        }
        if (!await db.Sections.AnyAsync(s => s.Id == input.SectionId, cancellationToken).ConfigureAwait(false))
        {
            errors.Add("SectionId", "请选择栏目。");
        }
        var unitIds = input.UnitIds.Distinct().ToList();
        if (user.IsCorrespondent && !user.IsEditor && user.UnitId is { } own && !unitIds.Contains(own))
        {
            errors.Add("UnitIds", "通讯员稿件须包含本单位。");
        }
        else if (unitIds.Count > 0 && await db.Units.CountAsync(u => unitIds.Contains(u.Id), cancellationToken).ConfigureAwait(false) != unitIds.Count)
        {
            errors.Add("UnitIds", "所选单位不存在。");
        }
        var credits = await PlanCreditsAsync(input.Credits, errors, cancellationToken).ConfigureAwait(false);
        var photoIds = input.PhotoIds.Distinct().ToList();
        if (photoIds.Count > 0 && await db.Media.CountAsync(m => photoIds.Contains(m.Id), cancellationToken).ConfigureAwait(false) != photoIds.Count)
        {
            errors.Add("PhotoIds", "所选图片不存在。");
        }
        if (input.EditionPageId is { } pageId && !await db.EditionPages.AnyAsync(p => p.Id == pageId, cancellationToken).ConfigureAwait(false))
        {
            errors.Add("EditionPageId", "所选版面不存在。");
        }
        if (input.Tags.Any(t => t.Length > 50))
        {
            errors.Add("Tags", "每个标签不超过50字。");
        }
        KeyFigureParser.Parse(input.KeyFigures, out var figureErrors);
        if (figureErrors.Count > 0)
        {
            errors.Add("KeyFigures", figureErrors[0]);
        }
        return (errors, credits);
    }

    /// <summary>The most byline rows a story takes.</summary>
    public const int MaxCredits = 30;

    /// <summary>A byline row as validated: an existing contributor, or a name to become a new one.</summary>
    private sealed record CreditPlan(int? ContributorId, string? NewName, CreditRole Role);

    /// <summary>
    /// Checks the byline rows and decides each one: a chosen contributor whose name was not changed stays chosen;
    /// a typed name is the one contributor of that name, or a new contributor when nobody has it. Errors (in
    /// Chinese, naming the row) for an unknown contributor, a missing role, a name too long, or a name several
    /// contributors share (the editor must choose one from the list).
    /// </summary>
    private async Task<List<CreditPlan>> PlanCreditsAsync(IReadOnlyList<CreditInput> rows, FieldErrors errors, CancellationToken cancellationToken)
    {
        var plan = new List<CreditPlan>();
        if (rows.Count > MaxCredits)
        {
            errors.Add("Credits", $"署名最多 {MaxCredits} 位，请删去多余的署名行。");
            return plan;
        }
        var ids = rows.Where(r => r.ContributorId is not null).Select(r => r.ContributorId!.Value).Distinct().ToList();
        var names = rows.Where(r => r.Name is not null).Select(r => r.Name!.Trim()).Where(n => n.Length is > 0 and <= Contributor.NameMaxLength).Distinct().ToList();
        // A typed "姓名（单位）" (the datalist's label for a name two contributors share) names one of them.
        var bare = names.Select(n => SplitLabel(n).Name).ToList();
        var known = await db.Contributors.Where(c => ids.Contains(c.Id) || names.Contains(c.Name) || bare.Contains(c.Name))
            .Select(c => new { c.Id, c.Name, c.Organisation }).ToListAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var name = string.IsNullOrWhiteSpace(row.Name) ? null : row.Name.Trim();
            var at = $"第 {i + 1} 行署名";
            if (!Enum.IsDefined(row.Role))
            {
                errors.Add("Credits", $"{at}：请选择身份。");
                continue;
            }
            var chosen = row.ContributorId is { } id ? known.FirstOrDefault(c => c.Id == id) : null;
            if (row.ContributorId is not null && chosen is null && name is null)
            {
                errors.Add("Credits", $"{at}：所选作者不存在，请重新选择。");
                continue;
            }
            if (chosen is not null && (name is null || name == chosen.Name))
            {
                plan.Add(new(chosen.Id, null, row.Role));
                continue;
            }
            if (name!.Length > Contributor.NameMaxLength)
            {
                errors.Add("Credits", $"{at}：姓名不能超过 {Contributor.NameMaxLength} 字。");
                continue;
            }
            if (name.Any(char.IsControl))
            {
                errors.Add("Credits", $"{at}：姓名含有无法显示的字符。");
                continue;
            }
            var same = known.Where(c => c.Name == name).ToList();
            if (same.Count == 0 && SplitLabel(name) is { Organisation: { } organisation } label)
            {
                same = known.Where(c => c.Name == label.Name && c.Organisation == organisation).ToList();
            }
            if (same.Count > 1)
            {
                errors.Add("Credits", $"{at}：作者库中有 {same.Count} 位“{name}”，请从候选列表中选择其中一位。");
                continue;
            }
            plan.Add(same.Count == 1 ? new(same[0].Id, null, row.Role) : new(null, name, row.Role));
        }
        return plan;
    }

    private static (string Name, string? Organisation) SplitLabel(string text)
    {
        var open = text.IndexOf('（', StringComparison.Ordinal);
        return open > 0 && text.EndsWith('）') ? (text[..open].Trim(), text[(open + 1)..^1].Trim()) : (text, null);
    }

    /// <summary>
    /// The byline rows with every contributor id known: names nobody has yet become contributors here, through
    /// <see cref="ContributorDesk"/> (validated and audited as contributor.create, as on the contributors page), in
    /// the caller's transaction. A name typed on two rows makes one contributor.
    /// </summary>
    private async Task<(List<CreditInput> Credits, List<string> Made, FieldErrors? Refused)> CreditsAsync(List<CreditPlan> plan, NewsroomUser user,
        CancellationToken cancellationToken)
    {
        var made = new Dictionary<string, int>(StringComparer.Ordinal);
        var credits = new List<CreditInput>();
        var contributors = new ContributorDesk(db, audit);
        foreach (var row in plan)
        {
            if (row.ContributorId is { } id)
            {
                credits.Add(new CreditInput(id, row.Role));
                continue;
            }
            var name = row.NewName!;
            if (!made.TryGetValue(name, out var newId))
            {
                string slug;
                do
                {
                    // Contributor slugs are ASCII; an editor can give a readable one on the contributor's page.
                    slug = "contributor-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));
                }
                while (await db.Contributors.AnyAsync(c => c.Slug == slug, cancellationToken).ConfigureAwait(false));
                var result = await contributors.CreateAsync(new ContributorInput { Slug = slug, Name = name, UsualRole = row.Role }, user, cancellationToken)
                    .ConfigureAwait(false);
                if (result.Outcome != SaveOutcome.Saved)
                {
                    db.ChangeTracker.Clear();
                    var refused = new FieldErrors();
                    refused.Add("Credits", $"未能把“{name}”加入作者库：{(result.Errors is { IsValid: false } e ? e.All[0].Message : null) ?? "请检查姓名。"}");
                    return ([], [], refused);
                }
                made[name] = newId = result.Id;
            }
            credits.Add(new CreditInput(newId, row.Role));
        }
        return (credits, made.Keys.ToList(), null);
    }

    private async Task ApplyAsync(Article article, ArticleInput input, IReadOnlyList<CreditInput> credits, CancellationToken cancellationToken)
    {
        SetText(article, new ArticleText(input.Kicker, input.Title, input.Subtitle, input.Summary, input.Dateline, input.Body));
        article.SectionId = input.SectionId;
        article.EditionPageId = input.EditionPageId;
        article.PageOrder = input.EditionPageId is null ? 0 : Math.Max(1, input.PageOrder);

        article.Units.Clear();
        var order = 0;
        foreach (var unitId in input.UnitIds.Distinct())
        {
            article.Units.Add(new ArticleUnit { UnitId = unitId, IsPrimary = order == 0, SortOrder = order++ });
        }
        article.Credits.Clear();
        order = 0;
        foreach (var credit in credits.Distinct())
        {
            article.Credits.Add(new ArticleCredit { ContributorId = credit.ContributorId!.Value, Role = credit.Role, SortOrder = order++ });
        }
        article.Photos.Clear();
        order = 0;
        foreach (var mediaId in input.PhotoIds.Distinct())
        {
            article.Photos.Add(new ArticlePhoto { MediaId = mediaId, SortOrder = order++ });
        }
        article.KeyFigures.Clear();
        article.KeyFigures.AddRange(KeyFigureParser.Parse(input.KeyFigures, out _));

        var names = input.Tags.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var existing = await db.Tags.AsTracking().Where(t => names.Contains(t.Name)).ToListAsync(cancellationToken).ConfigureAwait(false);
        article.Tags.Clear();
        foreach (var name in names)
        {
            var tag = existing.FirstOrDefault(t => t.Name == name) ?? new Tag { Name = name };
            article.Tags.Add(new ArticleTag { Tag = tag });
        }
    }

    private static void SetText(Article article, ArticleText text)
    {
        static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        article.Kicker = Clean(text.Kicker);
        article.Title = text.Title.Trim();
        // The subtitle is stored without the —— the page prints before it.
        article.Subtitle = Clean(text.Subtitle?.TrimStart('—', '-', ' ', '　'));
        article.Summary = Clean(text.Summary);
        article.Dateline = Clean(text.Dateline);
        article.Body = (text.Body ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private void AddRevision(Article article, NewsroomUser user, bool autosave, string? note) =>
        db.ArticleRevisions.Add(ToRevision(article.Id, new ArticleText(article.Kicker, article.Title, article.Subtitle, article.Summary, article.Dateline, article.Body), user, autosave, note, article));

    private ArticleRevision ToRevision(int articleId, ArticleText text, NewsroomUser user, bool autosave, string? note, Article? article = null) => new()
    {
        ArticleId = articleId, Article = article, CreatedAt = clock.GetUtcNow().UtcDateTime, UserId = user.Id, UserName = user.Name,
        IsAutosave = autosave, Note = note,
        Kicker = text.Kicker, Title = string.IsNullOrWhiteSpace(text.Title) ? "（无标题）" : text.Title.Trim(),
        Subtitle = text.Subtitle, Summary = text.Summary, Dateline = text.Dateline, Body = text.Body ?? string.Empty,
    };
}

/// <summary>What an editor writes for a correction: what the story said that was wrong, and what is right.</summary>
public sealed record CorrectionInput
{
    public string? Wrong { get; set; }
    public string? Right { get; set; }
}

/// <summary>A correction as the editor page lists it, with the revisions before and after it (null for a story saved before revisions).</summary>
public sealed record CorrectionRow(int Id, DateTime CreatedAt, string UserName, string Wrong, string Right, long? BeforeRevisionId, long? RevisionId);

public sealed record RevisionSummary(long Id, DateTime CreatedAt, string UserName, bool IsAutosave, string? Note, string Title, int BodyLength);
