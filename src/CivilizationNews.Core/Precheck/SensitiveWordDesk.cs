using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Precheck;

/// <summary>The sensitive-word form as posted.</summary>
public sealed class SensitiveWordInput
{
    public string? Word { get; set; }
    public SensitiveWordLevel Level { get; set; } = SensitiveWordLevel.Warning;
    public string? Note { get; set; }
}

/// <summary>A listed word as the admin page shows it.</summary>
public sealed record SensitiveWordRow(int Id, string Word, SensitiveWordLevel Level, string? Note, DateTime CreatedAt, string CreatedBy);

/// <summary>How a change to the list ended, with its Chinese message.</summary>
public sealed record SensitiveWordResult(SaveOutcome Outcome, string? Message = null, FieldErrors? Errors = null, int Id = 0);

public static class SensitiveWordLevels
{
    public static string Label(this SensitiveWordLevel level) => level switch
    {
        SensitiveWordLevel.Error => "错误",
        SensitiveWordLevel.Warning => "提醒",
        _ => level.ToString(),
    };
}

/// <summary>
/// 敏感词: the administrator's list for the pre-publish check. Adding and removing are audited
/// (sensitive-word.add / sensitive-word.delete) in the same save as the change.
/// </summary>
public sealed class SensitiveWordDesk(NewsDbContext db, AuditLog audit, TimeProvider clock)
{
    public Task<List<SensitiveWordRow>> ListAsync(CancellationToken cancellationToken = default) =>
        db.SensitiveWords.OrderBy(w => w.Level).ThenBy(w => w.Word)
            .Select(w => new SensitiveWordRow(w.Id, w.Word, w.Level, w.Note, w.CreatedAt, w.CreatedBy))
            .ToListAsync(cancellationToken);

    public async Task<SensitiveWordResult> AddAsync(SensitiveWordInput input, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsAdmin)
        {
            return new(SaveOutcome.Forbidden);
        }
        var errors = new FieldErrors();
        var word = FieldErrors.Clean(input.Word);
        errors.Require(nameof(input.Word), word, "敏感词", SensitiveWord.WordMaxLength);
        errors.MaxLength(nameof(input.Note), input.Note, "说明", SensitiveWord.NoteMaxLength);
        if (!Enum.IsDefined(input.Level))
        {
            errors.Add(nameof(input.Level), "请选择级别：错误或提醒。");
        }
        if (word is not null && errors.IsValid)
        {
            var existing = await db.SensitiveWords.Select(w => w.Word).ToListAsync(cancellationToken).ConfigureAwait(false);
            if (existing.Any(w => string.Equals(w, word, StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add(nameof(input.Word), $"“{word}”已在敏感词表中。");
            }
        }
        if (!errors.IsValid)
        {
            return new(SaveOutcome.Invalid, errors.All[0].Message, errors);
        }
        var entry = new SensitiveWord
        {
            Word = word!, Level = input.Level, Note = FieldErrors.Clean(input.Note), CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = user.Name,
        };
        db.SensitiveWords.Add(entry);
        audit.Record(user.Actor, "sensitive-word.add", "SensitiveWord", word, $"{word}（{input.Level.Label()}）");
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new(SaveOutcome.Saved, $"已添加敏感词“{word}”（{input.Level.Label()}）。", Id: entry.Id);
    }

    public async Task<SensitiveWordResult> DeleteAsync(int id, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsAdmin)
        {
            return new(SaveOutcome.Forbidden);
        }
        var entry = await db.SensitiveWords.AsTracking().FirstOrDefaultAsync(w => w.Id == id, cancellationToken).ConfigureAwait(false);
        if (entry is null)
        {
            return new(SaveOutcome.NotFound);
        }
        db.SensitiveWords.Remove(entry);
        audit.Record(user.Actor, "sensitive-word.delete", "SensitiveWord", entry.Word, $"{entry.Word}（{entry.Level.Label()}）");
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new(SaveOutcome.Saved, $"已删除敏感词“{entry.Word}”。", Id: id);
    }
}
