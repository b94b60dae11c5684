namespace CivilizationNews.Core.Articles;

/// <summary>How a printed figure is qualified: 余 / 约 / 超过, or exact.</summary>
public enum FigureQualifier
{
    Exact = 0,
    Over = 1,
    About = 2,
    MoreThan = 3,
}

/// <summary>数据: a number stated in a story, kept exactly as printed (3.06万 stays 3.06万).</summary>
public class KeyFigure
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public Article? Article { get; set; }
    public required string Label { get; set; }
    /// <summary>The number as printed, e.g. "3.06万" or "18816".</summary>
    public required string Value { get; set; }
    public FigureQualifier Qualifier { get; set; }
    /// <summary>Unit of measure: 人次, 家, 元, 册 ….</summary>
    public string? Measure { get; set; }
    /// <summary>The phrase of the story the figure came from.</summary>
    public string? SourceText { get; set; }
    public int SortOrder { get; set; }

    /// <summary>The figure as a reader sees it: value, 余 where stated, then the measure.</summary>
    public string Display => Qualifier switch
    {
        FigureQualifier.Over => $"{Value}余{Measure}",
        FigureQualifier.About => $"约{Value}{Measure}",
        FigureQualifier.MoreThan => $"超过{Value}{Measure}",
        _ => $"{Value}{Measure}",
    };
}
