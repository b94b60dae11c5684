namespace CivilizationNews.Core.Units;

/// <summary>The kind of a municipal unit, used to group the unit directory.</summary>
public enum UnitKind
{
    PartyGovernment = 1,
    PublicInstitution = 2,
    StateEnterprise = 3,
    School = 4,
    Hospital = 5,
    Financial = 6,
    SocialOrganisation = 7,
    Other = 99,
}

public static class UnitKinds
{
    public static string Label(this UnitKind kind) => kind switch
    {
        UnitKind.PartyGovernment => "党政机关",
        UnitKind.PublicInstitution => "事业单位",
        UnitKind.StateEnterprise => "国有企业",
        UnitKind.School => "学校",
        UnitKind.Hospital => "医院",
        UnitKind.Financial => "金融机构",
        UnitKind.SocialOrganisation => "社会组织",
        _ => "其他",
    };

    public static UnitKind Parse(string? label) =>
        Enum.GetValues<UnitKind>().FirstOrDefault(k => k.Label() == label?.Trim(), UnitKind.Other);
}
