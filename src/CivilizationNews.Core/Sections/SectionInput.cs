namespace CivilizationNews.Core.Sections;

/// <summary>The section form as posted. Strings are nullable so that <see cref="SectionDesk"/>, not implicit [Required], words the errors.</summary>
public sealed class SectionInput
{
    public string? Slug { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public int SortOrder { get; set; }
    /// <summary>The version the editor loaded: a save over a newer one is refused as a conflict.</summary>
    public Guid Version { get; set; }

    public static SectionInput From(Section section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return new() { Slug = section.Slug, Name = section.Name, Description = section.Description, SortOrder = section.SortOrder, Version = section.Version };
    }
}

/// <summary>A section in the admin list, in navigation order.</summary>
public sealed record SectionRow(int Id, string Slug, string Name, string? Description, int SortOrder, int Stories);

/// <summary>A section loaded for editing: the form's values and how many stories it holds.</summary>
public sealed record SectionEditing(SectionInput Input, int Stories);
