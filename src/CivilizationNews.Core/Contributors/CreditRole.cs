namespace CivilizationNews.Core.Contributors;

/// <summary>The role a contributor is credited with on a story or a page byline.</summary>
public enum CreditRole
{
    Reporter = 1,
    Correspondent = 2,
    PhotoJournalist = 3,
    SpecialWriter = 4,
    Editor = 5,
}

public static class CreditRoles
{
    public static string Label(this CreditRole role) => role switch
    {
        CreditRole.Reporter => "本报记者",
        CreditRole.Correspondent => "通讯员",
        CreditRole.PhotoJournalist => "摄影记者",
        CreditRole.SpecialWriter => "特约撰稿",
        CreditRole.Editor => "编辑",
        _ => role.ToString(),
    };

    /// <summary>Parses a printed role label (本报记者, 记者, 通讯员, …).</summary>
    public static bool TryParse(string? label, out CreditRole role)
    {
        role = (label ?? string.Empty).Trim() switch
        {
            "本报记者" or "记者" => CreditRole.Reporter,
            "通讯员" => CreditRole.Correspondent,
            "摄影记者" or "本报摄影记者" => CreditRole.PhotoJournalist,
            "特约撰稿" or "特约撰稿人" => CreditRole.SpecialWriter,
            "编辑" or "责任编辑" => CreditRole.Editor,
            _ => 0,
        };
        return role != 0;
    }

    public static IReadOnlyList<CreditRole> All { get; } = Enum.GetValues<CreditRole>();
}
