using CivilizationNews.Core.Contributors;
using CivilizationNews.Core.Features;

namespace CivilizationNews.Web.Areas.Admin.Models;

/// <summary>The byline form: one role and one line of names per row.</summary>
public sealed class BylineForm
{
    public List<CreditRole> Roles { get; set; } = [];
    public List<string?> Names { get; set; } = [];

    public IReadOnlyList<BylineRow> ToRows() =>
        Names.Select((names, i) => new BylineRow(i < Roles.Count ? Roles[i] : CreditRole.Reporter, names)).ToList();
}

/// <summary>
/// The composer page: the details form's own fields (so that asp-for names them Title, Slug as posted), then the
/// stories, photos, byline and publishing panels. <see cref="Saved"/> is set after a save over someone else's newer one.
/// </summary>
public sealed record FeatureComposerPage : FeatureInput
{
    public FeatureComposerPage(FeatureInput form, FeatureComposition composition, FeatureInput? saved = null, string? savedBy = null)
        : base(form)
    {
        Composition = composition;
        Saved = saved;
        SavedBy = savedBy;
    }

    public FeatureComposition Composition { get; }

    public FeatureInput? Saved { get; }

    public string? SavedBy { get; }
}
