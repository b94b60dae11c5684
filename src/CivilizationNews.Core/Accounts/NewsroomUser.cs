using CivilizationNews.Core.Auditing;

namespace CivilizationNews.Core.Accounts;

/// <summary>The signed-in newsroom member on whose behalf a service acts.</summary>
public sealed record NewsroomUser(string Id, string Name, IReadOnlySet<string> Roles, int? UnitId = null, int? ContributorId = null, string? IpAddress = null)
{
    public bool IsAdmin => Roles.Contains(NewsRoles.Admin);

    /// <summary>Editors approve, schedule and publish; administrators may too.</summary>
    public bool IsEditor => Roles.Contains(NewsRoles.Editor) || IsAdmin;

    public bool IsReporter => Roles.Contains(NewsRoles.Reporter);

    public bool IsCorrespondent => Roles.Contains(NewsRoles.Correspondent);

    public AuditActor Actor => new(Id, Name, IpAddress);
}
