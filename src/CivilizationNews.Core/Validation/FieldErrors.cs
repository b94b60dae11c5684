namespace CivilizationNews.Core.Validation;

/// <summary>One refused field: its input's property path ("Slug", "Honours[2]"; empty for the whole form) and a Chinese message.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>
/// The validation result every Core service returns: the messages in the order found, each keyed by
/// the input's property path, so the admin shows it beside its field (AdminController.ShowErrors).
/// Services word every message themselves, in Chinese; the framework's English binding errors never reach a page.
/// </summary>
public sealed class FieldErrors
{
    private readonly List<FieldError> _errors = [];

    public IReadOnlyList<FieldError> All => _errors;

    public bool IsValid => _errors.Count == 0;

    public void Add(string field, string message) => _errors.Add(new(field, message));

    /// <summary>A required text of at most <paramref name="maxLength"/> characters after trimming.</summary>
    public void Require(string field, string? value, string label, int maxLength)
    {
        if (Clean(value) is null)
        {
            Add(field, $"请填写{label}。");
        }
        else
        {
            MaxLength(field, value, label, maxLength);
        }
    }

    public void MaxLength(string field, string? value, string label, int maxLength)
    {
        if (value?.Trim().Length > maxLength)
        {
            Add(field, $"{label}不超过 {maxLength} 字。");
        }
    }

    /// <summary>
    /// The refusal of a save over someone else's newer save, for an editing form shown above the saved
    /// version (the one conflict experience): <paramref name="what"/> names the item ("这个栏目").
    /// </summary>
    public static FieldErrors Conflict(string what)
    {
        var errors = new FieldErrors();
        errors.Add(string.Empty, $"保存未成功：您编辑期间，{what}已被他人修改并保存。您的输入仍保留在下方，页面底部是目前已保存的内容。请核对后再次保存，再次保存将以您的版本为准。");
        return errors;
    }

    /// <summary>Trimmed text, or null when blank.</summary>
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
