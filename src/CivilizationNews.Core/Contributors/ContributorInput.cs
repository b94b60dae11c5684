namespace CivilizationNews.Core.Contributors;

/// <summary>The contributor form as posted. Strings are nullable so that <see cref="ContributorDesk"/>, not implicit [Required], words the errors.</summary>
public sealed class ContributorInput
{
    public string? Slug { get; set; }
    public string? Name { get; set; }
    public CreditRole UsualRole { get; set; } = CreditRole.Reporter;
    public string? Organisation { get; set; }
    /// <summary>The version the editor loaded: a save over a newer one is refused as a conflict.</summary>
    public Guid Version { get; set; }

    public static ContributorInput From(Contributor contributor)
    {
        ArgumentNullException.ThrowIfNull(contributor);
        return new()
        {
            Slug = contributor.Slug, Name = contributor.Name, UsualRole = contributor.UsualRole, Organisation = contributor.Organisation,
            Version = contributor.Version,
        };
    }
}

/// <summary>A contributor in the admin list, with the stories and photos credited to them.</summary>
public sealed record ContributorRow(int Id, string Slug, string Name, CreditRole UsualRole, string? Organisation, int Credits, int Photos);

/// <summary>A contributor loaded for editing: the form's values and how many stories credit them.</summary>
public sealed record ContributorEditing(ContributorInput Input, int Credits);

/// <summary>A contributor offered in the story editor's byline rows and its name lookup.</summary>
public sealed record ContributorChoice(int Id, string Name, string? Organisation, CreditRole UsualRole)
{
    /// <summary>The name with the contributor's organisation, to tell two people of one name apart.</summary>
    public string Label => Organisation is null ? Name : $"{Name}（{Organisation}）";
}
