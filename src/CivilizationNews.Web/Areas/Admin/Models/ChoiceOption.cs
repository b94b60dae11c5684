namespace CivilizationNews.Web.Areas.Admin.Models;

/// <summary>One entry of a select on the pages that still build their own choice lists (Core's are <c>Content.Choice</c>).</summary>
public sealed record ChoiceOption(int Id, string Label);
