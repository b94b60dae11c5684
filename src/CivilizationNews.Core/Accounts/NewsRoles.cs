namespace CivilizationNews.Core.Accounts;

/// <summary>Newsroom roles. Names are stable identifiers; labels are what the admin shows.</summary>
public static class NewsRoles
{
    /// <summary>管理员: users and settings.</summary>
    public const string Admin = "Admin";
    /// <summary>编辑: edit, approve, schedule, publish.</summary>
    public const string Editor = "Editor";
    /// <summary>记者: write and submit own drafts.</summary>
    public const string Reporter = "Reporter";
    /// <summary>通讯员: submit drafts for their unit.</summary>
    public const string Correspondent = "Correspondent";

    public static IReadOnlyList<string> All { get; } = [Admin, Editor, Reporter, Correspondent];

    public static string Label(string role) => role switch
    {
        Admin => "管理员",
        Editor => "编辑",
        Reporter => "记者",
        Correspondent => "通讯员",
        _ => role,
    };

    public static string? FromLabelOrName(string value) =>
        All.FirstOrDefault(r => string.Equals(r, value, StringComparison.OrdinalIgnoreCase) || Label(r) == value);
}
