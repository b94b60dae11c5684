namespace CivilizationNews.Core.Content;

/// <summary>
/// HTML that has been through <see cref="MarkdownRenderer"/> and its sanitizer. Only the renderer
/// can make one, so a view that writes a SafeHtml raw cannot be handed unsanitized text.
/// </summary>
public sealed class SafeHtml
{
    internal SafeHtml(string value) => Value = value;

    public string Value { get; }

    public static SafeHtml Empty { get; } = new(string.Empty);

    public override string ToString() => Value;
}
